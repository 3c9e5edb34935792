//! Edge lists and node tables from CSV bytes, with documented rules for self-loops, duplicate
//! edges and unknown node ids.

use super::network::Graph;
use crate::error::{Error, ErrorCode, Location, Result, Warning};
use crate::io_model::parse_grid;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What to do with repeated edges (the same pair; either order when undirected).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateRule {
    /// Merge, summing weights (default: repeated transactions add up), with a located warning.
    #[default]
    Sum,
    /// Merge, keeping the largest weight, with a warning.
    Max,
    /// Reject with `E_DUPLICATE_EDGE` at the repeated row.
    Error,
}

/// What to do with self-loops (a firm supplying itself).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SelfLoopRule {
    /// Drop them with a located warning (default).
    #[default]
    Drop,
    /// Reject with `E_SELF_LOOP` at the row.
    Error,
}

/// Edge-list options; columns detected from common names when absent (`source`/`from`/`supplier`,
/// `target`/`to`/`customer`/`buyer`, `weight`/`value`/`amount`, `relation`/`type`), else the first
/// two columns.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EdgeListOptions {
    pub source_col: Option<String>,
    pub target_col: Option<String>,
    pub weight_col: Option<String>,
    pub relation_col: Option<String>,
    pub directed: bool,
    pub duplicates: DuplicateRule,
    pub self_loops: SelfLoopRule,
}

/// A cleaned edge list: node ids in order of first appearance, merged edges.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EdgeList {
    pub ids: Vec<String>,
    pub edges: Vec<(usize, usize, f64)>,
    /// Relation type of each edge (the first one seen when merged).
    pub relation: Vec<Option<String>>,
    /// 1-based file line of each edge (its first occurrence).
    pub lines: Vec<u64>,
    pub directed: bool,
    /// The edge-list file, for error locations.
    pub file: String,
}

fn find_col(
    header: &[String],
    want: &Option<String>,
    cands: &[&str],
    file: &str,
) -> Result<Option<usize>> {
    match want {
        Some(w) => header
            .iter()
            .position(|h| h.eq_ignore_ascii_case(w))
            .map(Some)
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::MissingColumn,
                    format!("no column '{w}'; the file has: {}", header.join(", ")),
                )
                .at(Location::file(file).with_column(w))
            }),
        None => Ok(cands
            .iter()
            .find_map(|c| header.iter().position(|h| h.eq_ignore_ascii_case(c)))),
    }
}

/// Parse an edge list.
///
/// # Errors
/// `E_MISSING_COLUMN`; `E_NON_NUMERIC` / `E_INVALID_PARAMETER` for a weight that is not a positive
/// number (row and column given); `E_SELF_LOOP`, `E_DUPLICATE_EDGE` under the `Error` rules; empty
/// ids are `E_UNKNOWN_NODE` at their row.
///
/// # Complexity
/// O(m) expected (hash map of pairs).
pub fn parse_edge_list(
    bytes: &[u8],
    name: &str,
    opts: &EdgeListOptions,
) -> Result<(EdgeList, Vec<Warning>)> {
    let g = parse_grid(bytes, name)?;
    let sc = find_col(
        &g.header,
        &opts.source_col,
        &["source", "from", "src", "supplier", "seller"],
        name,
    )?
    .unwrap_or(0);
    let tc = find_col(
        &g.header,
        &opts.target_col,
        &["target", "to", "dst", "customer", "buyer"],
        name,
    )?
    .unwrap_or(1);
    let wc = find_col(
        &g.header,
        &opts.weight_col,
        &["weight", "value", "amount", "w"],
        name,
    )?;
    let rc = find_col(
        &g.header,
        &opts.relation_col,
        &["relation", "relation_type", "type"],
        name,
    )?;
    let mut ids: Vec<String> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut pair: HashMap<(usize, usize), usize> = HashMap::new();
    let mut out = EdgeList {
        ids: vec![],
        edges: vec![],
        relation: vec![],
        lines: vec![],
        directed: opts.directed,
        file: name.to_string(),
    };
    let mut warnings = Vec::new();
    let (mut loops, mut dups) = (Vec::new(), Vec::new());
    for (k, r) in g.rows.iter().enumerate() {
        let line = k as u64 + 2;
        let loc = || Location::file(name).with_row(line);
        let s = r.get(sc).cloned().unwrap_or_default();
        let t = r.get(tc).cloned().unwrap_or_default();
        if s.is_empty() || t.is_empty() {
            return Err(Error::new(
                ErrorCode::UnknownNode,
                "an edge needs both a source and a target id",
            )
            .at(loc().with_column(
                g.header
                    .get(if s.is_empty() { sc } else { tc })
                    .cloned()
                    .unwrap_or_default(),
            )));
        }
        let w = match wc
            .and_then(|c| r.get(c))
            .map(|x| x.trim())
            .filter(|x| !x.is_empty())
        {
            None => 1.0,
            Some(x) => {
                let col = g.header.get(wc.unwrap_or(0)).cloned().unwrap_or_default();
                let v = crate::ingest::parse_number(x, false).ok_or_else(|| {
                    Error::new(
                        ErrorCode::NonNumeric,
                        format!("weight '{x}' is not a number"),
                    )
                    .at(loc().with_column(&col).with_value(x))
                })?;
                if v <= 0.0 {
                    return Err(Error::new(ErrorCode::InvalidParameter, format!("weight {v} of edge {s} – {t} must be positive (drop the row for no tie)")).at(loc().with_column(&col).with_value(x)));
                }
                v
            }
        };
        if s == t {
            match opts.self_loops {
                SelfLoopRule::Error => {
                    return Err(
                        Error::new(ErrorCode::SelfLoop, format!("self-loop on '{s}'"))
                            .at(loc().with_value(&s)),
                    )
                }
                SelfLoopRule::Drop => {
                    loops.push(line);
                    continue;
                }
            }
        }
        let mut id = |x: &String| -> usize {
            if let Some(i) = index.get(x) {
                return *i;
            }
            ids.push(x.clone());
            index.insert(x.clone(), ids.len() - 1);
            ids.len() - 1
        };
        let (u, v) = (id(&s), id(&t));
        let key = if opts.directed || u < v {
            (u, v)
        } else {
            (v, u)
        };
        if let Some(&e) = pair.get(&key) {
            match opts.duplicates {
                DuplicateRule::Error => {
                    let first = out.lines.get(e).copied().unwrap_or(0);
                    return Err(Error::new(
                        ErrorCode::DuplicateEdge,
                        format!("edge {s} – {t} repeats the edge on line {first}"),
                    )
                    .at(loc().with_value(format!("{s} – {t}"))));
                }
                DuplicateRule::Sum => {
                    if let Some(x) = out.edges.get_mut(e) {
                        x.2 += w;
                    }
                }
                DuplicateRule::Max => {
                    if let Some(x) = out.edges.get_mut(e) {
                        x.2 = x.2.max(w);
                    }
                }
            }
            dups.push(line);
            continue;
        }
        pair.insert(key, out.edges.len());
        out.edges.push((u, v, w));
        out.relation
            .push(rc.and_then(|c| r.get(c)).filter(|x| !x.is_empty()).cloned());
        out.lines.push(line);
    }
    let lines = |v: &[u64]| {
        v.iter()
            .take(10)
            .map(|l| l.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !loops.is_empty() {
        warnings.push(
            Warning::new(
                "W_SELF_LOOP_DROPPED",
                format!(
                    "{} self-loop(s) dropped (lines {})",
                    loops.len(),
                    lines(&loops)
                ),
            )
            .at(Location::file(name).with_row(loops.first().copied().unwrap_or(0))),
        );
    }
    if !dups.is_empty() {
        let how = if opts.duplicates == DuplicateRule::Max {
            "largest weight kept"
        } else {
            "weights summed"
        };
        warnings.push(
            Warning::new(
                "W_DUPLICATE_EDGE_MERGED",
                format!(
                    "{} repeated edge(s) merged, {how} (lines {})",
                    dups.len(),
                    lines(&dups)
                ),
            )
            .at(Location::file(name).with_row(dups.first().copied().unwrap_or(0))),
        );
    }
    out.ids = ids;
    Ok((out, warnings))
}

/// Node attributes: id, optional group (municipality, sector…) and size.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeTable {
    pub ids: Vec<String>,
    pub group: Option<Vec<String>>,
    pub size: Option<Vec<Option<f64>>>,
    pub lines: Vec<u64>,
}

/// Node-table columns (defaults: `id`/`firm`/`node`/first column, `group`, `size`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NodeTableOptions {
    pub id_col: Option<String>,
    pub group_col: Option<String>,
    pub size_col: Option<String>,
}

/// Parse a node table.
///
/// # Errors
/// `E_DUPLICATE_ID` naming the id and both lines; `E_MISSING_COLUMN`; `E_NON_NUMERIC` for a size.
pub fn parse_node_table(bytes: &[u8], name: &str, opts: &NodeTableOptions) -> Result<NodeTable> {
    let g = parse_grid(bytes, name)?;
    let ic = find_col(
        &g.header,
        &opts.id_col,
        &["id", "firm", "node", "firm_id", "name"],
        name,
    )?
    .unwrap_or(0);
    let gc = find_col(
        &g.header,
        &opts.group_col,
        &["group", "municipality", "sector", "region"],
        name,
    )?;
    let zc = find_col(
        &g.header,
        &opts.size_col,
        &["size", "employees", "employment"],
        name,
    )?;
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut t = NodeTable {
        ids: vec![],
        group: gc.map(|_| vec![]),
        size: zc.map(|_| vec![]),
        lines: vec![],
    };
    for (k, r) in g.rows.iter().enumerate() {
        let line = k as u64 + 2;
        let id = r.get(ic).cloned().unwrap_or_default();
        if let Some(first) = seen.get(&id) {
            return Err(Error::new(
                ErrorCode::DuplicateId,
                format!("node '{id}' is listed twice (lines {first} and {line})"),
            )
            .at(Location::file(name).with_row(line).with_value(&id)));
        }
        seen.insert(id.clone(), line);
        if let (Some(c), Some(v)) = (gc, t.group.as_mut()) {
            v.push(r.get(c).cloned().unwrap_or_default());
        }
        if let (Some(c), Some(v)) = (zc, t.size.as_mut()) {
            let s = r.get(c).map(|x| x.trim()).unwrap_or("");
            v.push(if s.is_empty() {
                None
            } else {
                Some(crate::ingest::parse_number(s, false).ok_or_else(|| {
                    Error::new(ErrorCode::NonNumeric, format!("size '{s}' is not a number"))
                        .at(Location::file(name).with_row(line).with_value(s))
                })?)
            });
        }
        t.ids.push(id);
        t.lines.push(line);
    }
    Ok(t)
}

/// Build the firm graph. With a node table the node set and order are the table's; an edge
/// naming an id missing from the table is an error; table nodes without edges are isolates.
///
/// # Errors
/// `E_UNKNOWN_NODE` naming up to five unknown ids and their edge-list lines.
pub fn firm_graph(edges: &EdgeList, nodes: Option<&NodeTable>) -> Result<(Graph, Vec<Warning>)> {
    let mut warnings = Vec::new();
    let Some(nt) = nodes else {
        return Ok((
            Graph::new(edges.ids.clone(), edges.edges.clone(), edges.directed)?,
            warnings,
        ));
    };
    let index: HashMap<&str, usize> = nt
        .ids
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    let mut unknown = Vec::new();
    let mut out = Vec::with_capacity(edges.edges.len());
    for (k, (u, v, w)) in edges.edges.iter().enumerate() {
        let su = edges.ids.get(*u).map(|s| s.as_str()).unwrap_or("");
        let sv = edges.ids.get(*v).map(|s| s.as_str()).unwrap_or("");
        match (index.get(su), index.get(sv)) {
            (Some(a), Some(b)) => out.push((*a, *b, *w)),
            (a, _) => {
                let bad = if a.is_none() { su } else { sv };
                unknown.push((bad.to_string(), edges.lines.get(k).copied().unwrap_or(0)));
            }
        }
    }
    if let Some((id, line)) = unknown.first() {
        let list = unknown
            .iter()
            .take(5)
            .map(|(i, l)| format!("'{i}' (line {l})"))
            .collect::<Vec<_>>()
            .join(", ");
        return Err(Error::new(
            ErrorCode::UnknownNode,
            format!(
                "{} edge(s) name firms missing from the node table: {list}",
                unknown.len()
            ),
        )
        .at(Location::file(edges.file.clone())
            .with_row(*line)
            .with_value(id)));
    }
    let g = Graph::new(nt.ids.clone(), out, edges.directed)?;
    let isolates = (0..g.n())
        .filter(|u| g.neighbors(*u).0.is_empty() && g.in_neighbors(*u).0.is_empty())
        .count();
    if isolates > 0 {
        warnings.push(Warning::new(
            "W_ISOLATED_NODES",
            format!("{isolates} node(s) of the node table have no edge"),
        ));
    }
    Ok((g, warnings))
}
