//! `agglo specialisation`: region specialisation indices (one row per region and year), or with
//! `--cells` the LQ variants of every cell (additive, standardised, log-standardised).

use crate::common::{to_value, with_year, DataArgs, Format};
use agglo::indicators::{lq_variants, region_specialisation, SpecialisationParams};
use agglo::{Error, ErrorCode, Result};
use serde_json::{json, Value};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    /// Aggregate the industries to clusters first (definitions from `--definitions`).
    #[arg(long)]
    pub clusters: bool,
    #[command(flatten)]
    pub defs: crate::clusters::DefArgs,
    /// Only this year (default: every year).
    #[arg(long)]
    pub year: Option<i32>,
    /// Variety groups: the first N characters of the industry code.
    #[arg(long, default_value_t = 2)]
    pub group_digits: usize,
    /// Variety groups from a column of `--groups-file` (CSV with `industry,group`).
    #[arg(long)]
    pub groups_file: Option<String>,
    /// Count missing (suppressed/absent) cells as 0 instead of leaving them out.
    #[arg(long)]
    pub missing_as_zero: bool,
    /// Also compare every region with this region code (`krugman_vs_region`).
    #[arg(long)]
    pub versus: Option<String>,
    /// Per-cell LQ variants instead of per-region indices.
    #[arg(long)]
    pub cells: bool,
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
}

pub fn run(a: Args) -> Result<(Value, Format)> {
    let mut loaded = a.data.load()?;
    if a.clusters {
        crate::clusters::to_cluster_level(&mut loaded, &a.defs)?;
    }
    let groups = match &a.groups_file {
        Some(f) => Some(read_groups(f, &loaded.panel.industries)?),
        None => None,
    };
    let versus_region = match &a.versus {
        Some(code) => Some(loaded.panel.region_index(code)?),
        None => None,
    };
    let params = SpecialisationParams {
        group_digits: a.group_digits,
        groups,
        missing_as_zero: a.missing_as_zero,
        versus_region,
    };
    let mut rows = Vec::new();
    for y in loaded.years(a.year)? {
        let reference = loaded.reference_for(y)?;
        let p = &loaded.panel;
        let mx = p.matrix(loaded.measure, y);
        let year = p.years[y];
        if a.cells {
            let (cells, w) = lq_variants(&mx, &reference, &p.regions, &p.industries);
            for c in &cells {
                rows.push(with_year(to_value(c)?, year));
            }
            loaded.warnings.extend(w);
        } else {
            let (res, w) = region_specialisation(
                &mx,
                &reference,
                &p.regions,
                &p.region_names,
                &p.industries,
                &params,
            );
            for r in &res {
                rows.push(with_year(to_value(r)?, year));
            }
            loaded.warnings.extend(w);
        }
    }
    Ok((
        json!({ "rows": rows, "warnings": loaded.warnings }),
        a.format,
    ))
}

fn read_groups(path: &str, industries: &[String]) -> Result<Vec<String>> {
    let bytes = crate::common::read_file(path)?;
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(bytes.as_slice());
    let mut map = std::collections::HashMap::new();
    for (k, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| {
            Error::new(ErrorCode::CsvSyntax, e.to_string())
                .at(agglo::Location::file(path).with_row(k as u64 + 2))
        })?;
        if let (Some(i), Some(g)) = (rec.get(0), rec.get(1)) {
            map.insert(i.trim().to_string(), g.trim().to_string());
        }
    }
    Ok(industries
        .iter()
        .map(|i| map.get(i).cloned().unwrap_or_else(|| i.clone()))
        .collect())
}
