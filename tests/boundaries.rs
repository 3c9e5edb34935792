//! Boundary ingest: GeoJSON, TopoJSON, Shapefile; id choice; join report; bad files located.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use agglo::ingest::boundaries::{
    join_report, load_boundaries, load_shapefile_parts, to_geojson, BoundaryOptions,
};
use agglo::ingest::{load_panel, LoadOptions};
use agglo::ErrorCode;
use geo::{Area, Centroid};

fn read(p: &str) -> Vec<u8> {
    std::fs::read(format!("{}/{p}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn load(
    p: &str,
    opts: &BoundaryOptions,
) -> agglo::Result<(agglo::ingest::boundaries::Boundaries, Vec<agglo::Warning>)> {
    load_boundaries(&read(p), p.rsplit('/').next().unwrap(), opts)
}

#[test]
fn georgia_geojson_and_topojson_agree() {
    let (g, gw) = load("data/ga_counties.geojson", &BoundaryOptions::default()).unwrap();
    let (t, _) = load("data/ga_counties.topojson", &BoundaryOptions::default()).unwrap();
    assert_eq!(g.len(), 159);
    assert_eq!(g.ids, t.ids);
    assert_eq!(g.id_field, "id");
    assert_eq!(g.name_field.as_deref(), Some("name"));
    assert_eq!(g.names[0], "Appling");
    assert!(gw.iter().all(|w| w.code != "W_UNCLOSED_RING"));
    assert_eq!(g.format, "geojson");
    assert_eq!(t.format, "topojson");
    assert_eq!(t.objects, vec!["counties"]);
    assert!(g.self_intersecting.is_empty());
    let rings = |b: &agglo::ingest::boundaries::Boundaries| -> usize {
        b.geometries
            .iter()
            .map(|m| m.0.iter().map(|p| 1 + p.interiors().len()).sum::<usize>())
            .sum()
    };
    assert_eq!(rings(&g), 161);
    assert_eq!(rings(&t), 161);
    // TopoJSON is quantised to 1e5 steps over Georgia's bbox (~4.8e-5 degrees): every vertex of a
    // region must lie within one quantisation step of the same region's GeoJSON vertex.
    let q = 5e-5;
    for k in 0..g.len() {
        let (a, b) = (&g.geometries[k], &t.geometries[k]);
        assert_eq!(a.0.len(), b.0.len(), "{}", g.ids[k]);
        let ca = a.centroid().unwrap();
        let cb = b.centroid().unwrap();
        assert!(
            (ca.x() - cb.x()).abs() < q && (ca.y() - cb.y()).abs() < q,
            "{}",
            g.ids[k]
        );
        let (aa, ab) = (a.unsigned_area(), b.unsigned_area());
        assert!((aa - ab).abs() / aa < 1e-3, "{} {aa} {ab}", g.ids[k]);
        for (pa, pb) in a.0.iter().zip(&b.0) {
            for cb in pb.exterior().0.iter() {
                let near = pa
                    .exterior()
                    .0
                    .iter()
                    .any(|ca| (ca.x - cb.x).abs() <= q && (ca.y - cb.y).abs() <= q);
                assert!(near, "{} vertex {cb:?}", g.ids[k]);
            }
        }
    }
    // Shared arcs recorded per region.
    let arcs = t.arcs.as_ref().unwrap();
    assert_eq!(arcs.len(), 159);
    assert!(arcs.iter().all(|a| !a.is_empty()));
}

#[test]
fn georgia_join_report_against_cbp_codes() {
    let (panel, _) = load_panel(
        &read("data/ga_cbp_naics4_2017_2021.csv"),
        "ga.csv",
        &LoadOptions::default(),
    )
    .unwrap();
    let (b, _) = load(
        "data/ga_counties.geojson",
        &BoundaryOptions {
            region_codes: Some(panel.regions.clone()),
            ..Default::default()
        },
    )
    .unwrap();
    let r = join_report(&b, &panel.regions);
    assert_eq!(r.regions_without_geometry, Vec::<String>::new());
    assert_eq!(r.matched, panel.regions.len());
    assert_eq!(r.geometry_without_data, vec!["13007", "13265"]);
    assert_eq!(r.geometry_without_data_names, vec!["Baker", "Taliaferro"]);
    assert!(r.hint.is_none());
    // Codes that lost their leading zeros: no join, but a hint.
    let stripped: Vec<String> = vec!["1001".into()];
    let (s, _) = load(
        "tests/refcases/data/us_states_10m_2017.geojson",
        &BoundaryOptions::default(),
    )
    .unwrap();
    let r2 = join_report(&s, &["1".to_string(), "13".to_string()]);
    assert_eq!(r2.matched, 1);
    assert!(r2.hint.as_deref().unwrap().contains("'1'"));
    let _ = stripped;
}

#[test]
fn id_field_proposed_from_region_codes_and_chosen_by_user() {
    let codes = vec!["13001".to_string(), "13003".to_string()];
    let (b, w) = load(
        "data/ga_counties.geojson",
        &BoundaryOptions {
            region_codes: Some(codes),
            ..Default::default()
        },
    )
    .unwrap();
    // Both `id` and `fips` match; the feature id comes first.
    assert_eq!(b.id_field, "id");
    assert!(w.iter().any(|w| w.code == "W_ID_FIELD_PROPOSED"));
    let names: Vec<&str> = b
        .available_properties
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, vec!["id", "fips", "name"]);
    assert_eq!(b.available_properties[1].matches, 2);
    let (n, _) = load(
        "data/ga_counties.geojson",
        &BoundaryOptions {
            id_field: Some("name".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(n.ids[0], "Appling");
    // No name-like property other than the id → names come from `name` still? (id is name here.)
    assert_eq!(n.id_field, "name");
}

#[test]
fn us_states_geojson() {
    let (s, w) = load(
        "tests/refcases/data/us_states_10m_2017.geojson",
        &BoundaryOptions::default(),
    )
    .unwrap();
    assert_eq!(s.len(), 56);
    assert_eq!(s.ids[0], "01");
    assert_eq!(s.names[0], "Alabama");
    assert!(w.iter().all(|w| w.code != "W_UNCLOSED_RING"));
    // Delaware (feature 8) has a sliver ring collapsed by simplification: dropped, warned.
    let d: Vec<_> = w.iter().filter(|w| w.code == "W_DEGENERATE_RING").collect();
    assert!(!d.is_empty());
    assert_eq!(d[0].location.region.as_deref(), Some("10"));
    assert_eq!(d[0].location.row, Some(8));
    let il = s.index_of("17").unwrap();
    assert_eq!(s.names[il], "Illinois");
}

#[test]
fn us_atlas_illinois_unclosed_ring_loads_with_warning() {
    let (b, w) = load(
        "tests/data/us_atlas_illinois.topojson",
        &BoundaryOptions::default(),
    )
    .unwrap();
    assert_eq!(b.ids, vec!["17"]);
    assert_eq!(b.names, vec!["Illinois"]);
    let unclosed: Vec<_> = w.iter().filter(|w| w.code == "W_UNCLOSED_RING").collect();
    assert_eq!(unclosed.len(), 1);
    assert_eq!(unclosed[0].location.row, Some(1));
    assert_eq!(unclosed[0].location.region.as_deref(), Some("17"));
    let ext = b.geometries[0].0[0].exterior();
    assert_eq!(ext.0.first(), ext.0.last());
    // Illinois is about 150 000 km² ≈ 16 square degrees at 40°N.
    let a = b.geometries[0].unsigned_area();
    assert!(a > 14.0 && a < 18.0, "{a}");
}

#[test]
fn columbus_shapefile_zip_and_parts() {
    let (z, _) = load("tests/data/columbus.zip", &BoundaryOptions::default()).unwrap();
    assert_eq!(z.format, "shapefile");
    assert_eq!(z.len(), 49);
    assert_eq!(z.id_field, "POLYID");
    assert_eq!(z.ids[0], "1");
    assert_eq!(z.ids[48], "49");
    let crime = z.properties[0]
        .get("CRIME")
        .and_then(|v| v.as_f64())
        .unwrap();
    assert!((crime - 15.72598).abs() < 1e-5, "{crime}");
    let shp = read("tests/refcases/data/libpysal/columbus/columbus.shp");
    let dbf = read("tests/refcases/data/libpysal/columbus/columbus.dbf");
    let (p, _) = load_shapefile_parts(
        &shp,
        &dbf,
        None,
        "columbus.shp",
        &BoundaryOptions::default(),
    )
    .unwrap();
    assert_eq!(p.ids, z.ids);
    assert_eq!(p.geometries, z.geometries);
    // Same polygons as libpysal's GeoJSON copy.
    let (j, _) = load(
        "tests/refcases/data/libpysal/columbus/columbus.json",
        &BoundaryOptions {
            id_field: Some("POLYID".into()),
            projected: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(j.ids, p.ids);
    for k in 0..49 {
        let (a, b) = (
            p.geometries[k].unsigned_area(),
            j.geometries[k].unsigned_area(),
        );
        assert!((a - b).abs() < 1e-9 * a.max(1.0), "{k} {a} {b}");
    }
    // Only the .shp: ids are record numbers, with a warning.
    let (r, w) = load_boundaries(&shp, "columbus.shp", &BoundaryOptions::default()).unwrap();
    assert_eq!(r.ids[3], "4");
    assert!(w.iter().any(|w| w.code == "W_NO_DBF"));
}

#[test]
fn to_geojson_round_trips() {
    let (g, _) = load("data/ga_counties.topojson", &BoundaryOptions::default()).unwrap();
    let text = to_geojson(&g);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let fs = v["features"].as_array().unwrap();
    assert_eq!(fs.len(), 159);
    assert_eq!(fs[0]["id"], "13001");
    assert_eq!(fs[0]["properties"]["name"], "Appling");
    let (back, _) =
        load_boundaries(text.as_bytes(), "x.geojson", &BoundaryOptions::default()).unwrap();
    assert_eq!(back.ids, g.ids);
    assert_eq!(back.names, g.names);
    for (a, b) in back.geometries.iter().zip(&g.geometries) {
        let (ca, cb): (Vec<_>, Vec<_>) = (
            a.0.iter().flat_map(|p| p.exterior().0.clone()).collect(),
            b.0.iter().flat_map(|p| p.exterior().0.clone()).collect(),
        );
        assert_eq!(ca.len(), cb.len());
        // serde_json's default float parser may be one ulp off.
        assert!(ca
            .iter()
            .zip(&cb)
            .all(|(x, y)| (x.x - y.x).abs() < 1e-12 && (x.y - y.y).abs() < 1e-12));
    }
}

// ---- bad files: code and location ----

fn bad(p: &str, opts: &BoundaryOptions) -> agglo::Error {
    match load(&format!("tests/data/bad_geo/{p}"), opts) {
        Ok(_) => panic!("{p} loaded"),
        Err(e) => e,
    }
}

#[test]
fn broken_json_located_by_line_and_column() {
    let e = bad("broken_json.geojson", &BoundaryOptions::default());
    assert_eq!(e.code, ErrorCode::GeometryParse);
    assert_eq!(e.location.row, Some(3));
    assert_eq!(e.location.column.as_deref(), Some("1"));
    assert_eq!(e.location.file.as_deref(), Some("broken_json.geojson"));
}

#[test]
fn nan_coordinate_named() {
    let e = bad("nan_coordinate.geojson", &BoundaryOptions::default());
    assert_eq!(e.code, ErrorCode::GeometryParse);
    assert!(e.message.contains("NaN"), "{}", e.message);
    assert_eq!(e.location.row, Some(3));
    assert_eq!(e.location.column.as_deref(), Some("107"));
}

#[test]
fn wrong_geometry_type_located() {
    let e = bad("wrong_type.geojson", &BoundaryOptions::default());
    assert_eq!(e.code, ErrorCode::GeometryInvalid);
    assert_eq!(e.location.row, Some(2));
    assert_eq!(e.location.region.as_deref(), Some("02"));
    assert_eq!(e.location.value.as_deref(), Some("Point"));
}

#[test]
fn empty_geometry_located() {
    let e = bad("empty_geometry.geojson", &BoundaryOptions::default());
    assert_eq!(e.code, ErrorCode::GeometryEmpty);
    assert_eq!(e.location.row, Some(2));
    assert_eq!(e.location.region.as_deref(), Some("02"));
}

#[test]
fn unclosed_ring_accepted_with_located_warning() {
    let (b, w) = load(
        "tests/data/bad_geo/unclosed_ring.geojson",
        &BoundaryOptions::default(),
    )
    .unwrap();
    let u: Vec<_> = w.iter().filter(|w| w.code == "W_UNCLOSED_RING").collect();
    assert_eq!(u.len(), 1);
    assert_eq!(u[0].location.row, Some(2));
    assert_eq!(u[0].location.region.as_deref(), Some("02"));
    assert_eq!(b.geometries[1].unsigned_area(), 1.0);
}

#[test]
fn self_intersection_flagged() {
    let (b, w) = load(
        "tests/data/bad_geo/self_intersecting.geojson",
        &BoundaryOptions::default(),
    )
    .unwrap();
    assert_eq!(b.self_intersecting, vec![2]);
    let s: Vec<_> = w
        .iter()
        .filter(|w| w.code == "W_SELF_INTERSECTION")
        .collect();
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].location.row, Some(3));
    assert_eq!(s[0].location.region.as_deref(), Some("03"));
    assert_eq!(b.summary().self_intersecting, vec!["03"]);
}

#[test]
fn duplicate_ids_located() {
    let e = bad(
        "duplicate_ids.geojson",
        &BoundaryOptions {
            id_field: Some("fips".into()),
            ..Default::default()
        },
    );
    assert_eq!(e.code, ErrorCode::DuplicateId);
    assert_eq!(e.location.row, Some(3));
    assert_eq!(e.location.region.as_deref(), Some("01"));
    assert_eq!(e.location.column.as_deref(), Some("fips"));
    assert!(e.message.contains("features 1 and 3"), "{}", e.message);
}

#[test]
fn missing_id_property_located() {
    let e = bad(
        "missing_id.geojson",
        &BoundaryOptions {
            id_field: Some("fips".into()),
            ..Default::default()
        },
    );
    assert_eq!(e.code, ErrorCode::MissingIdField);
    assert_eq!(e.location.row, Some(2));
    assert_eq!(e.location.column.as_deref(), Some("fips"));
    let e2 = bad(
        "missing_id.geojson",
        &BoundaryOptions {
            id_field: Some("GEOID".into()),
            ..Default::default()
        },
    );
    assert_eq!(e2.code, ErrorCode::MissingIdField);
    assert_eq!(e2.location.column.as_deref(), Some("GEOID"));
    assert!(e2.message.contains("fips, name"), "{}", e2.message);
}

#[test]
fn topojson_bad_arc_index_located() {
    let e = bad("bad_arc.topojson", &BoundaryOptions::default());
    assert_eq!(e.code, ErrorCode::TopologyParse);
    assert_eq!(e.location.row, Some(2));
    assert_eq!(e.location.region.as_deref(), Some("02"));
    assert_eq!(e.location.value.as_deref(), Some("7"));
}

#[test]
fn truncated_zip_located() {
    let e = bad("truncated.zip", &BoundaryOptions::default());
    assert_eq!(e.code, ErrorCode::ShapefileRead);
    assert_eq!(e.location.file.as_deref(), Some("truncated.zip"));
}

#[test]
fn out_of_range_and_null_coordinates_located() {
    let e = bad("out_of_range.geojson", &BoundaryOptions::default());
    assert_eq!(e.code, ErrorCode::GeometryInvalid);
    assert_eq!(e.location.row, Some(2));
    assert_eq!(e.location.value.as_deref(), Some("[500000, 4000000]"));
    // Accepted as projected data.
    assert!(load(
        "tests/data/bad_geo/out_of_range.geojson",
        &BoundaryOptions {
            projected: true,
            ..Default::default()
        }
    )
    .is_ok());
    let n = bad("null_coordinate.geojson", &BoundaryOptions::default());
    assert_eq!(n.code, ErrorCode::GeometryInvalid);
    assert_eq!(n.location.row, Some(1));
    assert_eq!(n.location.value.as_deref(), Some("null"));
}

#[test]
fn empty_file_and_unknown_object() {
    let e = load_boundaries(b"  ", "x.geojson", &BoundaryOptions::default()).unwrap_err();
    assert_eq!(e.code, ErrorCode::EmptyFile);
    let e = load(
        "data/ga_counties.topojson",
        &BoundaryOptions {
            object: Some("states".into()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::TopologyParse);
    assert!(e.message.contains("counties"));
}

#[test]
fn collapsed_county_kept_and_flagged() {
    let (b, w) = load(
        "tests/data/us_atlas_falls_church.topojson",
        &BoundaryOptions::default(),
    )
    .unwrap();
    let k = b.index_of("51610").unwrap();
    assert_eq!(b.degenerate, vec![k]);
    assert_eq!(b.names[k], "Falls Church");
    let d: Vec<_> = w
        .iter()
        .filter(|w| w.code == "W_DEGENERATE_GEOMETRY")
        .collect();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].location.region.as_deref(), Some("51610"));
    assert_eq!(b.geometries[k].unsigned_area(), 0.0);
    assert_eq!(b.geometries[k].0[0].exterior().0.len(), 4);
    assert_eq!(b.summary().degenerate, vec!["51610"]);
    // Still a region on the map and in the weights.
    let (w, _) = agglo::spatial::queen(&b, &Default::default()).unwrap();
    assert!(!w.neighbours[k].is_empty());
    let again = to_geojson(&b);
    assert!(load_boundaries(again.as_bytes(), "x.geojson", &BoundaryOptions::default()).is_ok());
}
