//! Native side of `bench/linkage/run.sh`: n-sector LU + multipliers + linkages, and Louvain/Leiden
//! on a planted-partition graph. Prints one JSON object per workload; writes the generated graphs
//! as edge lists for the Python peers (same graphs, same run).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use agglo::graph::{leiden, louvain, planted_partition, CommunityParams, Graph};
use agglo::io_model::{
    multipliers_and_linkages, output_multipliers, rasmussen_linkages, synthetic_table, IoParams,
    LeontiefModel, LinkageParams,
};
use std::io::Write;
use std::time::Instant;

fn env_usize(k: &str, d: usize) -> usize {
    std::env::var(k)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(d)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        0.5 * (v[n / 2 - 1] + v[n / 2])
    }
}

fn write_edges(g: &Graph, path: &str) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(f, "source,target,weight").unwrap();
    for e in &g.edges {
        writeln!(f, "{},{},{:.17}", e.source, e.target, e.weight).unwrap();
    }
}

fn communities(name: &str, g: &Graph, runs: usize, iterations: usize) {
    let mut times = Vec::new();
    let mut qs = Vec::new();
    for seed in 0..runs as u64 {
        let p = CommunityParams {
            seed,
            iterations,
            ..Default::default()
        };
        let t = Instant::now();
        let c = if name == "leiden" {
            leiden(g, &p, &mut |_, _| true)
        } else {
            louvain(g, &p, &mut |_, _| true)
        }
        .unwrap();
        times.push(t.elapsed().as_secs_f64());
        qs.push(c.modularity);
    }
    println!(
        "{{\"workload\": \"{name}\", \"iterations\": {iterations}, \"n\": {}, \"m\": {}, \"median_s\": {:.6}, \"modularity_median\": {:.6}, \"modularity_max\": {:.6}, \"runs\": {runs}}}",
        g.n(), g.m(), median(times), median(qs.clone()), qs.iter().cloned().fold(f64::MIN, f64::max)
    );
}

fn main() {
    // cargo bench passes --bench; ignore arguments.
    let out = std::env::var("LINKAGE_OUT").unwrap_or_else(|_| "bench/out/linkage".into());
    std::fs::create_dir_all(&out).unwrap();
    let n = env_usize("LINKAGE_N", 4000);
    let runs = env_usize("LINKAGE_RUNS", 5);
    let table = synthetic_table(n, 1);
    let mut times = Vec::new();
    let mut check = 0.0;
    for _ in 0..runs {
        let t = Instant::now();
        let (m, l) = multipliers_and_linkages(&table).unwrap();
        times.push(t.elapsed().as_secs_f64());
        check = m.total.iter().sum::<f64>() + l.forward_total.iter().sum::<f64>();
    }
    println!("{{\"workload\": \"io\", \"n\": {n}, \"median_s\": {:.6}, \"check\": {check:.10}, \"runs\": {runs}}}", median(times));
    // Where the time goes: coefficients + LU, then the solves.
    let (mut tf, mut ts) = (Vec::new(), Vec::new());
    for _ in 0..runs.min(3) {
        let t = Instant::now();
        let m = LeontiefModel::new(&table, &IoParams::default()).unwrap();
        tf.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        let _ = (
            output_multipliers(&m),
            rasmussen_linkages(&m, &LinkageParams::default()),
        );
        ts.push(t.elapsed().as_secs_f64());
    }
    println!("{{\"workload\": \"io_phases\", \"n\": {n}, \"coefficients_and_lu_s\": {:.6}, \"multipliers_and_linkages_s\": {:.6}}}", median(tf), median(ts));

    let gn = env_usize("LINKAGE_GRAPH_N", 10_000);
    let gm = env_usize("LINKAGE_GRAPH_M", 500_000);
    let g = planted_partition(gn, gm, 50, 0.35, 7).unwrap();
    write_edges(&g, &format!("{out}/graph_big.csv"));
    communities("louvain", &g, runs, 1);
    communities("louvain", &g, runs, 2);
    communities("leiden", &g, runs, 2);
    // networkx is too slow for the big graph: a smaller one for the three-way comparison.
    let small = planted_partition(2_000, 40_000, 20, 0.35, 8).unwrap();
    write_edges(&small, &format!("{out}/graph_small.csv"));
    communities("louvain", &small, runs, 1);
}
