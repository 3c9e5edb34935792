//! `agglo hotspots`: connected groups of significant HH (LISA) or hot (Gi*) regions and the
//! administrative units they span.

use crate::common::{to_value, Format};
use crate::spatial_args::StatArgs;
use agglo::spatial::{
    admin_by_prefix, getis_ord_local, hotspot_groups, local_moran, Cluster, Spot,
};
use agglo::{Error, ErrorCode, Result};
use serde_json::{json, Value};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub stat: StatArgs,
    /// lisa (significant HH) or gistar (significant hot spots).
    #[arg(long, default_value = "lisa")]
    pub method: String,
    /// Administrative unit = the first N characters of the id (2 = US state of a county FIPS).
    #[arg(long, default_value_t = 2)]
    pub admin_prefix: usize,
    /// Administrative unit from this geometry property instead.
    #[arg(long)]
    pub admin_field: Option<String>,
}

pub fn run(a: Args) -> Result<(Value, Format)> {
    let p = a.stat.prepare()?;
    let hot: Vec<bool> = match a.method.as_str() {
        "lisa" => local_moran(&p.weights, &p.values, &p.params, &mut |_, _| true)?
            .cluster
            .iter()
            .map(|c| *c == Cluster::HH)
            .collect(),
        "gistar" => getis_ord_local(&p.weights, &p.values, true, &p.params, &mut |_, _| true)?
            .spot
            .iter()
            .map(|s| *s == Spot::Hot)
            .collect(),
        other => {
            return Err(Error::new(
                ErrorCode::InvalidParameter,
                format!("unknown --method '{other}' (lisa, gistar)"),
            ))
        }
    };
    let admin: Vec<String> = match &a.admin_field {
        Some(f) => p
            .weights
            .ids
            .iter()
            .map(|id| {
                p.boundaries
                    .index_of(id)
                    .and_then(|k| p.boundaries.properties[k].get(f))
                    .and_then(agglo::ingest::boundaries::value_text)
                    .unwrap_or_default()
            })
            .collect(),
        None => admin_by_prefix(&p.weights.ids, a.admin_prefix),
    };
    let groups = hotspot_groups(
        &p.weights,
        &hot,
        &p.values,
        p.totals.as_deref(),
        Some(&admin),
        Some(&p.names),
    )?;
    Ok((
        json!({"groups": to_value(&groups)?, "method": a.method, "warnings": p.warnings}),
        Format::Json,
    ))
}
