//! Cluster definitions: industry code → cluster (+ sub-cluster, traded/local), parsed from CSV
//! bytes, and the rule that maps a data set's industry codes onto them.

use crate::error::{Error, ErrorCode, Location, Result, Warning};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Traded (serving markets beyond the region) or local cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TradedLocal {
    Traded,
    Local,
    /// Legacy USCMP resource-dependent clusters; counted as traded for the LQ base.
    ResourceDependent,
    Unknown,
}

impl TradedLocal {
    fn parse(s: &str) -> Self {
        match s.trim().to_ascii_lowercase().as_str() {
            "traded" | "t" | "1" | "true" => TradedLocal::Traded,
            "local" | "l" | "0" | "false" => TradedLocal::Local,
            "resource_dependent" | "resource dependent" => TradedLocal::ResourceDependent,
            _ => TradedLocal::Unknown,
        }
    }
    /// Whether the cluster belongs to the traded base (traded and resource-dependent).
    pub fn is_traded(self) -> bool {
        matches!(self, TradedLocal::Traded | TradedLocal::ResourceDependent)
    }
}

/// One cluster of a definition set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cluster {
    pub code: String,
    pub name: String,
    pub traded_local: TradedLocal,
}

/// One mapped industry code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DefinitionEntry {
    pub industry_code: String,
    /// Index into [`ClusterDefinitions::clusters`].
    pub cluster: usize,
    pub subcluster_code: String,
    pub subcluster_name: String,
}

/// A parsed, filtered cluster definition set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterDefinitions {
    /// Where it came from (file name, and the filter applied).
    pub source: String,
    pub clusters: Vec<Cluster>,
    /// Sorted by industry code; codes are unique.
    pub entries: Vec<DefinitionEntry>,
}

/// Which rows of a definitions file to use.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DefinitionFilter {
    /// Keep rows whose `definition_set` column equals this (e.g. `DPS2016`).
    pub definition_set: Option<String>,
    /// Keep rows whose `naics_vintage` / `vintage` column equals this (e.g. `2017`).
    pub vintage: Option<String>,
}

impl DefinitionFilter {
    /// The default for NAICS 2017 data (CBP 2017–2021): US Cluster Mapping DPS2016, NAICS-2017 rows.
    pub fn uscmp_default() -> Self {
        DefinitionFilter {
            definition_set: Some("DPS2016".into()),
            vintage: Some("2017".into()),
        }
    }
}

const CODE_COLS: &[&str] = &[
    "naics_code",
    "industry_code",
    "code",
    "nace_code",
    "sic_code",
    "industry",
];
const CLUSTER_COLS: &[&str] = &["cluster_code", "cluster"];

/// Parse a cluster definitions CSV (comma, semicolon or tab separated, UTF-8 with or without BOM).
///
/// Required columns: an industry code (`naics_code`, `industry_code`, `code`, `nace_code`,
/// `sic_code`, or `industry`) and `cluster_code` (or `cluster`). Optional: `cluster_name`,
/// `subcluster_code`, `subcluster_name`, `traded_local`, `definition_set`, `naics_vintage` /
/// `vintage`. Rows outside `filter` are skipped.
///
/// Bad rows do not stop the parse; each is reported with its file and row:
/// * `W_DEFINITION_DUPLICATE` — a code listed twice (the first row wins; a repeat with the same
///   cluster is reported too, as a hint that the filter may be missing).
/// * `W_DEFINITION_UNKNOWN_CODE` — an empty code or cluster.
///
/// # Errors
/// `E_MISSING_COLUMN` without a code or cluster column; `E_CSV_SYNTAX` for unreadable CSV;
/// `E_NO_DATA` when no row survives the filter.
///
/// # Complexity
/// O(rows log rows).
///
/// # Examples
/// ```
/// use agglo::clusters::{parse_cluster_definitions, DefinitionFilter};
/// let csv = b"naics_code,cluster_code,cluster_name,traded_local\n314110,42,Textile Manufacturing,traded\n";
/// let (d, w) = parse_cluster_definitions(csv, "defs.csv", &DefinitionFilter::default()).unwrap();
/// assert_eq!(d.entries.len(), 1);
/// assert_eq!(d.clusters[0].name, "Textile Manufacturing");
/// assert!(w.is_empty());
/// ```
pub fn parse_cluster_definitions(
    bytes: &[u8],
    file: &str,
    filter: &DefinitionFilter,
) -> Result<(ClusterDefinitions, Vec<Warning>)> {
    let text = String::from_utf8_lossy(bytes);
    let mut rdr = sniffed_reader(&text);
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| Error::new(ErrorCode::CsvSyntax, e.to_string()).at(Location::file(file)))?
        .iter()
        .map(str::to_string)
        .collect();
    let mut rows = Vec::new();
    for (k, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| {
            Error::new(ErrorCode::CsvSyntax, e.to_string())
                .at(Location::file(file).with_row(k as u64 + 2))
        })?;
        rows.push(rec.iter().map(str::to_string).collect::<Vec<String>>());
    }
    read_rows(&headers, &rows, 1, None, file, filter)
}

/// The same as [`parse_cluster_definitions`] on a table already read by the ingest layer (an XLSX
/// sheet via [`crate::ingest::xlsx_to_table`]): the first non-blank row is the header; locations
/// carry the sheet name and the sheet's own row numbers.
///
/// # Errors
/// As [`parse_cluster_definitions`]; `E_NO_HEADER` for an empty sheet.
pub fn cluster_definitions_from_table(
    table: &crate::ingest::Table,
    file: &str,
    filter: &DefinitionFilter,
) -> Result<(ClusterDefinitions, Vec<Warning>)> {
    let Some(h) = table
        .rows
        .iter()
        .position(|r| r.iter().any(|c| !c.trim().is_empty()))
    else {
        return Err(Error::new(
            ErrorCode::NoHeader,
            "the cluster definitions sheet is empty",
        )
        .at(Location::file(file)));
    };
    let headers = table.rows.get(h).cloned().unwrap_or_default();
    let rows = table.rows.get(h + 1..).unwrap_or(&[]);
    read_rows(
        &headers,
        rows,
        table.first_row + h as u64,
        table.sheet.as_deref(),
        file,
        filter,
    )
}

/// Definition rows below a header on (sheet or file) row `header_row`.
fn read_rows(
    headers: &[String],
    rows: &[Vec<String>],
    header_row: u64,
    sheet: Option<&str>,
    file: &str,
    filter: &DefinitionFilter,
) -> Result<(ClusterDefinitions, Vec<Warning>)> {
    let at = |row: u64| {
        let l = Location::file(file).with_row(row);
        match sheet {
            Some(s) => l.with_sheet(s),
            None => l,
        }
    };
    let headers: Vec<String> = headers
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let col = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| headers.iter().position(|h| h == n))
    };
    let code_c = col(CODE_COLS).ok_or_else(|| {
        Error::new(
            ErrorCode::MissingColumn,
            format!(
                "the cluster definitions need an industry code column (one of {})",
                CODE_COLS.join(", ")
            ),
        )
        .at(at(header_row))
    })?;
    let cluster_c = col(CLUSTER_COLS).ok_or_else(|| {
        Error::new(
            ErrorCode::MissingColumn,
            "the cluster definitions need a cluster_code column",
        )
        .at(at(header_row))
    })?;
    let name_c = col(&["cluster_name"]);
    let sub_c = col(&["subcluster_code"]);
    let subn_c = col(&["subcluster_name"]);
    let tl_c = col(&["traded_local", "type"]);
    let set_c = col(&["definition_set"]);
    let vin_c = col(&["naics_vintage", "vintage"]);
    let mut warnings = Vec::new();
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut cluster_ix: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_code: BTreeMap<String, (DefinitionEntry, u64)> = BTreeMap::new();
    for (k, rec) in rows.iter().enumerate() {
        let row = header_row + 1 + k as u64;
        let get = |c: Option<usize>| {
            c.and_then(|c| rec.get(c))
                .map(|v| v.trim().to_string())
                .unwrap_or_default()
        };
        if let (Some(want), Some(_)) = (&filter.definition_set, set_c) {
            if !get(set_c).eq_ignore_ascii_case(want) {
                continue;
            }
        }
        if let (Some(want), Some(_)) = (&filter.vintage, vin_c) {
            if get(vin_c) != *want {
                continue;
            }
        }
        let code = get(Some(code_c));
        let cluster = get(Some(cluster_c));
        if code.is_empty() || cluster.is_empty() {
            warnings.push(
                Warning::new(
                    "W_DEFINITION_UNKNOWN_CODE",
                    format!(
                        "definition row without {}; skipped",
                        if code.is_empty() {
                            "an industry code"
                        } else {
                            "a cluster"
                        }
                    ),
                )
                .at(at(row).with_column(if code.is_empty() {
                    headers.get(code_c).cloned().unwrap_or_default()
                } else {
                    headers.get(cluster_c).cloned().unwrap_or_default()
                })),
            );
            continue;
        }
        let ci = match cluster_ix.get(&cluster) {
            Some(i) => *i,
            None => {
                let name = get(name_c);
                clusters.push(Cluster {
                    code: cluster.clone(),
                    name: if name.is_empty() {
                        cluster.clone()
                    } else {
                        name
                    },
                    traded_local: TradedLocal::parse(&get(tl_c)),
                });
                cluster_ix.insert(cluster.clone(), clusters.len() - 1);
                clusters.len() - 1
            }
        };
        if let Some((prev, prev_row)) = by_code.get(&code) {
            let prev_name = clusters
                .get(prev.cluster)
                .map(|c| c.code.clone())
                .unwrap_or_default();
            warnings.push(
                Warning::new(
                    "W_DEFINITION_DUPLICATE",
                    format!(
                        "industry code '{code}' is defined again (cluster '{cluster}'; row {prev_row} already maps it to cluster '{prev_name}'); the first definition is kept"
                    ),
                )
                .at(at(row).with_value(code.clone()).with_industry(code.clone())),
            );
            continue;
        }
        by_code.insert(
            code.clone(),
            (
                DefinitionEntry {
                    industry_code: code,
                    cluster: ci,
                    subcluster_code: get(sub_c),
                    subcluster_name: get(subn_c),
                },
                row,
            ),
        );
    }
    if by_code.is_empty() {
        return Err(Error::new(
            ErrorCode::NoData,
            format!(
                "no cluster definition rows{}",
                match (&filter.definition_set, &filter.vintage) {
                    (None, None) => String::new(),
                    (s, v) => format!(
                        " match definition_set {} and vintage {}",
                        s.as_deref().unwrap_or("(any)"),
                        v.as_deref().unwrap_or("(any)")
                    ),
                }
            ),
        )
        .at(Location::file(file)));
    }
    let source = match (&filter.definition_set, &filter.vintage) {
        (None, None) => file.to_string(),
        (s, v) => format!(
            "{file} [{}{}]",
            s.as_deref().unwrap_or(""),
            v.as_ref()
                .map(|v| format!(", vintage {v}"))
                .unwrap_or_default()
        ),
    };
    Ok((
        ClusterDefinitions {
            source,
            clusters,
            entries: by_code.into_values().map(|(e, _)| e).collect(),
        },
        warnings,
    ))
}

/// How a data industry code was matched to a cluster.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MatchKind {
    /// The code is in the definitions.
    Exact,
    /// The data code is shorter (e.g. NAICS-4 data, NAICS-6 definitions) and every defined code
    /// starting with it maps to the same cluster.
    Prefix { children: usize },
    /// The data code is longer and its longest defined prefix is used.
    Parent { parent: String },
    /// The data code is shorter and its defined children map to several clusters.
    Split { clusters: Vec<String> },
    /// Nothing matches.
    Unmapped,
}

/// Cluster assignment of each data industry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndustryMapping {
    /// Cluster index per data industry (`None` = unmapped or split).
    pub cluster_of: Vec<Option<usize>>,
    pub how: Vec<MatchKind>,
}

/// Map data industry codes onto a definition set.
///
/// Rule, in order: (1) exact code; (2) a **shorter** data code (NAICS-4 against NAICS-6
/// definitions) maps to a cluster only when *every* defined code starting with it maps to that same
/// cluster; if its children go to several clusters it is `Split` and stays unmapped (reported:
/// its employment cannot be divided without finer data); (3) a **longer** data code takes the
/// cluster of its longest defined prefix; otherwise unmapped.
///
/// # Complexity
/// O(industries × log definitions + matched children).
///
/// # Examples
/// ```
/// use agglo::clusters::{map_industries, parse_cluster_definitions, DefinitionFilter, MatchKind};
/// let csv = b"naics_code,cluster_code\n314110,42\n314120,42\n313110,42\n336111,5\n336112,5\n336211,9\n";
/// let (d, _) = parse_cluster_definitions(csv, "d.csv", &DefinitionFilter::default()).unwrap();
/// let m = map_industries(&d, &["3141".to_string(), "3362".to_string(), "3361".to_string(), "336".to_string()]);
/// assert_eq!(m.how[0], MatchKind::Prefix { children: 2 });
/// assert!(m.cluster_of[3].is_none()); // 336 splits into clusters 5 and 9
/// ```
pub fn map_industries(defs: &ClusterDefinitions, codes: &[String]) -> IndustryMapping {
    let mut cluster_of = Vec::with_capacity(codes.len());
    let mut how = Vec::with_capacity(codes.len());
    for code in codes {
        let pos = defs
            .entries
            .partition_point(|e| e.industry_code.as_str() < code.as_str());
        if let Some(e) = defs.entries.get(pos).filter(|e| e.industry_code == *code) {
            cluster_of.push(Some(e.cluster));
            how.push(MatchKind::Exact);
            continue;
        }
        // Children: defined codes with this prefix (contiguous in sorted order).
        let children: Vec<&DefinitionEntry> = defs
            .entries
            .get(pos..)
            .unwrap_or(&[])
            .iter()
            .take_while(|e| e.industry_code.starts_with(code.as_str()))
            .collect();
        if !children.is_empty() {
            let mut cl: Vec<usize> = children.iter().map(|e| e.cluster).collect();
            cl.sort_unstable();
            cl.dedup();
            if let [only] = cl.as_slice() {
                cluster_of.push(Some(*only));
                how.push(MatchKind::Prefix {
                    children: children.len(),
                });
            } else {
                cluster_of.push(None);
                how.push(MatchKind::Split {
                    clusters: cl
                        .iter()
                        .filter_map(|c| defs.clusters.get(*c).map(|c| c.code.clone()))
                        .collect(),
                });
            }
            continue;
        }
        // Parent: longest defined prefix.
        let parent = (1..code.len()).rev().find_map(|n| {
            let p = code.get(..n)?;
            let i = defs
                .entries
                .partition_point(|e| e.industry_code.as_str() < p);
            defs.entries.get(i).filter(|e| e.industry_code == p)
        });
        match parent {
            Some(e) => {
                cluster_of.push(Some(e.cluster));
                how.push(MatchKind::Parent {
                    parent: e.industry_code.clone(),
                });
            }
            None => {
                cluster_of.push(None);
                how.push(MatchKind::Unmapped);
            }
        }
    }
    IndustryMapping { cluster_of, how }
}

/// A flexible CSV reader over `text` (a leading BOM skipped) with the delimiter (`,`, `;` or tab)
/// that occurs most in its first line.
pub(crate) fn sniffed_reader(text: &str) -> csv::Reader<&[u8]> {
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().next().unwrap_or("");
    let delim = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first.matches(char::from(*d)).count())
        .unwrap_or(b',');
    csv::ReaderBuilder::new()
        .delimiter(delim)
        .flexible(true)
        .from_reader(text.as_bytes())
}
