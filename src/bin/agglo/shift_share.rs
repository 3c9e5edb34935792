//! `agglo shift-share`: Dunn, Esteban-Marquillas, Gerfin or dynamic shift-share per region (or per
//! region × industry with `--by industry`).

use crate::common::{to_value, DataArgs, Format};
use agglo::indicators::shift_share::{shift_share_panel, ShiftShareMethod, ShiftShareParams};
use agglo::Result;
use clap::ValueEnum;
use serde_json::{json, Value};

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Method {
    Dunn,
    Esteban,
    Gerfin,
    Dynamic,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum By {
    Region,
    Industry,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    /// Aggregate the industries to clusters first (definitions from `--definitions`).
    #[arg(long)]
    pub clusters: bool,
    #[command(flatten)]
    pub defs: crate::clusters::DefArgs,
    /// Start year.
    #[arg(long = "from")]
    pub from: i32,
    /// End year.
    #[arg(long = "to")]
    pub to: i32,
    #[arg(long, value_enum, default_value_t = Method::Dunn)]
    pub method: Method,
    #[arg(long, value_enum, default_value_t = By::Region)]
    pub by: By,
    /// Count missing (suppressed/absent) cells as 0 instead of leaving the industry out.
    #[arg(long)]
    pub missing_as_zero: bool,
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
}

pub fn run(a: Args) -> Result<(Value, Format)> {
    let mut loaded = a.data.load()?;
    if a.clusters {
        crate::clusters::to_cluster_level(&mut loaded, &a.defs)?;
    }
    let mut references = Vec::new();
    for y in 0..loaded.panel.years.len() {
        references.push(loaded.reference_for(y)?);
    }
    let params = ShiftShareParams {
        from_year: a.from,
        to_year: a.to,
        method: match a.method {
            Method::Dunn => ShiftShareMethod::Dunn,
            Method::Esteban => ShiftShareMethod::Esteban,
            Method::Gerfin => ShiftShareMethod::Gerfin,
            Method::Dynamic => ShiftShareMethod::Dynamic,
        },
        by_industry: matches!(a.by, By::Industry),
        measure: loaded.measure,
        missing_as_zero: a.missing_as_zero,
    };
    let (rows, w) = shift_share_panel(&loaded.panel, &references, &params)?;
    loaded.warnings.extend(w);
    let rows: Vec<Value> = rows.iter().map(to_value).collect::<Result<_>>()?;
    Ok((
        json!({ "rows": rows, "warnings": loaded.warnings }),
        a.format,
    ))
}
