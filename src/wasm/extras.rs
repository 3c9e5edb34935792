//! The lazily loaded extras module: XLSX workbooks and zipped Shapefiles → plain data.

use super::convert::{from_js, js_error, to_js};
use crate::ingest::boundaries::{load_boundaries, to_geojson, BoundaryOptions};
use crate::ingest::xlsx_to_table;
use wasm_bindgen::prelude::*;

/// One sheet of a workbook as a text grid (`{sheets, sheet, first_row, rows}`).
#[wasm_bindgen(js_name = xlsxToTable)]
pub fn xlsx_to_table_js(bytes: &[u8], sheet: Option<String>) -> Result<JsValue, JsValue> {
    let t = xlsx_to_table(bytes, sheet.as_deref()).map_err(|e| js_error(&e))?;
    to_js(&t)
}

/// A zipped Shapefile as normalised GeoJSON (`id` = the chosen id, `properties.name`), plus the
/// warnings, for the main module's `loadBoundaries`.
#[wasm_bindgen(js_name = shapefileToGeojson)]
pub fn shapefile_to_geojson(
    bytes: &[u8],
    name: &str,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let opts: BoundaryOptions = from_js(options)?;
    let (b, warnings) = load_boundaries(bytes, name, &opts).map_err(|e| js_error(&e))?;
    let out = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&out, &"geojson".into(), &to_geojson(&b).into());
    let _ = js_sys::Reflect::set(&out, &"warnings".into(), &to_js(&warnings)?);
    Ok(out.into())
}

/// Flat rows (`{rows, sheet}`) as an XLSX workbook (bytes).
#[wasm_bindgen(js_name = rowsToXlsx)]
pub fn rows_to_xlsx_js(options: JsValue) -> Result<Vec<u8>, JsValue> {
    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    struct Rows {
        rows: Vec<serde_json::Value>,
        sheet: String,
    }
    let r: Rows = from_js(options)?;
    crate::export::rows_to_xlsx(&r.rows, &r.sheet).map_err(|e| js_error(&e))
}
