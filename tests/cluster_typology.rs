//! Typology dimensions that need more than the panel: SME share from size classes, IO depth /
//! local-supplier linkage / regional multiplier, spatial extent; hand-checkable cases.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use agglo::clusters::*;
use agglo::io_model::{
    Crosswalk, IoParams, IoTable, LeontiefModel, RegionalMethod, RegionalParams,
};
use agglo::panel::{Panel, Reference};
use proptest::prelude::*;
use std::collections::BTreeMap;

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

/// Regions R and Q, industries 11 and 22, one year; cluster C = {22}, cluster D = {11}.
fn two_region_panel(cells: [[f64; 2]; 2]) -> (Panel, ClusterPanel) {
    let mut p = Panel::new(
        s(&["R", "Q"]),
        s(&["R", "Q"]),
        s(&["11", "22"]),
        s(&["one", "two"]),
        vec![2021],
        s(&["employment"]),
    );
    for (r, row) in cells.iter().enumerate() {
        for (i, v) in row.iter().enumerate() {
            p.set(0, 0, r, i, *v).unwrap();
        }
    }
    let defs =
        b"industry_code,cluster_code,cluster_name,traded_local\n22,C,Cee,traded\n11,D,Dee,traded\n";
    let (defs, _) =
        parse_cluster_definitions(defs, "defs.csv", &DefinitionFilter::default()).unwrap();
    let (cp, _) = aggregate_to_clusters(&p, &defs).unwrap();
    (p, cp)
}

#[test]
fn depth_local_supplier_and_multiplier_by_hand() {
    // National table: A = [[0.1, 0.2], [0.3, 0.1]] (a_ij: sector i sells to j), x = [100, 200].
    let table = IoTable::from_flows(
        s(&["S1", "S2"]),
        vec![10.0, 40.0, 30.0, 20.0],
        vec![100.0, 200.0],
        None,
    )
    .unwrap();
    let model = LeontiefModel::new(&table, &IoParams::default()).unwrap();
    let mut map = BTreeMap::new();
    map.insert("11".to_string(), vec![("S1".to_string(), 1.0)]);
    map.insert("22".to_string(), vec![("S2".to_string(), 1.0)]);
    let cw = Crosswalk {
        from_column: "naics".into(),
        to_column: "io".into(),
        map,
    };
    // Region R: 10 in 11, 90 in 22; the nation (R + Q): 1000 each.
    let (p, cp) = two_region_panel([[10.0, 90.0], [990.0, 910.0]]);
    let reference = Reference::sum_of_regions(&p, 0, 0);
    let io = IoInputs {
        table: &table,
        model: &model,
        crosswalk: &cw,
        params: RegionalParams {
            method: RegionalMethod::Slq,
            delta: 0.3,
        },
    };
    let (rows, w) = cluster_io_indicators(&p, &cp, 0, 0, &reference, &io, Some(&[0])).unwrap();
    assert!(w.is_empty(), "{w:?}");
    let c = rows.iter().find(|r| r.cluster == "C").unwrap();
    // SLQ_1 = 0.1/0.5 = 0.2, SLQ_2 = 1.8 -> A_r = [[0.02, 0.04], [0.3, 0.1]].
    // X_2 = 90 × (200/1000) = 18; req = (0.2 + 0.1) 18 = 5.4; local = (0.04 + 0.1) 18 = 2.52.
    assert!((c.output - 18.0).abs() < 1e-12);
    assert!((c.requirement - 5.4).abs() < 1e-12);
    assert!((c.local_supply - 2.52).abs() < 1e-12);
    assert!((c.depth.unwrap() - 2.52 / 5.4).abs() < 1e-12);
    assert!((c.local_supplier.unwrap() - 0.14).abs() < 1e-12);
    // Column 2 of (I - A_r)^-1 = [0.04, 0.98] / 0.87.
    assert!((c.multiplier.unwrap() - 1.02 / 0.87).abs() < 1e-12);
    // Into the profiles and the prioritisation criteria.
    let (mut profiles, _) = cluster_profiles(&p, &cp, None, &TypologyParams::new(2021, 0)).unwrap();
    assert!(profiles
        .iter()
        .all(|x| x.depth.is_none() && x.multiplier.is_none()));
    apply_typology_extras(&mut profiles, Some(&rows), None);
    let pc = profiles
        .iter()
        .find(|x| x.region == "R" && x.cluster == "C")
        .unwrap();
    assert_eq!(pc.depth, c.depth);
    assert_eq!(pc.local_supplier, c.local_supplier);
    let mine: Vec<_> = profiles.into_iter().filter(|x| x.region == "R").collect();
    let ranked = prioritise(
        &mine,
        &PriorityParams {
            criteria: vec![Criterion::Multiplier, Criterion::LocalSupplier],
            weights: vec![1.0, 1.0],
            normalisation: Normalisation::MinMax,
            external: Default::default(),
        },
    )
    .unwrap();
    let rc = ranked.iter().find(|r| r.cluster == "C").unwrap();
    assert_eq!(rc.contributions[0].raw, c.multiplier);
    assert_eq!(rc.contributions[1].raw, c.local_supplier);
}

#[test]
fn spatial_extent_counts_specialised_and_strong_neighbours() {
    // Three regions in a row A - B - C; cluster X is concentrated in A and B.
    let mut p = Panel::new(
        s(&["A", "B", "C"]),
        s(&["A", "B", "C"]),
        s(&["11", "22"]),
        s(&["x", "y"]),
        vec![2021],
        s(&["employment"]),
    );
    for (r, (a, b)) in [(50.0, 50.0), (60.0, 40.0), (5.0, 95.0)].iter().enumerate() {
        p.set(0, 0, r, 0, *a).unwrap();
        p.set(0, 0, r, 1, *b).unwrap();
    }
    let defs =
        b"industry_code,cluster_code,cluster_name,traded_local\n11,X,Ex,traded\n22,Y,Why,traded\n";
    let (defs, _) = parse_cluster_definitions(defs, "d.csv", &DefinitionFilter::default()).unwrap();
    let (cp, _) = aggregate_to_clusters(&p, &defs).unwrap();
    // Neighbour lists over boundary ids in another order, with an id the data lacks.
    let nb = neighbours_for_regions(
        &cp.panel.regions,
        &s(&["C", "B", "A", "Z"]),
        &[vec![1, 3], vec![0, 2], vec![1], vec![0]],
    );
    assert_eq!(nb, vec![vec![1], vec![2, 0], vec![1]]);
    let rows = cluster_spatial_extent(&cp, &nb, 0, None, 0, LqBase::All, None).unwrap();
    // Share of X: 115/300; LQ_A = 0.5/0.3833 >= 1, LQ_B >= 1, LQ_C < 1.
    let get = |r: &str, c: &str| {
        rows.iter()
            .find(|x| x.region == r && x.cluster == c)
            .unwrap()
    };
    assert_eq!(get("A", "X").neighbours, 1);
    assert_eq!(get("A", "X").neighbours_specialised, 1);
    assert_eq!(get("A", "X").spatial_extent, Some(1.0));
    assert_eq!(get("B", "X").neighbours_specialised, 1);
    assert_eq!(get("B", "X").spatial_extent, Some(0.5));
    assert_eq!(get("C", "Y").spatial_extent, Some(0.0));
    // Bad neighbour lists are a parameter error.
    let e = cluster_spatial_extent(
        &cp,
        &[vec![5], vec![], vec![]],
        0,
        None,
        0,
        LqBase::All,
        None,
    )
    .unwrap_err();
    assert_eq!(e.code_str(), "E_INVALID_PARAMETER");
}

#[test]
fn sme_share_is_unavailable_not_zero_without_size_classes() {
    let (p, cp) = two_region_panel([[10.0, 90.0], [990.0, 910.0]]);
    let (rows, _) = cluster_profiles(&p, &cp, None, &TypologyParams::new(2021, 0)).unwrap();
    assert!(rows.iter().all(|r| r.sme_share.is_none()));
    // A threshold that is not a positive number is refused.
    let e = cluster_profiles(
        &p,
        &cp,
        None,
        &TypologyParams {
            sme_threshold: 0.0,
            ..TypologyParams::new(2021, 0)
        },
    )
    .unwrap_err();
    assert_eq!(e.code_str(), "E_INVALID_PARAMETER");
}

#[test]
fn cbp_size_class_names_are_recognised() {
    let m = s(&[
        "employment",
        "n<5",
        "n5_9",
        "n10_19",
        "n20_49",
        "n50_99",
        "n100_249",
        "n250_499",
        "n500_999",
        "n1000",
        "n1000_1",
        "size_x",
    ]);
    let c = size_classes_from_measures(&m);
    // n1000_1 (a sub-class of 1000+) is dropped as overlapping; size_x is no class.
    assert_eq!(c.len(), 9);
    assert_eq!(
        c.iter().map(|k| k.measure).collect::<Vec<_>>(),
        (1..10).collect::<Vec<_>>()
    );
    assert_eq!(c[5].upper, Some(250.0));
    assert_eq!(c[6].lower, 250.0);
    let g = size_classes_from_measures(&s(&[
        "size_0_9",
        "size_10_49",
        "size_50_249",
        "size_250_plus",
    ]));
    assert_eq!(g.len(), 4);
    assert_eq!((g[2].lower, g[2].upper), (50.0, Some(250.0)));
    assert_eq!(g[3].upper, None);
}

proptest! {
    /// The SME share is a share: in [0, 1], and it never decreases with the threshold.
    #[test]
    fn sme_share_is_a_monotone_share(counts in proptest::collection::vec(0u32..50, 4)) {
        let classes = size_classes_from_measures(&s(&["size_0_9", "size_10_49", "size_50_249", "size_250_plus"]));
        let c: Vec<Option<f64>> = counts.iter().map(|n| Some(*n as f64)).collect();
        let a = sme_share(&classes, &c, 50.0);
        let b = sme_share(&classes, &c, 250.0);
        if counts.iter().sum::<u32>() == 0 {
            prop_assert!(a.is_none() && b.is_none());
        } else {
            let (a, b) = (a.unwrap(), b.unwrap());
            prop_assert!((0.0..=1.0).contains(&a) && (0.0..=1.0).contains(&b) && a <= b);
        }
    }
}

#[test]
fn ellison_glaeser_from_size_classes_in_the_cluster_view() {
    let root = env!("CARGO_MANIFEST_DIR");
    let bytes = std::fs::read(format!("{root}/tests/fixtures/clusters/size_classes.csv")).unwrap();
    let (panel, _) =
        agglo::ingest::load_panel(&bytes, "size_classes.csv", &Default::default()).unwrap();
    let defs = std::fs::read(format!("{root}/data/cluster_definitions_uscmp.csv")).unwrap();
    let (defs, _) =
        parse_cluster_definitions(&defs, "defs.csv", &DefinitionFilter::uscmp_default()).unwrap();
    let (cp, _) = aggregate_to_clusters(&panel, &defs).unwrap();
    let classes = size_classes_from_measures(&panel.measures);
    assert_eq!(classes.len(), 9);
    let params = ClusterViewParams {
        cluster: "42".into(),
        year: 2021,
        employment: panel.measure_index("employment").unwrap(),
        establishments: Some(panel.measure_index("establishments").unwrap()),
        base: LqBase::All,
        top: 3,
        size_classes: classes.clone(),
    };
    let v = cluster_view(&cp, None, &params).unwrap();
    assert!(v.eg_from_size_classes);
    assert_eq!(v.concentration.len(), 2);
    let row = &v.concentration[1]; // 2021
                                   // By hand: the 2021 textile counts per class (Whitfield 314110 + 313110, Murray, Appling).
    let sizes: Vec<f64> = classes.iter().map(SizeClass::representative_size).collect();
    assert_eq!(sizes[0], 2.5); // 1-4 employees
    let counts = [
        [11.0, 8.0, 10.0, 14.0, 8.0, 8.0, 4.0, 3.0, 1.0],
        [1.0, 1.0, 1.0, 2.0, 1.0, 1.0, 1.0, 0.0, 0.0],
        [1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0],
    ];
    let total: f64 = counts
        .iter()
        .flatten()
        .zip(sizes.iter().cycle())
        .map(|(n, s)| n * s)
        .sum();
    let h: f64 = (0..9)
        .map(|k| counts.iter().map(|r| r[k]).sum::<f64>() * (sizes[k] / total).powi(2))
        .sum();
    assert!(
        (row.eg_h.unwrap() - h).abs() < 1e-12 * h,
        "{} vs {h}",
        row.eg_h.unwrap()
    );
    assert_eq!(row.h_method, Some(agglo::indicators::HMethod::SizeClasses));
    // Without the classes: one mean-size class per region, a different H.
    let plain = cluster_view(
        &cp,
        None,
        &ClusterViewParams {
            size_classes: Vec::new(),
            ..params
        },
    )
    .unwrap();
    assert!(!plain.eg_from_size_classes);
    assert!((plain.concentration[1].eg_h.unwrap() - h).abs() > 1e-6);
    assert_eq!(
        plain.concentration[1].h_method,
        Some(agglo::indicators::HMethod::MeanSize)
    );
}
