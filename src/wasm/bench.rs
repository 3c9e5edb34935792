//! Benchmark workloads exported to JavaScript, only in the `bench-exports` build (never in the page's
//! module): the same pure functions the native benches run, timed in Node by `bench/wasm/*.mjs`.

use super::convert::{js_error, Obj};
use crate::graph::{louvain, planted_partition, CommunityParams};
use crate::io_model::{multipliers_and_linkages, synthetic_table};
use crate::spatial::workloads::{bench_values, lattice, lisa, queen_weights};
use wasm_bindgen::prelude::*;

/// Seconds from `performance.now()` (sub-millisecond in Node and browsers), else `Date.now()`.
fn now() -> f64 {
    use wasm_bindgen::JsCast;
    let perf = js_sys::Reflect::get(&js_sys::global(), &"performance".into()).ok();
    perf.and_then(|p| {
        let f = js_sys::Reflect::get(&p, &"now".into())
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()?;
        f.call0(&p).ok()?.as_f64()
    })
    .unwrap_or_else(js_sys::Date::now)
        / 1000.0
}

/// n × n synthetic IO table: one LU of (I − A), output multipliers, Rasmussen linkages.
/// Returns `{seconds, check}` (the check sum equals the native bench's).
#[wasm_bindgen(js_name = benchIo)]
pub fn bench_io(n: usize) -> Result<JsValue, JsValue> {
    let table = synthetic_table(n, 1);
    let t = now();
    let (m, l) = multipliers_and_linkages(&table).map_err(|e| js_error(&e))?;
    let seconds = now() - t;
    let check = m.total.iter().sum::<f64>() + l.forward_total.iter().sum::<f64>();
    Ok(Obj::new()
        .set("seconds", seconds)
        .set("check", check)
        .done())
}

/// Louvain on the native bench's planted-partition graph (n nodes, m edges, 50 groups, p_within 0.35,
/// seed 7: `benches/linkage.rs`), so the wasm, native and igraph figures are on the same graph.
#[wasm_bindgen(js_name = benchLouvain)]
pub fn bench_louvain(n: usize, m: usize, seed: u64) -> Result<JsValue, JsValue> {
    let g = planted_partition(n, m, 50, 0.35, 7).map_err(|e| js_error(&e))?;
    let p = CommunityParams {
        seed,
        iterations: 1,
        ..Default::default()
    };
    let t = now();
    let c = louvain(&g, &p, &mut |_, _| true).map_err(|e| js_error(&e))?;
    Ok(Obj::new()
        .set("seconds", now() - t)
        .set("modularity", c.modularity)
        .done())
}

/// Queen weights and LISA (999 permutations) on a rows × cols lattice.
#[wasm_bindgen(js_name = benchLattice)]
pub fn bench_lattice(rows: usize, cols: usize, permutations: usize) -> Result<JsValue, JsValue> {
    let (ids, polys) = lattice(rows, cols);
    let t0 = now();
    let w = queen_weights(&ids, &polys).map_err(|e| js_error(&e))?;
    let t1 = now();
    let y = bench_values(ids.len());
    let l = lisa(&w, &y, permutations).map_err(|e| js_error(&e))?;
    let t2 = now();
    let _ = l;
    Ok(Obj::new()
        .set("weightsSeconds", t1 - t0)
        .set("lisaSeconds", t2 - t1)
        .done())
}

/// Queen weights and LISA (`permutations`) on the counties of a us-atlas `counties-10m.json`
/// (its bytes), the native bench's workload: `{n, links, weightsSeconds, lisaSeconds,
/// significant}` (parsing the TopoJSON is not timed).
#[wasm_bindgen(js_name = benchCounties)]
pub fn bench_counties(topojson: &[u8], permutations: usize) -> Result<JsValue, JsValue> {
    use crate::ingest::boundaries::{load_boundaries, BoundaryOptions};
    let opts = BoundaryOptions {
        object: Some("counties".into()),
        ..Default::default()
    };
    let (b, _) = load_boundaries(topojson, "counties-10m.json", &opts).map_err(|e| js_error(&e))?;
    let t0 = now();
    let w = queen_weights(&b.ids, &b.geometries).map_err(|e| js_error(&e))?;
    let t1 = now();
    let y = bench_values(b.len());
    let l = lisa(&w, &y, permutations).map_err(|e| js_error(&e))?;
    let t2 = now();
    Ok(Obj::new()
        .set("n", b.len() as u32)
        .set("links", w.summary().links as u32)
        .set("weightsSeconds", t1 - t0)
        .set("lisaSeconds", t2 - t1)
        .set(
            "significant",
            l.significant.iter().filter(|s| **s).count() as u32,
        )
        .done())
}
