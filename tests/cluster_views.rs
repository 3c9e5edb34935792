//! The page-view bundles on the Georgia NAICS-6 sample: region profile, cluster view,
//! prioritisation (re-ranks when a weight changes).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use agglo::clusters::*;
use agglo::ingest::{load_panel, LoadOptions};
use agglo::panel::Panel;

fn georgia() -> (Panel, ClusterPanel) {
    let root = env!("CARGO_MANIFEST_DIR");
    let bytes = std::fs::read(format!("{root}/data/ga_cbp_naics6_2017_2021.csv")).unwrap();
    let (panel, _) = load_panel(&bytes, "ga.csv", &LoadOptions::default()).unwrap();
    let defs = std::fs::read(format!("{root}/data/cluster_definitions_uscmp.csv")).unwrap();
    let (defs, _) =
        parse_cluster_definitions(&defs, "defs.csv", &DefinitionFilter::uscmp_default()).unwrap();
    let (cp, _) = aggregate_to_clusters(&panel, &defs).unwrap();
    (panel, cp)
}

#[test]
fn region_profile_of_whitfield() {
    let (panel, cp) = georgia();
    let params: RegionProfileParams = serde_json::from_value(serde_json::json!({
        "region": "13313", "to_year": 2021, "from_year": 2017,
        "employment": panel.measure_index("employment").unwrap(),
        "establishments": panel.measure_index("establishments").unwrap(),
        "payroll": panel.measure_index("payroll_thousands").unwrap(),
    }))
    .unwrap();
    assert_eq!(params.peers, 10);
    let v = region_profile_view(&panel, &cp, None, &params).unwrap();
    assert_eq!(v.region_name, "Whitfield");
    let textile = v.clusters.iter().find(|c| c.cluster == "42").unwrap();
    assert!(textile.strong);
    assert!(v.clusters.iter().all(|c| c.region == "13313"));
    assert_eq!(v.stars.iter().find(|s| s.cluster == "42").unwrap().stars, 3);
    let ss = v.shift_share.as_ref().unwrap();
    let sum = ss.national_share.unwrap()
        + ss.industry_mix.unwrap()
        + ss.competitive.unwrap()
        + ss.allocation.unwrap();
    assert!((sum - ss.change.unwrap()).abs() < 1e-6 * ss.change.unwrap().abs().max(1.0));
    let by = v
        .shift_share_by_cluster
        .iter()
        .find(|s| s.industry.as_deref() == Some("42"))
        .unwrap();
    assert!((by.regional_share.unwrap() - textile.competitive_shift.unwrap()).abs() < 1e-9);
    let spec = v.specialisation.as_ref().unwrap();
    assert!(spec.krugman.unwrap() > 0.0 && spec.krugman.unwrap() <= 2.0);
    assert_eq!(v.peers.len(), 10);
    assert!(v.peers.iter().all(|p| p.region != "13313"));
    // The whole view serialises (it crosses to the browser as JSON).
    let json = serde_json::to_value(&v).unwrap();
    assert_eq!(json["clusters"][0]["region"], "13313");
}

#[test]
fn cluster_view_of_textiles() {
    let (panel, cp) = georgia();
    let params = ClusterViewParams {
        cluster: "42".into(),
        year: 2021,
        employment: panel.measure_index("employment").unwrap(),
        establishments: Some(panel.measure_index("establishments").unwrap()),
        base: LqBase::All,
        top: 5,
        size_classes: Vec::new(),
    };
    let v = cluster_view(&cp, None, &params).unwrap();
    assert_eq!(v.cluster_name, "Textile Manufacturing");
    assert!(v.members.contains(&"314110".to_string()));
    assert_eq!(v.years, vec![2017, 2021]);
    for county in ["13313", "13213"] {
        let s = v.regions.iter().find(|r| r.region == county).unwrap();
        assert_eq!(s.employment.len(), 2);
        assert!(s.strong[1], "{county}");
        assert!(s.lq[1].unwrap() > 1.0);
    }
    assert!(v.strength.iter().any(|s| s.region == "13313" && s.strong));
    assert_eq!(v.concentration.len(), 2);
    assert!(v.concentration[1].locational_gini.unwrap() > 0.0);
    assert_eq!(v.top_by_employment[0].region, "13313");
    assert_eq!(v.top_by_lq.len(), 5);
    let e = cluster_view(
        &cp,
        None,
        &ClusterViewParams {
            cluster: "nope".into(),
            ..params
        },
    )
    .unwrap_err();
    assert_eq!(e.code_str(), "E_UNKNOWN_CLUSTER");
    assert_eq!(e.location.industry.as_deref(), Some("nope"));
}

#[test]
fn prioritisation_reranks_when_a_weight_changes() {
    let (panel, cp) = georgia();
    let typ = TypologyParams {
        from_year: Some(2017),
        to_year: 2021,
        employment: panel.measure_index("employment").unwrap(),
        establishments: None,
        payroll: Some(panel.measure_index("payroll_thousands").unwrap()),
        base: LqBase::All,
        size_classes: Vec::new(),
        sme_threshold: DEFAULT_SME_THRESHOLD,
    };
    let mut pr = PriorityParams {
        criteria: vec![
            Criterion::Growth,
            Criterion::Lq,
            Criterion::Size,
            Criterion::Wages,
        ],
        weights: vec![0.0, 0.0, 1.0, 0.0],
        normalisation: Normalisation::MinMax,
        external: Default::default(),
    };
    let a = prioritisation_view(&panel, &cp, None, "13121", &typ, &pr).unwrap();
    pr.weights = vec![0.0, 0.0, 0.0, 1.0];
    let b = prioritisation_view(&panel, &cp, None, "13121", &typ, &pr).unwrap();
    assert_ne!(a[0].cluster, b[0].cluster);
    let top_wage = b[0].contributions[3].raw.unwrap();
    assert!(b
        .iter()
        .all(|r| r.contributions[3].raw.is_none_or(|w| w <= top_wage)));
    assert_eq!(
        prioritisation_view(&panel, &cp, None, "99999", &typ, &pr)
            .unwrap_err()
            .code_str(),
        "E_UNKNOWN_REGION"
    );
}

#[test]
fn views_with_a_national_reference_table() {
    let (panel, cp) = georgia();
    let root = env!("CARGO_MANIFEST_DIR");
    let bytes = std::fs::read(format!("{root}/data/us_cbp_naics6_2017_2021.csv")).unwrap();
    let opts = LoadOptions {
        reference: true,
        ..Default::default()
    };
    let (us, _) = load_panel(&bytes, "us_cbp_naics6_2017_2021.csv", &opts).unwrap();
    let defs = std::fs::read(format!("{root}/data/cluster_definitions_uscmp.csv")).unwrap();
    let (defs, _) =
        parse_cluster_definitions(&defs, "defs.csv", &DefinitionFilter::uscmp_default()).unwrap();
    let (us_cp, _) = aggregate_to_clusters(&us, &defs).unwrap();
    let tables = ReferenceTables {
        name: "us_cbp_naics6_2017_2021.csv",
        industries: &us,
        clusters: &us_cp,
    };
    let emp = panel.measure_index("employment").unwrap();
    let params = ClusterViewParams {
        cluster: "42".into(),
        year: 2021,
        employment: emp,
        establishments: Some(panel.measure_index("establishments").unwrap()),
        base: LqBase::All,
        top: 3,
        size_classes: Vec::new(),
    };
    let national = cluster_view(&cp, Some(&tables), &params).unwrap();
    let state = cluster_view(&cp, None, &params).unwrap();
    // LQs against the US differ from LQs against Georgia by one factor per cluster and year, so
    // the strong regions are the same.
    let w_us = national
        .regions
        .iter()
        .find(|r| r.region == "13313")
        .unwrap();
    let w_ga = state.regions.iter().find(|r| r.region == "13313").unwrap();
    let m_us = national
        .regions
        .iter()
        .find(|r| r.region == "13213")
        .unwrap();
    let m_ga = state.regions.iter().find(|r| r.region == "13213").unwrap();
    let k = w_us.lq[1].unwrap() / w_ga.lq[1].unwrap();
    assert!(k > 1.0);
    assert!((m_us.lq[1].unwrap() / m_ga.lq[1].unwrap() - k).abs() < 1e-9 * k);
    assert_eq!(w_us.strong, w_ga.strong);
    // The region profile accepts the same tables.
    let rp: RegionProfileParams = serde_json::from_value(serde_json::json!({
        "region": "13313", "to_year": 2021, "from_year": 2017, "employment": emp,
    }))
    .unwrap();
    let v = region_profile_view(&panel, &cp, Some(&tables), &rp).unwrap();
    let t = v.clusters.iter().find(|c| c.cluster == "42").unwrap();
    assert!((t.lq.unwrap() - w_us.lq[1].unwrap()).abs() < 1e-9 * t.lq.unwrap());
    assert!(v.shift_share.is_some());
}

#[test]
fn region_profile_shift_share_by_every_method() {
    let (panel, cp) = georgia();
    let mut rows = Vec::new();
    for method in ["dunn", "esteban", "gerfin", "dynamic"] {
        let params: RegionProfileParams = serde_json::from_value(serde_json::json!({
            "region": "13313", "to_year": 2021, "from_year": 2017,
            "employment": panel.measure_index("employment").unwrap(),
            "shift_share_method": method,
        }))
        .unwrap();
        let v = region_profile_view(&panel, &cp, None, &params).unwrap();
        let ss = v.shift_share.clone().unwrap();
        assert_eq!(serde_json::to_value(ss.method).unwrap(), method);
        if method == "gerfin" {
            // Multiplicative: mix × regional = net.
            let (m, r, n) = (
                ss.gerfin_industry_mix.unwrap(),
                ss.gerfin_regional_share.unwrap(),
                ss.gerfin_net_shift.unwrap(),
            );
            assert!((m * r - n).abs() < 1e-12);
        } else {
            let change = ss.change.unwrap();
            let sum =
                ss.national_share.unwrap() + ss.industry_mix.unwrap() + ss.regional_share.unwrap();
            assert!(
                (sum - change).abs() < 1e-6 * change.abs().max(1.0),
                "{method}"
            );
        }
        // The per-cluster rows use the same method.
        assert!(v
            .shift_share_by_cluster
            .iter()
            .all(|r| r.method == ss.method));
        rows.push(ss);
    }
    // Dunn's components are the same in the Dunn and Esteban-Marquillas rows; with two years the
    // dynamic sum equals the one-step decomposition.
    assert_eq!(rows[0].industry_mix, rows[1].industry_mix);
    assert!((rows[3].regional_share.unwrap() - rows[0].regional_share.unwrap()).abs() < 1e-6);
}
