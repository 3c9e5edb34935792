//! `agglo weights`: spatial weights from boundaries, as JSON, GAL or GWT.

use crate::common::{file_name, print_out, to_value, Format};
use crate::spatial_args::GeoArgs;
use agglo::spatial::{write_gal, write_gwt};
use agglo::{Error, ErrorCode, Result};
use serde_json::{json, Map, Value};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub geo: GeoArgs,
    /// queen, rook, knn:K, band:D or idw:D[:alpha].
    #[arg(long, default_value = "queen")]
    pub kind: String,
    /// Higher-order contiguity (2 = neighbours of neighbours, excluding first order).
    #[arg(long, default_value_t = 1)]
    pub order: usize,
    /// json, gal or gwt.
    #[arg(long, default_value = "json")]
    pub format: String,
}

pub fn run(a: Args) -> Result<(Value, Format)> {
    let (b, mut warnings) = a.geo.load(None)?;
    let (mut w, ww) = a.geo.weights(&b, &a.kind)?;
    warnings.extend(ww);
    if a.order > 1 {
        let t = w.transform;
        w = w.higher_order(a.order, false)?.transform(t);
    }
    let stem = file_name(&a.geo.geometry);
    match a.format.as_str() {
        "gal" => {
            print_out(&write_gal(&w, &stem, &b.id_field))?;
            return Ok((Value::Null, Format::Json));
        }
        "gwt" => {
            print_out(&write_gwt(&w, &stem, &b.id_field))?;
            return Ok((Value::Null, Format::Json));
        }
        "json" => {}
        other => {
            return Err(Error::new(
                ErrorCode::InvalidParameter,
                format!("unknown --format '{other}' (json, gal, gwt)"),
            ))
        }
    }
    let s = w.summary();
    let mut nb = Map::new();
    let mut ws = Map::new();
    for (i, id) in w.ids.iter().enumerate() {
        nb.insert(
            id.clone(),
            Value::from(
                w.neighbours[i]
                    .iter()
                    .map(|&j| w.ids[j].clone())
                    .collect::<Vec<_>>(),
            ),
        );
        ws.insert(id.clone(), Value::from(w.weights[i].clone()));
    }
    Ok((
        json!({
            "n": s.n,
            "links": s.links,
            "islands": s.islands,
            "components": s.components,
            "mean_neighbours": s.mean_neighbours,
            "min_neighbours": s.min_neighbours,
            "max_neighbours": s.max_neighbours,
            "histogram": s.histogram,
            "symmetric": s.symmetric,
            "transform": to_value(&s.transform)?,
            "kind": s.kind,
            "id_field": b.id_field,
            "neighbours": nb,
            "weights": ws,
            "warnings": warnings,
        }),
        Format::Json,
    ))
}
