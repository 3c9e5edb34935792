//! `agglo graph`: communities and centralities of an edge list (industry or firm network).

use crate::common::{file_name, read_file, to_value, Format};
use agglo::graph::{
    backbone, betweenness, bridges_and_articulation_points, closeness, communities_to_definitions,
    connected_components, definitions_csv, definitions_through_crosswalk, degrees,
    eigenvector_centrality, firm_graph, gould_fernandez, leiden, louvain, pagerank,
    parse_edge_list, parse_node_table, Backbone, BetweennessParams, CommunityParams, DistanceRule,
    DuplicateRule, EdgeListOptions, Graph, NodeTableOptions, SelfLoopRule,
};
use agglo::io_model::Crosswalk;
use agglo::{Error, ErrorCode, Result, Warning};
use clap::ValueEnum;
use serde_json::{json, Value};

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Algo {
    Louvain,
    Leiden,
    None,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Distance {
    Inverse,
    Weight,
    Unweighted,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Loops {
    Drop,
    Error,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Dups {
    Sum,
    Max,
    Error,
}

/// How the graph is analysed: backbone, communities, path lengths, output. Shared by `agglo graph`
/// and `agglo linkage`.
#[derive(clap::Args, Debug)]
pub struct AnalysisArgs {
    /// Keep only the backbone: `threshold:W` (weight >= W), `percentile:P` (weights at or above
    /// the P-th percentile), `mst` (maximum spanning tree) or `disparity:ALPHA` (disparity filter).
    #[arg(long)]
    pub backbone: Option<String>,
    #[arg(long, value_enum, default_value_t = Algo::Louvain)]
    pub communities: Algo,
    #[arg(long, default_value_t = 1.0)]
    pub resolution: f64,
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Path length for betweenness and closeness: 1/w (default), w, or 1 per edge.
    #[arg(long, value_enum, default_value_t = Distance::Inverse)]
    pub distance: Distance,
    /// Write the communities as a cluster-definition CSV (industry_code, cluster_code, cluster_name).
    #[arg(long)]
    pub definitions_out: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Edge list CSV (source, target, optional weight and relation columns).
    #[arg(long)]
    pub edges: String,
    #[arg(long)]
    pub source_col: Option<String>,
    #[arg(long)]
    pub target_col: Option<String>,
    #[arg(long)]
    pub weight_col: Option<String>,
    #[arg(long)]
    pub directed: bool,
    /// Repeated edges: summed (default), largest kept, or an error.
    #[arg(long, value_enum, default_value_t = Dups::Sum)]
    pub duplicates: Dups,
    /// Self-loops (a firm supplying itself): dropped with a warning (default) or an error.
    #[arg(long, value_enum, default_value_t = Loops::Drop)]
    pub self_loops: Loops,
    /// Node table (id, group, size); edges naming other ids are an error.
    #[arg(long)]
    pub nodes: Option<String>,
    #[arg(long)]
    pub group_col: Option<String>,
    #[command(flatten)]
    pub analysis: AnalysisArgs,
}

/// Parse a `--backbone` rule.
pub fn parse_backbone(s: &str) -> Result<Backbone> {
    let (kind, value) = match s.split_once(':') {
        Some((k, v)) => (k.trim(), Some(v.trim())),
        None => (s.trim(), None),
    };
    let num = || -> Result<f64> {
        value
            .and_then(|v| v.parse::<f64>().ok())
            .filter(|v| v.is_finite())
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::InvalidParameter,
                    format!("--backbone {kind} needs a number, e.g. {kind}:0.5 (got '{s}')"),
                )
            })
    };
    Ok(match kind {
        "threshold" => Backbone::Threshold { value: num()? },
        "percentile" => Backbone::Percentile { value: num()? },
        "disparity" => Backbone::Disparity { alpha: num()? },
        "mst" | "maximum_spanning_tree" => Backbone::MaximumSpanningTree,
        _ => {
            return Err(Error::new(
                ErrorCode::InvalidParameter,
                format!("unknown backbone '{s}' (threshold:W, percentile:P, mst, disparity:ALPHA)"),
            ))
        }
    })
}

pub fn run(a: Args) -> Result<(Value, Format)> {
    let opts = EdgeListOptions {
        source_col: a.source_col.clone(),
        target_col: a.target_col.clone(),
        weight_col: a.weight_col.clone(),
        directed: a.directed,
        duplicates: match a.duplicates {
            Dups::Sum => DuplicateRule::Sum,
            Dups::Max => DuplicateRule::Max,
            Dups::Error => DuplicateRule::Error,
        },
        self_loops: match a.self_loops {
            Loops::Drop => SelfLoopRule::Drop,
            Loops::Error => SelfLoopRule::Error,
        },
        ..Default::default()
    };
    let (el, mut warnings) = parse_edge_list(&read_file(&a.edges)?, &file_name(&a.edges), &opts)?;
    let nt = match &a.nodes {
        Some(p) => Some(parse_node_table(
            &read_file(p)?,
            &file_name(p),
            &NodeTableOptions {
                group_col: a.group_col.clone(),
                ..Default::default()
            },
        )?),
        None => None,
    };
    let (g, w) = firm_graph(&el, nt.as_ref())?;
    warnings.extend(w);
    let groups = nt.and_then(|t| t.group);
    analyse(g, None, groups.as_deref(), warnings, &a.analysis, None)
}

/// Backbone, communities, centralities (degree, strength, exact betweenness, closeness,
/// eigenvector, PageRank) and brokerage roles when groups exist; `names` label industry nodes.
///
/// `through`: the crosswalk that restates the definitions written by `--definitions-out` in the
/// data's industry codes (the nodes are IO sectors).
pub fn analyse(
    g: Graph,
    names: Option<&[String]>,
    groups: Option<&[String]>,
    mut warnings: Vec<Warning>,
    a: &AnalysisArgs,
    through: Option<&Crosswalk>,
) -> Result<(Value, Format)> {
    let g = match &a.backbone {
        Some(rule) => backbone(&g, &parse_backbone(rule)?)?,
        None => g,
    };
    let rule = match a.distance {
        Distance::Inverse => DistanceRule::Inverse,
        Distance::Weight => DistanceRule::Weight,
        Distance::Unweighted => DistanceRule::Unweighted,
    };
    let cp = CommunityParams {
        resolution: a.resolution,
        seed: a.seed,
        ..Default::default()
    };
    let comm = match a.communities {
        Algo::Louvain => Some(louvain(&g, &cp, &mut |_, _| true)?),
        Algo::Leiden => Some(leiden(&g, &cp, &mut |_, _| true)?),
        Algo::None => None,
    };
    let d = degrees(&g);
    let bt = betweenness(
        &g,
        &BetweennessParams {
            distance: rule,
            normalized: true,
        },
        &mut |_, _| true,
    )?;
    let cl = closeness(&g, rule, &mut |_, _| true)?;
    let pr = pagerank(&g, 0.85, true)?;
    let ev = eigenvector_or_warn(&g, &mut warnings);
    let comps = connected_components(&g);
    let cuts = bridges_and_articulation_points(&g);
    let mut cut = vec![false; g.n()];
    for a in &cuts.articulation_points {
        if let Some(c) = cut.get_mut(*a) {
            *c = true;
        }
    }
    let roles = match groups {
        Some(gr) => Some(gould_fernandez(&g, gr, &mut |_, _| true)?),
        None => None,
    };
    let nodes: Vec<Value> = (0..g.n())
        .map(|i| {
            let mut v = json!({
                "id": g.ids[i], "degree": d.degree[i], "strength": d.strength[i], "betweenness": bt[i],
                "closeness": cl[i], "eigenvector": ev.as_ref().map(|e| e[i]), "pagerank": pr[i],
                "community": comm.as_ref().map(|c| c.membership[i]),
                "component": comps.membership[i], "articulation_point": cut[i],
            });
            if let Some(n) = names {
                v["name"] = json!(n.get(i));
            }
            if let Some(r) = &roles {
                v["brokerage"] = json!(r[i]);
            }
            v
        })
        .collect();
    if let (Some(path), Some(c)) = (&a.definitions_out, &comm) {
        let rows = communities_to_definitions(&g, names, &c.membership, "C")?;
        let csv = definitions_csv(&match through {
            Some(cw) => definitions_through_crosswalk(&rows, cw),
            None => rows,
        })?;
        std::fs::write(path, csv)
            .map_err(|e| Error::new(ErrorCode::Internal, format!("cannot write {path}: {e}")))?;
    }
    if let Format::Csv = a.format {
        return Ok((json!({ "rows": nodes, "warnings": warnings }), a.format));
    }
    let edges: Vec<Value> = g
        .edges
        .iter()
        .map(|e| json!({"source": g.ids[e.source], "target": g.ids[e.target], "weight": e.weight}))
        .collect();
    Ok((
        json!({
            "directed": g.directed,
            "n_nodes": g.n(),
            "n_edges": g.m(),
            "density": g.density(),
            "n_components": comps.sizes.len(),
            "largest_component": comps.sizes.iter().max(),
            "bridges": cuts.bridges.iter().map(|(a, b)| json!([g.ids[*a], g.ids[*b]])).collect::<Vec<_>>(),
            "modularity": comm.as_ref().map(|c| c.modularity),
            "n_communities": comm.as_ref().map(|c| c.n_communities),
            "nodes": nodes,
            "edges": edges,
            "warnings": to_value(&warnings)?,
        }),
        a.format,
    ))
}

/// Weighted eigenvector centrality, or `None` with a warning (no edges, no convergence).
fn eigenvector_or_warn(g: &Graph, warnings: &mut Vec<Warning>) -> Option<Vec<f64>> {
    match eigenvector_centrality(g, true) {
        Ok(v) => Some(v),
        Err(e) => {
            warnings.push(Warning::new(
                "W_NO_EIGENVECTOR",
                format!("eigenvector centrality left empty: {}", e.message),
            ));
            None
        }
    }
}
