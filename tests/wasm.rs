//! Tests of the JavaScript boundary, run by wasm-bindgen-test in Node and in headless Chromium
//! (`scripts/test-wasm.sh`). They call the same `Workspace` the Web Worker uses.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use agglo::wasm::Workspace;
use js_sys::{Float64Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

const CSV: &str = "region_code,region_name,industry_code,year,employment\n\
A,Alpha,x,2017,10\nA,Alpha,y,2017,30\nB,Beta,x,2017,20\nB,Beta,y,2017,(D)\n\
A,Alpha,x,2021,12\nA,Alpha,y,2021,30\nB,Beta,x,2021,30\nB,Beta,y,2021,10\n";

fn get(v: &JsValue, k: &str) -> JsValue {
    Reflect::get(v, &k.into()).unwrap()
}

#[wasm_bindgen_test]
fn lq_columns_are_typed_arrays_with_the_core_numbers() {
    let mut ws = Workspace::new();
    let summary = ws
        .load_data("t.csv", CSV.as_bytes(), JsValue::UNDEFINED)
        .unwrap();
    let report = get(&summary, "report");
    assert_eq!(get(&report, "suppressed_total").as_f64(), Some(1.0));
    let opts = js_sys::Object::new();
    Reflect::set(&opts, &"industry".into(), &"x".into()).unwrap();
    Reflect::set(&opts, &"year".into(), &2017.into()).unwrap();
    let lq = ws.location_quotients_js(opts.into()).unwrap();
    let lqs = Float64Array::from(get(&lq, "lq")).to_vec();
    // 2017, sum of regions: A = 10/40 over 30/60 = 0.5; B (y suppressed, so total 20) = 20/20 / 0.5 = 2.
    assert_eq!(lqs.len(), 2);
    assert!((lqs[0] - 0.5).abs() < 1e-12);
    assert!((lqs[1] - 2.0).abs() < 1e-12);
}

#[wasm_bindgen_test]
fn more_of_the_loaded_data_is_merged_not_replaced() {
    let mut ws = Workspace::new();
    let (head, rest) = CSV.split_once('\n').unwrap();
    let part = |y: &str| {
        let rows: Vec<&str> = rest.lines().filter(|l| l.contains(y)).collect();
        format!("{head}\n{}\n", rows.join("\n"))
    };
    ws.load_data("a.csv", part(",2017,").as_bytes(), JsValue::UNDEFINED)
        .unwrap();
    let opts = js_sys::Object::new();
    Reflect::set(&opts, &"append".into(), &true.into()).unwrap();
    let summary = ws
        .load_data("b.csv", part(",2021,").as_bytes(), opts.into())
        .unwrap();
    let years: Vec<f64> = js_sys::Array::from(&get(&summary, "years"))
        .iter()
        .filter_map(|v| v.as_f64())
        .collect();
    assert_eq!(years, vec![2017.0, 2021.0]);
    assert_eq!(
        get(&get(&summary, "report"), "file").as_string().as_deref(),
        Some("a.csv + b.csv")
    );
    // Without `append`, a new file replaces the loaded one.
    let summary = ws
        .load_data("c.csv", part(",2021,").as_bytes(), JsValue::UNDEFINED)
        .unwrap();
    assert_eq!(js_sys::Array::from(&get(&summary, "years")).length(), 1);
}

#[wasm_bindgen_test]
fn errors_become_js_errors_with_code_and_location() {
    let mut ws = Workspace::new();
    let bad = "region_code,industry_code,employment\nA,x,12a\n";
    let e = ws
        .load_data("bad.csv", bad.as_bytes(), JsValue::UNDEFINED)
        .unwrap_err();
    assert!(e.is_instance_of::<js_sys::Error>());
    assert_eq!(
        get(&e, "code").as_string().as_deref(),
        Some("E_NON_NUMERIC")
    );
    let loc = get(&e, "location");
    assert_eq!(get(&loc, "row").as_f64(), Some(2.0));
    assert_eq!(
        get(&loc, "column").as_string().as_deref(),
        Some("employment")
    );
}

#[wasm_bindgen_test]
fn asking_before_loading_is_a_clear_error() {
    let ws = Workspace::new();
    let e = ws.location_quotients_js(JsValue::UNDEFINED).unwrap_err();
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("E_NO_DATA"));
}

#[wasm_bindgen_test]
fn class_breaks_cross_as_float64() {
    let ws = Workspace::new();
    let b = ws
        .class_breaks(&[1.0, 2.0, 3.0, 4.0], 2, "quantile")
        .unwrap();
    assert_eq!(
        Float64Array::from(get(&b, "breaks")).to_vec(),
        vec![2.5, 4.0]
    );
    let e = ws.class_breaks(&[1.0], 2, "bogus").unwrap_err();
    assert_eq!(
        get(&e, "code").as_string().as_deref(),
        Some("E_INVALID_PARAMETER")
    );
}
