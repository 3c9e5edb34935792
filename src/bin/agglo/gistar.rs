//! `agglo gistar`: local Getis-Ord G*_i (or G_i with --no-star) hot and cold spots.

use crate::common::Format;
use crate::spatial_args::{opt, StatArgs};
use agglo::spatial::getis_ord_local;
use agglo::Result;
use serde_json::{json, Value};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub stat: StatArgs,
    /// G_i (the region itself excluded) instead of G*_i.
    #[arg(long)]
    pub no_star: bool,
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
}

pub fn run(a: Args) -> Result<(Value, Format)> {
    let p = a.stat.prepare()?;
    let g = getis_ord_local(&p.weights, &p.values, !a.no_star, &p.params, &mut |_, _| {
        true
    })?;
    let rows: Vec<Value> = (0..g.ids.len())
        .map(|k| {
            json!({
                "id": g.ids[k],
                "name": p.names.get(k).cloned().unwrap_or_default(),
                "value": p.values[k],
                "g": opt(g.g[k]),
                "z": opt(g.z[k]),
                "p_norm": opt(g.p_norm[k]),
                "p_sim": opt(g.p_sim[k]),
                "significant": g.significant[k],
                "spot": g.spot[k],
            })
        })
        .collect();
    Ok((
        json!({"rows": rows, "star": g.star, "islands": g.islands, "warnings": p.warnings}),
        a.format,
    ))
}
