//! The lazily loaded extras module: XLSX workbooks and zipped Shapefiles → plain data.

use super::convert::{from_js, js_error, to_js};
use crate::ingest::boundaries::{
    load_boundaries, load_shapefile_parts, shapefile_zip, to_geojson, BoundaryOptions,
};
use crate::ingest::xlsx_to_table;
use crate::{Error, ErrorCode, Location};
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

/// A Shapefile chosen as separate files (`.shp` + `.dbf`, optional `.cpg` and `.prj` text) as
/// normalised GeoJSON plus warnings, like [`shapefile_to_geojson`], and the parts bundled as one
/// zip (`zip`, bytes) the page keeps as the boundary file (sessions, another id property).
/// `dbf` absent → `E_SHAPEFILE_READ` naming the missing file.
#[wasm_bindgen(js_name = shapefilePartsToGeojson)]
pub fn shapefile_parts_to_geojson(
    shp: &[u8],
    dbf: Option<Vec<u8>>,
    cpg: Option<String>,
    prj: Option<String>,
    name: &str,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let opts: BoundaryOptions = from_js(options)?;
    let Some(dbf) = dbf else {
        let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
        return Err(js_error(
            &Error::new(
                ErrorCode::ShapefileRead,
                format!("{stem}.dbf is missing: choose {name} and {stem}.dbf together (the .dbf holds the region ids), or the .zip"),
            )
            .at(Location::file(name)),
        ));
    };
    let (b, warnings) =
        load_shapefile_parts(shp, &dbf, cpg.as_deref(), name, &opts).map_err(|e| js_error(&e))?;
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let [n_shp, n_dbf, n_cpg, n_prj] = ["shp", "dbf", "cpg", "prj"].map(|e| format!("{stem}.{e}"));
    let mut parts: Vec<(&str, &[u8])> = vec![(&n_shp, shp), (&n_dbf, &dbf)];
    if let Some(c) = &cpg {
        parts.push((&n_cpg, c.as_bytes()));
    }
    if let Some(p) = &prj {
        parts.push((&n_prj, p.as_bytes()));
    }
    let zip = shapefile_zip(&parts).map_err(|e| js_error(&e))?;
    let out = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&out, &"geojson".into(), &to_geojson(&b).into());
    let _ = js_sys::Reflect::set(&out, &"warnings".into(), &to_js(&warnings)?);
    let _ = js_sys::Reflect::set(
        &out,
        &"zip".into(),
        &js_sys::Uint8Array::from(&zip[..]).into(),
    );
    let _ = js_sys::Reflect::set(&out, &"zipName".into(), &format!("{stem}.zip").into());
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
