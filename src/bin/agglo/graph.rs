//! `agglo graph`: communities and centralities of an edge list (industry or firm network).

use crate::common::{file_name, read_file, to_value, Format};
use agglo::graph::{
    betweenness, closeness, communities_to_definitions, definitions_csv, degrees, firm_graph,
    gould_fernandez, leiden, louvain, pagerank, parse_edge_list, parse_node_table,
    BetweennessParams, CommunityParams, DistanceRule, DuplicateRule, EdgeListOptions,
    NodeTableOptions,
};
use agglo::{Error, ErrorCode, Result};
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
pub enum Dups {
    Sum,
    Max,
    Error,
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
    /// Node table (id, group, size); edges naming other ids are an error.
    #[arg(long)]
    pub nodes: Option<String>,
    #[arg(long)]
    pub group_col: Option<String>,
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
    let roles = match nt.as_ref().and_then(|t| t.group.as_ref()) {
        Some(gr) => Some(gould_fernandez(&g, gr, &mut |_, _| true)?),
        None => None,
    };
    let nodes: Vec<Value> = (0..g.n())
        .map(|i| {
            let mut v = json!({
                "id": g.ids[i], "degree": d.degree[i], "strength": d.strength[i], "betweenness": bt[i],
                "closeness": cl[i], "pagerank": pr[i], "community": comm.as_ref().map(|c| c.membership[i]),
            });
            if let Some(r) = &roles {
                v["brokerage"] = json!(r[i]);
            }
            v
        })
        .collect();
    if let (Some(path), Some(c)) = (&a.definitions_out, &comm) {
        let csv = definitions_csv(&communities_to_definitions(&g, None, &c.membership, "C")?)?;
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
            "modularity": comm.as_ref().map(|c| c.modularity),
            "n_communities": comm.as_ref().map(|c| c.n_communities),
            "nodes": nodes,
            "edges": edges,
            "warnings": to_value(&warnings)?,
        }),
        a.format,
    ))
}
