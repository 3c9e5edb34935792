#![allow(clippy::unwrap_used, clippy::indexing_slicing, dead_code)]
//! Shared helpers for the graph tests: reading `tests/refcases/graph/*.json`.

use agglo::graph::Graph;
use serde_json::Value;

pub fn refcase(name: &str) -> Value {
    let p = format!("{}/tests/refcases/graph/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

pub fn graph(r: &Value) -> Graph {
    let ids: Vec<String> = r["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    let edges = r["edges_0based_u_v_w"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e[0].as_u64().unwrap() as usize,
                e[1].as_u64().unwrap() as usize,
                e[2].as_f64().unwrap(),
            )
        })
        .collect();
    Graph::new(ids, edges, false).unwrap()
}

pub fn vecf(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

pub fn close(a: &[f64], b: &[f64], abs: f64, what: &str) {
    assert_eq!(a.len(), b.len(), "{what}: length");
    for (k, (x, y)) in a.iter().zip(b).enumerate() {
        assert!(
            (x - y).abs() <= abs * y.abs().max(1.0),
            "{what}[{k}]: {x} vs {y}"
        );
    }
}
