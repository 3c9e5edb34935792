#![allow(clippy::unwrap_used, clippy::indexing_slicing)]
//! Centralities against `tests/refcases/graph/` (networkx 3.6.1).

mod common_graph;
use agglo::graph::*;
use common_graph::*;

fn ok(_: usize, _: usize) -> bool {
    true
}

fn check(name: &str) {
    let r = refcase(name);
    let d = &r["deterministic"];
    let g = graph(&r);
    let deg = degrees(&g);
    assert_eq!(
        deg.degree.iter().map(|x| *x as f64).collect::<Vec<_>>(),
        vecf(&d["degree"])
    );
    close(&deg.strength, &vecf(&d["strength"]), 1e-12, "strength");
    let unw = BetweennessParams {
        distance: DistanceRule::Unweighted,
        normalized: true,
    };
    close(
        &betweenness(&g, &unw, &mut ok).unwrap(),
        &vecf(&d["betweenness_unweighted_normalized"]),
        1e-12,
        "betweenness",
    );
    let raw = BetweennessParams {
        distance: DistanceRule::Unweighted,
        normalized: false,
    };
    close(
        &betweenness(&g, &raw, &mut ok).unwrap(),
        &vecf(&d["betweenness_unweighted_raw"]),
        1e-12,
        "betweenness raw",
    );
    // Weighted: exact ties in floating point may be broken differently (refcase README): 0.002.
    let inv = BetweennessParams::default();
    close(
        &betweenness(&g, &inv, &mut ok).unwrap(),
        &vecf(&d["betweenness_distance_1_over_w_normalized"]),
        2e-3,
        "betweenness 1/w",
    );
    let wd = BetweennessParams {
        distance: DistanceRule::Weight,
        normalized: true,
    };
    close(
        &betweenness(&g, &wd, &mut ok).unwrap(),
        &vecf(&d["betweenness_weight_as_distance_normalized"]),
        2e-3,
        "betweenness w",
    );
    close(
        &closeness(&g, DistanceRule::Unweighted, &mut ok).unwrap(),
        &vecf(&d["closeness_unweighted"]),
        1e-12,
        "closeness",
    );
    close(
        &closeness(&g, DistanceRule::Inverse, &mut ok).unwrap(),
        &vecf(&d["closeness_distance_1_over_w"]),
        1e-12,
        "closeness 1/w",
    );
    // networkx iterates PageRank and eigenvector to an L1 tolerance of n·1e-6; we go to n·1e-13,
    // so agreement is to networkx's tolerance.
    close(
        &pagerank(&g, 0.85, false).unwrap(),
        &vecf(&d["pagerank_unweighted_alpha0.85"]),
        1e-6,
        "pagerank",
    );
    close(
        &pagerank(&g, 0.85, true).unwrap(),
        &vecf(&d["pagerank_weighted_alpha0.85"]),
        1e-6,
        "pagerank w",
    );
    if d.get("eigenvector_unweighted").is_some() {
        close(
            &eigenvector_centrality(&g, false).unwrap(),
            &vecf(&d["eigenvector_unweighted"]),
            1e-5,
            "eigenvector",
        );
        close(
            &eigenvector_centrality(&g, true).unwrap(),
            &vecf(&d["eigenvector_weighted"]),
            1e-5,
            "eigenvector w",
        );
    }
    let n = g.n() as f64;
    let density = 2.0 * g.m() as f64 / (n * (n - 1.0));
    assert!((density - d["density"].as_f64().unwrap()).abs() < 1e-15);
}

#[test]
fn karate_centralities() {
    check("karate.json");
}

#[test]
fn uscmp_related_clusters_centralities() {
    check("uscmp_related_clusters.json");
}

#[test]
fn karate_weighted_betweenness_mostly_exact() {
    // Away from tie-affected nodes, weighted betweenness matches to 1e-12.
    let r = refcase("karate.json");
    let g = graph(&r);
    let ours = betweenness(&g, &BetweennessParams::default(), &mut ok).unwrap();
    let theirs = vecf(&r["deterministic"]["betweenness_distance_1_over_w_normalized"]);
    let exact = ours
        .iter()
        .zip(&theirs)
        .filter(|(a, b)| (*a - *b).abs() < 1e-12)
        .count();
    assert!(exact >= 30, "{exact} of 34 exact");
}

#[test]
fn directed_pagerank_and_cancel() {
    // a → b → c → a plus a → c: c gets the most rank.
    let g = Graph::new(
        vec!["a".into(), "b".into(), "c".into()],
        vec![(0, 1, 1.0), (1, 2, 1.0), (2, 0, 1.0), (0, 2, 1.0)],
        true,
    )
    .unwrap();
    let p = pagerank(&g, 0.85, false).unwrap();
    assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    assert!(p[2] > p[1]);
    let r = refcase("karate.json");
    let big = graph(&r);
    // Cancel is honoured (callback asked every 256 sources: build a 600-node path).
    let n = 600;
    let ids = (0..n).map(|i| i.to_string()).collect();
    let path = Graph::new(ids, (0..n - 1).map(|i| (i, i + 1, 1.0)).collect(), false).unwrap();
    let e = betweenness(&path, &BetweennessParams::default(), &mut |_, _| false).unwrap_err();
    assert_eq!(e.code_str(), "E_CANCELLED");
    assert!(pagerank(&big, 1.0, true).is_err());
}

#[test]
fn closeness_shares_the_betweenness_pass() {
    // Undirected karate, in three batches as the worker steps: the same betweenness as
    // `betweenness` and the same closeness as `closeness`, from one traversal per source.
    let r = refcase("karate.json");
    let g = graph(&r);
    for distance in [DistanceRule::Unweighted, DistanceRule::Inverse] {
        let params = BetweennessParams {
            distance,
            normalized: true,
        };
        let mut acc = vec![0.0; g.n()];
        let mut cl = Vec::new();
        for batch in [0..10, 10..11, 11..34] {
            assert!(betweenness_closeness_sources(
                &g,
                &params,
                batch,
                &mut acc,
                Some(&mut cl)
            ));
        }
        let scale = betweenness_scale(&g, &params);
        let b: Vec<f64> = acc.iter().map(|c| c * scale).collect();
        close(
            &b,
            &betweenness(&g, &params, &mut ok).unwrap(),
            1e-15,
            "betweenness",
        );
        close(
            &cl,
            &closeness(&g, distance, &mut ok).unwrap(),
            1e-15,
            "closeness",
        );
    }
    close(
        &closeness(&g, DistanceRule::Unweighted, &mut ok).unwrap(),
        &vecf(&r["deterministic"]["closeness_unweighted"]),
        1e-12,
        "closeness vs networkx",
    );
    // Directed: closeness needs incoming distances, so nothing is shared.
    let d = Graph::new(
        vec!["a".into(), "b".into(), "c".into()],
        vec![(0, 1, 1.0), (1, 2, 1.0)],
        true,
    )
    .unwrap();
    let mut acc = vec![0.0; 3];
    let mut cl = Vec::new();
    assert!(!betweenness_closeness_sources(
        &d,
        &BetweennessParams::default(),
        0..3,
        &mut acc,
        Some(&mut cl)
    ));
    assert!(cl.is_empty());
    assert!(acc[1] > 0.0);
}
