//! Georgia: the Dalton carpet cluster (NAICS 3141) is a significant HH group across Murray,
//! Whitfield and Gordon counties; boundaries from GeoJSON and TopoJSON give the same weights.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use agglo::ingest::boundaries::{load_boundaries, Boundaries, BoundaryOptions};
use agglo::ingest::{load_panel, LoadOptions};
use agglo::panel::Reference;
use agglo::spatial::*;

fn path(p: &str) -> String {
    format!("{}/{p}", env!("CARGO_MANIFEST_DIR"))
}

fn georgia(file: &str) -> Boundaries {
    load_boundaries(
        &std::fs::read(path(file)).unwrap(),
        file,
        &BoundaryOptions::default(),
    )
    .unwrap()
    .0
}

#[test]
fn geojson_and_topojson_give_the_same_contiguity() {
    let g = georgia("data/ga_counties.geojson");
    let t = georgia("data/ga_counties.topojson");
    let p = ContiguityParams::default();
    let (qg, wq) = queen(&g, &p).unwrap();
    let (qt, _) = queen(&t, &p).unwrap();
    assert_eq!(qg.neighbours, qt.neighbours);
    assert!(wq.is_empty(), "{wq:?}");
    // Rook from shared arcs (TopoJSON) = rook from shared edges (GeoJSON).
    let (rt, _) = rook(&t, &p).unwrap();
    let (rg, _) = rook(&g, &p).unwrap();
    assert_eq!(rt.neighbours, rg.neighbours);
    let s = qg.summary();
    assert_eq!(s.n, 159);
    assert!(s.islands.is_empty());
    assert_eq!(s.components, 1);
    assert!(s.symmetric);
    assert!(rg.summary().links < s.links);
    // Whitfield (13313) borders Murray (13213) and Gordon (13129).
    let k = g.index_of("13313").unwrap();
    let names: Vec<&str> = qg.neighbours[k]
        .iter()
        .map(|&j| g.ids[j].as_str())
        .collect();
    assert!(
        names.contains(&"13213") && names.contains(&"13129"),
        "{names:?}"
    );
}

#[test]
fn carpet_cluster_is_a_significant_hh_group() {
    let (panel, _) = load_panel(
        &std::fs::read(path("data/ga_cbp_naics4_2017_2021.csv")).unwrap(),
        "ga.csv",
        &LoadOptions::default(),
    )
    .unwrap();
    let b = georgia("data/ga_counties.geojson");
    let m = panel.default_measure();
    let y = panel.year_index(2021).unwrap();
    let reference = Reference::sum_of_regions(&panel, m, y);
    let iv = indicator_values(
        &panel,
        &reference,
        &IndicatorSpec {
            measure: m,
            year: y,
            industry: "3141".into(),
            indicator: Indicator::Lq,
            missing: MissingPolicy::Zero,
        },
        &b.ids,
    )
    .unwrap();
    assert!(iv.filled_zero.contains(&"13007".to_string()));
    let values: Vec<f64> = iv.values.iter().map(|v| v.unwrap()).collect();
    let (w, _) = build_weights(
        &b,
        WeightsSpec::Queen,
        Transform::Row,
        &ContiguityParams::default(),
    )
    .unwrap();
    let l = local_moran(&w, &values, &PermutationParams::default(), &mut |_, _| true).unwrap();
    let hh: Vec<bool> = l.cluster.iter().map(|c| *c == Cluster::HH).collect();
    for id in ["13213", "13313", "13129"] {
        let k = b.index_of(id).unwrap();
        assert_eq!(l.cluster[k], Cluster::HH, "{id}: p_sim {:?}", l.p_sim[k]);
    }
    let admin = admin_by_prefix(&b.ids, 2);
    let groups = hotspot_groups(
        &w,
        &hh,
        &values,
        Some(&iv.industry_values),
        Some(&admin),
        Some(&b.names),
    )
    .unwrap();
    let carpet = groups
        .iter()
        .find(|g| g.ids.contains(&"13313".to_string()))
        .unwrap();
    for id in ["13213", "13313", "13129"] {
        assert!(carpet.ids.contains(&id.to_string()), "{:?}", carpet.ids);
    }
    assert!(carpet.names.contains(&"Whitfield".to_string()));
    assert_eq!(carpet.admin_units, vec!["13"]);
    assert!(!carpet.crosses_border);
    // Employment 2021 (data README): 1,387 + 11,607 + 3,572 in the three counties.
    assert!(carpet.total.unwrap() >= 1387.0 + 11607.0 + 3572.0);
    // Gi* agrees: the three are hot spots.
    let g = getis_ord_local(
        &w,
        &values,
        true,
        &PermutationParams::default(),
        &mut |_, _| true,
    )
    .unwrap();
    for id in ["13213", "13313", "13129"] {
        let k = b.index_of(id).unwrap();
        assert_eq!(g.spot[k], Spot::Hot, "{id}");
    }
    // Excluding counties without a cell leaves them out of the weights but keeps the group.
    let ex = indicator_values(
        &panel,
        &reference,
        &IndicatorSpec {
            measure: m,
            year: y,
            industry: "3141".into(),
            indicator: Indicator::Lq,
            missing: MissingPolicy::Exclude,
        },
        &b.ids,
    )
    .unwrap();
    let keep: Vec<bool> = ex.values.iter().map(|v| v.is_some()).collect();
    let ws = w.subset(&keep).unwrap();
    let vals: Vec<f64> = ex.values.iter().flatten().copied().collect();
    assert_eq!(ws.n(), vals.len());
    assert!(ws.n() < 159);
    let l2 = local_moran(&ws, &vals, &PermutationParams::default(), &mut |_, _| true).unwrap();
    let k = ws.ids.iter().position(|x| x == "13313").unwrap();
    assert_eq!(l2.quadrant[k], Some(Quadrant::HH));
}

#[test]
fn us_states_queen_has_islands_flagged() {
    let b = load_boundaries(
        &std::fs::read(path("tests/refcases/data/us_states_10m_2017.geojson")).unwrap(),
        "us.geojson",
        &BoundaryOptions::default(),
    )
    .unwrap()
    .0;
    let (w, warn) = queen(&b, &ContiguityParams::default()).unwrap();
    let s = w.summary();
    // Alaska (02), Hawaii (15), Puerto Rico (72) and the island territories have no neighbours.
    for id in ["02", "15", "72"] {
        assert!(s.islands.contains(&id.to_string()), "{id}: {:?}", s.islands);
    }
    assert!(warn.iter().any(|w| w.code == "W_ISLANDS"));
    assert!(s.components > 1);
    assert!(s.symmetric);
    // California neighbours Oregon, Nevada, Arizona.
    let ca = b.index_of("06").unwrap();
    let nb: Vec<&str> = w.neighbours[ca]
        .iter()
        .map(|&j| b.ids[j].as_str())
        .collect();
    assert_eq!(nb, vec!["04", "32", "41"]);
    // Local statistics run with islands excluded and flagged.
    let y: Vec<f64> = (0..b.len()).map(|k| (k * 7 % 13) as f64).collect();
    let l = local_moran(
        &w.transform(Transform::Row),
        &y,
        &PermutationParams::default(),
        &mut |_, _| true,
    )
    .unwrap();
    let hi = b.index_of("15").unwrap();
    assert_eq!(l.cluster[hi], Cluster::Island);
    assert!(l.i[hi].is_none() && !l.significant[hi]);
    assert!(l.islands.contains(&"15".to_string()));
}
