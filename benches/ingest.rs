//! Ingest + location quotients of a big long CSV (native), for `bench/ingest/run.sh`.
//!
//! `cargo bench --bench ingest -- FILE.csv [RUNS] [PROBES_OUT.json]`: streams the file through
//! `load_panel_from_reader`, computes every year's LQs against the sum of regions, and prints one
//! JSON line with the median time of RUNS runs, the peak RSS (`VmHWM`) and the file size. The LQs of
//! a few probe cells are written to PROBES_OUT.json for the peer to recompute.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use agglo::indicators::location_quotients_into;
use agglo::ingest::{load_panel_from_reader, LoadOptions};
use agglo::panel::Reference;
use std::time::Instant;

thread_local! {
    /// Peak RSS seen right after ingest (before the LQs), to tell the two phases apart.
    static INGEST_PEAK: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
    /// Seconds spent loading, per run.
    static INGEST_TIMES: std::cell::RefCell<Vec<f64>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn vm_hwm_mb() -> f64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// One run: ingest + all LQs. Returns (cells with an LQ, probe LQs).
fn run(path: &str) -> (usize, Vec<(String, String, i32, f64)>) {
    let t = Instant::now();
    let f = std::fs::File::open(path).unwrap();
    let threads = std::env::var("AGGLO_THREADS")
        .ok()
        .and_then(|s| s.parse().ok());
    let opts = LoadOptions {
        threads,
        ..LoadOptions::default()
    };
    let (p, _) = load_panel_from_reader(f, "bench.csv", &opts).unwrap();
    INGEST_TIMES.with(|v| v.borrow_mut().push(t.elapsed().as_secs_f64()));
    INGEST_PEAK.with(|c| c.set(c.get().max(vm_hwm_mb())));
    let m = p.measure_index("employment").unwrap();
    let mut n = 0;
    let mut probes = Vec::new();
    let mut cells = Vec::new(); // one buffer for every year's table, as `agglo lq` does
    for y in 0..p.years.len() {
        let reference = Reference::sum_of_regions(&p, m, y);
        location_quotients_into(&p.matrix(m, y), &reference, &mut cells);
        n += cells.len();
        for c in cells.iter().step_by(cells.len() / 4 + 1).take(4) {
            probes.push((
                p.regions[c.region].clone(),
                p.industries[c.industry].clone(),
                p.years[y],
                c.lq,
            ));
        }
    }
    (n, probes)
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let path = args
        .first()
        .cloned()
        .unwrap_or_else(|| "bench/ingest/long_5m.csv".into());
    let runs: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(5);
    let probes_out = args.get(2).cloned();
    let size = std::fs::metadata(&path)
        .map(|m| m.len())
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut times = Vec::new();
    let mut last = (0, Vec::new());
    for _ in 0..runs {
        let t = Instant::now();
        last = run(&path);
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let file_mb = size as f64 / (1024.0 * 1024.0);
    let mut ingest = INGEST_TIMES.with(|v| v.borrow().clone());
    ingest.sort_by(f64::total_cmp);
    let peak = vm_hwm_mb();
    if let Some(out) = probes_out {
        let v: Vec<serde_json::Value> = last
            .1
            .iter()
            .map(|(r, i, y, lq)| serde_json::json!({"region": r, "industry": i, "year": y, "lq": lq}))
            .collect();
        std::fs::write(out, serde_json::to_string(&v).unwrap()).unwrap();
    }
    println!(
        "{}",
        serde_json::json!({
            "tool": "agglo native",
            "median_s": median,
            "ingest_median_s": ingest[ingest.len() / 2],
            "threads": std::thread::available_parallelism().map_or(1, |n| n.get()),
            "runs": runs,
            "peak_rss_mb": peak,
            "file_mb": file_mb,
            "peak_over_file": peak / file_mb,
            "peak_after_ingest_mb": INGEST_PEAK.with(|c| c.get()),
            "cells": last.0,
        })
    );
}
