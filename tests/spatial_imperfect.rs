//! Imperfect boundaries (the geometric contiguity fallback) and Shapefiles given as separate
//! `.shp` + `.dbf` files. Fixtures: `scripts/fixtures/spatial_fixtures.py`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use agglo::ingest::boundaries::{
    load_boundaries, load_shapefile_parts, shapefile_zip, Boundaries, BoundaryOptions,
};
use agglo::spatial::{queen, rook, ContiguityParams};
use agglo::ErrorCode;

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(format!("{}/{rel}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn imperfect() -> Boundaries {
    let bytes = read("tests/data/imperfect_boundaries.geojson");
    load_boundaries(
        &bytes,
        "imperfect_boundaries.geojson",
        &BoundaryOptions::default(),
    )
    .unwrap()
    .0
}

/// Neighbour ids per region id, in the fixture's order a..g.
fn named(w: &agglo::spatial::SpatialWeights) -> Vec<(String, Vec<String>)> {
    w.ids
        .iter()
        .zip(&w.neighbours)
        .map(|(id, nb)| (id.clone(), nb.iter().map(|&j| w.ids[j].clone()).collect()))
        .collect()
}

fn expect(spec: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
    spec.iter()
        .map(|(id, nb)| (id.to_string(), nb.iter().map(|s| s.to_string()).collect()))
        .collect()
}

fn params(tolerance: f64, mode: &str) -> ContiguityParams {
    ContiguityParams {
        tolerance,
        ..Default::default()
    }
    .with_fallback(mode)
    .unwrap()
}

/// Vertex hashing alone: the gap (a–b), the sliver (b–d, c–d, g–d) are missed.
const HASHED_QUEEN: &[(&str, &[&str])] = &[
    ("a", &["c", "g"]),
    ("b", &["c", "g"]),
    ("c", &["a", "b"]),
    ("d", &["e"]),
    ("e", &["d"]),
    ("f", &[]),
    ("g", &["a", "b"]),
];

#[test]
fn queen_islands_fallback_leaves_connected_regions_alone() {
    let b = imperfect();
    for mode in ["off", "islands"] {
        let (w, warn) = queen(&b, &params(0.005, mode)).unwrap();
        assert_eq!(named(&w), expect(HASHED_QUEEN), "{mode}");
        assert!(!warn.iter().any(|w| w.code == "W_CONTIGUITY_FALLBACK"));
        assert!(warn.iter().any(|w| w.code == "W_ISLANDS"));
    }
}

#[test]
fn queen_all_fallback_closes_gaps_within_the_tolerance_and_slivers() {
    let b = imperfect();
    let (w, warn) = queen(&b, &params(0.005, "all")).unwrap();
    assert_eq!(
        named(&w),
        expect(&[
            ("a", &["b", "c", "g"]),
            ("b", &["a", "c", "d", "g"]),
            ("c", &["a", "b", "d"]),
            ("d", &["b", "c", "e", "g"]),
            ("e", &["d"]),
            ("f", &[]),
            ("g", &["a", "b", "d"]),
        ])
    );
    // 4 undirected links added: a-b, b-d, c-d, d-g.
    let fb = warn
        .iter()
        .find(|w| w.code == "W_CONTIGUITY_FALLBACK")
        .unwrap();
    assert!(fb.message.starts_with("8 link(s)"), "{}", fb.message);
    assert!(w.summary().symmetric);
    // Without a tolerance the 0.004 gap stays open; the touching sliver still connects.
    let (w0, _) = queen(&b, &params(0.0, "all")).unwrap();
    let n0 = named(&w0);
    assert_eq!(
        n0[0],
        ("a".to_string(), vec!["c".to_string(), "g".to_string()])
    );
    assert_eq!(
        n0[3],
        (
            "d".to_string(),
            ["b", "c", "e", "g"].iter().map(|s| s.to_string()).collect()
        )
    );
}

#[test]
fn rook_fallbacks_on_t_junctions_gaps_and_slivers() {
    let b = imperfect();
    // g's top edge runs under a and b without their vertices (a T junction): no shared edge key,
    // so g is an island after hashing, and the islands fallback finds its two rook neighbours.
    let (off, _) = rook(&b, &params(0.005, "off")).unwrap();
    assert_eq!(off.neighbours[6], Vec::<usize>::new());
    let (isl, _) = rook(&b, &params(0.005, "islands")).unwrap();
    assert_eq!(
        named(&isl),
        expect(&[
            ("a", &["c", "g"]),
            ("b", &["c", "g"]),
            ("c", &["a", "b"]),
            ("d", &["e"]),
            ("e", &["d"]),
            ("f", &[]),
            ("g", &["a", "b"]),
        ])
    );
    // All regions: a–b across the gap and b–d along the sliver share a whole edge within the
    // tolerance; c–d and g–d only meet over 0.003 (< tolerance), a corner, so no rook link.
    let (all, _) = rook(&b, &params(0.005, "all")).unwrap();
    assert_eq!(
        named(&all),
        expect(&[
            ("a", &["b", "c", "g"]),
            ("b", &["a", "c", "d", "g"]),
            ("c", &["a", "b"]),
            ("d", &["b", "e"]),
            ("e", &["d"]),
            ("f", &[]),
            ("g", &["a", "b"]),
        ])
    );
}

#[test]
fn all_fallback_changes_nothing_on_clean_boundaries() {
    let bytes = read("data/ga_counties.geojson");
    let (b, _) = load_boundaries(&bytes, "ga.geojson", &BoundaryOptions::default()).unwrap();
    let (plain, _) = queen(&b, &params(0.0, "off")).unwrap();
    let (all, warn) = queen(&b, &params(0.0, "all")).unwrap();
    assert_eq!(plain.neighbours, all.neighbours);
    assert!(!warn.iter().any(|w| w.code == "W_CONTIGUITY_FALLBACK"));
}

#[test]
fn unknown_fallback_mode_is_located() {
    let e = ContiguityParams::default()
        .with_fallback("near")
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidParameter);
    assert_eq!(e.location.value.as_deref(), Some("near"));
}

#[test]
fn shapefile_parts_equal_the_geojson() {
    let shp = read("tests/data/shapefile_parts/ga_counties.shp");
    let dbf = read("tests/data/shapefile_parts/ga_counties.dbf");
    let opts = BoundaryOptions {
        id_field: Some("FIPS".into()),
        ..Default::default()
    };
    let (s, _) = load_shapefile_parts(&shp, &dbf, None, "ga_counties.shp", &opts).unwrap();
    let gj = read("data/ga_counties.geojson");
    let (g, _) = load_boundaries(&gj, "ga.geojson", &BoundaryOptions::default()).unwrap();
    assert_eq!(s.len(), 159);
    assert_eq!(s.ids, g.ids);
    assert_eq!(s.names[0], "Appling");
    let p = ContiguityParams::default();
    assert_eq!(
        queen(&s, &p).unwrap().0.neighbours,
        queen(&g, &p).unwrap().0.neighbours
    );
    // Bundled as one zip (what the page keeps), the parts read back as the same boundaries.
    let prj = read("tests/data/shapefile_parts/ga_counties.prj");
    let zip = shapefile_zip(&[
        ("ga_counties.shp", &shp),
        ("ga_counties.dbf", &dbf),
        ("ga_counties.prj", &prj),
    ])
    .unwrap();
    let (z, _) = load_boundaries(&zip, "ga_counties.zip", &opts).unwrap();
    assert_eq!(z.ids, s.ids);
    assert_eq!(z.names, s.names);
    assert_eq!(z.geometries, s.geometries);
    // A .dbf alone is one part of a Shapefile: a located error, not a JSON error.
    let e = load_boundaries(&dbf, "ga_counties.dbf", &BoundaryOptions::default()).unwrap_err();
    assert_eq!(e.code, ErrorCode::ShapefileRead);
    assert_eq!(e.location.file.as_deref(), Some("ga_counties.dbf"));
    // The record counts of .shp and .dbf must agree (Columbus' .dbf has 49 records, not 159).
    let other = read("tests/refcases/data/libpysal/columbus/columbus.dbf");
    let e = load_shapefile_parts(&shp, &other, None, "ga_counties.shp", &opts).unwrap_err();
    assert_eq!(e.code, ErrorCode::ShapefileRead);
}
