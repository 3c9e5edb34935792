//! Clusters facade: cluster definitions, region profile, cluster view, prioritisation and peers
//! (the page part of METHODS.md §4).
//!
//! The loaded definitions live in a thread-local of this module (they do not depend on the data).
//! Everything derived from the data (the cluster aggregation of the panel and of the reference
//! table) is re-derived on each call: it is O(measures × years × regions × industries), a few
//! milliseconds on a state's counties, so a newly loaded data file can never meet a stale cache.

use super::convert::{from_js, Obj};
use super::workspace::{err, measure, Workspace};
use crate::clusters::{
    aggregate_to_clusters, cluster_definitions_from_table, cluster_profiles, cluster_view,
    parse_cluster_definitions, peer_regions, prioritise, region_profile_view,
    size_classes_from_measures, ClusterDefinitions, ClusterPanel, ClusterViewParams, Criterion,
    DefinitionFilter, EcoParams, LqBase, Normalisation, PeerMetric, PriorityParams,
    ReferenceTables, RegionProfileParams, TypologyParams,
};
use crate::indicators::shift_share::{
    shift_share_panel, ShiftShareMethod, ShiftShareParams, ShiftShareRow,
};
use crate::indicators::SpecialisationParams;
use crate::ingest::Table;
use crate::panel::{Panel, Reference};
use crate::{Error, ErrorCode, Warning};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// The loaded cluster definitions, with the warnings of their parse.
struct Loaded {
    defs: ClusterDefinitions,
    warnings: Vec<Warning>,
}

thread_local! {
    static DEFS: RefCell<Option<Loaded>> = const { RefCell::new(None) };
}

/// Options of `loadClusterDefinitions`. The file itself is `bytes` (a `Uint8Array` of a CSV) or
/// `table` (a grid read from an XLSX sheet by the extras module).
#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct DefinitionOptions {
    name: String,
    table: Option<Table>,
    /// Keep rows of this `definition_set` (empty or `any`: all rows).
    definition_set: Option<String>,
    /// Keep rows of this NAICS vintage (empty or `any`: all rows).
    vintage: Option<String>,
}

/// Options shared by the cluster views (camelCase on the JS side).
#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct ClusterOptions {
    region: Option<String>,
    cluster: Option<String>,
    /// Profile / map year (default: the last).
    year: Option<i32>,
    /// Start year of growth and shift-share (default: the first, when before `year`).
    from_year: Option<i32>,
    measure: Option<String>,
    /// `auto` (the uploaded reference table when there is one) or `sum` (sum of loaded regions).
    reference: Option<String>,
    base: LqBase,
    /// European Cluster Observatory thresholds.
    size_top_share: Option<f64>,
    lq_threshold: Option<f64>,
    focus_top_share: Option<f64>,
    peer_metric: PeerMetric,
    peers: Option<usize>,
    top: Option<usize>,
    /// Region shift-share: count missing cells as zero (CBP: an absent industry has no jobs).
    missing_as_zero: bool,
    criteria: Vec<Criterion>,
    weights: Vec<f64>,
    normalisation: Normalisation,
    traded_only: bool,
    /// SME threshold in employees (default 250).
    sme_threshold: Option<f64>,
    /// Shift-share method of the region profile (`esteban` default, `dunn`, `gerfin`, `dynamic`).
    shift_share_method: Option<ShiftShareMethod>,
    /// IO regionalisation for depth and multipliers (`flq` default, `slq`) and Flegg's delta.
    io_method: Option<crate::io_model::RegionalMethod>,
    delta: Option<f64>,
}

/// One cluster of the region's portfolio chart: x = LQ, y = growth relative to the cluster's
/// reference growth (so one quadrant line at 0 separates the quadrants for every cluster).
#[derive(Serialize)]
struct PortfolioPoint {
    cluster: String,
    cluster_name: String,
    lq: f64,
    growth: f64,
    reference_growth: f64,
    growth_gap: f64,
    employment: f64,
    quadrant: Option<crate::indicators::Quadrant>,
}

/// One cluster present in the data (for pickers).
#[derive(Serialize)]
struct ClusterInfo {
    code: String,
    name: String,
    traded: bool,
    /// The data's industry codes in the cluster.
    members: Vec<String>,
}

/// The data aggregated to clusters, with the reference table aggregated the same way.
struct Prepared<'a> {
    panel: &'a Panel,
    cp: ClusterPanel,
    reference: Option<(&'a Panel, &'a str, ClusterPanel)>,
    m: usize,
    establishments: Option<usize>,
    payroll: Option<usize>,
    to_year: i32,
    from_year: Option<i32>,
    sme_threshold: f64,
    warnings: Vec<Warning>,
}

impl Prepared<'_> {
    fn tables(&self) -> Option<ReferenceTables<'_>> {
        self.reference
            .as_ref()
            .map(|(p, name, rcp)| ReferenceTables {
                name,
                industries: p,
                clusters: rcp,
            })
    }
    fn typology(&self, base: LqBase) -> TypologyParams {
        TypologyParams {
            from_year: self.from_year,
            to_year: self.to_year,
            employment: self.m,
            establishments: self.establishments,
            payroll: self.payroll,
            base,
            size_classes: size_classes_from_measures(&self.panel.measures),
            sme_threshold: self.sme_threshold,
        }
    }
}

fn named_measure(panel: &Panel, prefix: &str, not: usize) -> Option<usize> {
    panel
        .measures
        .iter()
        .position(|m| m.to_ascii_lowercase().starts_with(prefix))
        .filter(|x| *x != not)
}

fn no_definitions() -> JsValue {
    err(Error::new(
        ErrorCode::NoData,
        "no cluster definitions are loaded yet (load the default US Cluster Mapping file or upload a mapping)",
    ))
}

fn with_defs<T>(f: impl FnOnce(&Loaded) -> Result<T, JsValue>) -> Result<T, JsValue> {
    DEFS.with(|d| match d.borrow().as_ref() {
        Some(l) => f(l),
        None => Err(no_definitions()),
    })
}

/// The loaded cluster definitions, for the other facades (the spatial view maps a cluster's LQ).
pub(super) fn with_definitions<T>(
    f: impl FnOnce(&ClusterDefinitions) -> Result<T, JsValue>,
) -> Result<T, JsValue> {
    with_defs(|l| f(&l.defs))
}

/// The options' `region`, required by the region views.
fn chosen_region(o: &ClusterOptions) -> Result<String, JsValue> {
    o.region
        .clone()
        .ok_or_else(|| err(Error::new(ErrorCode::InvalidParameter, "choose a region")))
}

fn filter_value(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && !s.eq_ignore_ascii_case("any"))
}

#[wasm_bindgen]
impl Workspace {
    /// Load cluster definitions (industry code → cluster) from `{name, bytes}` (CSV bytes) or
    /// `{name, table}` (an XLSX grid), filtered by `definitionSet` / `vintage` when the file has
    /// those columns. Replaces earlier definitions. Returns the definitions' size, their warnings
    /// and, when data is loaded, the mapping report ([`Workspace::cluster_mapping`]).
    #[wasm_bindgen(js_name = loadClusterDefinitions)]
    pub fn load_cluster_definitions(&mut self, options: JsValue) -> Result<JsValue, JsValue> {
        let bytes = js_sys::Reflect::get(&options, &"bytes".into())
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
            .map(|v| js_sys::Uint8Array::new(&v).to_vec());
        let o: DefinitionOptions = from_js(options)?;
        let filter = DefinitionFilter {
            definition_set: filter_value(o.definition_set),
            vintage: filter_value(o.vintage),
        };
        let name = if o.name.is_empty() {
            "definitions".to_string()
        } else {
            o.name
        };
        let (defs, warnings) = match (bytes, o.table) {
            (_, Some(t)) => cluster_definitions_from_table(&t, &name, &filter),
            (Some(b), None) => parse_cluster_definitions(&b, &name, &filter),
            (None, None) => Err(Error::new(
                ErrorCode::InvalidParameter,
                "give the definitions file as bytes (CSV) or table (XLSX sheet)",
            )),
        }
        .map_err(err)?;
        let out = Obj::new()
            .set("source", name)
            .set("clusters", defs.clusters.len() as u32)
            .set("entries", defs.entries.len() as u32)
            .ser("warnings", &warnings)?;
        DEFS.with(|d| *d.borrow_mut() = Some(Loaded { defs, warnings }));
        let mapping = if self.data.is_some() {
            self.cluster_mapping(JsValue::NULL)?
        } else {
            JsValue::NULL
        };
        Ok(out.set("mapping", mapping).done())
    }

    /// Forget the loaded cluster definitions.
    #[wasm_bindgen(js_name = clearClusterDefinitions)]
    pub fn clear_cluster_definitions(&mut self) {
        DEFS.with(|d| *d.borrow_mut() = None);
    }

    /// How the loaded data maps to the loaded definitions: the clusters present (for pickers),
    /// the unmapped and split codes with their size per year, the mapped share (last year) and
    /// the warnings of the definitions and of the aggregation.
    #[wasm_bindgen(js_name = clusterMapping)]
    pub fn cluster_mapping(&self, options: JsValue) -> Result<JsValue, JsValue> {
        let o: ClusterOptions = from_js(options)?;
        let p = self.prepare(&o)?;
        let clusters: Vec<ClusterInfo> =
            p.cp.panel
                .industries
                .iter()
                .enumerate()
                .map(|(c, code)| ClusterInfo {
                    code: code.clone(),
                    name: p
                        .cp
                        .panel
                        .industry_names
                        .get(c)
                        .cloned()
                        .unwrap_or_default(),
                    traded: p.cp.traded.get(c).copied().unwrap_or(false),
                    members: p
                        .cp
                        .members
                        .get(c)
                        .map(|ms| {
                            ms.iter()
                                .filter_map(|i| p.cp.source_industries.get(*i).cloned())
                                .collect()
                        })
                        .unwrap_or_default(),
                })
                .collect();
        let (source, def_warnings) =
            with_defs(|l| Ok((l.defs.source.clone(), l.warnings.clone())))?;
        Obj::new()
            .set("source", source)
            .ser("years", &p.panel.years)?
            .set(
                "measure",
                p.panel.measures.get(p.m).cloned().unwrap_or_default(),
            )
            .ser("clusters", &clusters)?
            .ser("unmapped", &p.cp.unmapped)?
            .set("mappedShare", p.cp.mapped_share)
            .ser("definitionWarnings", &def_warnings)?
            .ser("warnings", &p.warnings)
            .map(Obj::done)
    }

    /// The region profile (`region`, `year`, `fromYear`, `base`, ECO thresholds, `peerMetric`,
    /// `peers`, `missingAsZero`, `reference`): [`region_profile_view`] plus the portfolio-chart
    /// points (growth relative to each cluster's reference growth).
    #[wasm_bindgen(js_name = clusterRegionProfile)]
    pub fn cluster_region_profile(&self, options: JsValue) -> Result<JsValue, JsValue> {
        let o: ClusterOptions = from_js(options)?;
        let p = self.prepare(&o)?;
        let region = chosen_region(&o)?;
        let mut eco = EcoParams::default();
        if let Some(v) = o.size_top_share {
            eco.size_top_share = v;
        }
        if let Some(v) = o.lq_threshold {
            eco.lq_threshold = v;
        }
        if let Some(v) = o.focus_top_share {
            eco.focus_top_share = v;
        }
        let params = RegionProfileParams {
            region: region.clone(),
            to_year: p.to_year,
            from_year: p.from_year,
            employment: p.m,
            establishments: p.establishments,
            payroll: p.payroll,
            base: o.base,
            eco,
            specialisation: SpecialisationParams::default(),
            peer_metric: o.peer_metric,
            peers: o.peers.unwrap_or(10),
            shift_share_method: o.shift_share_method.unwrap_or(ShiftShareMethod::Esteban),
            size_classes: size_classes_from_measures(&p.panel.measures),
            sme_threshold: p.sme_threshold,
        };
        let mut view =
            region_profile_view(p.panel, &p.cp, p.tables().as_ref(), &params).map_err(err)?;
        if o.missing_as_zero {
            if let Some(from) = p.from_year {
                let (row, w) = self.region_shift_share(&p, &o, &region, from)?;
                view.shift_share = row;
                view.warnings.extend(w);
            }
        }
        let portfolio: Vec<PortfolioPoint> = view
            .clusters
            .iter()
            .filter_map(|c| {
                let (lq, g, rg) = (c.lq?, c.growth?, c.reference_growth?);
                (lq.is_finite() && g.is_finite() && rg.is_finite() && lq > 0.0).then(|| {
                    PortfolioPoint {
                        cluster: c.cluster.clone(),
                        cluster_name: c.cluster_name.clone(),
                        lq,
                        growth: g,
                        reference_growth: rg,
                        growth_gap: g - rg,
                        employment: c.employment,
                        quadrant: c.quadrant,
                    }
                })
            })
            .collect();
        let mut warnings = p.warnings;
        warnings.append(&mut view.warnings);
        Obj::new()
            .ser("view", &view)?
            .ser("portfolio", &portfolio)?
            .ser("fromYear", &p.from_year)?
            .set("toYear", p.to_year)
            .set(
                "measure",
                p.panel.measures.get(p.m).cloned().unwrap_or_default(),
            )
            .set("missingAsZero", o.missing_as_zero)
            .ser(
                "shiftShareMethod",
                &o.shift_share_method.unwrap_or(ShiftShareMethod::Esteban),
            )?
            .ser("sizeClasses", &params.size_classes)?
            .set("smeThreshold", p.sme_threshold)
            .ser("warnings", &warnings)
            .map(Obj::done)
    }

    /// The cluster view (`cluster`, `year`, `base`, `top`, `reference`): [`cluster_view`] (LQ,
    /// employment and strong flag per region and year, concentration per year, top regions).
    #[wasm_bindgen(js_name = clusterView)]
    pub fn cluster_view_js(&self, options: JsValue) -> Result<JsValue, JsValue> {
        let o: ClusterOptions = from_js(options)?;
        let p = self.prepare(&o)?;
        let cluster = o
            .cluster
            .clone()
            .ok_or_else(|| err(Error::new(ErrorCode::InvalidParameter, "choose a cluster")))?;
        let params = ClusterViewParams {
            cluster,
            year: p.to_year,
            employment: p.m,
            establishments: p.establishments,
            base: o.base,
            top: o.top.unwrap_or(10),
            size_classes: size_classes_from_measures(&p.panel.measures),
        };
        let mut view = cluster_view(&p.cp, p.tables().as_ref(), &params).map_err(err)?;
        let mut warnings = p.warnings;
        warnings.append(&mut view.warnings);
        Obj::new()
            .ser("view", &view)?
            .set(
                "measure",
                p.panel.measures.get(p.m).cloned().unwrap_or_default(),
            )
            .ser("warnings", &warnings)
            .map(Obj::done)
    }

    /// The prioritisation table of one region (`region`, `criteria`, `weights`,
    /// `normalisation` = `min_max` | `rank`, `tradedOnly`, `year`, `fromYear`, `base`): clusters
    /// ranked by the weighted score, with each criterion's raw value, normalised value and
    /// contribution. Cheap enough to re-run on every weight change.
    #[wasm_bindgen(js_name = clusterPriorities)]
    pub fn cluster_priorities(&self, options: JsValue) -> Result<JsValue, JsValue> {
        let o: ClusterOptions = from_js(options)?;
        let p = self.prepare(&o)?;
        let region = chosen_region(&o)?;
        let params = PriorityParams {
            criteria: o.criteria.clone(),
            weights: o.weights.clone(),
            normalisation: o.normalisation,
            external: Default::default(),
        };
        let valid = params.validate().map_err(err)?;
        p.panel.region_index(&region).map_err(err)?;
        // As the CLI: profiles of the region (traded clusters only on request), then the ranking.
        let y = p.cp.panel.year_index(p.to_year).map_err(err)?;
        let rf = match &p.reference {
            Some((_, name, rcp)) => {
                let (r, _) =
                    Reference::from_table(&rcp.panel, name, &p.cp.panel, p.m, y).map_err(err)?;
                Some(r)
            }
            None => None,
        };
        let (profiles, _) =
            cluster_profiles(p.panel, &p.cp, rf.as_ref(), &p.typology(o.base)).map_err(err)?;
        #[allow(unused_mut)]
        let mut mine: Vec<_> = profiles
            .into_iter()
            .filter(|x| x.region == region && (!o.traded_only || x.traded))
            .collect();
        #[allow(unused_mut)]
        let mut warnings = p.warnings.clone();
        let wants_io = params
            .criteria
            .iter()
            .any(|c| matches!(c, Criterion::Multiplier | Criterion::LocalSupplier));
        #[allow(unused_mut)]
        let mut io_source: Option<String> = None;
        #[cfg(feature = "analysis")]
        if wants_io {
            let r = p.panel.region_index(&region).map_err(err)?;
            let x = self.typology_extras(&p, &o, &[r], true, false)?;
            warnings.extend(x.warnings);
            io_source = x.io_source;
            crate::clusters::apply_typology_extras(&mut mine, x.io.as_deref(), None);
        }
        if wants_io && io_source.is_none() {
            warnings.push(Warning::new(
                "W_NO_IO_TABLE",
                "the multiplier and local-supplier criteria need an input-output table and a crosswalk (load them in the Input-output tab); they score 0 until then",
            ));
        }
        let rows = prioritise(&mine, &params).map_err(err)?;
        Obj::new()
            .set("region", region)
            .ser("rows", &rows)?
            .ser("criteria", &valid.criteria)?
            .ser("weights", &valid.weights)?
            .ser("normalisation", &valid.normalisation)?
            .ser("fromYear", &p.from_year)?
            .set("toYear", p.to_year)
            .ser("ioSource", &io_source)?
            .ser("warnings", &warnings)
            .map(Obj::done)
    }

    /// Regions most similar to `region` by industry structure in `year` (`peerMetric` = `cosine` |
    /// `krugman`, `peers` = how many). Needs no cluster definitions.
    #[wasm_bindgen(js_name = clusterPeers)]
    pub fn cluster_peers(&self, options: JsValue) -> Result<JsValue, JsValue> {
        let o: ClusterOptions = from_js(options)?;
        let (panel, _) = self.panel()?;
        let m = measure(panel, o.measure.as_deref())?;
        let y = match o.year {
            Some(t) => panel.year_index(t).map_err(err)?,
            None => panel.years.len().saturating_sub(1),
        };
        let region = o.region.clone().unwrap_or_default();
        let r = panel.region_index(&region).map_err(err)?;
        let peers = peer_regions(
            &panel.matrix(m, y),
            &panel.regions,
            &panel.region_names,
            r,
            o.peer_metric,
            o.peers.unwrap_or(10),
        )
        .map_err(err)?;
        Obj::new()
            .set("region", region)
            .set("year", panel.years.get(y).copied().unwrap_or(0))
            .ser("metric", &o.peer_metric)?
            .ser("peers", &peers)
            .map(Obj::done)
    }
}

impl Workspace {
    /// Aggregate the loaded data (and reference) with the loaded definitions and resolve the
    /// years and measures of `o`.
    fn prepare(&self, o: &ClusterOptions) -> Result<Prepared<'_>, JsValue> {
        let (panel, _) = self.panel()?;
        let m = measure(panel, o.measure.as_deref())?;
        let to_year = match o.year {
            Some(t) => {
                panel.year_index(t).map_err(err)?;
                t
            }
            None => panel
                .years
                .last()
                .copied()
                .ok_or_else(|| err(Error::new(ErrorCode::NoData, "the data has no years")))?,
        };
        let from_year = match o.from_year {
            Some(f) => {
                panel.year_index(f).map_err(err)?;
                Some(f)
            }
            None => panel.years.first().copied(),
        }
        .filter(|f| *f < to_year);
        let use_reference = !matches!(o.reference.as_deref(), Some("sum"));
        let (cp, reference, warnings) = with_defs(|l| {
            let (cp, mut warnings) = aggregate_to_clusters(panel, &l.defs).map_err(err)?;
            let reference = match (&self.reference, use_reference) {
                (Some((rp, name)), true) => {
                    let (rcp, w) = aggregate_to_clusters(rp, &l.defs).map_err(err)?;
                    warnings.extend(w.into_iter().map(|mut w| {
                        w.message = format!("reference {name}: {}", w.message);
                        w
                    }));
                    Some((rp, name.as_str(), rcp))
                }
                _ => None,
            };
            Ok((cp, reference, warnings))
        })?;
        Ok(Prepared {
            panel,
            establishments: named_measure(panel, "estab", m),
            payroll: named_measure(panel, "payroll", m),
            cp,
            reference,
            m,
            to_year,
            from_year,
            sme_threshold: o
                .sme_threshold
                .unwrap_or(crate::clusters::DEFAULT_SME_THRESHOLD),
            warnings,
        })
    }

    /// The region's shift-share (`o.shift_share_method`, Esteban-Marquillas by default) at
    /// industry level with missing cells as zero.
    fn region_shift_share(
        &self,
        p: &Prepared<'_>,
        o: &ClusterOptions,
        region: &str,
        from: i32,
    ) -> Result<(Option<ShiftShareRow>, Vec<Warning>), JsValue> {
        let which = if matches!(o.reference.as_deref(), Some("sum")) {
            Some("sum")
        } else {
            Some("auto")
        };
        let mut refs = Vec::with_capacity(p.panel.years.len());
        let mut warnings = Vec::new();
        for y in 0..p.panel.years.len() {
            let (r, w) = self.reference_for(p.panel, p.m, y, which)?;
            warnings.extend(w);
            refs.push(r);
        }
        let (rows, w) = shift_share_panel(
            p.panel,
            &refs,
            &ShiftShareParams {
                from_year: from,
                to_year: p.to_year,
                method: o.shift_share_method.unwrap_or(ShiftShareMethod::Esteban),
                by_industry: false,
                measure: p.m,
                missing_as_zero: true,
            },
        )
        .map_err(err)?;
        warnings.extend(
            w.into_iter()
                .filter(|w| w.location.region.as_deref().is_none_or(|x| x == region)),
        );
        Ok((rows.into_iter().find(|x| x.region == region), warnings))
    }
}

/// The typology dimensions computed in the full module: IO depth, local-supplier linkage and
/// multiplier; spatial extent.
#[cfg(feature = "analysis")]
struct Extras {
    io: Option<Vec<crate::clusters::ClusterIo>>,
    /// Why `io` is missing.
    io_missing: Option<&'static str>,
    io_source: Option<String>,
    extent: Option<Vec<crate::clusters::ClusterExtent>>,
    extent_missing: Option<&'static str>,
    warnings: Vec<Warning>,
}

#[cfg(feature = "analysis")]
impl Workspace {
    fn typology_extras(
        &self,
        p: &Prepared<'_>,
        o: &ClusterOptions,
        regions: &[usize],
        want_io: bool,
        want_extent: bool,
    ) -> Result<Extras, JsValue> {
        use crate::clusters::{
            cluster_io_indicators, cluster_spatial_extent, neighbours_for_regions, IoInputs,
        };
        use crate::io_model::{RegionalMethod, RegionalParams};
        use crate::spatial::{build_weights, ContiguityParams, Transform, WeightsSpec};
        let y = p.panel.year_index(p.to_year).map_err(err)?;
        let mut warnings = Vec::new();
        let mut x = Extras {
            io: None,
            io_missing: None,
            io_source: None,
            extent: None,
            extent_missing: None,
            warnings: Vec::new(),
        };
        if want_io {
            let which = if matches!(o.reference.as_deref(), Some("sum")) {
                "sum"
            } else {
                "auto"
            };
            let (reference, w) = self.reference_for(p.panel, p.m, y, Some(which))?;
            warnings.extend(w);
            let params = RegionalParams {
                method: o.io_method.unwrap_or(RegionalMethod::Flq),
                delta: o.delta.unwrap_or(0.3),
            };
            let res = super::linkage::with_io_inputs(|io, cw| match (io, cw) {
                (None, _) => Ok(Err("load an input-output table (Input-output tab)")),
                (Some(_), None) => Ok(Err(
                    "load a crosswalk from the data's codes to the IO table",
                )),
                (Some((table, model, source)), Some(crosswalk)) => cluster_io_indicators(
                    p.panel,
                    &p.cp,
                    p.m,
                    y,
                    &reference,
                    &IoInputs {
                        table,
                        model,
                        crosswalk,
                        params,
                    },
                    Some(regions),
                )
                .map(|r| Ok((r, source.to_string()))),
            })
            .map_err(err)?;
            match res {
                Ok(((rows, w), source)) => {
                    warnings.extend(w);
                    x.io = Some(rows);
                    x.io_source = Some(source);
                }
                Err(why) => x.io_missing = Some(why),
            }
        }
        if want_extent {
            match &self.boundaries {
                None => x.extent_missing = Some("load region boundaries"),
                Some(b) => {
                    let (wts, w) = build_weights(
                        b,
                        WeightsSpec::Queen,
                        Transform::Binary,
                        &ContiguityParams::default(),
                    )
                    .map_err(err)?;
                    warnings.extend(w);
                    let nb = neighbours_for_regions(&p.cp.panel.regions, &wts.ids, &wts.neighbours);
                    let rf = match &p.reference {
                        Some((_, name, rcp)) => Some(
                            Reference::from_table(&rcp.panel, name, &p.cp.panel, p.m, y)
                                .map_err(err)?
                                .0,
                        ),
                        None => None,
                    };
                    let rows = cluster_spatial_extent(
                        &p.cp,
                        &nb,
                        p.m,
                        p.establishments,
                        y,
                        o.base,
                        rf.as_ref(),
                    )
                    .map_err(err)?;
                    let keep: Vec<&String> = regions
                        .iter()
                        .filter_map(|r| p.cp.panel.regions.get(*r))
                        .collect();
                    x.extent = Some(
                        rows.into_iter()
                            .filter(|e| keep.contains(&&e.region))
                            .collect(),
                    );
                }
            }
        }
        x.warnings = warnings;
        Ok(x)
    }
}

#[cfg(feature = "analysis")]
#[wasm_bindgen]
impl Workspace {
    /// The typology dimensions that need the full module, for one `region`: depth, local-supplier
    /// linkage and regional output multiplier of each cluster (with the IO table and crosswalk of
    /// the Input-output tab; `ioMethod` = `flq` | `slq`, `delta`), and the spatial extent (queen
    /// contiguity of the loaded boundaries). Each part is `null` with a reason (`ioMissing`,
    /// `extentMissing`) when its input is not loaded. Same numbers as
    /// `agglo clusters --profile --io-table … --crosswalk … --geometry …`.
    #[wasm_bindgen(js_name = clusterTypologyExtras)]
    pub fn cluster_typology_extras(&self, options: JsValue) -> Result<JsValue, JsValue> {
        let o: ClusterOptions = from_js(options)?;
        let p = self.prepare(&o)?;
        let region = chosen_region(&o)?;
        let r = p.panel.region_index(&region).map_err(err)?;
        let x = self.typology_extras(&p, &o, &[r], true, true)?;
        Obj::new()
            .set("region", region)
            .set("toYear", p.to_year)
            .ser("io", &x.io)?
            .ser("ioMissing", &x.io_missing)?
            .ser("ioSource", &x.io_source)?
            .ser(
                "ioMethod",
                &o.io_method.unwrap_or(crate::io_model::RegionalMethod::Flq),
            )?
            .set("delta", o.delta.unwrap_or(0.3))
            .ser("extent", &x.extent)?
            .ser("extentMissing", &x.extent_missing)?
            .ser("warnings", &x.warnings)
            .map(Obj::done)
    }
}
