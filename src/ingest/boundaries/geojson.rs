//! GeoJSON (RFC 7946) reader: FeatureCollection, Feature, or a bare Polygon / MultiPolygon.

use super::{feature_location, value_text, RawCollection, RawFeature};
use crate::error::{Error, ErrorCode, Location, Result};
use geo::Coord;
use serde_json::{Map, Value};

pub(crate) fn read(v: &Value, file: &str) -> Result<RawCollection> {
    let kind = v.get("type").and_then(Value::as_str).unwrap_or("");
    let mut features = Vec::new();
    match kind {
        "FeatureCollection" => {
            let arr = v.get("features").and_then(Value::as_array).ok_or_else(|| {
                Error::new(
                    ErrorCode::GeometryParse,
                    "a FeatureCollection needs a 'features' array",
                )
                .at(Location::file(file).with_column("features"))
            })?;
            for (k, f) in arr.iter().enumerate() {
                features.push(feature(f, k, file)?);
            }
        }
        "Feature" => features.push(feature(v, 0, file)?),
        "Polygon" | "MultiPolygon" | "GeometryCollection" | "Point" | "MultiPoint"
        | "LineString" | "MultiLineString" => {
            let mut f = RawFeature {
                // A bare geometry has no id: its feature number stands in.
                id: Some("1".to_string()),
                properties: Map::new(),
                polygons: Vec::new(),
                arcs: Vec::new(),
            };
            f.polygons = geometry(Some(v), &feature_location(file, 0, None))?;
            features.push(f);
        }
        other => {
            return Err(Error::new(
                ErrorCode::GeometryParse,
                format!(
                    "not GeoJSON: the top-level 'type' is '{other}' (expected FeatureCollection, Feature, Polygon, MultiPolygon or a TopoJSON Topology)"
                ),
            )
            .at(Location::file(file).with_column("type").with_value(other)))
        }
    }
    Ok(RawCollection {
        format: "geojson",
        features,
        objects: Vec::new(),
        topology: false,
        geographic: true,
    })
}

fn feature(f: &Value, k: usize, file: &str) -> Result<RawFeature> {
    let id = f.get("id").and_then(value_text);
    let loc = feature_location(file, k, id.as_deref());
    if f.get("type").and_then(Value::as_str) != Some("Feature") {
        return Err(Error::new(
            ErrorCode::GeometryParse,
            format!("feature {} is not a GeoJSON Feature object", k + 1),
        )
        .at(loc.with_column("type")));
    }
    let properties = match f.get("properties") {
        Some(Value::Object(m)) => m.clone(),
        _ => Map::new(),
    };
    let polygons = geometry(f.get("geometry"), &loc)?;
    Ok(RawFeature {
        id,
        properties,
        polygons,
        arcs: Vec::new(),
    })
}

type Rings = Vec<Vec<Coord<f64>>>;

fn geometry(g: Option<&Value>, loc: &Location) -> Result<Vec<Rings>> {
    let g = match g {
        None | Some(Value::Null) => {
            return Err(Error::new(
                ErrorCode::GeometryEmpty,
                "the feature has no geometry (null)",
            )
            .at(loc.clone().with_column("geometry")))
        }
        Some(g) => g,
    };
    let kind = g.get("type").and_then(Value::as_str).unwrap_or("");
    let coords = g.get("coordinates");
    match kind {
        "Polygon" => Ok(vec![rings(coords, loc)?]),
        "MultiPolygon" => {
            let arr = coords.and_then(Value::as_array).ok_or_else(|| bad(loc, "MultiPolygon coordinates must be an array of polygons"))?;
            arr.iter().map(|p| rings(Some(p), loc)).collect()
        }
        other => Err(Error::new(
            ErrorCode::GeometryInvalid,
            format!("geometry type '{other}' is not a region: only Polygon and MultiPolygon are accepted"),
        )
        .at(loc.clone().with_column("geometry").with_value(other))),
    }
}

fn bad(loc: &Location, msg: &str) -> Error {
    Error::new(ErrorCode::GeometryInvalid, msg).at(loc.clone().with_column("geometry"))
}

fn rings(v: Option<&Value>, loc: &Location) -> Result<Rings> {
    let arr = v
        .and_then(Value::as_array)
        .ok_or_else(|| bad(loc, "Polygon coordinates must be an array of rings"))?;
    arr.iter()
        .map(|r| {
            let pts = r
                .as_array()
                .ok_or_else(|| bad(loc, "a ring must be an array of positions"))?;
            pts.iter()
                .map(|p| {
                    let xy = p.as_array().filter(|a| a.len() >= 2);
                    let num = |i: usize| xy.and_then(|a| a.get(i)).and_then(Value::as_f64);
                    match (num(0), num(1)) {
                        (Some(x), Some(y)) => Ok(Coord { x, y }),
                        _ => Err(Error::new(
                            ErrorCode::GeometryInvalid,
                            "a position is not a pair of numbers",
                        )
                        .at(loc
                            .clone()
                            .with_column("geometry")
                            .with_value(p.to_string()))),
                    }
                })
                .collect()
        })
        .collect()
}
