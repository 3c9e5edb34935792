//! The input-output core compiled to wasm32 (wasm-bindgen-test, as `tests/wasm.rs`), where faer's
//! matrix products run gemm's simd128 micro-kernels instead of the native AVX ones: the BEA 2017
//! refcase to 1e-9 and the identities L (I − A) = I and x = L f on a table large enough for the
//! blocked LU to go through gemm.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use agglo::io_model::*;
use serde_json::Value;
use wasm_bindgen_test::*;

fn vecf(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

fn close(a: &[f64], b: &[f64], rel: f64, what: &str) {
    assert_eq!(a.len(), b.len(), "{what}: length");
    for (k, (x, y)) in a.iter().zip(b).enumerate() {
        let tol = rel * y.abs().max(1e-3);
        assert!((x - y).abs() <= tol, "{what}[{k}]: {x} vs {y}");
    }
}

#[wasm_bindgen_test]
fn gemm_simd128_kernels_are_on() {
    assert!(gemm_common::get_wasm_simd128());
}

#[wasm_bindgen_test]
fn bea_2017_make_use_matches_the_refcase() {
    let r: Value =
        serde_json::from_str(include_str!("refcases/io/bea_2017_summary_ixi.json")).unwrap();
    let (t, _) = parse_make_use(
        include_bytes!("refcases/data/bea/make_2017_summary_before_redef.csv"),
        "make.csv",
        include_bytes!("refcases/data/bea/use_2017_summary_pro_before_redef.csv"),
        "use.csv",
    )
    .unwrap();
    let m = LeontiefModel::new(&t, &IoParams::default()).unwrap();
    let l_ref: Vec<f64> = r["L_ixi"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(vecf)
        .collect();
    close(&m.inverse(), &l_ref, 1e-9, "L");
    close(
        &output_multipliers(&m).total,
        &vecf(&r["output_multipliers_colsum_L"]),
        1e-9,
        "multipliers",
    );
    let l = rasmussen_linkages(&m, &LinkageParams::default());
    close(
        &l.backward,
        &vecf(&r["backward_linkage_total_normalised"]),
        1e-9,
        "BL",
    );
    close(
        &l.forward,
        &vecf(&r["forward_linkage_total_normalised_ghosh"]),
        1e-9,
        "FL",
    );
}

#[wasm_bindgen_test]
fn identities_hold_on_a_400_sector_table() {
    let n = 400;
    let t = synthetic_table(n, 3);
    let m = LeontiefModel::new(&t, &IoParams::default()).unwrap();
    let l = m.inverse();
    // L (I − A) = I, row-major n × n.
    let mut worst = 0.0_f64;
    for i in 0..n {
        for j in 0..n {
            let la: f64 = (0..n).map(|k| l[i * n + k] * m.a[k * n + j]).sum();
            let want = if i == j { 1.0 } else { 0.0 };
            worst = worst.max((l[i * n + j] - la - want).abs());
        }
    }
    assert!(worst < 1e-9, "L (I - A) - I: {worst:e}");
    // x = L f with f = (I − A) x.
    let f: Vec<f64> = (0..n)
        .map(|i| t.x[i] - (0..n).map(|k| m.a[i * n + k] * t.x[k]).sum::<f64>())
        .collect();
    close(&m.solve(&f), &t.x, 1e-9, "x = L f");
    // Column sums of L are the output multipliers.
    let colsum: Vec<f64> = (0..n).map(|j| (0..n).map(|i| l[i * n + j]).sum()).collect();
    close(&output_multipliers(&m).total, &colsum, 1e-12, "multipliers");
}
