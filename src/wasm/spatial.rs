//! Spatial statistics for the page (METHODS.md §7): weights over the loaded boundaries, global
//! Moran's I (with Geary's C and General G), LISA and Getis-Ord Gi / Gi*, and the groups of
//! neighbouring hot regions that cross administrative borders — all on an indicator of the loaded
//! panel (the industry's LQ, its value, or its change between two years).
//!
//! Every method takes one options object ([`SpatialOptions`]) and re-derives its inputs from the
//! workspace (no cache to go stale when another file is loaded). The preparation mirrors the CLI
//! (`agglo lisa --geometry … --data … --industry …`): same weights, same region order, same seed, so
//! the page and the CLI print the same numbers.
//!
//! The local statistics with permutations can take seconds on thousands of regions, so they run in
//! steps: [`Workspace::local_begin`] prepares a job (kept in a thread-local, the only state of this
//! module), [`Workspace::local_step`] simulates a slice of regions and reports progress,
//! [`Workspace::local_finish`] returns the results; the worker calls `localStep` in a loop and
//! checks for cancel between steps ([`Workspace::local_cancel`] drops the job).

use super::convert::{from_js, Obj};
use super::workspace::{err, measure, year, Workspace};
use crate::clusters::aggregate_to_clusters;
use crate::ingest::boundaries::{value_text, Boundaries};
use crate::panel::{Panel, Reference};
use crate::spatial::{
    admin_by_prefix, build_weights, densities, geary, general_g, hotspot_groups, indicator_values,
    moran, read_gal, read_gwt, region_areas_km2, write_gal, write_gwt, Adjust, AreaMethod, Cluster,
    ContiguityParams, HotspotGroup, Indicator, IndicatorSpec, LocalG, LocalGJob, LocalMoran,
    LocalMoranJob, MissingPolicy, PermutationParams, SpatialWeights, Spot, Transform, WeightsSpec,
    DEFAULT_PERMUTATIONS, DEFAULT_SEED,
};
use crate::{Error, ErrorCode, Location, Warning};
use js_sys::{Array, Uint32Array};
use serde::Deserialize;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// Options shared by every spatial method (all optional).
#[derive(Deserialize, Default, Debug, Clone)]
#[serde(default, rename_all = "camelCase")]
struct SpatialOptions {
    /// Industry code (required for the industry indicators).
    industry: Option<String>,
    /// Cluster code of the loaded cluster definitions (required for `cluster_lq`).
    cluster: Option<String>,
    /// Year (default: the latest).
    year: Option<i32>,
    /// Start year of `growth` (default: the first year).
    year_start: Option<i32>,
    /// Measure (default: the panel's default, e.g. employment).
    measure: Option<String>,
    /// `auto` (uploaded reference table when present) or `sum` (sum of the loaded regions).
    reference: Option<String>,
    /// `lq` (default), `value` (the measure, e.g. employment), `growth` (change of the measure
    /// between `yearStart` and `year`, `v1 - v0`), `density` (the measure per km² of land: the
    /// boundary's geodesic WGS84 area, or planar area in metres for projected boundaries) or
    /// `cluster_lq` (LQ of `cluster`: the panel summed to the clusters of the loaded cluster
    /// definitions, as the cluster views, all-industry base).
    indicator: Option<String>,
    /// Regions with a boundary but no published cell: `zero` (default) or `exclude`.
    missing: Option<String>,
    /// `queen` (default), `rook`, `knn:K`, `band:D`, `idw:D[:alpha]`.
    weights: Option<String>,
    /// Contiguity order (default 1): 2 = neighbours of neighbours that are not first-order
    /// neighbours (as `agglo weights --order K`); applied to the computed weights, not to an
    /// imported file.
    order: Option<usize>,
    /// `r` (row-standardised, default) or `b` (binary).
    transform: Option<String>,
    /// Snapping tolerance for contiguity (coordinate units, default 0).
    tolerance: Option<f64>,
    /// Geometric contiguity check for imperfect boundaries: `islands` (default), `all`, `off`.
    fallback: Option<String>,
    /// GeoDa weights brought by the user (`{name, text}` of a .gal or .gwt file); when present
    /// they replace `weights` and are aligned to the boundary ids.
    weights_file: Option<WeightsFile>,
    /// Permutations (default 999; 0 = analytic inference only).
    permutations: Option<usize>,
    /// Seed (default 12345, the CLI's).
    seed: Option<u64>,
    /// Significance level of the local statistics (default 0.05).
    alpha: Option<f64>,
    /// `none` (default), `fdr` or `bonferroni`.
    adjust: Option<String>,
    /// Local Getis-Ord: G* (default, the region counts in its own neighbourhood) or G (`false`).
    star: Option<bool>,
    /// Administrative unit of a region: the first N characters of its id (default 2: the state
    /// of a US county FIPS code).
    admin_prefix: Option<usize>,
    /// Administrative unit from this boundary property instead.
    admin_field: Option<String>,
}

/// Highest contiguity order the page offers (the ball of order 3 already spans most of a state).
const MAX_ORDER: usize = 3;

/// A GeoDa weights file's name (its extension chooses GAL or GWT) and text.
#[derive(Deserialize, Default, Debug, Clone)]
#[serde(default)]
struct WeightsFile {
    name: String,
    text: String,
}

/// Inputs aligned for the statistics: weights over the analysed regions and their values.
struct Prepared {
    weights: SpatialWeights,
    values: Vec<f64>,
    /// The industry's value (e.g. employment) in `year` per analysed region.
    totals: Vec<f64>,
    names: Vec<String>,
    admin: Vec<String>,
    excluded: Vec<String>,
    filled_zero: Vec<String>,
    warnings: Vec<Warning>,
    params: PermutationParams,
    star: bool,
    indicator: &'static str,
    /// How the areas of `density` were measured.
    area_method: Option<AreaMethod>,
    /// Area in km² per analysed region (`density` only, else empty).
    areas: Vec<f64>,
    year: i32,
    year_start: Option<i32>,
    boundaries: usize,
}

fn missing(what: &str) -> JsValue {
    err(Error::new(ErrorCode::NoData, what.to_string()))
}

impl SpatialOptions {
    fn params(&self) -> Result<PermutationParams, JsValue> {
        let p = PermutationParams {
            permutations: self.permutations.unwrap_or(DEFAULT_PERMUTATIONS),
            seed: self.seed.unwrap_or(DEFAULT_SEED),
            alpha: self.alpha.unwrap_or(0.05),
            adjust: Adjust::parse(self.adjust.as_deref().unwrap_or("none")).map_err(err)?,
        };
        p.validate().map_err(err)?;
        Ok(p)
    }

    fn weights(&self, b: &Boundaries) -> Result<(SpatialWeights, Vec<Warning>), JsValue> {
        let transform = Transform::parse(self.transform.as_deref().unwrap_or("r")).map_err(err)?;
        if let Some(f) = &self.weights_file {
            return imported_weights(f, b, transform).map_err(err);
        }
        let spec = WeightsSpec::parse(self.weights.as_deref().unwrap_or("queen")).map_err(err)?;
        let tolerance = self.tolerance.unwrap_or(0.0);
        if !(tolerance >= 0.0 && tolerance.is_finite()) {
            return Err(err(Error::new(
                ErrorCode::InvalidParameter,
                format!("the snapping tolerance must be a non-negative number, not {tolerance}"),
            )
            .at(Location::default().with_column("tolerance"))));
        }
        let cp = ContiguityParams {
            tolerance,
            ..Default::default()
        }
        .with_fallback(self.fallback.as_deref().unwrap_or("islands"))
        .map_err(err)?;
        let (w, warnings) = build_weights(b, spec, transform, &cp).map_err(err)?;
        match self.order.unwrap_or(1) {
            1 => Ok((w, warnings)),
            k @ 2..=MAX_ORDER => {
                let t = w.transform;
                Ok((
                    w.higher_order(k, false).map_err(err)?.transform(t),
                    warnings,
                ))
            }
            k => Err(err(Error::new(
                ErrorCode::InvalidParameter,
                format!("the contiguity order must be between 1 and {MAX_ORDER}, not {k}"),
            )
            .at(Location::default().with_column("order")))),
        }
    }
}

/// A GeoDa .gal / .gwt file aligned to the boundary ids (as `agglo moran --weights FILE`): an id
/// of the file that no boundary has is an error naming the id and the file; boundaries the file
/// does not list become islands (warned).
fn imported_weights(
    f: &WeightsFile,
    b: &Boundaries,
    transform: Transform,
) -> crate::Result<(SpatialWeights, Vec<Warning>)> {
    let lower = f.name.to_ascii_lowercase();
    let w = if lower.ends_with(".gal") {
        read_gal(&f.text, &f.name)?
    } else if lower.ends_with(".gwt") {
        read_gwt(&f.text, &f.name)?
    } else {
        return Err(Error::new(
            ErrorCode::WeightsParse,
            format!("{}: choose a GeoDa .gal or .gwt weights file", f.name),
        )
        .at(Location::file(&f.name)));
    };
    let (w, missing) = w.reorder(&b.ids).map_err(|mut e| {
        e.message = format!(
            "{} (the ids of {} must be the boundary ids, property '{}')",
            e.message, f.name, b.id_field
        );
        e.location.file = Some(f.name.clone());
        e
    })?;
    let mut warnings = Vec::new();
    if let Some(first) = missing.first() {
        warnings.push(Warning::new(
            "W_ISLANDS",
            format!(
                "{} region(s) have no entry in {} and are islands, first '{first}'",
                missing.len(),
                f.name
            ),
        ));
    }
    Ok((w.transform(transform), warnings))
}

/// Administrative unit of each boundary region.
fn admin_units(b: &Boundaries, o: &SpatialOptions) -> Vec<String> {
    match &o.admin_field {
        Some(f) => b
            .properties
            .iter()
            .map(|p| p.get(f).and_then(value_text).unwrap_or_default())
            .collect(),
        None => admin_by_prefix(&b.ids, o.admin_prefix.unwrap_or(2)),
    }
}

/// Keep the entries of `v` where `keep` is true.
fn pick<T: Clone>(v: &[T], keep: &[bool]) -> Vec<T> {
    v.iter()
        .zip(keep)
        .filter(|(_, k)| **k)
        .map(|(x, _)| x.clone())
        .collect()
}

fn prepare(
    panel: &Panel,
    ws: &Workspace,
    b: &Boundaries,
    o: &SpatialOptions,
) -> Result<Prepared, JsValue> {
    let params = o.params()?;
    let kind = o.indicator.as_deref().unwrap_or("lq");
    let industry = match (o.industry.clone(), kind) {
        (Some(i), _) => i,
        (None, "cluster_lq") => String::new(),
        (None, _) => {
            return Err(err(Error::new(
                ErrorCode::InvalidParameter,
                "choose an industry",
            )
            .at(Location::default().with_column("industry"))))
        }
    };
    if !b.ids.iter().any(|id| panel.regions.contains(id)) {
        let first = b.ids.first().cloned().unwrap_or_default();
        return Err(err(Error::new(
            ErrorCode::UnknownRegion,
            format!(
                "none of the {} boundary ids (first '{first}', property '{}') is a region code of the data; choose the boundary property that holds the region codes",
                b.len(),
                b.id_field
            ),
        )
        .at(Location::default().with_region(first).with_column(b.id_field.clone()))));
    }
    let m = measure(panel, o.measure.as_deref())?;
    let y = year(panel, o.year)?;
    let policy = MissingPolicy::parse(o.missing.as_deref().unwrap_or("zero")).map_err(err)?;
    let (reference, mut warnings) = ws.reference_for(panel, m, y, o.reference.as_deref())?;
    let mut area_method = None;
    let mut all_areas: Vec<f64> = Vec::new();
    let (values, totals, filled_zero, excluded, indicator, year_start) = match kind {
        "growth" | "change" => {
            let y0 = match o.year_start {
                Some(t) => panel.year_index(t).map_err(err)?,
                None => 0,
            };
            if y0 >= y {
                return Err(err(Error::new(
                    ErrorCode::InvalidParameter,
                    format!(
                        "growth needs a start year before {}; choose another start year",
                        panel.years.get(y).copied().unwrap_or(0)
                    ),
                )
                .at(Location::default().with_column("yearStart"))));
            }
            let spec = |year: usize| IndicatorSpec {
                measure: m,
                year,
                industry: industry.clone(),
                indicator: Indicator::Value,
                missing: policy,
            };
            let end = indicator_values(panel, &reference, &spec(y), &b.ids).map_err(err)?;
            let start = indicator_values(panel, &reference, &spec(y0), &b.ids).map_err(err)?;
            let values: Vec<Option<f64>> = end
                .values
                .iter()
                .zip(&start.values)
                .map(|(a, b)| Some((*a)? - (*b)?))
                .collect();
            let mut filled = end.filled_zero.clone();
            for id in start.filled_zero {
                if !filled.contains(&id) {
                    filled.push(id);
                }
            }
            let excluded: Vec<String> = b
                .ids
                .iter()
                .zip(&values)
                .filter(|(_, v)| v.is_none())
                .map(|(id, _)| id.clone())
                .collect();
            warnings.extend(end.warnings);
            warnings.extend(start.warnings);
            (
                values,
                end.industry_values,
                filled,
                excluded,
                "growth",
                panel.years.get(y0).copied(),
            )
        }
        "cluster_lq" => {
            let code = o.cluster.clone().ok_or_else(|| {
                err(Error::new(ErrorCode::InvalidParameter, "choose a cluster")
                    .at(Location::default().with_column("cluster")))
            })?;
            let use_reference = matches!(o.reference.as_deref(), None | Some("auto"));
            let (cp, rcp, cw) = super::clusters::with_definitions(|defs| {
                let (cp, cw) = aggregate_to_clusters(panel, defs).map_err(err)?;
                let rcp = match (&ws.reference, use_reference) {
                    (Some((rp, name)), true) => Some((
                        aggregate_to_clusters(rp, defs).map_err(err)?.0,
                        name.clone(),
                    )),
                    _ => None,
                };
                Ok((cp, rcp, cw))
            })?;
            // The industry-level reference warnings do not apply to the cluster panel.
            warnings = cw;
            let reference = match &rcp {
                Some((rp, name)) => {
                    let (r, rw) =
                        Reference::from_table(&rp.panel, name, &cp.panel, m, y).map_err(err)?;
                    warnings.extend(rw);
                    r
                }
                None => Reference::sum_of_regions(&cp.panel, m, y),
            };
            let spec = IndicatorSpec {
                measure: m,
                year: y,
                industry: code,
                indicator: Indicator::Lq,
                missing: policy,
            };
            let iv = indicator_values(&cp.panel, &reference, &spec, &b.ids).map_err(err)?;
            warnings.extend(iv.warnings);
            (
                iv.values,
                iv.industry_values,
                iv.filled_zero,
                iv.excluded,
                "cluster_lq",
                None,
            )
        }
        "density" => {
            let spec = IndicatorSpec {
                measure: m,
                year: y,
                industry: industry.clone(),
                indicator: Indicator::Value,
                missing: policy,
            };
            let iv = indicator_values(panel, &reference, &spec, &b.ids).map_err(err)?;
            warnings.extend(iv.warnings);
            let (areas, how) = region_areas_km2(&b.geometries);
            area_method = Some(how);
            let (values, zero) = densities(&iv.values, &areas);
            all_areas = areas;
            let mut excluded = iv.excluded;
            let zero_ids: Vec<String> =
                zero.iter().filter_map(|k| b.ids.get(*k).cloned()).collect();
            if let Some(first) = zero_ids.first() {
                warnings.push(Warning::new(
                    "W_ZERO_AREA",
                    format!(
                        "{} region(s) have no land area in the boundaries (density undefined) and are left out, first '{first}'",
                        zero_ids.len()
                    ),
                ));
            }
            excluded.extend(zero_ids);
            (
                values,
                iv.industry_values,
                iv.filled_zero,
                excluded,
                "density",
                None,
            )
        }
        other => {
            let ind = Indicator::parse(other).map_err(err)?;
            let spec = IndicatorSpec {
                measure: m,
                year: y,
                industry: industry.clone(),
                indicator: ind,
                missing: policy,
            };
            let iv = indicator_values(panel, &reference, &spec, &b.ids).map_err(err)?;
            warnings.extend(iv.warnings);
            let label = match ind {
                Indicator::Lq => "lq",
                Indicator::Value => "value",
                Indicator::Share => "share",
            };
            (
                iv.values,
                iv.industry_values,
                iv.filled_zero,
                iv.excluded,
                label,
                None,
            )
        }
    };
    let (w, ww) = o.weights(b)?;
    warnings.extend(ww);
    let keep: Vec<bool> = values.iter().map(Option::is_some).collect();
    let admin = admin_units(b, o);
    let names: Vec<String> = b
        .ids
        .iter()
        .zip(&b.names)
        .map(|(id, n)| {
            if n.is_empty() {
                panel
                    .region_index(id)
                    .ok()
                    .and_then(|r| panel.region_names.get(r).cloned())
                    .unwrap_or_default()
            } else {
                n.clone()
            }
        })
        .collect();
    let all_kept = keep.iter().all(|k| *k);
    let weights = if all_kept {
        w
    } else {
        w.subset(&keep).map_err(err)?
    };
    if !all_kept {
        let isl = weights.island_indices().len();
        if isl > 0 {
            warnings.push(Warning::new(
                "W_ISLANDS",
                format!("{isl} region(s) have no neighbour among the regions kept"),
            ));
        }
    }
    Ok(Prepared {
        weights,
        values: values.into_iter().flatten().collect(),
        totals: pick(&totals, &keep),
        names: pick(&names, &keep),
        admin: pick(&admin, &keep),
        excluded,
        filled_zero,
        warnings,
        params,
        star: o.star.unwrap_or(true),
        indicator,
        area_method,
        areas: if all_areas.is_empty() {
            all_areas
        } else {
            pick(&all_areas, &keep)
        },
        year: panel.years.get(y).copied().unwrap_or(0),
        year_start,
        boundaries: b.len(),
    })
}

fn opt(v: &[Option<f64>]) -> Vec<f64> {
    v.iter().map(|x| x.unwrap_or(f64::NAN)).collect()
}

fn bools(v: &[bool]) -> Array {
    v.iter().map(|b| JsValue::from_bool(*b)).collect()
}

/// What every result carries: the analysed regions and how they were chosen.
fn common(p: &Prepared) -> Result<Obj, JsValue> {
    Obj::new()
        .strings("ids", &p.weights.ids)
        .strings("names", &p.names)
        .strings("admin", &p.admin)
        .f64s("values", &p.values)
        .f64s("totals", &p.totals)
        .set("n", p.values.len() as u32)
        .set("boundaries", p.boundaries as u32)
        .set("indicator", p.indicator)
        .ser("areaMethod", &p.area_method)?
        .f64s("areaKm2", &p.areas)
        .set("year", p.year)
        .set(
            "yearStart",
            p.year_start.map(JsValue::from).unwrap_or(JsValue::NULL),
        )
        .strings("excluded", &p.excluded)
        .strings("filledZero", &p.filled_zero)
        .set("weightsKind", p.weights.kind.clone())
        .ser("transform", &p.weights.transform)?
        .ser("warnings", &p.warnings)
}

fn lisa_obj(o: Obj, l: &LocalMoran) -> Result<Obj, JsValue> {
    let quadrant: Vec<Option<&str>> = l.quadrant.iter().map(|q| q.map(|q| q.as_str())).collect();
    o.f64s("i", &opt(&l.i))
        .f64s("zValue", &l.z_value)
        .f64s("lag", &l.lag)
        .ser("quadrant", &quadrant)?
        .ser("cluster", &l.cluster)?
        .f64s("z", &opt(&l.z))
        .f64s("pNorm", &opt(&l.p_norm))
        .f64s("pSim", &opt(&l.p_sim))
        .f64s("zSim", &opt(&l.z_sim))
        .set("significant", bools(&l.significant))
        .strings("islands", &l.islands)
        .set("permutations", l.permutations as u32)
        .set("seed", l.seed as f64)
        .set("alpha", l.alpha)
        .ser("adjust", &l.adjust)
}

fn g_obj(o: Obj, g: &LocalG) -> Result<Obj, JsValue> {
    o.set("star", g.star)
        .f64s("g", &opt(&g.g))
        .f64s("z", &opt(&g.z))
        .f64s("pNorm", &opt(&g.p_norm))
        .f64s("pSim", &opt(&g.p_sim))
        .f64s("zSim", &opt(&g.z_sim))
        .set("significant", bools(&g.significant))
        .ser("spot", &g.spot)?
        .strings("islands", &g.islands)
        .set("permutations", g.permutations as u32)
        .set("seed", g.seed as f64)
        .set("alpha", g.alpha)
        .ser("adjust", &g.adjust)
}

fn groups(p: &Prepared, hot: &[bool]) -> Result<Vec<HotspotGroup>, JsValue> {
    hotspot_groups(
        &p.weights,
        hot,
        &p.values,
        Some(&p.totals),
        Some(&p.admin),
        Some(&p.names),
    )
    .map_err(err)
}

fn lisa_groups(p: &Prepared, l: &LocalMoran) -> Result<Vec<HotspotGroup>, JsValue> {
    let hot: Vec<bool> = l.cluster.iter().map(|c| *c == Cluster::HH).collect();
    groups(p, &hot)
}

fn g_groups(p: &Prepared, g: &LocalG) -> Result<Vec<HotspotGroup>, JsValue> {
    let hot: Vec<bool> = g.spot.iter().map(|s| *s == Spot::Hot).collect();
    groups(p, &hot)
}

/// A stepped local job: LISA first, then Gi / Gi* (which may fail on negative values: the error
/// is reported with the results and LISA still shown).
struct LocalJob {
    prepared: Prepared,
    lisa: LocalMoranJob,
    g: Result<LocalGJob, Error>,
    /// Regions simulated per step (about 3 million simulated neighbour values).
    budget: usize,
    lisa_done: usize,
    g_done: usize,
}

impl LocalJob {
    fn progress(&self) -> (usize, usize, bool) {
        let n = self.prepared.values.len();
        let g_live = self.g.is_ok();
        let total = if g_live { 2 * n } else { n };
        let lisa_done = if self.lisa.is_done() {
            n
        } else {
            self.lisa_done
        };
        let g_done = match &self.g {
            Ok(j) if j.is_done() => n,
            Ok(_) => self.g_done,
            Err(_) => 0,
        };
        let g_finished = self.g.as_ref().map_or(true, |j| j.is_done());
        (lisa_done + g_done, total, self.lisa.is_done() && g_finished)
    }
}

thread_local! {
    static JOB: RefCell<Option<LocalJob>> = const { RefCell::new(None) };
}

fn progress_obj(done: usize, total: usize, finished: bool) -> JsValue {
    Obj::new()
        .set("done", done as u32)
        .set("total", total as u32)
        .set("finished", finished)
        .done()
}

impl Workspace {
    fn spatial_inputs(&self, options: JsValue) -> Result<(Prepared, SpatialOptions), JsValue> {
        let o: SpatialOptions = from_js(options)?;
        let (panel, _) = self.panel()?;
        let b = self.boundaries.as_ref().ok_or_else(|| {
            missing("no boundaries are loaded: add a GeoJSON, TopoJSON or zipped Shapefile of the regions")
        })?;
        let p = prepare(panel, self, b, &o)?;
        Ok((p, o))
    }
}

#[wasm_bindgen]
impl Workspace {
    /// Spatial weights over the analysed regions (after the missing-value policy): summary (n,
    /// links, neighbour counts, histogram, islands, components), each region's component and
    /// cardinality, and the neighbour lists as CSR (`offsets`, `neighbours`: indices into `ids`).
    #[wasm_bindgen(js_name = spatialWeights)]
    pub fn spatial_weights(&self, options: JsValue) -> Result<JsValue, JsValue> {
        let (p, _) = self.spatial_inputs(options)?;
        let s = p.weights.summary();
        let mut offsets = Vec::with_capacity(p.weights.n() + 1);
        let mut nb = Vec::new();
        offsets.push(0u32);
        for list in &p.weights.neighbours {
            nb.extend(list.iter().map(|&j| j as u32));
            offsets.push(nb.len() as u32);
        }
        let component: Vec<u32> = s.component_of.iter().map(|&c| c as u32).collect();
        let card: Vec<u32> = p
            .weights
            .cardinalities()
            .iter()
            .map(|&c| c as u32)
            .collect();
        Ok(common(&p)?
            .set("links", s.links as u32)
            .set("meanNeighbours", s.mean_neighbours)
            .set("minNeighbours", s.min_neighbours as u32)
            .set("maxNeighbours", s.max_neighbours as u32)
            .ser("histogram", &s.histogram)?
            .strings("islands", &s.islands)
            .set("components", s.components as u32)
            .set("componentOf", Uint32Array::from(&component[..]))
            .set("cardinality", Uint32Array::from(&card[..]))
            .set("pctNonzero", s.pct_nonzero)
            .set("symmetric", s.symmetric)
            .set("s0", s.s0)
            .set("offsets", Uint32Array::from(&offsets[..]))
            .set("neighbours", Uint32Array::from(&nb[..]))
            .done())
    }

    /// The weights of [`Workspace::spatial_weights`] as a GeoDa file to download: `{format,
    /// fileName, text}` with `format` `gal` (neighbour lists) or `gwt` (links with their weights,
    /// after the transform); the header names the boundary file and its id property.
    #[wasm_bindgen(js_name = spatialWeightsFile)]
    pub fn spatial_weights_file(&self, options: JsValue) -> Result<JsValue, JsValue> {
        #[derive(Deserialize, Default)]
        #[serde(default, rename_all = "camelCase")]
        struct F {
            format: Option<String>,
            /// The boundary file's name (for the header and the file name).
            boundary_file: Option<String>,
        }
        let f: F = from_js(options.clone())?;
        let (p, _) = self.spatial_inputs(options)?;
        let b = self
            .boundaries
            .as_ref()
            .ok_or_else(|| missing("no boundaries are loaded"))?;
        let file = f.boundary_file.unwrap_or_default();
        let stem = file
            .rsplit_once('.')
            .map_or(file.as_str(), |(s, _)| s)
            .replace(char::is_whitespace, "_");
        let stem = if stem.is_empty() {
            "weights".to_string()
        } else {
            stem
        };
        let format = f
            .format
            .unwrap_or_else(|| "gal".into())
            .to_ascii_lowercase();
        let text = match format.as_str() {
            "gal" => write_gal(&p.weights, &stem, &b.id_field),
            "gwt" => write_gwt(&p.weights, &stem, &b.id_field),
            other => {
                return Err(err(Error::new(
                    ErrorCode::InvalidParameter,
                    format!("unknown weights file format '{other}' (gal, gwt)"),
                )
                .at(Location::default().with_column("format"))))
            }
        };
        Ok(Obj::new()
            .set("fileName", format!("{stem}_{}.{format}", p.weights.kind))
            .set("format", format)
            .set("text", text)
            .done())
    }

    /// Global Moran's I (analytic and permutation inference), Geary's C and Getis-Ord General G
    /// (on binary weights, as the CLI; `generalG` is null with `generalGError` when undefined,
    /// e.g. for negative values).
    #[wasm_bindgen(js_name = spatialGlobal)]
    pub fn spatial_global(&self, options: JsValue) -> Result<JsValue, JsValue> {
        let (p, _) = self.spatial_inputs(options)?;
        let m = moran(&p.weights, &p.values, &p.params).map_err(err)?;
        let g = geary(&p.weights, &p.values, &p.params).map_err(err)?;
        let binary = p.weights.clone().transform(Transform::Binary);
        let out = common(&p)?.ser("moran", &m)?.ser("geary", &g)?;
        let out = match general_g(&binary, &p.values, &p.params) {
            Ok(gg) => out
                .ser("generalG", &gg)?
                .set("generalGError", JsValue::NULL),
            Err(e) => out
                .set("generalG", JsValue::NULL)
                .set("generalGError", format!("{}: {}", e.code_str(), e.message)),
        };
        Ok(out.done())
    }

    /// LISA in one call (no progress): local Moran with conditional randomisation, clusters and
    /// the groups of significant HH regions. The page uses the stepped `localBegin`.
    pub fn lisa(&self, options: JsValue) -> Result<JsValue, JsValue> {
        let (p, _) = self.spatial_inputs(options)?;
        let l = crate::spatial::local_moran(&p.weights, &p.values, &p.params, &mut |_, _| true)
            .map_err(err)?;
        let gr = lisa_groups(&p, &l)?;
        Ok(lisa_obj(common(&p)?, &l)?.ser("groups", &gr)?.done())
    }

    /// Local Getis-Ord Gi* (or Gi with `star: false`) in one call, with the groups of
    /// significant hot spots.
    #[wasm_bindgen(js_name = getisOrd)]
    pub fn getis_ord(&self, options: JsValue) -> Result<JsValue, JsValue> {
        let (p, _) = self.spatial_inputs(options)?;
        let g = crate::spatial::getis_ord_local(
            &p.weights,
            &p.values,
            p.star,
            &p.params,
            &mut |_, _| true,
        )
        .map_err(err)?;
        let gr = g_groups(&p, &g)?;
        Ok(g_obj(common(&p)?, &g)?.ser("groups", &gr)?.done())
    }

    /// Cross-border groups: connected significant HH regions (`method: "lisa"`, default) or hot
    /// spots (`"gistar"`), with combined employment, the indicator's mean and maximum and the
    /// administrative units spanned.
    #[wasm_bindgen(js_name = hotspotGroups)]
    pub fn hotspot_groups_js(&self, options: JsValue) -> Result<JsValue, JsValue> {
        #[derive(Deserialize, Default)]
        #[serde(default)]
        struct M {
            method: Option<String>,
        }
        let m: M = from_js(options.clone())?;
        let (p, _) = self.spatial_inputs(options)?;
        let gr = match m.method.as_deref().unwrap_or("lisa") {
            "lisa" => {
                let l =
                    crate::spatial::local_moran(&p.weights, &p.values, &p.params, &mut |_, _| true)
                        .map_err(err)?;
                lisa_groups(&p, &l)?
            }
            "gistar" | "gi" => {
                let g = crate::spatial::getis_ord_local(
                    &p.weights,
                    &p.values,
                    p.star,
                    &p.params,
                    &mut |_, _| true,
                )
                .map_err(err)?;
                g_groups(&p, &g)?
            }
            other => {
                return Err(err(Error::new(
                    ErrorCode::InvalidParameter,
                    format!("unknown method '{other}' (lisa, gistar)"),
                )
                .at(Location::default().with_column("method"))))
            }
        };
        Ok(common(&p)?.ser("groups", &gr)?.done())
    }

    /// Start the local statistics (LISA, then Gi* or Gi) as a stepped job; returns
    /// `{done, total, finished}`. Replaces any unfinished job.
    #[wasm_bindgen(js_name = localBegin)]
    pub fn local_begin(&self, options: JsValue) -> Result<JsValue, JsValue> {
        JOB.with(|j| j.borrow_mut().take());
        let (p, _) = self.spatial_inputs(options)?;
        let lisa = LocalMoranJob::new(&p.weights, &p.values, &p.params).map_err(err)?;
        let g = LocalGJob::new(&p.weights, &p.values, p.star, &p.params);
        let k_max = p.weights.neighbours.iter().map(Vec::len).max().unwrap_or(0) + 1;
        let budget = (3_000_000 / (p.params.permutations.max(1) * k_max)).max(1);
        let job = LocalJob {
            prepared: p,
            lisa,
            g,
            budget,
            lisa_done: 0,
            g_done: 0,
        };
        let (done, total, finished) = job.progress();
        JOB.with(|j| *j.borrow_mut() = Some(job));
        Ok(progress_obj(done, total, finished))
    }

    /// Simulate the next slice of regions; returns `{done, total, finished}`.
    #[wasm_bindgen(js_name = localStep)]
    pub fn local_step(&self) -> Result<JsValue, JsValue> {
        JOB.with(|j| {
            let mut slot = j.borrow_mut();
            let job = slot.as_mut().ok_or_else(|| {
                err(Error::new(
                    ErrorCode::Internal,
                    "localStep without localBegin",
                ))
            })?;
            if !job.lisa.is_done() {
                job.lisa_done = job.lisa.step(job.budget).done;
            } else if let Ok(g) = job.g.as_mut() {
                if !g.is_done() {
                    job.g_done = g.step(job.budget).done;
                }
            }
            let (done, total, finished) = job.progress();
            Ok(progress_obj(done, total, finished))
        })
    }

    /// The results of the stepped job: `{…common, lisa: {…}, lisaGroups, g: {…} | null,
    /// gError, gGroups}`.
    #[wasm_bindgen(js_name = localFinish)]
    pub fn local_finish(&self) -> Result<JsValue, JsValue> {
        let job = JOB.with(|j| j.borrow_mut().take()).ok_or_else(|| {
            err(Error::new(
                ErrorCode::Internal,
                "localFinish without localBegin",
            ))
        })?;
        let p = job.prepared;
        let l = job.lisa.finish();
        let lg = lisa_groups(&p, &l)?;
        let out = common(&p)?
            .set("lisa", lisa_obj(Obj::new(), &l)?.done())
            .ser("lisaGroups", &lg)?;
        let out = match job.g {
            Ok(gj) => {
                let g = gj.finish();
                let gg = g_groups(&p, &g)?;
                out.set("g", g_obj(Obj::new(), &g)?.done())
                    .set("gError", JsValue::NULL)
                    .ser("gGroups", &gg)?
            }
            Err(e) => out
                .set("g", JsValue::NULL)
                .set("gError", format!("{}: {}", e.code_str(), e.message))
                .set("gGroups", Array::new()),
        };
        Ok(out.done())
    }

    /// Drop an unfinished stepped job (the user cancelled).
    #[wasm_bindgen(js_name = localCancel)]
    pub fn local_cancel(&self) {
        JOB.with(|j| j.borrow_mut().take());
    }
}
