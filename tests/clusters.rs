//! Cluster definitions, aggregation, strength, typology, priorities and peers on the core API,
//! including the Georgia NAICS-6 acceptance case and bad definitions.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use agglo::clusters::*;
use agglo::ingest::{load_panel, LoadOptions};
use agglo::panel::{Panel, Reference};

fn root(p: &str) -> String {
    format!("{}/{}", env!("CARGO_MANIFEST_DIR"), p)
}

fn georgia() -> (Panel, ClusterDefinitions) {
    let bytes = std::fs::read(root("data/ga_cbp_naics6_2017_2021.csv")).unwrap();
    let (panel, _) = load_panel(
        &bytes,
        "ga_cbp_naics6_2017_2021.csv",
        &LoadOptions::default(),
    )
    .unwrap();
    let defs = std::fs::read(root("data/cluster_definitions_uscmp.csv")).unwrap();
    let (defs, w) = parse_cluster_definitions(
        &defs,
        "cluster_definitions_uscmp.csv",
        &DefinitionFilter::uscmp_default(),
    )
    .unwrap();
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(defs.entries.len(), 970);
    assert_eq!(defs.clusters.len(), 67);
    (panel, defs)
}

#[test]
fn georgia_textile_cluster_is_strong_in_whitfield_and_murray_2021() {
    let (panel, defs) = georgia();
    let (cp, _) = aggregate_to_clusters(&panel, &defs).unwrap();
    // Every NAICS-6 code of the CBP sample is in a DPS2016 cluster.
    assert!(
        cp.unmapped.is_empty(),
        "{:?}",
        cp.unmapped.iter().take(5).collect::<Vec<_>>()
    );
    assert!((cp.mapped_share - 1.0).abs() < 1e-12);
    let y = panel.year_index(2021).unwrap();
    let emp = panel.measure_index("employment").unwrap();
    let est = panel.measure_index("establishments").unwrap();
    let params = UscmpParams {
        employment: emp,
        establishments: Some(est),
        ..Default::default()
    };
    assert_eq!(params.base, LqBase::All);
    let (rows, _) = uscmp_strength(&cp, y, None, &params).unwrap();
    let textile: Vec<&UscmpStrength> = rows.iter().filter(|r| r.cluster == "42").collect();
    assert_eq!(textile[0].cluster_name, "Textile Manufacturing");
    for county in ["13313", "13213"] {
        let r = textile.iter().find(|r| r.region == county).unwrap();
        assert!(r.strong, "{county}: {r:?}");
        assert!(r.lq >= r.lq_q75 && r.lq >= 1.0);
        assert!(r.employment > r.employment_q25);
        assert!(r.establishments.unwrap() > r.establishments_q25.unwrap());
    }
    // Whitfield's cluster employment is the sum of its textile NAICS-6 cells.
    let wi = panel.region_index("13313").unwrap();
    let members = &cp.members[cp.panel.industry_index("42").unwrap()];
    let sum: f64 = members
        .iter()
        .filter_map(|&i| panel.get(emp, y, wi, i))
        .sum();
    assert_eq!(
        textile
            .iter()
            .find(|r| r.region == "13313")
            .unwrap()
            .employment,
        sum
    );
    // The thresholds are type-7 quantiles over the regions with employment > 0.
    let lqs: Vec<f64> = textile.iter().map(|r| r.lq).collect();
    assert_eq!(textile[0].lq_q75, quantile_type7(&lqs, 0.75).unwrap());
    // On the traded base within Georgia alone, Whitfield (whose traded economy *is* carpets) falls
    // just under the Georgia Q75: the reason the all-industry base is the default.
    let (rows, _) = uscmp_strength(
        &cp,
        y,
        None,
        &UscmpParams {
            base: LqBase::Traded,
            ..params.clone()
        },
    )
    .unwrap();
    let w = rows
        .iter()
        .find(|r| r.cluster == "42" && r.region == "13313")
        .unwrap();
    assert!(!w.strong && w.lq < w.lq_q75);
    let m = rows
        .iter()
        .find(|r| r.cluster == "42" && r.region == "13213")
        .unwrap();
    assert!(m.strong);
}

#[test]
fn georgia_stars_profiles_peers() {
    let (panel, defs) = georgia();
    let (cp, _) = aggregate_to_clusters(&panel, &defs).unwrap();
    let y = panel.year_index(2021).unwrap();
    let emp = panel.measure_index("employment").unwrap();
    let stars = eco_stars(
        &cp,
        y,
        None,
        &EcoParams {
            employment: emp,
            ..Default::default()
        },
    )
    .unwrap();
    let w = stars
        .iter()
        .find(|r| r.cluster == "42" && r.region == "13313")
        .unwrap();
    assert_eq!(w.stars, 3);
    assert!(w.lq >= 2.0);
    // Editable thresholds: an LQ threshold above every LQ removes the specialisation stars.
    let none = eco_stars(
        &cp,
        y,
        None,
        &EcoParams {
            employment: emp,
            lq_threshold: 1e9,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(none.iter().all(|r| !r.specialisation_star));
    assert!(eco_stars(
        &cp,
        y,
        None,
        &EcoParams {
            size_top_share: 0.0,
            ..Default::default()
        }
    )
    .is_err());

    let params = TypologyParams {
        from_year: Some(2017),
        to_year: 2021,
        employment: emp,
        establishments: Some(panel.measure_index("establishments").unwrap()),
        payroll: Some(panel.measure_index("payroll_thousands").unwrap()),
        base: LqBase::All,
        size_classes: Vec::new(),
        sme_threshold: DEFAULT_SME_THRESHOLD,
    };
    let (profiles, _) = cluster_profiles(&panel, &cp, None, &params).unwrap();
    let p = profiles
        .iter()
        .find(|r| r.cluster == "42" && r.region == "13313")
        .unwrap();
    assert!(p.strong);
    assert_eq!(p.quadrant, Some(Quadrant::Star));
    let v0 = cp
        .panel
        .get(
            emp,
            0,
            cp.panel.region_index("13313").unwrap(),
            cp.panel.industry_index("42").unwrap(),
        )
        .unwrap();
    assert_eq!(p.job_creation, Some(p.employment - v0));
    assert!(
        (p.avg_establishment_size.unwrap() - p.employment / p.establishments.unwrap()).abs()
            < 1e-12
    );
    assert!(
        p.breadth_present > 0.0
            && p.breadth_present <= 1.0
            && p.breadth_specialised <= p.breadth_present
    );
    assert!(p.depth.is_none() && p.spatial_extent.is_none() && p.sme_share.is_none());
    // Competitive component = E1 - E0 * G_c with G_c the Georgia growth of the cluster.
    let r0 = Reference::sum_of_regions(&cp.panel, emp, 0);
    let r1 = Reference::sum_of_regions(&cp.panel, emp, y);
    let c = cp.panel.industry_index("42").unwrap();
    let g = r1.industry_totals[c] / r0.industry_totals[c];
    assert!((p.competitive_shift.unwrap() - (p.employment - v0 * g)).abs() < 1e-9);

    // Top regions of the textile cluster by employment: Whitfield first.
    let top = top_regions_for_cluster(
        &cp,
        c,
        None,
        &TopRegionsParams {
            measure: emp,
            year: y,
            base: LqBase::All,
            by_lq: false,
            top: 3,
        },
    )
    .unwrap();
    assert_eq!(top[0].region, "13313");
    assert_eq!(top.len(), 3);
    // Peers: cosine similarity in [0, 1], sorted; Krugman ascending.
    let wi = panel.region_index("13313").unwrap();
    let mx = panel.matrix(emp, y);
    let peers = peer_regions(
        &mx,
        &panel.regions,
        &panel.region_names,
        wi,
        PeerMetric::Cosine,
        5,
    )
    .unwrap();
    assert_eq!(peers.len(), 5);
    assert!(peers.windows(2).all(|w| w[0].value >= w[1].value));
    assert!(peers
        .iter()
        .all(|p| p.region != "13313" && p.value <= 1.0 + 1e-12));
    let kp = peer_regions(
        &mx,
        &panel.regions,
        &panel.region_names,
        wi,
        PeerMetric::Krugman,
        5,
    )
    .unwrap();
    assert!(kp.windows(2).all(|w| w[0].value <= w[1].value));
    let other = panel.region_index(&kp[0].region).unwrap();
    let v = |r: usize| -> Vec<f64> {
        (0..mx.n_industries)
            .map(|i| mx.get(r, i).unwrap_or(0.0))
            .collect()
    };
    let k = agglo::indicators::krugman_dissimilarity(&v(wi), &v(other)).unwrap();
    assert!((kp[0].value - k).abs() < 1e-12);
}

#[test]
fn prefix_rule_for_shorter_codes() {
    let csv = b"naics_code,cluster_code,cluster_name,traded_local\n\
314110,42,Textile Manufacturing,traded\n314120,42,Textile Manufacturing,traded\n\
336111,5,Automotive,traded\n336211,9,Construction,local\n541110,7,Legal,local\n";
    let (d, w) = parse_cluster_definitions(csv, "d.csv", &DefinitionFilter::default()).unwrap();
    assert!(w.is_empty());
    let codes: Vec<String> = ["3141", "336", "5411101", "9999", "314110"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let m = map_industries(&d, &codes);
    assert_eq!(m.how[0], MatchKind::Prefix { children: 2 });
    assert_eq!(d.clusters[m.cluster_of[0].unwrap()].code, "42");
    assert_eq!(
        m.how[1],
        MatchKind::Split {
            clusters: vec!["5".into(), "9".into()]
        }
    );
    assert!(m.cluster_of[1].is_none());
    assert_eq!(
        m.how[2],
        MatchKind::Parent {
            parent: "541110".into()
        }
    );
    assert_eq!(m.how[3], MatchKind::Unmapped);
    assert_eq!(m.how[4], MatchKind::Exact);
}

#[test]
fn naics4_georgia_maps_by_prefix_and_reports_splits() {
    let bytes = std::fs::read(root("data/ga_cbp_naics4_2017_2021.csv")).unwrap();
    let (panel, _) = load_panel(&bytes, "ga4.csv", &LoadOptions::default()).unwrap();
    let (_, defs) = georgia();
    let (cp, w) = aggregate_to_clusters(&panel, &defs).unwrap();
    // Carpet and rug mills (3141) has only 314110/314120 below it: both Textile Manufacturing.
    let i = panel.industry_index("3141").unwrap();
    assert!(matches!(cp.mapping.how[i], MatchKind::Prefix { .. }));
    assert_eq!(
        cp.panel.industries[cp.members.iter().position(|m| m.contains(&i)).unwrap()],
        "42"
    );
    let split: Vec<&UnmappedCode> = cp.unmapped.iter().filter(|u| u.reason == "split").collect();
    assert!(!split.is_empty());
    assert!(split.iter().all(|u| u.clusters.len() >= 2));
    let first = split[0];
    let warn = w.iter().find(|w| {
        w.code == "W_SPLIT_CODES" && w.location.industry.as_deref() == Some(first.industry.as_str())
    });
    assert!(warn.is_some());
    assert!(cp.mapped_share > 0.5 && cp.mapped_share < 1.0);
}

#[test]
fn bad_definitions_are_located_and_parsing_continues() {
    let csv = b"naics_code,cluster_code,cluster_name\n314110,42,Textiles\n,42,Textiles\n314110,43,Other\n314120,,Textiles\n314130,42,Textiles\n";
    let (d, w) = parse_cluster_definitions(csv, "mine.csv", &DefinitionFilter::default()).unwrap();
    assert_eq!(d.entries.len(), 2);
    let dup = w
        .iter()
        .find(|w| w.code == "W_DEFINITION_DUPLICATE")
        .unwrap();
    assert_eq!(dup.location.file.as_deref(), Some("mine.csv"));
    assert_eq!(dup.location.row, Some(4));
    assert_eq!(dup.location.industry.as_deref(), Some("314110"));
    assert!(dup.message.contains("'42'") && dup.message.contains("'43'"));
    let unknown: Vec<_> = w
        .iter()
        .filter(|w| w.code == "W_DEFINITION_UNKNOWN_CODE")
        .collect();
    assert_eq!(unknown.len(), 2);
    assert_eq!(unknown[0].location.row, Some(3));
    assert_eq!(unknown[0].location.column.as_deref(), Some("naics_code"));
    assert_eq!(unknown[1].location.row, Some(5));
    assert_eq!(unknown[1].location.column.as_deref(), Some("cluster_code"));
    // The first definition of a duplicate wins.
    assert_eq!(d.clusters[d.entries[0].cluster].code, "42");

    let e = parse_cluster_definitions(
        b"code,name\n1,x\n",
        "nocluster.csv",
        &DefinitionFilter::default(),
    )
    .unwrap_err();
    assert_eq!(e.code_str(), "E_MISSING_COLUMN");
    assert_eq!(e.location.file.as_deref(), Some("nocluster.csv"));
    assert_eq!(e.location.row, Some(1));
    let e = parse_cluster_definitions(
        b"naics_code,cluster_code,definition_set\n1,2,legacy\n",
        "f.csv",
        &DefinitionFilter::uscmp_default(),
    )
    .unwrap_err();
    assert_eq!(e.code_str(), "E_NO_DATA");
}

#[test]
fn unmapped_codes_reported_with_employment() {
    let mut p = Panel::new(
        vec!["a".into(), "b".into()],
        vec![],
        vec!["314110".into(), "999999".into()],
        vec!["Carpet".into(), "Mystery".into()],
        vec![2021],
        vec!["employment".into()],
    );
    p.set(0, 0, 0, 0, 10.0).unwrap();
    p.set(0, 0, 0, 1, 5.0).unwrap();
    p.set(0, 0, 1, 1, 7.0).unwrap();
    let (d, _) = parse_cluster_definitions(
        b"naics_code,cluster_code\n314110,42\n",
        "d.csv",
        &DefinitionFilter::default(),
    )
    .unwrap();
    let (cp, w) = aggregate_to_clusters(&p, &d).unwrap();
    assert_eq!(cp.unmapped.len(), 1);
    assert_eq!(cp.unmapped[0].industry, "999999");
    assert_eq!(cp.unmapped[0].value_by_year, vec![12.0]);
    let warn = w.iter().find(|w| w.code == "W_UNMAPPED_CODES").unwrap();
    assert!(warn.message.contains("999999 (12)"), "{}", warn.message);
    assert!((cp.mapped_share - 10.0 / 22.0).abs() < 1e-12);
    // Region b has no mapped cell: its cluster cell is missing, not zero; its total keeps all industries.
    assert_eq!(cp.panel.get(0, 0, 1, 0), None);
    assert_eq!(cp.panel.matrix(0, 0).region_total(1), 7.0);
}

fn profile(cluster: &str, growth: f64, lq: f64, size: f64) -> ClusterProfile {
    ClusterProfile {
        region: "r".into(),
        region_name: String::new(),
        cluster: cluster.into(),
        cluster_name: cluster.into(),
        traded: true,
        year: 2021,
        employment: size,
        establishments: None,
        lq: Some(lq),
        focus: None,
        growth: Some(growth),
        reference_growth: None,
        job_creation: None,
        competitive_shift: None,
        breadth_present: 1.0,
        breadth_specialised: 1.0,
        avg_establishment_size: None,
        wage: None,
        sme_share: None,
        depth: None,
        local_supplier: None,
        multiplier: None,
        spatial_extent: None,
        neighbours: None,
        neighbours_specialised: None,
        neighbours_strong: None,
        strong: false,
        strong10: false,
        quadrant: None,
    }
}

#[test]
fn priorities_rank_and_rerank_when_weights_change() {
    let profiles = vec![
        profile("A", 0.10, 0.5, 100.0),
        profile("B", 0.00, 3.0, 500.0),
        profile("C", 0.05, 1.0, 50.0),
    ];
    let mut params = PriorityParams {
        criteria: vec![Criterion::Growth, Criterion::Lq, Criterion::Size],
        weights: vec![0.8, 0.1, 0.1],
        normalisation: Normalisation::MinMax,
        external: Default::default(),
    };
    let ranked = prioritise(&profiles, &params).unwrap();
    assert_eq!(ranked[0].cluster, "A");
    for r in &ranked {
        let s: f64 = r.contributions.iter().map(|c| c.contribution).sum();
        assert!((s - r.score).abs() < 1e-12);
    }
    // A: growth 1, lq 0, size (100-50)/450 -> 0.8 + 0.1*50/450
    assert!((ranked[0].score - (0.8 + 0.1 * 50.0 / 450.0)).abs() < 1e-12);
    params.weights = vec![0.1, 0.8, 0.1];
    assert_eq!(prioritise(&profiles, &params).unwrap()[0].cluster, "B");
    params.normalisation = Normalisation::Rank;
    let r = prioritise(&profiles, &params).unwrap();
    assert_eq!(r[0].cluster, "B");
    assert_eq!(r[0].contributions[1].normalised, 1.0);
    assert_eq!(r[2].rank, 3);
    // Validation: weights length, negative weights, duplicate criteria, unknown names.
    params.weights = vec![1.0];
    assert_eq!(
        prioritise(&profiles, &params).unwrap_err().code_str(),
        "E_INVALID_PARAMETER"
    );
    params.weights = vec![1.0, -1.0, 0.0];
    assert!(params.validate().is_err());
    assert!(Criterion::parse("wages").is_ok() && Criterion::parse("job-creation").is_ok());
    assert_eq!(
        Criterion::parse("beauty").unwrap_err().code_str(),
        "E_INVALID_PARAMETER"
    );
    // The parameters round-trip through JSON (saved with the analysis).
    let json = serde_json::to_string(&PriorityParams {
        weights: vec![0.5, 0.3, 0.2],
        ..params.clone()
    })
    .unwrap();
    let back: PriorityParams = serde_json::from_str(&json).unwrap();
    assert_eq!(back.criteria, params.criteria);
}
