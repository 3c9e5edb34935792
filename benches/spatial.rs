//! Native benchmark: queen weights and LISA (999 permutations) on all US counties (us-atlas 3.0.1
//! `counties-10m.json`) and on a 300 × 300 lattice. Prints one JSON line per workload with the
//! median of several runs; writes the polygons as GeoJSON for the Python peers.
//!
//! `cargo bench --bench spatial -- <counties-10m.json> <out-dir> [reps]`

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use agglo::ingest::boundaries::{load_boundaries, to_geojson, BoundaryOptions};
use agglo::spatial::workloads::{bench_values, lattice, lisa, queen_weights};
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn time<T>(reps: usize, mut f: impl FnMut() -> T) -> (Vec<f64>, T) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..reps {
        let t = Instant::now();
        let r = f();
        times.push(t.elapsed().as_secs_f64());
        last = Some(r);
    }
    (times, last.unwrap())
}

fn report(workload: &str, n: usize, extra: &str, times: &[f64]) {
    println!(
        "{{\"impl\":\"agglo-native\",\"workload\":\"{workload}\",\"n\":{n},{extra}\"median_s\":{},\"runs\":{:?}}}",
        median(times.to_vec()),
        times
    );
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let atlas = args
        .first()
        .cloned()
        .unwrap_or_else(|| "bench/spatial/node_modules/us-atlas/counties-10m.json".into());
    let out = args.get(1).cloned().unwrap_or_else(|| "bench/out".into());
    let reps: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(5);
    std::fs::create_dir_all(&out).unwrap();

    // US counties.
    let bytes = std::fs::read(&atlas)
        .unwrap_or_else(|e| panic!("{atlas}: {e} (npm install us-atlas@3.0.1)"));
    let opts = BoundaryOptions {
        object: Some("counties".into()),
        ..Default::default()
    };
    let (lt, (b, _)) = time(reps, || {
        load_boundaries(&bytes, "counties-10m.json", &opts).unwrap()
    });
    report("us_counties_load", b.len(), "", &lt);
    std::fs::write(format!("{out}/us_counties.geojson"), to_geojson(&b)).unwrap();
    let (wt, w) = time(reps, || queen_weights(&b.ids, &b.geometries).unwrap());
    let s = w.summary();
    report(
        "us_counties_queen",
        b.len(),
        &format!("\"links\":{},\"islands\":{},", s.links, s.islands.len()),
        &wt,
    );
    let y = bench_values(b.len());
    let (lt, l) = time(reps, || lisa(&w, &y, 999).unwrap());
    let sig = l.significant.iter().filter(|s| **s).count();
    report(
        "us_counties_lisa999",
        b.len(),
        &format!("\"significant\":{sig},"),
        &lt,
    );

    // 300 × 300 lattice.
    let (ids, polys) = lattice(300, 300);
    let lb = agglo::ingest::boundaries::Boundaries {
        ids: ids.clone(),
        names: vec![String::new(); ids.len()],
        geometries: polys.clone(),
        properties: vec![Default::default(); ids.len()],
        id_field: "id".into(),
        name_field: None,
        available_properties: vec![],
        format: "lattice".into(),
        objects: vec![],
        arcs: None,
        self_intersecting: vec![],
        degenerate: vec![],
    };
    std::fs::write(format!("{out}/lattice_300.geojson"), to_geojson(&lb)).unwrap();
    let (wt, w) = time(reps, || queen_weights(&ids, &polys).unwrap());
    let s = w.summary();
    report(
        "lattice300_queen",
        ids.len(),
        &format!("\"links\":{},\"islands\":{},", s.links, s.islands.len()),
        &wt,
    );
    let y = bench_values(ids.len());
    let (lt, l) = time(reps.min(3), || lisa(&w, &y, 999).unwrap());
    let sig = l.significant.iter().filter(|s| **s).count();
    report(
        "lattice300_lisa999",
        ids.len(),
        &format!("\"significant\":{sig},"),
        &lt,
    );
}
