//! `agglo lq`: location quotients with shares of region and reference.

use crate::common::{DataArgs, Format};
use agglo::indicators::location_quotients_into;
use agglo::Result;
use serde_json::{json, Value};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    /// Only this year (default: every year in the data).
    #[arg(long)]
    pub year: Option<i32>,
    /// Only this industry code.
    #[arg(long)]
    pub industry: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
}

pub fn run(a: Args) -> Result<(Value, Format)> {
    let mut loaded = a.data.load()?;
    let only = match &a.industry {
        Some(c) => Some(loaded.panel.industry_index(c)?),
        None => None,
    };
    let mut rows = Vec::new();
    let mut cells = Vec::new();
    for y in loaded.years(a.year)? {
        let reference = loaded.reference_for(y)?;
        let p = &loaded.panel;
        let w = location_quotients_into(&p.matrix(loaded.measure, y), &reference, &mut cells);
        for c in cells
            .iter()
            .filter(|c| only.is_none_or(|i| i == c.industry))
        {
            rows.push(json!({
                "region": p.regions[c.region],
                "industry": p.industries[c.industry],
                "year": p.years[y],
                "value": c.value,
                "share_region": c.share_region,
                "share_reference": c.share_reference,
                "lq": c.lq,
            }));
        }
        loaded.warnings.extend(w);
    }
    Ok((
        json!({ "rows": rows, "warnings": loaded.warnings }),
        a.format,
    ))
}
