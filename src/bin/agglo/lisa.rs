//! `agglo lisa`: local Moran's I per region with quadrant and significance.

use crate::common::Format;
use crate::spatial_args::{opt, StatArgs};
use agglo::spatial::local_moran;
use agglo::Result;
use serde_json::{json, Value};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub stat: StatArgs,
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
}

pub fn run(a: Args) -> Result<(Value, Format)> {
    let p = a.stat.prepare()?;
    let l = local_moran(&p.weights, &p.values, &p.params, &mut |_, _| true)?;
    let rows: Vec<Value> = (0..l.ids.len())
        .map(|k| {
            json!({
                "id": l.ids[k],
                "name": p.names.get(k).cloned().unwrap_or_default(),
                "value": p.values[k],
                "i": opt(l.i[k]),
                "quadrant": l.quadrant[k].map(|q| q.as_str()),
                "cluster": l.cluster[k],
                "z": opt(l.z[k]),
                "p_norm": opt(l.p_norm[k]),
                "p_sim": opt(l.p_sim[k]),
                "significant": l.significant[k],
            })
        })
        .collect();
    Ok((
        json!({"rows": rows, "islands": l.islands, "permutations": l.permutations, "seed": l.seed, "warnings": p.warnings}),
        a.format,
    ))
}
