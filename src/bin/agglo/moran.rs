//! `agglo moran`: global Moran's I (and Geary's C, General G).

use crate::common::Format;
use crate::spatial_args::{opt, StatArgs};
use agglo::spatial::{geary, general_g, moran};
use agglo::Result;
use serde_json::{json, Value};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub stat: StatArgs,
}

pub fn run(a: Args) -> Result<(Value, Format)> {
    let p = a.stat.prepare()?;
    let m = moran(&p.weights, &p.values, &p.params)?;
    let g = geary(&p.weights, &p.values, &p.params)?;
    let binary = p
        .weights
        .clone()
        .transform(agglo::spatial::Transform::Binary);
    let gg = general_g(&binary, &p.values, &p.params).ok();
    Ok((
        json!({
            "n": m.n,
            "i": m.i,
            "expected_i": m.expected_i,
            "variance_norm": m.variance_norm,
            "z_norm": m.z_norm,
            "p_norm": m.p_norm,
            "variance_rand": m.variance_rand,
            "z_rand": m.z_rand,
            "p_rand": m.p_rand,
            "p_sim": opt(m.p_sim),
            "z_sim": opt(m.z_sim),
            "permutations": m.permutations,
            "seed": m.seed,
            "islands": m.islands,
            "weights": p.weights.kind,
            "geary_c": g.c,
            "geary_z_rand": g.z_rand,
            "geary_p_rand": g.p_rand,
            "geary_p_sim": opt(g.p_sim),
            "general_g": gg.as_ref().map(|x| x.g),
            "general_g_z": gg.as_ref().map(|x| x.z_norm),
            "general_g_p_norm": gg.as_ref().map(|x| x.p_norm),
            "warnings": p.warnings,
        }),
        Format::Json,
    ))
}
