//! `agglo concentration`: industry concentration indices (one row per industry and year), or with
//! `--pairs` the Ellison-Glaeser-Kerr coagglomeration of industry pairs.

use crate::common::{measure_named, to_value, with_year, DataArgs, Format};
use agglo::indicators::{coagglomeration_pairs, industry_concentration, ConcentrationParams};
use agglo::Result;
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
    /// Count missing (suppressed/absent) cells as 0 instead of leaving them out.
    #[arg(long)]
    pub missing_as_zero: bool,
    /// Coagglomeration of industry pairs instead of per-industry indices.
    #[arg(long)]
    pub pairs: bool,
    /// With `--pairs`: only these industry codes (comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub industries: Vec<String>,
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
}

pub fn run(a: Args) -> Result<(Value, Format)> {
    let mut loaded = a.data.load()?;
    if a.clusters {
        crate::clusters::to_cluster_level(&mut loaded, &a.defs)?;
    }
    let p = &loaded.panel;
    let est = measure_named(p, "estab").filter(|m| *m != loaded.measure);
    let selected: Vec<usize> = a
        .industries
        .iter()
        .map(|c| p.industry_index(c))
        .collect::<Result<_>>()?;
    let mut rows = Vec::new();
    let mut warnings = Vec::new();
    for y in loaded.years(a.year)? {
        let mx = p.matrix(loaded.measure, y);
        let year = p.years[y];
        if a.pairs {
            for r in coagglomeration_pairs(&mx, &p.industries, &selected) {
                rows.push(with_year(to_value(&r)?, year));
            }
        } else {
            let em = est.map(|m| p.matrix(m, y));
            let (res, w) = industry_concentration(
                &mx,
                em.as_ref(),
                &p.industries,
                &p.industry_names,
                &ConcentrationParams {
                    missing_as_zero: a.missing_as_zero,
                },
            );
            for r in &res {
                rows.push(with_year(to_value(r)?, year));
            }
            warnings.extend(w);
        }
    }
    loaded.warnings.extend(warnings);
    Ok((
        json!({ "rows": rows, "warnings": loaded.warnings }),
        a.format,
    ))
}
