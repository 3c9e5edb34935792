//! Shared helpers for the spatial tests: Columbus data and comparisons.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use agglo::ingest::boundaries::{load_shapefile_parts, Boundaries, BoundaryOptions};
use agglo::spatial::{
    build_weights, knn, ContiguityParams, SpatialWeights, Transform, WeightsSpec,
};
use serde_json::Value;

pub fn path(p: &str) -> String {
    format!("{}/{p}", env!("CARGO_MANIFEST_DIR"))
}

pub fn esda() -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(path("tests/refcases/spatial/columbus_esda.json")).unwrap(),
    )
    .unwrap()
}

pub fn columbus() -> Boundaries {
    let shp = std::fs::read(path("tests/refcases/data/libpysal/columbus/columbus.shp")).unwrap();
    let dbf = std::fs::read(path("tests/refcases/data/libpysal/columbus/columbus.dbf")).unwrap();
    load_shapefile_parts(
        &shp,
        &dbf,
        None,
        "columbus.shp",
        &BoundaryOptions {
            id_field: Some("POLYID".into()),
            ..Default::default()
        },
    )
    .unwrap()
    .0
}

pub fn column(b: &Boundaries, name: &str) -> Vec<f64> {
    b.properties
        .iter()
        .map(|p| p.get(name).and_then(Value::as_f64).unwrap())
        .collect()
}

/// Columbus weights by the refcase name, transformed.
pub fn weights(b: &Boundaries, name: &str, t: Transform) -> SpatialWeights {
    let p = ContiguityParams::default();
    let w = match name {
        "queen" => build_weights(b, WeightsSpec::Queen, t, &p).unwrap().0,
        "rook" => build_weights(b, WeightsSpec::Rook, t, &p).unwrap().0,
        "knn4_centroid" => {
            build_weights(b, WeightsSpec::Knn { k: 4 }, t, &p)
                .unwrap()
                .0
        }
        "dband_centroid" => {
            build_weights(b, WeightsSpec::Band { threshold: 0.62 }, t, &p)
                .unwrap()
                .0
        }
        "knn4_XY" => {
            let (x, y) = (column(b, "X"), column(b, "Y"));
            let pts: Vec<[f64; 2]> = x.iter().zip(&y).map(|(a, b)| [*a, *b]).collect();
            knn(&b.ids, &pts, 4).unwrap().transform(t)
        }
        other => panic!("unknown weights {other}"),
    };
    w
}

pub fn f64s(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

/// Relative comparison to 1e-9 (absolute 1e-12 near zero).
pub fn close(a: f64, b: f64, what: &str) {
    let tol = 1e-9 * a.abs().max(b.abs()).max(1e-3);
    assert!((a - b).abs() <= tol, "{what}: {a} vs {b}");
}

pub fn close_all(a: &[f64], b: &[f64], what: &str) {
    assert_eq!(a.len(), b.len(), "{what}: lengths");
    for (k, (x, y)) in a.iter().zip(b).enumerate() {
        close(*x, *y, &format!("{what}[{k}]"));
    }
}

/// A pseudo p-value estimated with R permutations: within 4 standard errors of the reference's
/// estimate (plus a floor for the 1/(R+1) granularity).
pub fn p_close(ours: f64, reference: f64, r: usize, what: &str) {
    let se = (reference * (1.0 - reference) / r as f64).sqrt();
    let tol = 4.0 * se + 2.0 / (r as f64 + 1.0);
    assert!(
        (ours - reference).abs() <= tol,
        "{what}: {ours} vs {reference} (tol {tol})"
    );
}
