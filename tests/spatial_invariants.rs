//! Invariants (proptest) and bad input for the spatial statistics.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use agglo::ingest::boundaries::{load_boundaries, BoundaryOptions};
use agglo::spatial::*;
use agglo::ErrorCode;
use geo::{LineString, MultiPolygon, Polygon};
use proptest::prelude::*;

fn lattice(rows: usize, cols: usize) -> (Vec<String>, Vec<MultiPolygon<f64>>) {
    let mut ids = Vec::new();
    let mut polys = Vec::new();
    for r in 0..rows {
        for c in 0..cols {
            let (x, y) = (c as f64, r as f64);
            ids.push(format!("{r}_{c}"));
            polys.push(MultiPolygon(vec![Polygon::new(
                LineString::from(vec![
                    (x, y),
                    (x + 1.0, y),
                    (x + 1.0, y + 1.0),
                    (x, y + 1.0),
                    (x, y),
                ]),
                vec![],
            )]));
        }
    }
    (ids, polys)
}

fn no_fallback() -> ContiguityParams {
    ContiguityParams {
        fallback: false,
        ..Default::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn lattice_contiguity_counts_and_symmetry(rows in 2usize..9, cols in 2usize..9) {
        let (ids, polys) = lattice(rows, cols);
        let (q, _) = contiguity_from_polygons(&ids, &polys, Contiguity::Queen, &no_fallback()).unwrap();
        let (r, _) = contiguity_from_polygons(&ids, &polys, Contiguity::Rook, &no_fallback()).unwrap();
        let rook_links = 2 * (rows * (cols - 1) + cols * (rows - 1));
        prop_assert_eq!(r.summary().links, rook_links);
        prop_assert_eq!(q.summary().links, rook_links + 4 * (rows - 1) * (cols - 1));
        prop_assert!(q.is_symmetric() && r.is_symmetric());
        prop_assert!(q.summary().max_neighbours <= 8);
        // Second-order rook on a lattice never includes first-order neighbours.
        let r2 = r.higher_order(2, false).unwrap();
        for (i, nb) in r2.neighbours.iter().enumerate() {
            for j in nb {
                prop_assert!(!r.neighbours[i].contains(j));
            }
        }
    }

    #[test]
    fn sum_of_local_moran_is_n_minus_1_times_global(values in prop::collection::vec(0.0f64..100.0, 16)) {
        prop_assume!(values.iter().any(|v| (v - values[0]).abs() > 1e-6));
        let (ids, polys) = lattice(4, 4);
        let (w, _) = contiguity_from_polygons(&ids, &polys, Contiguity::Queen, &no_fallback()).unwrap();
        let w = w.transform(Transform::Row);
        let p = PermutationParams { permutations: 0, ..Default::default() };
        let g = moran(&w, &values, &p).unwrap();
        let l = local_moran(&w, &values, &p, &mut |_, _| true).unwrap();
        let s: f64 = l.i.iter().map(|x| x.unwrap()).sum();
        // Σ I_i = (n-1)/n · Σ z_i lag_i and I = Σ z_i lag_i / Σ z_i² · n/S0 with S0 = n: Σ I_i = (n-1) I.
        prop_assert!((s - 15.0 * g.i).abs() < 1e-9 * (1.0 + s.abs()));
        // Row-standardised rows sum to 1.
        for ws in &w.weights {
            prop_assert!((ws.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        }
    }

    #[test]
    fn permutation_results_are_deterministic_and_resumable(seed in 0u64..1000, budget in 1usize..20) {
        let (ids, polys) = lattice(5, 5);
        let (w, _) = contiguity_from_polygons(&ids, &polys, Contiguity::Rook, &no_fallback()).unwrap();
        let w = w.transform(Transform::Row);
        let y: Vec<f64> = (0..25).map(|k| ((k * 37 + 11) % 23) as f64).collect();
        let p = PermutationParams { permutations: 99, seed, ..Default::default() };
        let a = local_moran(&w, &y, &p, &mut |_, _| true).unwrap();
        let mut job = LocalMoranJob::new(&w, &y, &p).unwrap();
        let mut last = 0;
        while !job.is_done() {
            let pr = job.step(budget);
            prop_assert!(pr.done > last && pr.total == 25);
            last = pr.done;
        }
        prop_assert_eq!(a, job.finish());
    }
}

#[test]
fn missing_values_are_located() {
    let (ids, polys) = lattice(3, 3);
    let (w, _) = contiguity_from_polygons(&ids, &polys, Contiguity::Queen, &no_fallback()).unwrap();
    let mut y = vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0];
    y[4] = f64::NAN;
    let e = moran(&w, &y, &PermutationParams::default()).unwrap_err();
    assert_eq!(e.code, ErrorCode::InsufficientData);
    assert_eq!(e.location.region.as_deref(), Some("1_1"));
    let e = local_moran(&w, &y, &PermutationParams::default(), &mut |_, _| true).unwrap_err();
    assert_eq!(e.location.region.as_deref(), Some("1_1"));
    let e = moran(&w, &y[..8], &PermutationParams::default()).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidParameter);
}

#[test]
fn all_equal_values_are_zero_variance() {
    let (ids, polys) = lattice(3, 3);
    let (w, _) = contiguity_from_polygons(&ids, &polys, Contiguity::Queen, &no_fallback()).unwrap();
    let y = vec![5.0; 9];
    for e in [
        moran(&w, &y, &PermutationParams::default()).unwrap_err(),
        geary(&w, &y, &PermutationParams::default()).unwrap_err(),
        local_moran(&w, &y, &PermutationParams::default(), &mut |_, _| true).unwrap_err(),
        getis_ord_local(&w, &y, true, &PermutationParams::default(), &mut |_, _| {
            true
        })
        .unwrap_err(),
    ] {
        assert_eq!(e.code, ErrorCode::ZeroVariance);
        assert_eq!(e.location.value.as_deref(), Some("5"));
    }
}

#[test]
fn cancel_stops_with_cancelled() {
    let (ids, polys) = lattice(30, 30);
    let (w, _) = contiguity_from_polygons(&ids, &polys, Contiguity::Queen, &no_fallback()).unwrap();
    let y: Vec<f64> = (0..900).map(|k| (k % 17) as f64).collect();
    let mut calls = 0;
    let e = local_moran(
        &w.transform(Transform::Row),
        &y,
        &PermutationParams::default(),
        &mut |done, total| {
            calls += 1;
            assert!(done <= total);
            calls < 2
        },
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::Cancelled);
    assert_eq!(calls, 2);
}

#[test]
fn islands_excluded_from_local_statistics() {
    let (mut ids, mut polys) = lattice(3, 3);
    ids.push("far".into());
    polys.push(MultiPolygon(vec![Polygon::new(
        LineString::from(vec![(50.0, 50.0), (51.0, 50.0), (51.0, 51.0), (50.0, 50.0)]),
        vec![],
    )]));
    let (w, warn) = contiguity_from_polygons(
        &ids,
        &polys,
        Contiguity::Queen,
        &ContiguityParams::default(),
    )
    .unwrap();
    assert!(warn
        .iter()
        .any(|w| w.code == "W_ISLANDS" && w.message.contains("far")));
    let w = w.transform(Transform::Row);
    let y: Vec<f64> = (0..10).map(|k| k as f64).collect();
    let g = moran(&w, &y, &PermutationParams::default()).unwrap();
    assert_eq!(g.islands, 1);
    let l = local_moran(&w, &y, &PermutationParams::default(), &mut |_, _| true).unwrap();
    assert_eq!(l.cluster[9], Cluster::Island);
    assert_eq!(l.islands, vec!["far"]);
    assert!(l.p_sim[9].is_none() && l.p_sim[0].is_some());
    let gi = getis_ord_local(&w, &y, false, &PermutationParams::default(), &mut |_, _| {
        true
    })
    .unwrap();
    assert_eq!(gi.spot[9], Spot::Island);
}

#[test]
fn overlapping_and_self_intersecting_polygons_flagged() {
    // Two squares overlapping without shared vertices: hashing finds nothing, the R-tree fallback
    // links them and says so.
    let gj = br#"{"type":"FeatureCollection","features":[
      {"type":"Feature","id":"a","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[2,0],[2,2],[0,2],[0,0]]]}},
      {"type":"Feature","id":"b","properties":{},"geometry":{"type":"Polygon","coordinates":[[[1,1],[3,1],[3,3],[1,3],[1,1]]]}},
      {"type":"Feature","id":"c","properties":{},"geometry":{"type":"Polygon","coordinates":[[[10,10],[11,10],[11,11],[10,11],[10,10]]]}}]}"#;
    let (b, _) = load_boundaries(gj, "o.geojson", &BoundaryOptions::default()).unwrap();
    let (w, warn) = queen(&b, &ContiguityParams::default()).unwrap();
    assert_eq!(w.neighbours, vec![vec![1], vec![0], vec![]]);
    assert!(warn.iter().any(|w| w.code == "W_CONTIGUITY_FALLBACK"));
    assert!(warn.iter().any(|w| w.code == "W_ISLANDS"));
    let (w2, _) = queen(&b, &no_fallback()).unwrap();
    assert_eq!(w2.summary().islands.len(), 3);
    // A bow tie still gets neighbours; the boundary loader flagged it.
    let bytes = std::fs::read(format!(
        "{}/tests/data/bad_geo/self_intersecting.geojson",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let (s, _) = load_boundaries(&bytes, "s.geojson", &BoundaryOptions::default()).unwrap();
    assert_eq!(s.self_intersecting, vec![2]);
    let (ws, _) = queen(&s, &ContiguityParams::default()).unwrap();
    assert_eq!(ws.neighbours[2], vec![1]);
}

#[test]
fn snapping_tolerance_joins_near_vertices() {
    let gj = br#"{"type":"FeatureCollection","features":[
      {"type":"Feature","id":"a","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}},
      {"type":"Feature","id":"b","properties":{},"geometry":{"type":"Polygon","coordinates":[[[1.0000004,0],[2,0],[2,1],[1.0000004,1],[1.0000004,0]]]}}]}"#;
    let (b, _) = load_boundaries(gj, "t.geojson", &BoundaryOptions::default()).unwrap();
    assert_eq!(rook(&b, &no_fallback()).unwrap().0.summary().links, 0);
    let p = ContiguityParams {
        tolerance: 1e-5,
        fallback: false,
        ..Default::default()
    };
    assert_eq!(rook(&b, &p).unwrap().0.neighbours, vec![vec![1], vec![0]]);
    assert_eq!(
        queen(
            &b,
            &ContiguityParams {
                tolerance: -1.0,
                ..Default::default()
            }
        )
        .unwrap_err()
        .code,
        ErrorCode::InvalidParameter
    );
}

#[test]
fn fdr_and_bonferroni() {
    let p = [
        Some(0.001),
        Some(0.01),
        Some(0.03),
        Some(0.04),
        None,
        Some(0.5),
    ];
    assert_eq!(
        significance(&p, 0.05, Adjust::None),
        vec![true, true, true, true, false, false]
    );
    // m = 5: Bonferroni cut 0.01.
    assert_eq!(
        significance(&p, 0.05, Adjust::Bonferroni),
        vec![true, true, false, false, false, false]
    );
    // BH: k·0.05/5 = 0.01, 0.02, 0.03, 0.04, 0.05 → the largest p_(k) ≤ that is 0.04 (k = 4).
    assert_eq!(
        significance(&p, 0.05, Adjust::Fdr),
        vec![true, true, true, true, false, false]
    );
    let q = [Some(0.02), Some(0.03), Some(0.2)];
    // m = 3: thresholds 0.0167, 0.033, 0.05: 0.03 ≤ 0.033 → both first two significant.
    assert_eq!(significance(&q, 0.05, Adjust::Fdr), vec![true, true, false]);
}

#[test]
fn gal_errors_are_located() {
    let e = read_gal("3\n1 2\n2\n", "bad.gal").unwrap_err();
    assert_eq!(e.code, ErrorCode::WeightsParse);
    assert_eq!(e.location.row, Some(3));
    let e = read_gal("2\n1 1\n9\n2 1\n1\n", "bad.gal").unwrap_err();
    assert_eq!(e.code, ErrorCode::WeightsParse);
    assert_eq!(e.location.region.as_deref(), Some("9"));
    let e = read_gwt("0 2 x id\n1 2 abc\n", "bad.gwt").unwrap_err();
    assert_eq!(e.location.row, Some(2));
}

#[test]
fn equal_weight_fast_path_matches_general_path() {
    // The same rook lattice twice: binary weights (all equal: the prefix-sum path) and weights
    // perturbed by 4 ulp (the general gather path). Same draws, same statistics.
    let (ids, polys) = lattice(6, 6);
    let (w, _) = contiguity_from_polygons(&ids, &polys, Contiguity::Rook, &no_fallback()).unwrap();
    let base: Vec<Vec<f64>> = w
        .neighbours
        .iter()
        .map(|nb| {
            nb.iter()
                .enumerate()
                .map(|(t, _)| {
                    if t == 0 {
                        1.0 + 4.0 * f64::EPSILON
                    } else {
                        1.0
                    }
                })
                .collect()
        })
        .collect();
    let wp =
        SpatialWeights::new(ids.clone(), w.neighbours.clone(), Some(base), "perturbed").unwrap();
    let y: Vec<f64> = (0..36)
        .map(|k| ((k as f64) * 1.618).sin() * 10.0 + 20.0)
        .collect();
    let p = PermutationParams {
        permutations: 999,
        ..Default::default()
    };
    let a = local_moran(&w, &y, &p, &mut |_, _| true).unwrap();
    let b = local_moran(&wp, &y, &p, &mut |_, _| true).unwrap();
    for k in 0..36 {
        assert!(
            (a.p_sim[k].unwrap() - b.p_sim[k].unwrap()).abs() <= 1e-9,
            "{k} {:?} {:?} {:?} {:?} {:?}",
            a.p_sim[k],
            b.p_sim[k],
            a.mean_sim[k],
            b.mean_sim[k],
            a.i[k]
        );
        assert!(
            (a.mean_sim[k].unwrap() - b.mean_sim[k].unwrap()).abs() <= 1e-9,
            "{k}"
        );
    }
    let ga = getis_ord_local(&w, &y, true, &p, &mut |_, _| true).unwrap();
    let gb = getis_ord_local(&wp, &y, true, &p, &mut |_, _| true).unwrap();
    for k in 0..36 {
        assert!(
            (ga.p_sim[k].unwrap() - gb.p_sim[k].unwrap()).abs() <= 1e-9,
            "{k}"
        );
    }
}
