//! `agglo gaps`: supplier gaps of a cluster in a region (input requirements not met locally).

use crate::common::{file_name, read_file, to_value, DataArgs, Format};
use crate::io::TableArgs;
use agglo::io_model::{
    cluster_industries, parse_crosswalk, region_multipliers, supplier_gaps_for_region,
    CrosswalkOptions, RegionalMethod, RegionalParams,
};
use agglo::{Error, ErrorCode, Result};
use clap::ValueEnum;
use serde_json::{json, Value};

/// The US Cluster Mapping definitions shipped in `data/`, used when --definitions is absent.
const USCMP: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/cluster_definitions_uscmp.csv"
));

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Method {
    Slq,
    Flq,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub table: TableArgs,
    #[command(flatten)]
    pub data: DataArgs,
    /// Crosswalk from the data's industry codes to the table's sectors (CSV or XLSX, e.g. data/bea_summary_to_naics.csv).
    #[arg(long)]
    pub crosswalk: String,
    #[arg(long)]
    pub region: String,
    /// Cluster code or name from the definitions.
    #[arg(long, required_unless_present = "industries")]
    pub cluster: Option<String>,
    /// Comma-separated industry codes instead of a cluster.
    #[arg(long, conflicts_with = "cluster")]
    pub industries: Option<String>,
    /// Cluster definitions CSV (default: the US Cluster Mapping DPS2016 definitions).
    #[arg(long)]
    pub definitions: Option<String>,
    #[arg(long, value_enum, default_value_t = Method::Flq)]
    pub method: Method,
    /// Flegg's delta (FLQ).
    #[arg(long, default_value_t = 0.3)]
    pub delta: f64,
    /// Year (default: the latest in the data).
    #[arg(long)]
    pub year: Option<i32>,
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
}

pub fn run(a: Args) -> Result<(Value, Format)> {
    let (table, model, mut warnings) = a.table.load()?;
    let mut loaded = a.data.load()?;
    let y = loaded.year_or_latest(a.year)?;
    let reference = loaded.reference_for(y)?;
    let cw = parse_crosswalk(
        &read_file(&a.crosswalk)?,
        &file_name(&a.crosswalk),
        &CrosswalkOptions::default(),
    )?;
    let (code, name, members) = match (&a.cluster, &a.industries) {
        (_, Some(list)) => (
            "custom".to_string(),
            "Selected industries".to_string(),
            list.split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
        ),
        (Some(c), None) => match &a.definitions {
            Some(p) => cluster_industries(&read_file(p)?, &file_name(p), c)?,
            None => cluster_industries(USCMP, "cluster_definitions_uscmp.csv", c)?,
        },
        _ => {
            return Err(Error::new(
                ErrorCode::InvalidParameter,
                "give --cluster or --industries",
            ))
        }
    };
    let p = &loaded.panel;
    let r = p.region_index(&a.region)?;
    let params = RegionalParams {
        method: match a.method {
            Method::Slq => RegionalMethod::Slq,
            Method::Flq => RegionalMethod::Flq,
        },
        delta: a.delta,
    };
    let res = supplier_gaps_for_region(
        &table,
        &model,
        &p.matrix(loaded.measure, y),
        &p.industries,
        &reference,
        r,
        &a.region,
        &cw,
        &members,
        &params,
    )?;
    let rm = region_multipliers(
        &table,
        &model,
        &p.matrix(loaded.measure, y),
        &p.industries,
        &reference,
        r,
        &a.region,
        &cw,
        &params,
    )?;
    warnings.append(&mut loaded.warnings);
    warnings.extend(res.gaps.warnings.iter().cloned());
    let regional_multipliers: Vec<Value> = (0..table.n)
        .map(|k| {
            json!({
                "sector": table.sectors[k], "name": table.names[k], "national": rm.national[k],
                "regional": rm.regional[k], "slq": rm.slq[k], "regional_employment": rm.regional_employment[k],
            })
        })
        .collect();
    let rows = to_value(&res.gaps.rows)?;
    Ok((
        json!({
            "region": a.region,
            "year": p.years.get(y),
            "cluster": {"code": code, "name": name, "industries_in_region": res.cluster_industries},
            "method": params.method,
            "delta": params.delta,
            "lambda": res.gaps.lambda,
            "reference": reference.source,
            "total_requirement": res.gaps.total_requirement,
            "total_local_supply": res.gaps.total_local_supply,
            "total_gap": res.gaps.total_gap,
            "cluster_output": table.sectors.iter().zip(&res.gaps.cluster_output).filter(|(_, x)| **x > 0.0).map(|(s, x)| json!({"sector": s, "output": x})).collect::<Vec<_>>(),
            "rows": rows,
            "regional_multipliers": regional_multipliers,
            "warnings": warnings,
        }),
        a.format,
    ))
}
