//! The spatial subcommands end to end.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use serde_json::Value;
use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_agglo"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(args: &[&str]) -> Value {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn weights_json_and_gal() {
    let v = json(&[
        "weights",
        "--geometry",
        "tests/data/columbus.zip",
        "--kind",
        "queen",
    ]);
    assert_eq!(v["n"], 49);
    assert_eq!(v["links"], 236);
    assert_eq!(v["islands"].as_array().unwrap().len(), 0);
    assert_eq!(v["neighbours"]["1"], serde_json::json!(["2", "3"]));
    let v = json(&[
        "weights",
        "--geometry",
        "tests/data/columbus.zip",
        "--kind",
        "knn:4",
        "--transform",
        "b",
    ]);
    assert_eq!(v["links"], 196);
    let (code, gal, _) = run(&[
        "weights",
        "--geometry",
        "data/ga_counties.topojson",
        "--kind",
        "rook",
        "--format",
        "gal",
    ]);
    assert_eq!(code, 0);
    let w = agglo::spatial::read_gal(&gal, "x.gal").unwrap();
    assert_eq!(w.n(), 159);
    let v = json(&[
        "weights",
        "--geometry",
        "tests/refcases/data/us_states_10m_2017.geojson",
        "--kind",
        "queen",
    ]);
    assert!(v["islands"].as_array().unwrap().iter().any(|x| x == "15"));
}

#[test]
fn moran_from_geometry_properties_matches_esda() {
    let v = json(&[
        "moran",
        "--geometry",
        "tests/data/columbus.zip",
        "--value-col",
        "CRIME",
    ]);
    assert!((v["i"].as_f64().unwrap() - 0.5001885571828611).abs() < 1e-12);
    assert!((v["z_norm"].as_f64().unwrap() - 5.630312787738188).abs() < 1e-9);
    assert!((v["expected_i"].as_f64().unwrap() + 1.0 / 48.0).abs() < 1e-15);
    assert_eq!(v["p_sim"].as_f64().unwrap(), 0.001);
    let rook = json(&[
        "moran",
        "--geometry",
        "tests/data/columbus.zip",
        "--value-col",
        "CRIME",
        "--weights",
        "rook",
        "--permutations",
        "0",
    ]);
    assert!((rook["i"].as_f64().unwrap() - 0.5236702127502532).abs() < 1e-12);
    assert!(rook["p_sim"].is_null());
}

#[test]
fn moran_from_a_joined_table() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("crime.csv");
    let mut text = String::from("polyid,crime\n");
    let b = agglo::ingest::boundaries::load_boundaries(
        &std::fs::read(format!(
            "{}/tests/data/columbus.zip",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
        "c.zip",
        &Default::default(),
    )
    .unwrap()
    .0;
    for (id, p) in b.ids.iter().zip(&b.properties) {
        text.push_str(&format!("{id},{}\n", p["CRIME"].as_f64().unwrap()));
    }
    std::fs::write(&csv, text).unwrap();
    let v = json(&[
        "moran",
        "--geometry",
        "tests/data/columbus.zip",
        "--data",
        csv.to_str().unwrap(),
        "--join-col",
        "polyid",
        "--value-col",
        "crime",
    ]);
    assert!((v["i"].as_f64().unwrap() - 0.5001885571828611).abs() < 1e-12);
    // A region without a value: located error unless excluded.
    let short: String = std::fs::read_to_string(&csv)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("7,"))
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&csv, short).unwrap();
    let (code, _, err) = run(&[
        "moran",
        "--geometry",
        "tests/data/columbus.zip",
        "--data",
        csv.to_str().unwrap(),
        "--join-col",
        "polyid",
        "--value-col",
        "crime",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("E_INSUFFICIENT_DATA") && err.contains("region '7'"),
        "{err}"
    );
    let v = json(&[
        "moran",
        "--geometry",
        "tests/data/columbus.zip",
        "--data",
        csv.to_str().unwrap(),
        "--join-col",
        "polyid",
        "--value-col",
        "crime",
        "--missing",
        "exclude",
    ]);
    assert_eq!(v["n"], 48);
}

#[test]
fn lisa_and_hotspots_find_the_carpet_cluster() {
    let args = [
        "--geometry",
        "data/ga_counties.geojson",
        "--data",
        "data/ga_cbp_naics4_2017_2021.csv",
        "--industry",
        "3141",
        "--year",
        "2021",
    ];
    let mut a = vec!["lisa"];
    a.extend(args);
    let v = json(&a);
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 159);
    for id in ["13213", "13313", "13129"] {
        let r = rows.iter().find(|r| r["id"] == id).unwrap();
        assert_eq!(r["quadrant"], "HH");
        assert_eq!(r["significant"], true);
        assert!(r["p_sim"].as_f64().unwrap() <= 0.01);
    }
    let mut h = vec!["hotspots"];
    h.extend(args);
    let v = json(&h);
    let g = &v["groups"][0];
    assert_eq!(g["ids"], serde_json::json!(["13129", "13213", "13313"]));
    assert_eq!(g["total"].as_f64().unwrap(), 1387.0 + 11607.0 + 3572.0);
    assert_eq!(g["admin_units"], serde_json::json!(["13"]));
    let mut gi = vec!["gistar"];
    gi.extend(args);
    let v = json(&gi);
    let r = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "13313")
        .unwrap();
    assert_eq!(r["spot"], "hot");
    assert!(r["z"].as_f64().unwrap() > 3.0);
    let mut gn = vec!["gistar", "--no-star"];
    gn.extend(args);
    assert_eq!(json(&gn)["star"], false);
}

#[test]
fn bad_inputs_exit_2_with_codes() {
    let (code, _, err) = run(&[
        "weights",
        "--geometry",
        "tests/data/bad_geo/duplicate_ids.geojson",
        "--id-field",
        "fips",
    ]);
    assert_eq!(code, 2);
    assert!(err.starts_with("E_DUPLICATE_ID"), "{err}");
    let (code, _, err) = run(&[
        "weights",
        "--geometry",
        "tests/data/columbus.zip",
        "--kind",
        "knn:0",
    ]);
    assert_eq!(code, 2);
    assert!(err.starts_with("E_INVALID_PARAMETER"), "{err}");
    let (code, _, err) = run(&[
        "moran",
        "--geometry",
        "tests/data/columbus.zip",
        "--value-col",
        "NOPE",
    ]);
    assert_eq!(code, 2);
    assert!(err.starts_with("E_MISSING_COLUMN"), "{err}");
}

#[test]
fn boundaries_summary_and_join() {
    let v = json(&[
        "boundaries",
        "--geometry",
        "data/ga_counties.topojson",
        "--data",
        "data/ga_cbp_naics4_2017_2021.csv",
    ]);
    assert_eq!(v["summary"]["n"], 159);
    assert_eq!(v["summary"]["id_field"], "id");
    assert_eq!(
        v["join"]["geometry_without_data"],
        serde_json::json!(["13007", "13265"])
    );
    assert_eq!(v["join"]["regions_without_geometry"], serde_json::json!([]));
    let (code, out, _) = run(&[
        "boundaries",
        "--geometry",
        "tests/data/columbus.zip",
        "--geojson",
    ]);
    assert_eq!(code, 0);
    let g: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(g["features"].as_array().unwrap().len(), 49);
    assert_eq!(g["features"][0]["id"], "1");
}

#[test]
fn moran_with_geoda_gal_weights() {
    let v = json(&[
        "moran",
        "--geometry",
        "tests/data/columbus.zip",
        "--value-col",
        "CRIME",
        "--weights",
        "tests/refcases/data/libpysal/columbus/columbus.gal",
        "--permutations",
        "0",
    ]);
    assert!((v["i"].as_f64().unwrap() - 0.5001885571828611).abs() < 1e-12);
}

#[test]
fn shapefile_given_as_shp_finds_its_dbf() {
    let shp = json(&[
        "weights",
        "--geometry",
        "tests/data/shapefile_parts/ga_counties.shp",
        "--id-field",
        "FIPS",
        "--kind",
        "queen",
    ]);
    let gj = json(&[
        "weights",
        "--geometry",
        "data/ga_counties.geojson",
        "--kind",
        "queen",
    ]);
    assert_eq!(shp["n"], 159);
    assert_eq!(shp["links"], gj["links"]);
    assert_eq!(shp["neighbours"], gj["neighbours"]);
    // The same LISA as from the GeoJSON (Murray 13213 in the HH group of NAICS 3141).
    let args = |geo: &'static str| {
        vec![
            "lisa",
            "--geometry",
            geo,
            "--data",
            "data/ga_cbp_naics4_2017_2021.csv",
            "--industry",
            "3141",
            "--year",
            "2021",
        ]
    };
    let a = json(&args("tests/data/shapefile_parts/ga_counties.shp"));
    let b = json(&args("data/ga_counties.geojson"));
    assert_eq!(a["rows"], b["rows"]);
    let murray = a["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "13213")
        .unwrap();
    assert_eq!(murray["quadrant"], "HH");
    // Without its .dbf: a located error naming the missing file.
    let dir = tempfile::tempdir().unwrap();
    let lone = dir.path().join("lone.shp");
    std::fs::copy("tests/data/shapefile_parts/ga_counties.shp", &lone).unwrap();
    let (code, _, err) = run(&["weights", "--geometry", lone.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.starts_with("E_SHAPEFILE_READ"), "{err}");
    assert!(err.contains("lone.dbf is missing"), "{err}");
    assert!(err.contains("lone.shp"), "{err}");
}

#[test]
fn fallback_all_links_regions_across_a_gap() {
    let geo = "tests/data/imperfect_boundaries.geojson";
    let v = json(&[
        "weights",
        "--geometry",
        geo,
        "--kind",
        "queen",
        "--tolerance",
        "0.005",
    ]);
    assert_eq!(v["neighbours"]["a"], serde_json::json!(["c", "g"]));
    let v = json(&[
        "weights",
        "--geometry",
        geo,
        "--kind",
        "queen",
        "--tolerance",
        "0.005",
        "--fallback",
        "all",
    ]);
    assert_eq!(v["neighbours"]["a"], serde_json::json!(["b", "c", "g"]));
    assert_eq!(
        v["neighbours"]["d"],
        serde_json::json!(["b", "c", "e", "g"])
    );
    assert_eq!(v["islands"], serde_json::json!(["f"]));
    let (code, _, err) = run(&["weights", "--geometry", geo, "--fallback", "near"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("E_INVALID_PARAMETER"), "{err}");
}
