//! `agglo concentration`: industry concentration indices (one row per industry and year), or with
//! `--pairs` the Ellison-Glaeser-Kerr coagglomeration of industry pairs.
//!
//! Ellison-Glaeser's H (`h_method` in each row) comes from `--plants` (establishment-level sizes)
//! when given, else from establishment counts by size class when
//! the data have size-class measures (CBP `n<5` … `n1000`, `size_<lo>_<hi>` / `size_<lo>_plus`;
//! each class at its midpoint, the open top class at 1.5 × its lower bound), else from an
//! `establishments` measure with the mean-size approximation (warning `W_EG_MEAN_SIZE`).

use crate::common::{measure_named, to_value, with_year, DataArgs, Format};
use agglo::clusters::{size_classes_from_measures, SizeClass};
use agglo::indicators::{
    coagglomeration_pairs, industry_concentration_with, parse_plants, ConcentrationParams,
    EstablishmentData,
};
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
    /// Establishment-level file for Ellison-Glaeser's H (CSV, one row per establishment:
    /// `region_code`, `industry_code`, `employment`, optional `year`). Takes precedence over
    /// size-class and establishments measures.
    #[arg(long)]
    pub plants: Option<String>,
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
    let plants = match &a.plants {
        Some(path) => {
            if a.clusters {
                return Err(agglo::Error::new(
                    agglo::ErrorCode::InvalidParameter,
                    "--plants gives establishments of data industries; it cannot be combined with --clusters",
                ));
            }
            let bytes = crate::common::read_file(path)?;
            Some(
                parse_plants(&bytes, &p.regions, &p.industries).map_err(|e| agglo::Error {
                    location: agglo::Location {
                        file: Some(crate::common::file_name(path)),
                        ..e.location
                    },
                    ..e
                })?,
            )
        }
        None => None,
    };
    let est = measure_named(p, "estab").filter(|m| *m != loaded.measure);
    // Ellison-Glaeser's H: establishment counts by size class when the data have them (CBP n<5 …
    // n1000, size_<lo>_<hi>), else the mean-size approximation from an establishments measure.
    let classes: Vec<SizeClass> = size_classes_from_measures(&p.measures)
        .into_iter()
        .filter(|c| c.measure != loaded.measure)
        .collect();
    let sizes: Vec<f64> = classes.iter().map(SizeClass::representative_size).collect();
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
            let em = if let Some(pl) = &plants {
                EstablishmentData::Plants { plants: pl, year }
            } else if !classes.is_empty() {
                EstablishmentData::SizeClasses {
                    counts: classes.iter().map(|c| p.matrix(c.measure, y)).collect(),
                    sizes: sizes.clone(),
                }
            } else {
                match est {
                    Some(m) => EstablishmentData::MeanSize(p.matrix(m, y)),
                    None => EstablishmentData::None,
                }
            };
            let (res, w) = industry_concentration_with(
                &mx,
                &em,
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
