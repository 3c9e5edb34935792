#![allow(clippy::unwrap_used, clippy::indexing_slicing)]
//! Louvain and Leiden against `tests/refcases/graph/` (modularity ranges over seeds recorded from
//! python-louvain, networkx, igraph and leidenalg; the karate optimum 0.4197896).

mod common_graph;
use agglo::graph::*;
use common_graph::*;

type Algo = fn(
    &Graph,
    &CommunityParams,
    &mut dyn FnMut(usize, usize) -> bool,
) -> agglo::Result<Communities>;

fn q_range(f: Algo, g: &Graph, weighted: bool) -> (f64, f64) {
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for seed in 0..200 {
        let p = CommunityParams {
            seed,
            weighted,
            ..Default::default()
        };
        let c = f(g, &p, &mut |_, _| true).unwrap();
        // The reported Q is the modularity of the returned partition.
        let q = modularity(
            &if weighted { g.clone() } else { unweighted(g) },
            &c.membership,
            1.0,
        )
        .unwrap();
        assert!((q - c.modularity).abs() < 1e-12);
        assert!((-0.5..1.0).contains(&q));
        lo = lo.min(q);
        hi = hi.max(q);
    }
    (lo, hi)
}

fn unweighted(g: &Graph) -> Graph {
    Graph::new(
        g.ids.clone(),
        g.edges.iter().map(|e| (e.source, e.target, 1.0)).collect(),
        false,
    )
    .unwrap()
}

fn peer_min(r: &serde_json::Value, keys: &[&str]) -> f64 {
    keys.iter()
        .map(|k| {
            r["rng_dependent"][k]["modularity_over_seeds_0_199"]["min"]
                .as_f64()
                .unwrap()
        })
        .fold(f64::INFINITY, f64::min)
}

#[test]
fn karate_louvain_reaches_optimum_within_peer_range() {
    let r = refcase("karate.json");
    let g = graph(&r);
    let (lo, hi) = q_range(louvain, &g, false);
    assert!((hi - 0.4197896121).abs() < 1e-9, "best unweighted Q {hi}");
    assert!(
        lo >= peer_min(
            &r,
            &["python_louvain_unweighted", "networkx_louvain_unweighted"]
        ) - 1e-9,
        "worst {lo}"
    );
    let (lo, hi) = q_range(louvain, &g, true);
    assert!((hi - 0.4449035813).abs() < 1e-9, "best weighted Q {hi}");
    assert!(
        lo >= peer_min(
            &r,
            &["python_louvain_weighted", "networkx_louvain_weighted"]
        ) - 1e-9,
        "worst {lo}"
    );
}

#[test]
fn karate_leiden_reaches_optimum_within_peer_range() {
    let r = refcase("karate.json");
    let g = graph(&r);
    let (lo, hi) = q_range(leiden, &g, false);
    assert!((hi - 0.4197896121).abs() < 1e-9, "best unweighted Q {hi}");
    assert!(
        lo >= peer_min(&r, &["leidenalg_modularity_unweighted"]) - 1e-9,
        "worst {lo}"
    );
    let (lo, hi) = q_range(leiden, &g, true);
    assert!((hi - 0.4449035813).abs() < 1e-9, "best weighted Q {hi}");
    assert!(
        lo >= peer_min(&r, &["leidenalg_modularity_weighted"]) - 1e-9,
        "worst {lo}"
    );
}

#[test]
fn uscmp_related_clusters_within_range() {
    let r = refcase("uscmp_related_clusters.json");
    let g = graph(&r);
    for (f, key) in [
        (louvain as Algo, "networkx_louvain_weighted"),
        (leiden, "leidenalg_modularity_weighted"),
    ] {
        let (lo, hi) = q_range(f, &g, true);
        let rec = &r["rng_dependent"][key]["modularity_over_seeds_0_199"];
        assert!(
            (hi - rec["max"].as_f64().unwrap()).abs() < 1e-9,
            "{key}: best {hi}"
        );
        assert!(
            lo >= rec["min"].as_f64().unwrap() - 1e-9,
            "{key}: worst {lo}"
        );
    }
}

#[test]
fn known_partitions_and_seeded_determinism() {
    let r = refcase("karate.json");
    let g = graph(&r);
    let club: Vec<usize> = r["deterministic"]["modularity_of_attribute_partition_club"]["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| usize::from(s.as_str().unwrap() != "Mr. Hi"))
        .collect();
    let q = modularity(&g, &club, 1.0).unwrap();
    assert!((q - 0.39143756676224206).abs() < 1e-12);
    assert!((modularity(&unweighted(&g), &club, 1.0).unwrap() - 0.3582347140039448).abs() < 1e-12);
    let p = CommunityParams {
        seed: 7,
        ..Default::default()
    };
    let a = louvain(&g, &p, &mut |_, _| true).unwrap();
    let b = louvain(&g, &p, &mut |_, _| true).unwrap();
    assert_eq!(a, b);
    // Higher resolution, more communities.
    let hi = louvain(
        &g,
        &CommunityParams {
            resolution: 3.0,
            ..p
        },
        &mut |_, _| true,
    )
    .unwrap();
    assert!(hi.n_communities > a.n_communities);
    let e = louvain(
        &g,
        &CommunityParams {
            resolution: 0.0,
            ..p
        },
        &mut |_, _| true,
    )
    .unwrap_err();
    assert_eq!(e.code_str(), "E_INVALID_PARAMETER");
    let e = leiden(&g, &p, &mut |_, _| false).unwrap_err();
    assert_eq!(e.code_str(), "E_CANCELLED");
}

#[test]
fn leiden_communities_are_connected() {
    let r = refcase("karate.json");
    let g = graph(&r);
    for seed in 0..50 {
        let c = leiden(
            &g,
            &CommunityParams {
                seed,
                ..Default::default()
            },
            &mut |_, _| true,
        )
        .unwrap();
        for k in 0..c.n_communities {
            let members: Vec<usize> = (0..g.n()).filter(|i| c.membership[*i] == k).collect();
            let mut seen = vec![members[0]];
            let mut stack = vec![members[0]];
            while let Some(u) = stack.pop() {
                for &v in g.neighbors(u).0 {
                    if c.membership[v] == k && !seen.contains(&v) {
                        seen.push(v);
                        stack.push(v);
                    }
                }
            }
            assert_eq!(
                seen.len(),
                members.len(),
                "seed {seed} community {k} disconnected"
            );
        }
    }
}
