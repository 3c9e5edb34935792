//! TopoJSON reader: arcs decoded once (quantised and delta-encoded when a `transform` is present),
//! rings stitched from arc indices (`~i` = arc `i` reversed), shared arcs recorded per region.

use super::{feature_location, value_text, RawCollection, RawFeature};
use crate::error::{Error, ErrorCode, Location, Result};
use geo::Coord;
use serde_json::{Map, Value};

pub(crate) fn read(v: &Value, file: &str, object: Option<&str>) -> Result<RawCollection> {
    let objects = v.get("objects").and_then(Value::as_object).ok_or_else(|| {
        Error::new(ErrorCode::TopologyParse, "the topology has no 'objects'")
            .at(Location::file(file).with_column("objects"))
    })?;
    let names: Vec<String> = objects.keys().cloned().collect();
    let (_name, obj) = match object {
        Some(o) => (
            o.to_string(),
            objects.get(o).ok_or_else(|| {
                Error::new(
                    ErrorCode::TopologyParse,
                    format!(
                        "no object '{o}' in the topology; objects: {}",
                        names.join(", ")
                    ),
                )
                .at(Location::file(file).with_column("objects").with_value(o))
            })?,
        ),
        None => objects
            .iter()
            .next()
            .map(|(k, v)| (k.clone(), v))
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::TopologyParse,
                    "the topology's 'objects' is empty",
                )
                .at(Location::file(file).with_column("objects"))
            })?,
    };
    let arcs = decode_arcs(v, file)?;
    let geoms: Vec<&Value> =
        if obj.get("type").and_then(Value::as_str) == Some("GeometryCollection") {
            obj.get("geometries")
                .and_then(Value::as_array)
                .map(|a| a.iter().collect())
                .unwrap_or_default()
        } else {
            vec![obj]
        };
    let mut features = Vec::with_capacity(geoms.len());
    for (k, g) in geoms.iter().enumerate() {
        let id = g.get("id").and_then(value_text);
        let loc = feature_location(file, k, id.as_deref());
        let kind = g.get("type").and_then(Value::as_str);
        let a = g.get("arcs");
        let mut used = Vec::new();
        let polygons = match kind {
            Some("Polygon") => vec![rings(a, &arcs, &loc, &mut used)?],
            Some("MultiPolygon") => a
                .and_then(Value::as_array)
                .ok_or_else(|| bad_arcs(&loc, "MultiPolygon 'arcs' must be an array of polygons"))?
                .iter()
                .map(|p| rings(Some(p), &arcs, &loc, &mut used))
                .collect::<Result<Vec<_>>>()?,
            None => {
                return Err(Error::new(ErrorCode::GeometryEmpty, "the geometry is null (no type)")
                    .at(loc.with_column("type")))
            }
            Some(other) => {
                return Err(Error::new(
                    ErrorCode::GeometryInvalid,
                    format!("geometry type '{other}' is not a region: only Polygon and MultiPolygon are accepted"),
                )
                .at(loc.with_column("type").with_value(other)))
            }
        };
        used.sort_unstable();
        used.dedup();
        features.push(RawFeature {
            id,
            properties: match g.get("properties") {
                Some(Value::Object(m)) => m.clone(),
                _ => Map::new(),
            },
            polygons,
            arcs: used,
        });
    }
    Ok(RawCollection {
        format: "topojson",
        features,
        objects: names,
        topology: true,
        geographic: true,
    })
}

fn bad_arcs(loc: &Location, msg: &str) -> Error {
    Error::new(ErrorCode::TopologyParse, msg).at(loc.clone().with_column("arcs"))
}

fn decode_arcs(v: &Value, file: &str) -> Result<Vec<Vec<Coord<f64>>>> {
    let transform = v.get("transform");
    let pair = |key: &str| -> Option<(f64, f64)> {
        let a = transform?.get(key)?.as_array()?;
        Some((a.first()?.as_f64()?, a.get(1)?.as_f64()?))
    };
    let (scale, translate) = match transform {
        Some(_) => {
            let s = pair("scale");
            let t = pair("translate");
            match (s, t) {
                (Some(s), Some(t)) => (Some(s), t),
                _ => {
                    return Err(Error::new(
                        ErrorCode::TopologyParse,
                        "the transform needs 'scale' and 'translate' pairs of numbers",
                    )
                    .at(Location::file(file).with_column("transform")))
                }
            }
        }
        None => (None, (0.0, 0.0)),
    };
    let arcs = v.get("arcs").and_then(Value::as_array).ok_or_else(|| {
        Error::new(ErrorCode::TopologyParse, "the topology has no 'arcs' array")
            .at(Location::file(file).with_column("arcs"))
    })?;
    arcs.iter()
        .enumerate()
        .map(|(ak, arc)| {
            let pts = arc.as_array().ok_or_else(|| {
                Error::new(
                    ErrorCode::TopologyParse,
                    format!("arc {ak} is not an array"),
                )
                .at(Location::file(file)
                    .with_column("arcs")
                    .with_value(ak.to_string()))
            })?;
            let (mut x, mut y) = (0.0, 0.0);
            pts.iter()
                .enumerate()
                .map(|(pk, p)| {
                    let a = p.as_array();
                    let num = |i: usize| a.and_then(|a| a.get(i)).and_then(Value::as_f64);
                    let (Some(px), Some(py)) = (num(0), num(1)) else {
                        return Err(Error::new(
                            ErrorCode::TopologyParse,
                            format!("arc {ak} position {pk} is not a pair of numbers"),
                        )
                        .at(Location::file(file)
                            .with_column("arcs")
                            .with_value(p.to_string())));
                    };
                    Ok(match scale {
                        Some((sx, sy)) => {
                            x += px;
                            y += py;
                            Coord {
                                x: x * sx + translate.0,
                                y: y * sy + translate.1,
                            }
                        }
                        None => Coord { x: px, y: py },
                    })
                })
                .collect()
        })
        .collect()
}

fn rings(
    v: Option<&Value>,
    arcs: &[Vec<Coord<f64>>],
    loc: &Location,
    used: &mut Vec<usize>,
) -> Result<Vec<Vec<Coord<f64>>>> {
    let rs = v
        .and_then(Value::as_array)
        .ok_or_else(|| bad_arcs(loc, "Polygon 'arcs' must be an array of rings"))?;
    rs.iter()
        .map(|r| {
            let idx = r
                .as_array()
                .ok_or_else(|| bad_arcs(loc, "a ring must be an array of arc indices"))?;
            let mut ring: Vec<Coord<f64>> = Vec::new();
            for i in idx {
                let raw = i.as_i64().ok_or_else(|| {
                    bad_arcs(loc, "an arc index is not an integer").tap_value(i.to_string())
                })?;
                let (k, rev) = if raw >= 0 {
                    (raw as usize, false)
                } else {
                    ((!raw) as usize, true)
                };
                let arc = arcs.get(k).ok_or_else(|| {
                    Error::new(
                        ErrorCode::TopologyParse,
                        format!(
                            "arc index {raw} refers to arc {k}, but the topology has {} arcs",
                            arcs.len()
                        ),
                    )
                    .at(loc.clone().with_column("arcs").with_value(raw.to_string()))
                })?;
                used.push(k);
                let pts: Box<dyn Iterator<Item = &Coord<f64>>> = if rev {
                    Box::new(arc.iter().rev())
                } else {
                    Box::new(arc.iter())
                };
                // Consecutive arcs share their junction point: skip the repeat.
                let skip = usize::from(!ring.is_empty());
                ring.extend(pts.skip(skip));
            }
            Ok(ring)
        })
        .collect()
}

trait TapValue {
    fn tap_value(self, v: String) -> Self;
}
impl TapValue for Error {
    fn tap_value(mut self, v: String) -> Self {
        self.location = self.location.with_value(v);
        self
    }
}
