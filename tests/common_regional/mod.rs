//! Shared helpers of the regional-indicator tests: the reference file and a tolerance check.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use serde_json::Value;

pub fn reference() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/refcases/regional/reat_econgeo_reference.json"
    ))
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

pub fn crosscheck() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/refcases/regional/crosscheck_econcomplex.json"
    ))
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

pub fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

pub fn vecf(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(f).collect()
}

pub fn matf(v: &Value) -> Vec<Vec<f64>> {
    v.as_array().unwrap().iter().map(vecf).collect()
}

/// `|a - b| <= 1e-9 * max(|b|, scale)`: relative to the expected value, or to `scale` for values
/// that are zero up to rounding (a shift-share component of 1e-13 next to components of 100).
#[track_caller]
pub fn close(a: f64, b: f64, scale: f64, what: &str) {
    let tol = 1e-9 * b.abs().max(scale);
    assert!(
        (a - b).abs() <= tol,
        "{what}: got {a}, expected {b} (diff {:e}, tol {:e})",
        (a - b).abs(),
        tol
    );
}

/// A rounded reference value (EconGeo prints 3 decimals): within half a unit of the last digit.
#[track_caller]
pub fn close_rounded(a: f64, b: f64, decimals: i32, what: &str) {
    let tol = 0.5 * 10f64.powi(-decimals) + 1e-12;
    assert!(
        (a - b).abs() <= tol,
        "{what}: got {a}, expected {b} (rounded to {decimals})"
    );
}

/// Column `j` of a row-major matrix.
pub fn col(m: &[Vec<f64>], j: usize) -> Vec<f64> {
    m.iter().map(|r| r[j]).collect()
}

pub fn row_sums(m: &[Vec<f64>]) -> Vec<f64> {
    m.iter().map(|r| r.iter().sum()).collect()
}
