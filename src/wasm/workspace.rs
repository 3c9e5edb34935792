//! The worker-resident workspace.

use super::convert::{from_js, js_error, to_js, Obj};
use crate::carto::{classify, ClassMethod};
use crate::indicators::{industry_portfolio, location_quotients};
use crate::ingest::boundaries::{
    join_report, load_boundaries, to_geojson, Boundaries, BoundaryOptions,
};
use crate::ingest::{
    inspect, inspect_table, load_panel, load_table, IngestReport, LoadOptions, LongLoader, Table,
};
use crate::panel::{Panel, Reference};
use crate::{Error, ErrorCode, Warning};
use geo::orient::{Direction, Orient};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

/// Everything the page has loaded. Domain facades (`clusters.rs`, `linkage.rs`, `spatial.rs`)
/// add their own `#[wasm_bindgen] impl Workspace` blocks and read these fields.
#[wasm_bindgen]
#[derive(Default)]
pub struct Workspace {
    pub(crate) data: Option<(Panel, IngestReport)>,
    pub(crate) reference: Option<(Panel, String)>,
    pub(crate) boundaries: Option<Boundaries>,
    /// A streaming load in progress, and whether it is the reference table.
    loading: Option<(LongLoader, bool)>,
    /// The next data load is merged into the loaded panel instead of replacing it.
    append: bool,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct IndicatorOptions {
    industry: Option<String>,
    year: Option<i32>,
    year_start: Option<i32>,
    measure: Option<String>,
    /// `auto` (uploaded reference when present), `sum` (sum of loaded regions).
    reference: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct RegionOptions {
    region: String,
    year: Option<i32>,
    measure: Option<String>,
    reference: Option<String>,
}

pub(crate) fn err(e: Error) -> JsValue {
    js_error(&e)
}

#[wasm_bindgen]
impl Workspace {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Workspace {
        Workspace::default()
    }

    /// Detected format, layout and proposed column roles of a file.
    pub fn inspect(&self, name: &str, bytes: &[u8], options: JsValue) -> Result<JsValue, JsValue> {
        let opts: LoadOptions = from_js(options)?;
        let ins = inspect(bytes, name, &opts).map_err(err)?;
        to_js(&ins)
    }

    /// Load the analysed data (replacing any earlier). Returns the panel's dimensions and the
    /// ingest report.
    #[wasm_bindgen(js_name = loadData)]
    pub fn load_data(
        &mut self,
        name: &str,
        bytes: &[u8],
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.append = append_flag(&options);
        let opts: LoadOptions = from_js(options)?;
        let (panel, report) = load_panel(bytes, name, &opts).map_err(err)?;
        self.keep(panel, report, false)
    }

    /// Start a streaming load of a delimited text file (data, or the reference table when
    /// `as_reference`). Feed it with [`Workspace::push`], end it with [`Workspace::finish_load`].
    #[wasm_bindgen(js_name = beginLoad)]
    pub fn begin_load(
        &mut self,
        name: &str,
        options: JsValue,
        as_reference: bool,
    ) -> Result<(), JsValue> {
        self.append = !as_reference && append_flag(&options);
        let mut opts: LoadOptions = from_js(options)?;
        opts.reference = as_reference;
        self.loading = Some((LongLoader::new(opts, name), as_reference));
        Ok(())
    }

    /// Feed the next chunk of the file; returns the rows processed so far.
    pub fn push(&mut self, chunk: &[u8]) -> Result<f64, JsValue> {
        let (loader, _) = self
            .loading
            .as_mut()
            .ok_or_else(|| err(Error::new(ErrorCode::Internal, "push without beginLoad")))?;
        match loader.push(chunk) {
            Ok(()) => Ok(loader.progress().rows as f64),
            Err(e) => {
                self.loading = None;
                Err(err(e))
            }
        }
    }

    /// Abandon a streaming load (the user cancelled); nothing loaded before is touched.
    #[wasm_bindgen(js_name = abortLoad)]
    pub fn abort_load(&mut self) {
        self.loading = None;
    }

    /// Finish the streaming load and keep the panel; returns its summary.
    #[wasm_bindgen(js_name = finishLoad)]
    pub fn finish_load(&mut self) -> Result<JsValue, JsValue> {
        let (loader, as_reference) = self.loading.take().ok_or_else(|| {
            err(Error::new(
                ErrorCode::Internal,
                "finishLoad without beginLoad",
            ))
        })?;
        let (panel, report) = loader.finish().map_err(err)?;
        self.keep(panel, report, as_reference)
    }

    /// Inspect a spreadsheet grid (from the XLSX module).
    #[wasm_bindgen(js_name = inspectTable)]
    pub fn inspect_table_js(
        &self,
        name: &str,
        table: JsValue,
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let table: Table = from_js(table)?;
        let opts: LoadOptions = from_js(options)?;
        to_js(&inspect_table(&table, name, &opts).map_err(err)?)
    }

    /// Load a spreadsheet grid (from the XLSX module) as data or reference.
    #[wasm_bindgen(js_name = loadTable)]
    pub fn load_table_js(
        &mut self,
        name: &str,
        table: JsValue,
        options: JsValue,
        as_reference: bool,
    ) -> Result<JsValue, JsValue> {
        let table: Table = from_js(table)?;
        self.append = !as_reference && append_flag(&options);
        let mut opts: LoadOptions = from_js(options)?;
        opts.reference = as_reference;
        let (panel, report) = load_table(&table, name, &opts).map_err(err)?;
        self.keep(panel, report, as_reference)
    }

    /// Load a reference table (e.g. national totals by industry).
    #[wasm_bindgen(js_name = loadReference)]
    pub fn load_reference(
        &mut self,
        name: &str,
        bytes: &[u8],
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let mut opts: LoadOptions = from_js(options)?;
        opts.reference = true;
        let (panel, report) = load_panel(bytes, name, &opts).map_err(err)?;
        let summary = summary(&panel, &report)?;
        self.reference = Some((panel, name.to_string()));
        Ok(summary)
    }

    /// Load region boundaries (GeoJSON, TopoJSON, zipped Shapefile). Returns the summary, the
    /// join report against the loaded data (when any) and a GeoJSON string for d3-geo (exterior rings
    /// clockwise, as d3's spherical polygons need).
    #[wasm_bindgen(js_name = loadBoundaries)]
    pub fn load_boundaries_js(
        &mut self,
        name: &str,
        bytes: &[u8],
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let mut opts: BoundaryOptions = from_js(options)?;
        if opts.region_codes.is_none() {
            opts.region_codes = self.data.as_ref().map(|(p, _)| p.regions.clone());
        }
        let (b, warnings) = load_boundaries(bytes, name, &opts).map_err(err)?;
        let mut for_d3 = b.clone();
        for g in for_d3.geometries.iter_mut() {
            *g = g.orient(Direction::Reversed);
        }
        let out = Obj::new()
            .set("geojson", to_geojson(&for_d3))
            .ser("summary", &b.summary())?
            .ser("warnings", &warnings)?;
        self.boundaries = Some(b);
        let out = out.set("join", self.join()?);
        Ok(out.done())
    }

    /// The join report between the loaded boundaries and data (`null` when either is missing).
    pub fn join(&self) -> Result<JsValue, JsValue> {
        match (&self.boundaries, &self.data) {
            (Some(b), Some((p, _))) => to_js(&join_report(b, &p.regions)),
            _ => Ok(JsValue::NULL),
        }
    }

    /// Forget the reference table (shares are then measured against the sum of loaded regions).
    #[wasm_bindgen(js_name = clearReference)]
    pub fn clear_reference(&mut self) {
        self.reference = None;
    }

    /// Location quotients of one industry (or all) in one year: columns as typed arrays.
    #[wasm_bindgen(js_name = locationQuotients)]
    pub fn location_quotients_js(&self, options: JsValue) -> Result<JsValue, JsValue> {
        let o: IndicatorOptions = from_js(options)?;
        let (panel, _) = self.panel()?;
        let m = measure(panel, o.measure.as_deref())?;
        let y = year(panel, o.year)?;
        let (reference, mut warnings) = self.reference_for(panel, m, y, o.reference.as_deref())?;
        let (cells, w) = location_quotients(&panel.matrix(m, y), &reference);
        warnings.extend(w);
        let only = match &o.industry {
            Some(c) => Some(panel.industry_index(c).map_err(err)?),
            None => None,
        };
        let cells: Vec<_> = cells
            .into_iter()
            .filter(|c| only.is_none_or(|i| i == c.industry))
            .collect();
        let region: Vec<u32> = cells.iter().map(|c| c.region as u32).collect();
        let industry: Vec<u32> = cells.iter().map(|c| c.industry as u32).collect();
        Ok(Obj::new()
            .set("year", panel.years.get(y).copied().unwrap_or(0))
            .set(
                "measure",
                panel.measures.get(m).cloned().unwrap_or_default(),
            )
            .set("region", js_sys::Uint32Array::from(&region[..]))
            .set("industry", js_sys::Uint32Array::from(&industry[..]))
            .f64s("value", &cells.iter().map(|c| c.value).collect::<Vec<_>>())
            .f64s(
                "shareRegion",
                &cells.iter().map(|c| c.share_region).collect::<Vec<_>>(),
            )
            .f64s(
                "shareReference",
                &cells.iter().map(|c| c.share_reference).collect::<Vec<_>>(),
            )
            .f64s("lq", &cells.iter().map(|c| c.lq).collect::<Vec<_>>())
            .ser("reference", &reference.source)?
            .set("referenceTotal", reference.total)
            .ser("warnings", &warnings)?
            .done())
    }

    /// Portfolio of one industry between two years: LQ, growth, quadrant per region.
    pub fn portfolio(&self, options: JsValue) -> Result<JsValue, JsValue> {
        let o: IndicatorOptions = from_js(options)?;
        let (panel, _) = self.panel()?;
        let m = measure(panel, o.measure.as_deref())?;
        let y1 = year(panel, o.year)?;
        let y0 = match o.year_start {
            Some(t) => panel.year_index(t).map_err(err)?,
            None => 0,
        };
        let code = o.industry.clone().ok_or_else(|| {
            err(Error::new(
                ErrorCode::InvalidParameter,
                "choose an industry",
            ))
        })?;
        let i = panel.industry_index(&code).map_err(err)?;
        let (r0, mut warnings) = self.reference_for(panel, m, y0, o.reference.as_deref())?;
        let (r1, w1) = self.reference_for(panel, m, y1, o.reference.as_deref())?;
        warnings.extend(w1);
        let mut pf = industry_portfolio(panel, m, i, (y0, &r0), (y1, &r1)).map_err(err)?;
        pf.warnings.extend(warnings);
        to_js(&pf)
    }

    /// One region's industries in one year, with LQs, sorted by LQ descending.
    #[wasm_bindgen(js_name = regionProfile)]
    pub fn region_profile(&self, options: JsValue) -> Result<JsValue, JsValue> {
        let o: RegionOptions = from_js(options)?;
        let (panel, _) = self.panel()?;
        let m = measure(panel, o.measure.as_deref())?;
        let y = year(panel, o.year)?;
        let r = panel.region_index(&o.region).map_err(err)?;
        let (reference, warnings) = self.reference_for(panel, m, y, o.reference.as_deref())?;
        let mx = panel.matrix(m, y);
        let (cells, _) = location_quotients(&mx, &reference);
        let mut mine: Vec<_> = cells.into_iter().filter(|c| c.region == r).collect();
        mine.sort_by(|a, b| b.lq.total_cmp(&a.lq));
        let industry: Vec<u32> = mine.iter().map(|c| c.industry as u32).collect();
        Ok(Obj::new()
            .set("region", o.region.clone())
            .set(
                "name",
                panel.region_names.get(r).cloned().unwrap_or_default(),
            )
            .set("year", panel.years.get(y).copied().unwrap_or(0))
            .set("total", mx.region_total(r))
            .set(
                "industries",
                mx.row(r).iter().filter(|v| !v.is_nan()).count() as u32,
            )
            .set("industry", js_sys::Uint32Array::from(&industry[..]))
            .f64s("value", &mine.iter().map(|c| c.value).collect::<Vec<_>>())
            .f64s(
                "shareRegion",
                &mine.iter().map(|c| c.share_region).collect::<Vec<_>>(),
            )
            .f64s("lq", &mine.iter().map(|c| c.lq).collect::<Vec<_>>())
            .ser("warnings", &warnings)?
            .done())
    }

    /// The loaded boundaries as GeoJSON with one industry's indicators joined (`{industry, year}`):
    /// properties `id`, `name`, `industry`, `year`, `value`, `share_region`, `share_reference`, `lq`
    /// (null where the data has no published value).
    #[wasm_bindgen(js_name = exportGeojson)]
    pub fn export_geojson(&self, options: JsValue) -> Result<String, JsValue> {
        let o: IndicatorOptions = from_js(options)?;
        let (panel, _) = self.panel()?;
        let b = self
            .boundaries
            .as_ref()
            .ok_or_else(|| err(Error::new(ErrorCode::NoData, "no boundaries are loaded")))?;
        let m = measure(panel, o.measure.as_deref())?;
        let y = year(panel, o.year)?;
        let code = o.industry.clone().ok_or_else(|| {
            err(Error::new(
                ErrorCode::InvalidParameter,
                "choose an industry",
            ))
        })?;
        let i = panel.industry_index(&code).map_err(err)?;
        let (reference, _) = self.reference_for(panel, m, y, o.reference.as_deref())?;
        let (cells, _) = location_quotients(&panel.matrix(m, y), &reference);
        let by_region: std::collections::HashMap<&str, &crate::indicators::LqCell> = cells
            .iter()
            .filter(|c| c.industry == i)
            .filter_map(|c| panel.regions.get(c.region).map(|r| (r.as_str(), c)))
            .collect();
        let mut gj: serde_json::Value = serde_json::from_str(&to_geojson(b))
            .map_err(|e| err(Error::new(ErrorCode::Internal, e.to_string())))?;
        let yr = panel.years.get(y).copied().unwrap_or(0);
        if let Some(features) = gj.get_mut("features").and_then(|f| f.as_array_mut()) {
            for f in features.iter_mut() {
                let id = f
                    .get("id")
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_string();
                let c = by_region.get(id.as_str());
                if let Some(props) = f.get_mut("properties").and_then(|p| p.as_object_mut()) {
                    props.insert("id".into(), id.clone().into());
                    props.insert("industry".into(), code.clone().into());
                    props.insert("year".into(), yr.into());
                    props.insert("value".into(), c.map(|c| c.value).into());
                    props.insert("share_region".into(), c.map(|c| c.share_region).into());
                    props.insert(
                        "share_reference".into(),
                        c.map(|c| c.share_reference).into(),
                    );
                    props.insert("lq".into(), c.map(|c| c.lq).into());
                }
            }
        }
        Ok(gj.to_string())
    }

    /// CSV text of flat rows (`{rows: [...]}`), safe for spreadsheets: text cells starting with
    /// `= + - @` are neutralised.
    #[wasm_bindgen(js_name = exportCsv)]
    pub fn export_csv(&self, options: JsValue) -> Result<String, JsValue> {
        #[derive(Deserialize, Default)]
        #[serde(default)]
        struct Rows {
            rows: Vec<serde_json::Value>,
        }
        let r: Rows = from_js(options)?;
        crate::export::rows_to_csv(&r.rows).map_err(err)
    }

    /// Choropleth class breaks (`quantile` or `natural_breaks`).
    #[wasm_bindgen(js_name = classBreaks)]
    pub fn class_breaks(&self, values: &[f64], k: usize, method: &str) -> Result<JsValue, JsValue> {
        let method = match method {
            "quantile" => ClassMethod::Quantile,
            "natural_breaks" | "jenks" => ClassMethod::NaturalBreaks,
            other => {
                return Err(err(Error::new(
                    ErrorCode::InvalidParameter,
                    format!("unknown classification '{other}'"),
                )));
            }
        };
        let b = classify(values, k, method).map_err(err)?;
        Ok(Obj::new().f64s("breaks", &b).done())
    }
}

impl Workspace {
    fn keep(
        &mut self,
        panel: Panel,
        report: IngestReport,
        as_reference: bool,
    ) -> Result<JsValue, JsValue> {
        let append = std::mem::take(&mut self.append);
        let (panel, report) = match self.data.take() {
            // "More of the loaded data": another year's sheet or more regions, merged in.
            Some((old, old_report)) if append && !as_reference => match old.merge(&panel) {
                Ok(merged) => (merged, appended(old_report, report)),
                Err(e) => {
                    self.data = Some((old, old_report));
                    return Err(err(e));
                }
            },
            previous => {
                self.data = previous;
                (panel, report)
            }
        };
        let summary = summary(&panel, &report)?;
        if as_reference {
            self.reference = Some((panel, report.file.clone()));
        } else {
            self.data = Some((panel, report));
        }
        Ok(summary)
    }

    pub(crate) fn panel(&self) -> Result<(&Panel, &IngestReport), JsValue> {
        self.data
            .as_ref()
            .map(|(p, r)| (p, r))
            .ok_or_else(|| err(Error::new(ErrorCode::NoData, "no data is loaded yet")))
    }

    pub(crate) fn reference_for(
        &self,
        panel: &Panel,
        m: usize,
        y: usize,
        which: Option<&str>,
    ) -> Result<(Reference, Vec<Warning>), JsValue> {
        match (&self.reference, which) {
            (Some((rp, name)), None | Some("auto")) => {
                Reference::from_table(rp, name, panel, m, y).map_err(err)
            }
            _ => Ok((Reference::sum_of_regions(panel, m, y), vec![])),
        }
    }
}

/// The report of a panel merged from two loads: counts added, files and warnings of both.
fn appended(mut a: IngestReport, b: IngestReport) -> IngestReport {
    a.file = format!("{} + {}", a.file, b.file);
    a.rows_read += b.rows_read;
    a.cells_loaded += b.cells_loaded;
    a.suppressed_total += b.suppressed_total;
    for (k, v) in b.suppressed {
        *a.suppressed.entry(k).or_default() += v;
    }
    a.suppressed_cells.extend(b.suppressed_cells);
    a.warnings.extend(b.warnings);
    a
}

/// `options.append === true` (not a field of `LoadOptions`: it concerns the workspace, not the file).
fn append_flag(options: &JsValue) -> bool {
    js_sys::Reflect::get(options, &"append".into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

pub(crate) fn measure(panel: &Panel, name: Option<&str>) -> Result<usize, JsValue> {
    match name {
        Some(n) => panel.measure_index(n).map_err(err),
        None => Ok(panel.default_measure()),
    }
}

pub(crate) fn year(panel: &Panel, y: Option<i32>) -> Result<usize, JsValue> {
    match y {
        Some(t) => panel.year_index(t).map_err(err),
        None => Ok(panel.years.len().saturating_sub(1)),
    }
}

fn summary(panel: &Panel, report: &IngestReport) -> Result<JsValue, JsValue> {
    Ok(Obj::new()
        .strings("regions", &panel.regions)
        .strings("regionNames", &panel.region_names)
        .strings("industries", &panel.industries)
        .strings("industryNames", &panel.industry_names)
        .ser("years", &panel.years)?
        .strings("measures", &panel.measures)
        .ser("report", report)?
        .done())
}
