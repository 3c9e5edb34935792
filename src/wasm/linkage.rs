//! The linkage facade (compiled into the lazily loaded `agglo_full` module only): input-output
//! tables (multipliers, linkages, key sectors, supplier gaps) and networks (firm edge lists or the
//! industry graph of the IO table: communities, centralities, brokers, bridges). State lives in this
//! module (a thread-local: one worker, one workspace) and is replaced whole by each load, so a new
//! load never leaves stale results: loading a table replaces the model, loading a network drops any
//! analysis in progress (a step of an older job is refused).
//!
//! The network analysis is a stepped job (`networkAnalyse` starts it, `networkAnalyseStep`
//! advances it by a bounded amount of work): the worker calls the step until it reports
//! `finished`, posting progress and honouring cancel between steps, so a 100 k-edge graph keeps the
//! page responsive.

use super::convert::{from_js, to_js, Obj};
use super::workspace::{err, measure, year, Workspace};
use crate::clusters::{aggregate_to_clusters, ClusterDefinitions};
use crate::graph::{
    backbone, betweenness_closeness_sources, betweenness_scale, bridges_and_articulation_points,
    closeness_nodes, colocation_graph, communities_to_definitions, connected_components,
    definitions_csv, definitions_through_crosswalk, degrees, eigenvector_centrality, firm_graph,
    gould_fernandez, io_linkage_graph, leiden, louvain, pagerank, parse_edge_list,
    parse_node_table, relatedness_graph, Backbone, BetweennessParams, ColocationMeasure,
    ColocationParams, CommunityParams, DistanceRule, DuplicateRule, EdgeListOptions, Graph,
    IoGraphParams, NodeTableOptions, SelfLoopRule,
};
use crate::io_model::{
    crosswalk_from_grid, employment_multipliers, grid_from_rows, hypothetical_extraction,
    io_table_from_grid, make_use_from_grids, members_of, output_multipliers, rasmussen_linkages,
    read_definitions, read_grid, region_multipliers, supplier_gaps_for_region,
    table_sector_employment, value_added_multipliers, Crosswalk, CrosswalkOptions, ForwardMethod,
    Grid, IoParams, IoTable, IoTableOptions, LeontiefModel, LinkageParams, NegativeFlowRule,
    RegionalMethod, RegionalParams,
};
use crate::panel::{MatrixView, Panel, Reference};
use crate::{Error, ErrorCode, Warning};
use js_sys::{Float64Array, Reflect, Uint32Array, Uint8Array};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

struct IoState {
    table: IoTable,
    model: LeontiefModel,
    warnings: Vec<Warning>,
    source: String,
}

struct NetState {
    graph: Graph,
    /// Display names (the IO sector names; the ids for firms).
    labels: Vec<String>,
    groups: Option<Vec<String>>,
    source: String,
    /// Whether nodes are industries (IO or co-location graph): their communities can become a
    /// cluster definition.
    industries: bool,
    /// Whether nodes are the sectors of the IO table (their definitions go through the crosswalk).
    io_graph: bool,
    /// Community membership of the last finished analysis.
    membership: Option<Vec<usize>>,
    /// Bumped by every load: a job started on an older network is refused.
    generation: u64,
    job: Option<NetJob>,
}

#[derive(Default)]
struct LinkageState {
    io: Option<IoState>,
    crosswalk: Option<(Crosswalk, String)>,
    definitions: Option<ClusterDefinitions>,
    net: Option<NetState>,
    generation: u64,
}

thread_local! {
    static STATE: RefCell<LinkageState> = RefCell::new(LinkageState::default());
}

fn with<R>(f: impl FnOnce(&mut LinkageState) -> R) -> R {
    STATE.with(|s| f(&mut s.borrow_mut()))
}

/// The loaded IO table, its model and source name, and the loaded crosswalk (for the clusters
/// facade's depth and multipliers).
pub(super) fn with_io_inputs<R>(
    f: impl FnOnce(Option<(&IoTable, &LeontiefModel, &str)>, Option<&Crosswalk>) -> R,
) -> R {
    STATE.with(|s| {
        let s = s.borrow();
        f(
            s.io.as_ref()
                .map(|io| (&io.table, &io.model, io.source.as_str())),
            s.crosswalk.as_ref().map(|(c, _)| c),
        )
    })
}

/// The bytes of `options[key]` (a `Uint8Array` or `ArrayBuffer`), if present.
fn bytes_of(options: &JsValue, key: &str) -> Option<Vec<u8>> {
    let v = Reflect::get(options, &key.into()).ok()?;
    if v.is_undefined() || v.is_null() {
        return None;
    }
    if let Some(a) = v.dyn_ref::<Uint8Array>() {
        return Some(a.to_vec());
    }
    if v.is_instance_of::<js_sys::ArrayBuffer>() {
        return Some(Uint8Array::new(&v).to_vec());
    }
    v.as_string().map(String::into_bytes)
}

fn need_bytes(options: &JsValue, key: &str) -> Result<Vec<u8>, JsValue> {
    bytes_of(options, key).ok_or_else(|| {
        err(Error::new(
            ErrorCode::InvalidParameter,
            format!("the options need '{key}' (file bytes)"),
        ))
    })
}

fn no_io() -> JsValue {
    err(Error::new(
        ErrorCode::NoData,
        "no input-output table is loaded yet",
    ))
}

fn no_net() -> JsValue {
    err(Error::new(ErrorCode::NoData, "no network is loaded yet"))
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct IoLoadOptions {
    /// File name of `table` (single square flow table).
    name: Option<String>,
    make_name: Option<String>,
    use_name: Option<String>,
    crosswalk_name: Option<String>,
    strict_negative: bool,
    final_demand_columns: Option<Vec<String>>,
    total_output: Option<String>,
    /// A flow table / Make / Use / crosswalk given as text rows (an XLSX sheet read by the XLSX
    /// module's `xlsxToTable`) instead of bytes.
    table_rows: Option<Vec<Vec<String>>>,
    make_rows: Option<Vec<Vec<String>>>,
    use_rows: Option<Vec<Vec<String>>>,
    crosswalk_rows: Option<Vec<Vec<String>>>,
}

/// The grid of `{key}Rows` (text rows) or of `key` (CSV bytes).
fn grid_of(
    options: &JsValue,
    key: &str,
    rows: Option<Vec<Vec<String>>>,
    name: &str,
) -> Result<Option<Grid>, JsValue> {
    if let Some(r) = rows {
        return grid_from_rows(r, name).map(Some).map_err(err);
    }
    match bytes_of(options, key) {
        Some(b) => read_grid(&b, name, None).map(Some).map_err(err),
        None => Ok(None),
    }
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct IoModelOptions {
    /// `ghosh` (default) or `leontief_row`.
    forward: Option<ForwardMethod>,
    /// Without an employment row: employment by sector from the uploaded reference table (e.g.
    /// national CBP) through the loaded crosswalk, for type-I employment multipliers.
    employment_from_reference: bool,
    /// Year of that employment (default: the latest).
    year: Option<i32>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct GapOptions {
    region: String,
    cluster: Option<String>,
    industries: Option<Vec<String>>,
    method: Option<RegionalMethod>,
    delta: Option<f64>,
    year: Option<i32>,
    measure: Option<String>,
    reference: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct NetLoadOptions {
    name: Option<String>,
    nodes_name: Option<String>,
    source_col: Option<String>,
    target_col: Option<String>,
    weight_col: Option<String>,
    group_col: Option<String>,
    directed: bool,
    /// `sum` (default), `max`, `error`.
    duplicates: Option<String>,
    /// `drop` (default, with a warning) or `error`.
    self_loops: Option<SelfLoopRule>,
    backbone: Option<Backbone>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct IoGraphOptions {
    /// `max_coefficient` (default) or `feser_bergman`.
    method: Option<crate::graph::IoGraphMethod>,
    /// Drop edges lighter than this (default 0).
    min_weight: Option<f64>,
    backbone: Option<Backbone>,
}

/// Options of the co-location and relatedness graphs of the loaded data.
#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct DataGraphOptions {
    /// Co-location: `lq` (default) or `share`.
    measure: Option<ColocationMeasure>,
    /// Keep correlations (proximities) above this (default 0.3).
    min_weight: Option<f64>,
    /// Co-location: least number of regions observing both industries (default 3).
    min_regions: Option<usize>,
    year: Option<i32>,
    measure_name: Option<String>,
    reference: Option<String>,
    backbone: Option<Backbone>,
    /// Nodes are the clusters of the loaded cluster definitions instead of industries.
    clusters: bool,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct AnalyseOptions {
    /// `louvain` (default), `leiden` or `none`.
    method: Option<String>,
    resolution: Option<f64>,
    seed: Option<u64>,
    distance: Option<DistanceRule>,
    /// Skip betweenness and closeness (O(nm)) when `n·m` exceeds this (default 5e10: never for
    /// 100 k edges; the stepped job keeps the page responsive).
    max_work: Option<f64>,
}

/// Largest table for which `ioModel` computes hypothetical extraction for every sector.
const EXTRACTION_MAX_N: usize = 1500;

#[derive(Serialize)]
struct ClusterEntry {
    code: String,
    name: String,
    industries: usize,
}

#[wasm_bindgen]
impl Workspace {
    /// Load an input-output table: `{table, name}` (a square flow table, CSV bytes) or
    /// `{make, makeName, use, useName}` (a BEA-style Make/Use pair, industry-technology
    /// assumption); optionally `{crosswalk, crosswalkName}` (data codes → table sectors). Each of
    /// them may instead come as text rows (`tableRows`, `makeRows`, `useRows`, `crosswalkRows`:
    /// an XLSX sheet read by the XLSX module's `xlsxToTable`). Builds the Leontief model once. Returns `{sectors, names, output, n, source, warnings}`.
    #[wasm_bindgen(js_name = ioLoadTable)]
    pub fn io_load_table(&mut self, options: JsValue) -> Result<JsValue, JsValue> {
        let mut o: IoLoadOptions = from_js(options.clone())?;
        let name = o.name.clone().unwrap_or_else(|| "table.csv".into());
        let (table, mut warnings, source) =
            match grid_of(&options, "table", o.table_rows.take(), &name)? {
                Some(g) => {
                    let opts = IoTableOptions {
                        final_demand_columns: o.final_demand_columns.clone(),
                        total_output: o.total_output.clone(),
                        ..Default::default()
                    };
                    let (t, w) = io_table_from_grid(&g, &opts).map_err(err)?;
                    (t, w, name)
                }
                None => {
                    let mn = o.make_name.clone().unwrap_or_else(|| "make.csv".into());
                    let un = o.use_name.clone().unwrap_or_else(|| "use.csv".into());
                    let mg = grid_of(&options, "make", o.make_rows.take(), &mn)?;
                    let ug = grid_of(&options, "use", o.use_rows.take(), &un)?;
                    let (Some(mg), Some(ug)) = (mg, ug) else {
                        return Err(err(Error::new(
                            ErrorCode::InvalidParameter,
                            "give a flow table, or both a Make and a Use table",
                        )));
                    };
                    let (t, w) = make_use_from_grids(&mg, &ug).map_err(err)?;
                    (t, w, format!("{mn} + {un}"))
                }
            };
        let params = IoParams {
            negative_flows: if o.strict_negative {
                NegativeFlowRule::Error
            } else {
                NegativeFlowRule::Warn
            },
            ..Default::default()
        };
        let model = LeontiefModel::new(&table, &params).map_err(err)?;
        warnings.extend(model.warnings.iter().cloned());
        let cname = o.crosswalk_name.unwrap_or_else(|| "crosswalk.csv".into());
        let crosswalk = match grid_of(&options, "crosswalk", o.crosswalk_rows.take(), &cname)? {
            Some(g) => Some((
                crosswalk_from_grid(&g, &CrosswalkOptions::default()).map_err(err)?,
                cname,
            )),
            None => None,
        };
        let out = Obj::new()
            .strings("sectors", &table.sectors)
            .strings("names", &table.names)
            .f64s("output", &table.x)
            .set("n", table.n as u32)
            .set("source", source.clone())
            .set(
                "crosswalk",
                crosswalk
                    .as_ref()
                    .map(|(_, n)| JsValue::from_str(n))
                    .unwrap_or(JsValue::NULL),
            )
            .ser("warnings", &warnings)?
            .done();
        with(|s| {
            s.io = Some(IoState {
                table,
                model,
                warnings,
                source,
            });
            if crosswalk.is_some() {
                s.crosswalk = crosswalk;
            }
        });
        Ok(out)
    }

    /// Replace the crosswalk (data industry codes → IO sectors): `{crosswalk, name}`.
    #[wasm_bindgen(js_name = ioLoadCrosswalk)]
    pub fn io_load_crosswalk(&mut self, options: JsValue) -> Result<JsValue, JsValue> {
        #[derive(Deserialize, Default)]
        #[serde(default)]
        struct O {
            name: Option<String>,
            rows: Option<Vec<Vec<String>>>,
        }
        let o: O = from_js(options.clone())?;
        let name = o.name.unwrap_or_else(|| "crosswalk.csv".into());
        let g = grid_of(&options, "crosswalk", o.rows, &name)?.ok_or_else(|| {
            err(Error::new(
                ErrorCode::InvalidParameter,
                "the options need 'crosswalk' (file bytes) or 'rows' (an XLSX sheet)",
            ))
        })?;
        let cw = crosswalk_from_grid(&g, &CrosswalkOptions::default()).map_err(err)?;
        let out = Obj::new()
            .set("name", name.clone())
            .set("codes", cw.map.len() as u32)
            .done();
        with(|s| s.crosswalk = Some((cw, name)));
        Ok(out)
    }

    /// Cluster definitions for the supplier gaps (`{definitions, name}`, CSV bytes with
    /// `industry_code`/`naics_code`, `cluster_code`, `cluster_name`). Returns the clusters
    /// `[{code, name, industries}]` in code order.
    #[wasm_bindgen(js_name = ioLoadDefinitions)]
    pub fn io_load_definitions(&mut self, options: JsValue) -> Result<JsValue, JsValue> {
        #[derive(Deserialize, Default)]
        #[serde(default)]
        struct O {
            name: Option<String>,
        }
        let o: O = from_js(options.clone())?;
        let b = need_bytes(&options, "definitions")?;
        let name = o.name.unwrap_or_else(|| "definitions.csv".into());
        let (defs, _) = read_definitions(&b, &name).map_err(err)?;
        let mut list: Vec<ClusterEntry> = defs
            .clusters
            .iter()
            .enumerate()
            .map(|(k, c)| ClusterEntry {
                code: c.code.clone(),
                name: c.name.clone(),
                industries: defs.entries.iter().filter(|e| e.cluster == k).count(),
            })
            .collect();
        list.sort_by(
            |a, b| match (a.code.parse::<u32>(), b.code.parse::<u32>()) {
                (Ok(x), Ok(y)) => x.cmp(&y),
                _ => a.code.cmp(&b.code),
            },
        );
        with(|s| s.definitions = Some(defs));
        to_js(&list)
    }

    /// Output multipliers (direct, indirect = total − direct, total), Rasmussen-Hirschman linkages
    /// and key-sector quadrants of the loaded table (`{forward: 'ghosh' | 'leontief_row'}`);
    /// hypothetical extraction (`extraction`, `extractionShare`; null above 1 500 sectors) and,
    /// when the table has an employment row, `employmentTotal` and `employmentTypeI` (NaN where a
    /// sector has no employment); with a value-added row, `valueAddedCoefficient` (per unit of
    /// output) and `valueAddedTypeI`. Columns as typed arrays, `keySector` as strings.
    #[wasm_bindgen(js_name = ioModel)]
    pub fn io_model(&self, options: JsValue) -> Result<JsValue, JsValue> {
        let o: IoModelOptions = from_js(options)?;
        with(|s| {
            let io = s.io.as_ref().ok_or_else(no_io)?;
            let om = output_multipliers(&io.model);
            let lk = rasmussen_linkages(
                &io.model,
                &LinkageParams {
                    forward: o.forward.unwrap_or(ForwardMethod::Ghosh),
                },
            );
            // Extraction needs a column of L per sector (O(n³)): offered up to EXTRACTION_MAX_N.
            let ex = if io.model.n <= EXTRACTION_MAX_N {
                Some(hypothetical_extraction(&io.model, None).map_err(err)?)
            } else {
                None
            };
            let ex_total = ex
                .as_ref()
                .map(|ex| ex.iter().map(|e| e.total_linkage).collect());
            let ex_share = ex
                .as_ref()
                .map(|ex| ex.iter().map(|e| e.share_of_output).collect());
            let derived = match (&io.table.employment, o.employment_from_reference) {
                (None, true) => Some(self.reference_employment(s, &io.table, o.year)?),
                _ => None,
            };
            let (emp_values, emp_source, emp_warnings) = match (&io.table.employment, &derived) {
                (Some(e), _) => (
                    Some(e.as_slice()),
                    Some("the table's employment row".to_string()),
                    vec![],
                ),
                (None, Some((e, w, src))) => (Some(e.as_slice()), Some(src.clone()), w.clone()),
                _ => (None, None, vec![]),
            };
            let emp = match emp_values {
                Some(e) => Some(employment_multipliers(&io.model, e).map_err(err)?),
                None => None,
            };
            let va = match &io.table.value_added {
                Some(v) => Some(value_added_multipliers(&io.model, v).map_err(err)?),
                None => None,
            };
            let va_coefficient = va.as_ref().map(|v| v.coefficients.clone());
            let va_type_i = va.as_ref().map(|v| {
                v.type_i
                    .iter()
                    .map(|m| m.unwrap_or(f64::NAN))
                    .collect::<Vec<f64>>()
            });
            let emp_total = emp.as_ref().map(|e| e.total.clone());
            let emp_type_i = emp.as_ref().map(|e| {
                e.type_i
                    .iter()
                    .map(|v| v.unwrap_or(f64::NAN))
                    .collect::<Vec<f64>>()
            });
            let opt = |v: Option<Vec<f64>>| {
                v.map_or(JsValue::NULL, |v| Float64Array::from(&v[..]).into())
            };
            Ok(Obj::new()
                .set("extraction", opt(ex_total))
                .set("extractionShare", opt(ex_share))
                .set("employmentTotal", opt(emp_total))
                .set("employmentTypeI", opt(emp_type_i))
                .set(
                    "employmentSource",
                    emp_source.map_or(JsValue::NULL, JsValue::from),
                )
                .ser("employmentWarnings", &emp_warnings)?
                .set("valueAddedCoefficient", opt(va_coefficient))
                .set("valueAddedTypeI", opt(va_type_i))
                .strings("sectors", &io.table.sectors)
                .strings("names", &io.table.names)
                .f64s("output", &io.table.x)
                .f64s("direct", &om.direct)
                .f64s("indirect", &om.indirect)
                .f64s("total", &om.total)
                .f64s("backward", &lk.backward)
                .f64s("forward", &lk.forward)
                .ser("forwardMethod", &lk.forward_method)?
                .ser("keySector", &lk.key_sector)?
                .set("source", io.source.clone())
                .ser("warnings", &io.warnings)?
                .done())
        })
    }

    /// Supplier gaps of a cluster (`cluster`, from the loaded definitions, by code or name) or of
    /// `industries` in `region`, with the table regionalised by `method` (`flq` default, `slq`) and
    /// `delta` (0.3), using the loaded data (its latest year unless `year`) and crosswalk. Same
    /// fields as `agglo gaps`.
    #[wasm_bindgen(js_name = ioSupplierGaps)]
    pub fn io_supplier_gaps(&self, options: JsValue) -> Result<JsValue, JsValue> {
        let GapInputs {
            o,
            panel,
            m,
            y,
            reference,
            mut warnings,
        } = self.gap_inputs(options)?;
        with(|s| {
            let (io, cw) = io_and_crosswalk(s)?;
            let (code, name, members) = match (&o.industries, &o.cluster) {
                (Some(list), _) if !list.is_empty() => (
                    "custom".to_string(),
                    "Selected industries".to_string(),
                    list.clone(),
                ),
                (_, Some(c)) => {
                    let d = s.definitions.as_ref().ok_or_else(|| {
                        err(Error::new(
                            ErrorCode::NoData,
                            "no cluster definitions are loaded",
                        ))
                    })?;
                    members_of(d, c).map_err(err)?
                }
                _ => {
                    return Err(err(Error::new(
                        ErrorCode::InvalidParameter,
                        "choose a cluster or a list of industries",
                    )))
                }
            };
            let r = panel.region_index(&o.region).map_err(err)?;
            let params = regional_params(&o);
            let res = supplier_gaps_for_region(
                &io.table,
                &io.model,
                &panel.matrix(m, y),
                &panel.industries,
                &reference,
                r,
                &o.region,
                cw,
                &members,
                &params,
            )
            .map_err(err)?;
            warnings.extend(res.gaps.warnings.iter().cloned());
            let cluster_output: Vec<(String, f64)> = io
                .table
                .sectors
                .iter()
                .zip(&res.gaps.cluster_output)
                .filter(|(_, x)| **x > 0.0)
                .map(|(s, x)| (s.clone(), *x))
                .collect();
            Ok(Obj::new()
                .set("region", o.region.clone())
                .set(
                    "regionName",
                    panel.region_names.get(r).cloned().unwrap_or_default(),
                )
                .set("year", panel.years.get(y).copied().unwrap_or(0))
                .set("clusterCode", code)
                .set("clusterName", name)
                .strings("clusterIndustries", &res.cluster_industries)
                .ser("method", &params.method)?
                .set("delta", params.delta)
                .set(
                    "lambda",
                    res.gaps.lambda.map_or(JsValue::NULL, JsValue::from),
                )
                .ser("reference", &reference.source)?
                .set("totalRequirement", res.gaps.total_requirement)
                .set("totalLocalSupply", res.gaps.total_local_supply)
                .set("totalGap", res.gaps.total_gap)
                .ser("clusterOutput", &cluster_output)?
                .ser("rows", &res.gaps.rows)?
                .ser("warnings", &warnings)?
                .done())
        })
    }

    /// Load a firm network: `{edges, name}` (edge-list CSV bytes: source, target, optional weight
    /// and relation) and optionally `{nodes, nodesName, groupCol}` (node table: id, group, size).
    /// Returns `{nNodes, nEdges, directed, hasGroups, source, warnings}`.
    #[wasm_bindgen(js_name = networkLoad)]
    pub fn network_load(&mut self, options: JsValue) -> Result<JsValue, JsValue> {
        let o: NetLoadOptions = from_js(options.clone())?;
        let edges = need_bytes(&options, "edges")?;
        let name = o.name.clone().unwrap_or_else(|| "edges.csv".into());
        let duplicates = match o.duplicates.as_deref() {
            None | Some("sum") => DuplicateRule::Sum,
            Some("max") => DuplicateRule::Max,
            Some("error") => DuplicateRule::Error,
            Some(other) => {
                return Err(err(Error::new(
                    ErrorCode::InvalidParameter,
                    format!("unknown duplicate rule '{other}' (sum, max, error)"),
                )))
            }
        };
        let eo = EdgeListOptions {
            source_col: o.source_col.clone(),
            target_col: o.target_col.clone(),
            weight_col: o.weight_col.clone(),
            directed: o.directed,
            duplicates,
            self_loops: o.self_loops.unwrap_or_default(),
            ..Default::default()
        };
        let (el, mut warnings) = parse_edge_list(&edges, &name, &eo).map_err(err)?;
        let nt = match bytes_of(&options, "nodes") {
            Some(b) => {
                let nn = o.nodes_name.clone().unwrap_or_else(|| "nodes.csv".into());
                Some(
                    parse_node_table(
                        &b,
                        &nn,
                        &NodeTableOptions {
                            group_col: o.group_col.clone(),
                            ..Default::default()
                        },
                    )
                    .map_err(err)?,
                )
            }
            None => None,
        };
        let (g, w) = firm_graph(&el, nt.as_ref()).map_err(err)?;
        warnings.extend(w);
        let groups = nt.and_then(|t| t.group);
        let labels = g.ids.clone();
        self.keep_network(g, o.backbone, labels, groups, name, false, &warnings)
    }

    /// Make the industry linkage graph of the loaded IO table the current network
    /// (`{method: 'max_coefficient' | 'feser_bergman', minWeight}`); nodes are IO sectors.
    #[wasm_bindgen(js_name = networkFromIo)]
    pub fn network_from_io(&mut self, options: JsValue) -> Result<JsValue, JsValue> {
        let o: IoGraphOptions = from_js(options)?;
        let (g, labels, source) = with(|s| {
            let io = s.io.as_ref().ok_or_else(no_io)?;
            let mut params = IoGraphParams::default();
            if let Some(m) = o.method {
                params.method = m;
            }
            if let Some(w) = o.min_weight {
                params.min_weight = w;
            }
            let g = io_linkage_graph(&io.table.sectors, &io.table.z, &io.table.x, &params)
                .map_err(err)?;
            let labels = g.names_from(&io.table.sectors, &io.table.names);
            Ok::<_, JsValue>((g, labels, format!("industry linkages of {}", io.source)))
        })?;
        let out = self.keep_network(g, o.backbone, labels, None, source, true, &[])?;
        with(|s| {
            if let Some(n) = s.net.as_mut() {
                n.io_graph = true;
            }
        });
        Ok(out)
    }

    /// Make the co-location graph of the loaded data the current network (`{measure: 'lq' |
    /// 'share', minWeight (default 0.3), minRegions (3), year, measureName, reference}`): industries
    /// linked by the correlation of their location quotients (or shares) across the loaded regions.
    #[wasm_bindgen(js_name = networkFromColocation)]
    pub fn network_from_colocation(&mut self, options: JsValue) -> Result<JsValue, JsValue> {
        self.data_graph(options, |mx, r, codes, o| {
            let params = ColocationParams {
                measure: o.measure.unwrap_or_default(),
                min_weight: o.min_weight.unwrap_or(0.3),
                min_regions: o.min_regions.unwrap_or(3),
            };
            let (g, w) = colocation_graph(mx, r, codes, &params)?;
            Ok((
                g,
                w,
                if params.measure == ColocationMeasure::Coagglomeration {
                    format!(
                        "coagglomeration of industries across the regions of {{file}} ({{year}}, γc > {})",
                        params.min_weight
                    )
                } else {
                    format!(
                        "co-location of industries across the regions of {{file}} ({{year}}, r > {})",
                        params.min_weight
                    )
                },
            ))
        })
    }

    /// Make the relatedness graph of the loaded data the current network (`{minWeight (default
    /// 0.3), year, measureName, reference, backbone}`): industries linked by their proximity
    /// (Hidalgo): the share of regions specialised (LQ >= 1) in one that also are in the other.
    #[wasm_bindgen(js_name = networkFromRelatedness)]
    pub fn network_from_relatedness(&mut self, options: JsValue) -> Result<JsValue, JsValue> {
        self.data_graph(options, |mx, r, codes, o| {
            let min_weight = o.min_weight.unwrap_or(0.3);
            let g = relatedness_graph(mx, r, codes, min_weight)?;
            Ok((g, vec![], format!("relatedness of industries across the regions of {{file}} ({{year}}, proximity > {min_weight})")))
        })
    }

    /// The communities of the last analysis of an industry graph (IO or co-location) as a cluster
    /// definition: `{csv, clusters: [{code, name, industries}], rows}`. `csv` has the columns
    /// `industry_code,cluster_code,cluster_name`, the format `loadClusterDefinitions` and
    /// `agglo clusters --definitions` read. `{prefix}` (default `C`) starts the cluster codes. The
    /// sectors of an IO graph are restated as the data's industry codes through the loaded
    /// crosswalk (`crosswalk`: its name, else null).
    #[wasm_bindgen(js_name = networkCommunityDefinitions)]
    pub fn network_community_definitions(&self, options: JsValue) -> Result<JsValue, JsValue> {
        #[derive(Deserialize, Default)]
        #[serde(default)]
        struct O {
            prefix: Option<String>,
        }
        let o: O = from_js(options)?;
        with(|s| {
            let net = s.net.as_ref().ok_or_else(no_net)?;
            if !net.industries {
                return Err(err(Error::new(
                    ErrorCode::InvalidParameter,
                    "only the communities of an industry graph (input-output, co-location or relatedness) can become cluster definitions; this network's nodes are firms or clusters",
                )));
            }
            let mem = net.membership.as_ref().ok_or_else(|| {
                err(Error::new(
                    ErrorCode::NoData,
                    "no communities yet: analyse the network with Louvain or Leiden first",
                ))
            })?;
            let rows = communities_to_definitions(
                &net.graph,
                Some(&net.labels),
                mem,
                o.prefix.as_deref().unwrap_or("C"),
            )
            .map_err(err)?;
            // The sectors of an IO table are not the data's codes: restate them through the
            // loaded crosswalk, so the clusters map onto the data.
            let (rows, through) = match (net.io_graph, &s.crosswalk) {
                (true, Some((cw, name))) => {
                    (definitions_through_crosswalk(&rows, cw), Some(name.clone()))
                }
                _ => (rows, None),
            };
            let csv = definitions_csv(&rows).map_err(err)?;
            let mut clusters: Vec<ClusterEntry> = Vec::new();
            for r in &rows {
                match clusters.iter_mut().find(|c| c.code == r.cluster_code) {
                    Some(c) => c.industries += 1,
                    None => clusters.push(ClusterEntry {
                        code: r.cluster_code.clone(),
                        name: r.cluster_name.clone(),
                        industries: 1,
                    }),
                }
            }
            Ok(Obj::new()
                .set("csv", csv)
                .ser("clusters", &clusters)?
                .set("rows", rows.len() as u32)
                .set("crosswalk", through.map_or(JsValue::NULL, JsValue::from))
                .done())
        })
    }

    /// Regional output multipliers of `region` (`{region, method: 'flq' | 'slq', delta, year,
    /// measure, reference}`): the loaded table regionalised with the loaded data's employment
    /// (through the loaded crosswalk). Same numbers as the `regional_multipliers` of `agglo gaps`.
    #[wasm_bindgen(js_name = ioRegionalMultipliers)]
    pub fn io_regional_multipliers(&self, options: JsValue) -> Result<JsValue, JsValue> {
        let GapInputs {
            o,
            panel,
            m,
            y,
            reference,
            mut warnings,
        } = self.gap_inputs(options)?;
        with(|s| {
            let (io, cw) = io_and_crosswalk(s)?;
            let r = panel.region_index(&o.region).map_err(err)?;
            let params = regional_params(&o);
            let rm = region_multipliers(
                &io.table,
                &io.model,
                &panel.matrix(m, y),
                &panel.industries,
                &reference,
                r,
                &o.region,
                cw,
                &params,
            )
            .map_err(err)?;
            warnings.extend(rm.warnings.iter().cloned());
            let slq: Vec<f64> = rm.slq.iter().map(|v| v.unwrap_or(f64::NAN)).collect();
            Ok(Obj::new()
                .set("region", o.region.clone())
                .set(
                    "regionName",
                    panel.region_names.get(r).cloned().unwrap_or_default(),
                )
                .set("year", panel.years.get(y).copied().unwrap_or(0))
                .ser("method", &params.method)?
                .set("delta", params.delta)
                .set("lambda", rm.lambda.map_or(JsValue::NULL, JsValue::from))
                .strings("sectors", &io.table.sectors)
                .strings("names", &io.table.names)
                .f64s("national", &rm.national)
                .f64s("regional", &rm.regional)
                .f64s("slq", &slq)
                .f64s("regionalEmployment", &rm.regional_employment)
                .ser("warnings", &warnings)?
                .done())
        })
    }

    /// Start the analysis of the loaded network (`{method, resolution, seed, distance}`):
    /// communities, degree, strength, PageRank, components, bridges and articulation points, then
    /// exact betweenness and closeness in steps, then brokerage roles when groups exist. Returns
    /// the job's progress `{finished, phase, done, total}`; advance with `networkAnalyseStep`.
    #[wasm_bindgen(js_name = networkAnalyse)]
    pub fn network_analyse(&mut self, options: JsValue) -> Result<JsValue, JsValue> {
        let o: AnalyseOptions = from_js(options)?;
        let cp = CommunityParams {
            resolution: o.resolution.unwrap_or(1.0),
            seed: o.seed.unwrap_or(42),
            ..Default::default()
        };
        cp.validate().map_err(err)?;
        let method = match o.method.as_deref() {
            None | Some("louvain") => Some(false),
            Some("leiden") => Some(true),
            Some("none") => None,
            Some(other) => {
                return Err(err(Error::new(
                    ErrorCode::InvalidParameter,
                    format!("unknown community method '{other}' (louvain, leiden, none)"),
                )))
            }
        };
        with(|s| {
            let net = s.net.as_mut().ok_or_else(no_net)?;
            let n = net.graph.n();
            let work = (n as f64) * ((net.graph.m() + n) as f64);
            let paths = work <= o.max_work.unwrap_or(5e10);
            // Sources per inner batch: about 1e6 edge relaxations; a step runs batches for
            // `STEP_MS`.
            let batch = ((1e6 / ((net.graph.m() + n).max(1) as f64)) as usize).clamp(1, 1024);
            net.job = Some(NetJob {
                generation: net.generation,
                stage: Stage::Communities,
                leiden: method,
                communities: cp,
                distance: o.distance.unwrap_or_default(),
                paths,
                batch,
                cursor: 0,
                acc: vec![0.0; n],
                closeness: Vec::with_capacity(if paths { n } else { 0 }),
                out: Partial::default(),
            });
            Ok(progress_of(net))
        })
    }

    /// Advance the network analysis by one bounded step; the final step's answer carries
    /// `value` (the result) and `finished: true`.
    #[wasm_bindgen(js_name = networkAnalyseStep)]
    pub fn network_analyse_step(&mut self) -> Result<JsValue, JsValue> {
        with(|s| {
            let net = s.net.as_mut().ok_or_else(no_net)?;
            step(net).map_err(err)?;
            let p = progress_of(net);
            let finished = net.job.as_ref().is_some_and(|j| j.stage == Stage::Done);
            if finished {
                let value = result_of(net)?;
                net.membership = net.job.take().and_then(|j| j.out.membership);
                let _ = Reflect::set(&p, &"value".into(), &value);
            }
            Ok(p)
        })
    }

    /// Abandon the network analysis in progress (the user cancelled).
    #[wasm_bindgen(js_name = networkAnalyseCancel)]
    pub fn network_analyse_cancel(&mut self) {
        with(|s| {
            if let Some(n) = s.net.as_mut() {
                n.job = None;
            }
        });
    }
}

/// What `ioSupplierGaps` and `ioRegionalMultipliers` share: the options, the loaded panel with
/// the chosen measure and year, and the reference (with its warnings).
struct GapInputs<'a> {
    o: GapOptions,
    panel: &'a Panel,
    m: usize,
    y: usize,
    reference: Reference,
    warnings: Vec<Warning>,
}

/// The loaded IO table and crosswalk, or the error naming the missing one.
fn io_and_crosswalk(s: &LinkageState) -> Result<(&IoState, &Crosswalk), JsValue> {
    let io = s.io.as_ref().ok_or_else(no_io)?;
    let (cw, _) = s.crosswalk.as_ref().ok_or_else(|| {
        err(Error::new(
            ErrorCode::NoData,
            "no crosswalk from the data's industry codes to the table's sectors is loaded",
        ))
    })?;
    Ok((io, cw))
}

/// Regionalisation parameters of the options (`flq`, delta 0.3 by default).
fn regional_params(o: &GapOptions) -> RegionalParams {
    RegionalParams {
        method: o.method.unwrap_or(RegionalMethod::Flq),
        delta: o.delta.unwrap_or(0.3),
    }
}

impl Workspace {
    fn gap_inputs(&self, options: JsValue) -> Result<GapInputs<'_>, JsValue> {
        let o: GapOptions = from_js(options)?;
        let (panel, _) = self.panel()?;
        let m = measure(panel, o.measure.as_deref())?;
        let y = year(panel, o.year)?;
        let (reference, warnings) = self.reference_for(panel, m, y, o.reference.as_deref())?;
        Ok(GapInputs {
            o,
            panel,
            m,
            y,
            reference,
            warnings,
        })
    }

    /// Employment by IO sector from the uploaded reference table through the loaded crosswalk, its
    /// warnings and a description of where it comes from.
    fn reference_employment(
        &self,
        s: &LinkageState,
        table: &IoTable,
        year_opt: Option<i32>,
    ) -> Result<(Vec<f64>, Vec<Warning>, String), JsValue> {
        let (panel, _) = self.panel()?;
        let Some((rp, name)) = &self.reference else {
            return Err(err(Error::new(
                ErrorCode::MissingReference,
                "employment multipliers from data need a national reference table (e.g. US County Business Patterns totals): load one with the data",
            )));
        };
        let (_, cw) = io_and_crosswalk(s)?;
        // Every industry of the reference counts (not only those the regions have): the table's
        // economy is the reference's.
        let yr = panel
            .years
            .get(year(panel, year_opt)?)
            .copied()
            .unwrap_or(0);
        let y = rp.year_index(yr).map_err(err)?;
        let m = panel
            .measures
            .get(measure(panel, None)?)
            .and_then(|name| rp.measure_index(name).ok())
            .unwrap_or_else(|| rp.default_measure());
        let (e, warnings) = table_sector_employment(table, rp, name, m, y, cw);
        let cw_name = s.crosswalk.as_ref().map(|(_, n)| n.as_str()).unwrap_or("");
        Ok((e, warnings, format!("{name} ({yr}) through {cw_name}")))
    }

    /// An industry graph of the loaded data (co-location or relatedness) as the current network:
    /// `build` gets the chosen year's matrix, the reference, the industry codes and the options,
    /// and returns the graph, its warnings and the source's text, where `{file}` and `{year}`
    /// stand for the data file and the year.
    fn data_graph(
        &mut self,
        options: JsValue,
        build: impl FnOnce(
            &MatrixView<'_>,
            &Reference,
            &[String],
            &DataGraphOptions,
        ) -> crate::Result<(Graph, Vec<Warning>, String)>,
    ) -> Result<JsValue, JsValue> {
        let o: DataGraphOptions = from_js(options)?;
        let (data, report) = self.panel()?;
        let m = measure(data, o.measure_name.as_deref())?;
        let y = year(data, o.year)?;
        let file = report.file.clone();
        // Cluster level: the panel (and an uploaded reference) summed into the clusters of the
        // definitions the cluster views loaded; the reference follows the same aggregation.
        let clustered = if o.clusters {
            Some(super::clusters::with_definitions(|defs| {
                let (cp, mut w) = aggregate_to_clusters(data, defs).map_err(err)?;
                let reference = match (&self.reference, o.reference.as_deref()) {
                    (Some((rp, name)), None | Some("auto")) => {
                        let (rcp, _) = aggregate_to_clusters(rp, defs).map_err(err)?;
                        let (r, rw) = Reference::from_table(&rcp.panel, name, &cp.panel, m, y)
                            .map_err(err)?;
                        w.extend(rw);
                        r
                    }
                    _ => Reference::sum_of_regions(&cp.panel, m, y),
                };
                Ok((cp.panel, reference, w, defs.source.clone()))
            })?)
        } else {
            None
        };
        let (panel, reference, mut warnings) = match &clustered {
            Some((p, r, w, _)) => (p, r.clone(), w.clone()),
            None => {
                let (r, w) = self.reference_for(data, m, y, o.reference.as_deref())?;
                (data, r, w)
            }
        };
        let (g, w, template) =
            build(&panel.matrix(m, y), &reference, &panel.industries, &o).map_err(err)?;
        warnings.extend(w);
        let labels = g.names_from(&panel.industries, &panel.industry_names);
        let mut source = template
            .replace(
                "{year}",
                &panel.years.get(y).copied().unwrap_or(0).to_string(),
            )
            .replace("{file}", &file);
        if let Some((_, _, _, defs)) = &clustered {
            source = source.replacen("of industries", &format!("of clusters ({defs})"), 1);
        }
        // Communities of clusters are not an industry mapping: they cannot become definitions.
        self.keep_network(g, o.backbone, labels, None, source, !o.clusters, &warnings)
    }

    /// Make `g` (reduced to its backbone when a rule is given: the node set is unchanged) the
    /// current network.
    #[allow(clippy::too_many_arguments)]
    fn keep_network(
        &mut self,
        g: Graph,
        rule: Option<Backbone>,
        labels: Vec<String>,
        groups: Option<Vec<String>>,
        mut source: String,
        industries: bool,
        warnings: &[Warning],
    ) -> Result<JsValue, JsValue> {
        let g = match rule {
            Some(r) => {
                let b = backbone(&g, &r).map_err(err)?;
                source = format!("{source}, backbone {} of {} edges", b.m(), g.m());
                b
            }
            None => g,
        };
        let out = Obj::new()
            .set("nNodes", g.n() as u32)
            .set("nEdges", g.m() as u32)
            .set("directed", g.directed)
            .set("hasGroups", groups.is_some())
            .set("industries", industries)
            .set("source", source.clone())
            .ser("warnings", warnings)?
            .done();
        with(|s| {
            s.generation += 1;
            s.net = Some(NetState {
                graph: g,
                labels,
                groups,
                source,
                industries,
                io_graph: false,
                membership: None,
                generation: s.generation,
                job: None,
            });
        });
        Ok(out)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Stage {
    Communities,
    Structure,
    Betweenness,
    Closeness,
    Brokerage,
    Done,
}

#[derive(Default)]
struct Partial {
    membership: Option<Vec<usize>>,
    modularity: Option<f64>,
    n_communities: Option<usize>,
    degree: Vec<usize>,
    strength: Vec<f64>,
    pagerank: Vec<f64>,
    /// Weighted eigenvector centrality; `None` when it is undefined (no edges) or did not converge.
    eigenvector: Option<Vec<f64>>,
    component: Vec<usize>,
    component_sizes: Vec<usize>,
    articulation: Vec<bool>,
    bridges: Vec<(usize, usize)>,
    betweenness: Option<Vec<f64>>,
    brokerage: Option<Vec<crate::graph::BrokerageRoles>>,
}

struct NetJob {
    generation: u64,
    stage: Stage,
    /// `Some(true)` Leiden, `Some(false)` Louvain, `None` no communities.
    leiden: Option<bool>,
    communities: CommunityParams,
    distance: DistanceRule,
    /// Whether betweenness and closeness are computed (see `max_work`).
    paths: bool,
    batch: usize,
    cursor: usize,
    acc: Vec<f64>,
    closeness: Vec<f64>,
    out: Partial,
}

fn stage_label(s: Stage) -> &'static str {
    match s {
        Stage::Communities => "finding communities",
        Stage::Structure => "degrees, PageRank, eigenvector, components, bridges",
        Stage::Betweenness => "betweenness (brokers) and closeness",
        Stage::Closeness => "closeness",
        Stage::Brokerage => "brokerage roles",
        Stage::Done => "done",
    }
}

/// `{finished, phase, done, total}`: the total counts two units for the fast stages and one per
/// source for betweenness (and for closeness on directed graphs).
fn progress_of(net: &NetState) -> JsValue {
    let n = net.graph.n();
    let (stage, cursor, paths) = net
        .job
        .as_ref()
        .map(|j| (j.stage, j.cursor, j.paths))
        .unwrap_or((Stage::Done, 0, false));
    let per = if paths { n } else { 0 };
    // Closeness has its own pass only on directed graphs (else it shares betweenness's).
    let per_closeness = if net.graph.directed { per } else { 0 };
    let total = 6 + per + per_closeness;
    let done = match stage {
        Stage::Communities => 0,
        Stage::Structure => 2,
        Stage::Betweenness => 4 + cursor,
        Stage::Closeness => 4 + per + cursor,
        Stage::Brokerage => 4 + per + per_closeness,
        Stage::Done => total,
    };
    Obj::new()
        .set("finished", stage == Stage::Done)
        .set("phase", stage_label(stage))
        .set("done", done as f64)
        .set("total", total as f64)
        .done()
}

/// Time budget of one step of the path stages (ms).
const STEP_MS: f64 = 80.0;

fn now() -> f64 {
    js_sys::Date::now()
}

fn step(net: &mut NetState) -> crate::Result<()> {
    let g = &net.graph;
    let n = g.n();
    let job = net
        .job
        .as_mut()
        .ok_or_else(|| Error::new(ErrorCode::Internal, "no network analysis was started"))?;
    if job.generation != net.generation {
        return Err(Error::new(
            ErrorCode::Cancelled,
            "a new network was loaded; the analysis was abandoned",
        ));
    }
    match job.stage {
        Stage::Communities => {
            if let (Some(l), true) = (job.leiden, g.m() > 0) {
                let c = if l {
                    leiden(g, &job.communities, &mut |_, _| true)?
                } else {
                    louvain(g, &job.communities, &mut |_, _| true)?
                };
                job.out.modularity = Some(c.modularity);
                job.out.n_communities = Some(c.n_communities);
                job.out.membership = Some(c.membership);
            }
            job.stage = Stage::Structure;
        }
        Stage::Structure => {
            let d = degrees(g);
            job.out.degree = d.degree;
            job.out.strength = d.strength;
            job.out.pagerank = pagerank(g, 0.85, true)?;
            job.out.eigenvector = eigenvector_centrality(g, true).ok();
            let comps = connected_components(g);
            job.out.component = comps.membership;
            job.out.component_sizes = comps.sizes;
            let cuts = bridges_and_articulation_points(g);
            let mut ap = vec![false; n];
            for a in cuts.articulation_points {
                if let Some(x) = ap.get_mut(a) {
                    *x = true;
                }
            }
            job.out.articulation = ap;
            job.out.bridges = cuts.bridges;
            job.stage = if job.paths {
                Stage::Betweenness
            } else {
                Stage::Brokerage
            };
            job.cursor = 0;
        }
        Stage::Betweenness => {
            let params = BetweennessParams {
                distance: job.distance,
                normalized: true,
            };
            // Small batches until the step's time budget is spent, so a step stays short
            // whatever the graph (cancel and progress are seen between steps).
            let start = now();
            // Undirected graphs: closeness comes from the same traversal per source.
            while job.cursor < n && now() - start < STEP_MS {
                let end = (job.cursor + job.batch).min(n);
                let closeness = (!g.directed).then_some(&mut job.closeness);
                betweenness_closeness_sources(g, &params, job.cursor..end, &mut job.acc, closeness);
                job.cursor = end;
            }
            if job.cursor >= n {
                let scale = betweenness_scale(g, &params);
                job.out.betweenness = Some(job.acc.iter().map(|c| c * scale).collect());
                job.stage = if g.directed {
                    Stage::Closeness
                } else {
                    Stage::Brokerage
                };
                job.cursor = 0;
            }
        }
        Stage::Closeness => {
            let start = now();
            while job.cursor < n && now() - start < STEP_MS {
                let end = (job.cursor + job.batch).min(n);
                job.closeness
                    .extend(closeness_nodes(g, job.distance, job.cursor..end));
                job.cursor = end;
            }
            if job.cursor >= n {
                job.stage = Stage::Brokerage;
                job.cursor = 0;
            }
        }
        Stage::Brokerage => {
            if let Some(gr) = &net.groups {
                job.out.brokerage = Some(gould_fernandez(g, gr, &mut |_, _| true)?);
            }
            job.stage = Stage::Done;
        }
        Stage::Done => {}
    }
    Ok(())
}

/// Deterministic layout: communities (or components) on a golden-angle spiral by size, each
/// community's nodes on a golden-angle spiral around its centre, in degree order (hubs central).
fn layout(n: usize, group: &[usize], degree: &[usize]) -> (Vec<f64>, Vec<f64>) {
    let golden = std::f64::consts::PI * (3.0 - 5f64.sqrt());
    let k = group.iter().copied().max().map_or(0, |m| m + 1);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); k];
    for (v, c) in group.iter().enumerate() {
        if let Some(m) = members.get_mut(*c) {
            m.push(v);
        }
    }
    for m in members.iter_mut() {
        m.sort_by(|a, b| degree.get(*b).cmp(&degree.get(*a)).then_with(|| a.cmp(b)));
    }
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|a, b| {
        members
            .get(*b)
            .map(Vec::len)
            .cmp(&members.get(*a).map(Vec::len))
            .then_with(|| a.cmp(b))
    });
    let mut x = vec![0.0; n];
    let mut y = vec![0.0; n];
    // Centres: spiral with spacing growing with the community radius (√size).
    let mut placed: Vec<(f64, f64, f64)> = Vec::with_capacity(k);
    for (rank, c) in order.iter().enumerate() {
        let m = members.get(*c).map(Vec::as_slice).unwrap_or(&[]);
        let radius = (m.len() as f64).sqrt();
        let mut dist = 0.0;
        let angle = rank as f64 * golden;
        // Push outwards until the disc does not overlap a placed one.
        let (mut cx, mut cy);
        loop {
            cx = dist * angle.cos();
            cy = dist * angle.sin();
            let clear = placed.iter().all(|(px, py, pr)| {
                ((px - cx).powi(2) + (py - cy).powi(2)).sqrt() >= pr + radius + 1.0
            });
            if clear || placed.len() > 2000 {
                break;
            }
            dist += radius.max(1.0) * 0.5 + 0.5;
        }
        placed.push((cx, cy, radius));
        for (j, v) in m.iter().enumerate() {
            let r = (j as f64 + 0.5).sqrt();
            let a = j as f64 * golden;
            if let (Some(xv), Some(yv)) = (x.get_mut(*v), y.get_mut(*v)) {
                *xv = cx + r * a.cos();
                *yv = cy + r * a.sin();
            }
        }
    }
    (x, y)
}

fn result_of(net: &NetState) -> Result<JsValue, JsValue> {
    let g = &net.graph;
    let n = g.n();
    let job = net.job.as_ref().ok_or_else(no_net)?;
    let o = &job.out;
    let group = o.membership.as_ref().unwrap_or(&o.component);
    let (x, y) = layout(n, group, &o.degree);
    let src: Vec<u32> = g.edges.iter().map(|e| e.source as u32).collect();
    let dst: Vec<u32> = g.edges.iter().map(|e| e.target as u32).collect();
    let w: Vec<f64> = g.edges.iter().map(|e| e.weight).collect();
    let u32s =
        |v: &[usize]| Uint32Array::from(&v.iter().map(|a| *a as u32).collect::<Vec<_>>()[..]);
    let density = g.density();
    let bridges: Vec<(String, String)> = o
        .bridges
        .iter()
        .map(|(a, b)| {
            (
                g.ids.get(*a).cloned().unwrap_or_default(),
                g.ids.get(*b).cloned().unwrap_or_default(),
            )
        })
        .collect();
    let mut out = Obj::new()
        .strings("ids", &g.ids)
        .strings("labels", &net.labels)
        .set("source", net.source.clone())
        .set("directed", g.directed)
        .set("nNodes", n as u32)
        .set("nEdges", g.m() as u32)
        .set("density", density)
        .set("nComponents", o.component_sizes.len() as u32)
        .set(
            "largestComponent",
            o.component_sizes.iter().copied().max().unwrap_or(0) as u32,
        )
        .set(
            "modularity",
            o.modularity.map_or(JsValue::NULL, JsValue::from),
        )
        .set(
            "nCommunities",
            o.n_communities
                .map_or(JsValue::NULL, |k| JsValue::from(k as u32)),
        )
        .set(
            "community",
            o.membership
                .as_ref()
                .map_or(JsValue::NULL, |m| u32s(m).into()),
        )
        .set("component", u32s(&o.component))
        .set("degree", u32s(&o.degree))
        .f64s("strength", &o.strength)
        .f64s("pagerank", &o.pagerank)
        .set(
            "eigenvector",
            o.eigenvector
                .as_ref()
                .map_or(JsValue::NULL, |e| Float64Array::from(&e[..]).into()),
        )
        .set(
            "betweenness",
            o.betweenness
                .as_ref()
                .map_or(JsValue::NULL, |b| Float64Array::from(&b[..]).into()),
        )
        .set(
            "closeness",
            if job.paths {
                Float64Array::from(&job.closeness[..]).into()
            } else {
                JsValue::NULL
            },
        )
        .set(
            "articulation",
            Uint8Array::from(&o.articulation.iter().map(|b| *b as u8).collect::<Vec<_>>()[..]),
        )
        .ser("bridges", &bridges)?
        .f64s("x", &x)
        .f64s("y", &y)
        .set("edgeSource", Uint32Array::from(&src[..]))
        .set("edgeTarget", Uint32Array::from(&dst[..]))
        .f64s("edgeWeight", &w);
    if let Some(gr) = &net.groups {
        out = out.strings("group", gr);
    }
    if let Some(b) = &o.brokerage {
        out = out.ser("brokerage", b)?;
    }
    Ok(out.done())
}
