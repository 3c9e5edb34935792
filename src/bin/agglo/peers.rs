//! `agglo peers`: the regions most similar to a region by industry structure, or with `--cluster`
//! the top regions of a cluster.

use crate::clusters::DefArgs;
use crate::common::{to_value, DataArgs, Format};
use agglo::clusters::{peer_regions, top_regions_for_cluster, PeerMetric, TopRegionsParams};
use agglo::{Error, ErrorCode, Location, Result};
use clap::ValueEnum;
use serde_json::{json, Value};

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Metric {
    Cosine,
    Krugman,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub defs: DefArgs,
    /// The region to find peers for.
    #[arg(long)]
    pub region: Option<String>,
    /// Instead: the top regions of this cluster code.
    #[arg(long)]
    pub cluster: Option<String>,
    /// With `--cluster`: rank by employment instead of LQ.
    #[arg(long)]
    pub by_employment: bool,
    #[arg(long, value_enum, default_value_t = Metric::Cosine)]
    pub metric: Metric,
    /// How many regions.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Year (default: the last).
    #[arg(long)]
    pub year: Option<i32>,
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
}

pub fn run(a: Args) -> Result<(Value, Format)> {
    let mut loaded = a.data.load()?;
    let y = match a.year {
        Some(y) => loaded.panel.year_index(y)?,
        None => loaded.panel.years.len().saturating_sub(1),
    };
    let mut rows = Vec::new();
    if let Some(code) = &a.cluster {
        let cl = a.defs.load(&mut loaded)?;
        let c = cl
            .cp
            .panel
            .industries
            .iter()
            .position(|x| x == code)
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::UnknownCluster,
                    format!("no cluster '{code}' in the data after mapping"),
                )
                .at(Location::default().with_industry(code.clone()))
            })?;
        let mut w = Vec::new();
        let reference = cl.reference_for(loaded.measure, y, &mut w)?;
        loaded.warnings.extend(w);
        let params = TopRegionsParams {
            measure: loaded.measure,
            year: y,
            base: a.defs.base.into(),
            by_lq: !a.by_employment,
            top: a.top,
        };
        for r in top_regions_for_cluster(&cl.cp, c, reference.as_ref(), &params)? {
            rows.push(to_value(&r)?);
        }
    } else {
        let region = a.region.as_ref().ok_or_else(|| {
            Error::new(
                ErrorCode::InvalidParameter,
                "give --region (peers) or --cluster (top regions)",
            )
        })?;
        let p = &loaded.panel;
        let r = p.region_index(region)?;
        let metric = match a.metric {
            Metric::Cosine => PeerMetric::Cosine,
            Metric::Krugman => PeerMetric::Krugman,
        };
        for x in peer_regions(
            &p.matrix(loaded.measure, y),
            &p.regions,
            &p.region_names,
            r,
            metric,
            a.top,
        )? {
            rows.push(to_value(&x)?);
        }
    }
    Ok((
        json!({ "rows": rows, "warnings": loaded.warnings }),
        a.format,
    ))
}
