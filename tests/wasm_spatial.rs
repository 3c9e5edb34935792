//! The spatial facade across the JS boundary (wasm-bindgen-test, as `tests/wasm.rs`): the stepped
//! LISA job gives exactly the one-call results, the missing-value policy changes the regions
//! analysed, and missing boundaries are a clear error.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use agglo::wasm::Workspace;
use js_sys::{Array, Float64Array, Reflect};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

fn get(v: &JsValue, k: &str) -> JsValue {
    Reflect::get(v, &k.into()).unwrap()
}

/// A 4 × 4 grid of unit squares `r{row}{col}` (lon/lat degrees near the origin).
fn grid() -> String {
    let mut f = Vec::new();
    for r in 0..4 {
        for c in 0..4 {
            let (x, y) = (c as f64 * 0.1, r as f64 * 0.1);
            f.push(format!(
                r#"{{"type":"Feature","properties":{{"code":"r{r}{c}"}},"geometry":{{"type":"Polygon","coordinates":[[[{x},{y}],[{x1},{y}],[{x1},{y1}],[{x},{y1}],[{x},{y}]]]}}}}"#,
                x1 = x + 0.1,
                y1 = y + 0.1
            ));
        }
    }
    format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        f.join(",")
    )
}

/// Industry `x` high in the lower-left corner, unpublished in r33; industry `y` everywhere.
fn csv() -> String {
    let mut s = String::from("region_code,industry_code,year,employment\n");
    for r in 0..4 {
        for c in 0..4 {
            let x = if r + c <= 2 {
                50 + 10 * (3 - r - c)
            } else {
                3 + r * c
            };
            if !(r == 3 && c == 3) {
                s.push_str(&format!("r{r}{c},x,2021,{x}\n"));
            }
            s.push_str(&format!("r{r}{c},y,2021,{}\n", 100 + 7 * r + 3 * c));
        }
    }
    s
}

fn options(missing: &str) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in [("industry", "x"), ("missing", missing), ("weights", "rook")] {
        Reflect::set(&o, &k.into(), &v.into()).unwrap();
    }
    Reflect::set(&o, &"permutations".into(), &99.into()).unwrap();
    o.into()
}

fn workspace() -> Workspace {
    let mut ws = Workspace::new();
    ws.load_data("grid.csv", csv().as_bytes(), JsValue::UNDEFINED)
        .unwrap();
    let opts = js_sys::Object::new();
    Reflect::set(&opts, &"idField".into(), &"code".into()).unwrap();
    ws.load_boundaries_js("grid.geojson", grid().as_bytes(), opts.into())
        .unwrap();
    ws
}

#[wasm_bindgen_test]
fn stepped_lisa_equals_the_one_call_results() {
    let ws = workspace();
    let one = ws.lisa(options("zero")).unwrap();
    let mut p = ws.local_begin(options("zero")).unwrap();
    let mut steps = 0;
    while !get(&p, "finished").as_bool().unwrap() {
        p = ws.local_step().unwrap();
        steps += 1;
        assert!(steps < 1000);
    }
    // LISA then Gi*: 2 × 16 regions.
    assert_eq!(get(&p, "total").as_f64(), Some(32.0));
    let stepped = ws.local_finish().unwrap();
    let lisa = get(&stepped, "lisa");
    for k in ["i", "pSim", "zValue", "lag"] {
        let a = Float64Array::from(get(&one, k)).to_vec();
        let b = Float64Array::from(get(&lisa, k)).to_vec();
        assert_eq!(a.len(), 16);
        assert_eq!(
            a.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
            b.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
            "{k}"
        );
    }
    // The hot corner is one High-High group.
    let groups = Array::from(&get(&stepped, "lisaGroups"));
    assert!(groups.length() >= 1);
    let ids: Vec<String> = Array::from(&get(&groups.get(0), "ids"))
        .iter()
        .map(|v| v.as_string().unwrap())
        .collect();
    assert!(ids.contains(&"r00".to_string()), "{ids:?}");
    // r33 has no cell: counted as zero.
    let filled = Array::from(&get(&stepped, "filledZero"));
    assert_eq!(filled.get(0).as_string().as_deref(), Some("r33"));
}

#[wasm_bindgen_test]
fn exclude_drops_the_unpublished_region() {
    let ws = workspace();
    let w = ws.spatial_weights(options("exclude")).unwrap();
    assert_eq!(get(&w, "n").as_f64(), Some(15.0));
    assert_eq!(get(&w, "boundaries").as_f64(), Some(16.0));
    // Rook on a 4 × 4 grid has 48 directed links; r33's 2 links in each direction go.
    assert_eq!(get(&w, "links").as_f64(), Some(44.0));
    let g = ws.spatial_global(options("exclude")).unwrap();
    assert!(get(&get(&g, "moran"), "i").as_f64().unwrap() > 0.0);
}

#[wasm_bindgen_test]
fn no_boundaries_is_a_clear_error() {
    let mut ws = Workspace::new();
    ws.load_data("grid.csv", csv().as_bytes(), JsValue::UNDEFINED)
        .unwrap();
    let e = ws.lisa(options("zero")).unwrap_err();
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("E_NO_DATA"));
    let e = ws.local_step().unwrap_err();
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("E_INTERNAL"));
}

#[wasm_bindgen_test]
fn weights_file_round_trip_and_id_mismatch() {
    let ws = workspace();
    // Export the rook weights as GAL, import them back: the same LISA.
    let o = options("zero");
    Reflect::set(&o, &"format".into(), &"gal".into()).unwrap();
    Reflect::set(&o, &"boundaryFile".into(), &"grid.geojson".into()).unwrap();
    let f = ws.spatial_weights_file(o).unwrap();
    assert_eq!(
        get(&f, "fileName").as_string().as_deref(),
        Some("grid_rook.gal")
    );
    let text = get(&f, "text").as_string().unwrap();
    assert!(text.starts_with("0 16 grid code\n"), "{text}");
    let imported = |name: &str, text: &str| {
        let o = options("zero");
        let wf = js_sys::Object::new();
        Reflect::set(&wf, &"name".into(), &name.into()).unwrap();
        Reflect::set(&wf, &"text".into(), &text.into()).unwrap();
        Reflect::set(&o, &"weightsFile".into(), &wf).unwrap();
        o
    };
    let a = ws.lisa(options("zero")).unwrap();
    let b = ws.lisa(imported("grid_rook.gal", &text)).unwrap();
    for k in ["i", "pSim"] {
        assert_eq!(
            Float64Array::from(get(&a, k)).to_vec(),
            Float64Array::from(get(&b, k)).to_vec(),
            "{k}"
        );
    }
    let w = ws
        .spatial_weights(imported("grid_rook.gal", &text))
        .unwrap();
    assert_eq!(get(&w, "weightsKind").as_string().as_deref(), Some("gal"));
    assert_eq!(get(&w, "links").as_f64(), Some(48.0));
    // An id that no boundary has: located error naming the id and the file.
    let e = ws
        .lisa(imported("bad.gal", "2\nr00 1\nzz9\nzz9 1\nr00\n"))
        .unwrap_err();
    assert_eq!(
        get(&e, "code").as_string().as_deref(),
        Some("E_UNKNOWN_REGION")
    );
    let msg = get(&e, "message").as_string().unwrap();
    assert!(msg.contains("'zz9'") && msg.contains("bad.gal"), "{msg}");
}

#[wasm_bindgen_test]
fn contiguity_order_two_links_regions_two_steps_apart() {
    let ws = workspace();
    let o = options("zero");
    Reflect::set(&o, &"order".into(), &2.into()).unwrap();
    let w = ws.spatial_weights(o).unwrap();
    // Rook on a 4 × 4 grid, exactly two steps: (±2, 0) 8 + (0, ±2) 8 + diagonals 2 × 9 unordered
    // pairs = 34, so 68 directed links.
    assert_eq!(get(&w, "links").as_f64(), Some(68.0));
    assert_eq!(
        get(&w, "weightsKind").as_string().as_deref(),
        Some("rook^2")
    );
    let o = options("zero");
    Reflect::set(&o, &"order".into(), &4.into()).unwrap();
    let e = ws.spatial_weights(o).unwrap_err();
    assert_eq!(
        get(&e, "code").as_string().as_deref(),
        Some("E_INVALID_PARAMETER")
    );
}

#[wasm_bindgen_test]
fn density_is_the_value_per_square_kilometre() {
    let ws = workspace();
    let o = options("zero");
    Reflect::set(&o, &"indicator".into(), &"density".into()).unwrap();
    let r = ws.lisa(o).unwrap();
    assert_eq!(get(&r, "indicator").as_string().as_deref(), Some("density"));
    assert_eq!(
        get(&r, "areaMethod").as_string().as_deref(),
        Some("geodesic")
    );
    let v = Float64Array::from(get(&r, "values")).to_vec();
    let a = Float64Array::from(get(&r, "areaKm2")).to_vec();
    let t = Float64Array::from(get(&r, "totals")).to_vec();
    assert_eq!(a.len(), 16);
    for k in 0..16 {
        // A 0.1° cell within 0.4° of the equator: about 11.13 km × 11.06 km.
        assert!((a[k] - 123.1).abs() < 0.5, "{}", a[k]);
        assert!((v[k] * a[k] - t[k]).abs() < 1e-9 * t[k].max(1.0), "{k}");
    }
    // r00 has 80 employees: density 80 / area.
    assert!((v[0] - 80.0 / a[0]).abs() < 1e-12);
}
