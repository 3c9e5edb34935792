//! `agglo clusters`, `priorities`, `peers` and the bad-input paths of the indicator commands.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_agglo"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

fn ok(args: &[&str]) -> Value {
    let out = run(args);
    assert!(
        out.status.success(),
        "agglo {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn rows(v: &Value) -> &Vec<Value> {
    v["rows"].as_array().unwrap()
}

fn temp_csv(text: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    f.write_all(text.as_bytes()).unwrap();
    f
}

const GA6: &str = "data/ga_cbp_naics6_2017_2021.csv";
const DEFS: &str = "data/cluster_definitions_uscmp.csv";

#[test]
fn georgia_textile_strong_through_cli() {
    let out = ok(&[
        "clusters",
        "--data",
        GA6,
        "--definitions",
        DEFS,
        "--year",
        "2021",
    ]);
    for county in ["13313", "13213"] {
        let r = rows(&out)
            .iter()
            .find(|r| r["cluster"] == "42" && r["region"] == county)
            .unwrap();
        assert_eq!(r["cluster_name"], "Textile Manufacturing");
        assert_eq!(r["strong"], true, "{r}");
        assert_eq!(r["year"], 2021);
    }
    assert_eq!(out["mapped_share"], 1.0);
    // ECO stars with an edited threshold
    let out = ok(&[
        "clusters",
        "--data",
        GA6,
        "--definitions",
        DEFS,
        "--year",
        "2021",
        "--strength",
        "eco",
        "--lq-threshold",
        "50",
    ]);
    let w = rows(&out)
        .iter()
        .find(|r| r["cluster"] == "42" && r["region"] == "13313")
        .unwrap();
    assert_eq!(w["specialisation_star"], false);
    assert_eq!(w["size_star"], true);
    // Profiles with growth from 2017
    let out = ok(&[
        "clusters",
        "--data",
        GA6,
        "--definitions",
        DEFS,
        "--profile",
        "--from",
        "2017",
        "--year",
        "2021",
    ]);
    let w = rows(&out)
        .iter()
        .find(|r| r["cluster"] == "42" && r["region"] == "13313")
        .unwrap();
    assert_eq!(w["quadrant"], "star");
    assert!(w["growth"].as_f64().is_some() && w["competitive_shift"].as_f64().is_some());
    assert!(w["depth"].is_null());
}

#[test]
fn priorities_and_peers_through_cli() {
    let base = [
        "priorities",
        "--data",
        GA6,
        "--definitions",
        DEFS,
        "--region",
        "13313",
        "--criteria",
        "growth,lq,size",
    ];
    let a = ok(&[&base[..], &["--weights", "0,0,1"]].concat());
    let b = ok(&[&base[..], &["--weights", "0,1,0"]].concat());
    // Size only: the largest cluster first; LQ only: the most specialised first.
    let first_a = &rows(&a)[0];
    let max_size = rows(&a)
        .iter()
        .map(|r| r["raw_size"].as_f64().unwrap())
        .fold(0.0, f64::max);
    assert_eq!(first_a["raw_size"].as_f64().unwrap(), max_size);
    assert_eq!(rows(&b)[0]["cluster"], "42");
    // Growth only: the fastest-growing cluster first, and the order differs from size only.
    let g = ok(&[&base[..], &["--weights", "1,0,0"]].concat());
    let max_growth = rows(&g)
        .iter()
        .filter_map(|r| r["raw_growth"].as_f64())
        .fold(f64::MIN, f64::max);
    assert_eq!(rows(&g)[0]["raw_growth"].as_f64().unwrap(), max_growth);
    assert_ne!(rows(&g)[0]["cluster"], first_a["cluster"]);
    for r in rows(&a) {
        let s: f64 = ["growth", "lq", "size"]
            .iter()
            .map(|k| r[format!("contribution_{k}")].as_f64().unwrap())
            .sum();
        assert!((s - r["score"].as_f64().unwrap()).abs() < 1e-12);
    }
    assert_eq!(a["params"]["normalisation"], "min_max");
    let bad = run(&[&base[..], &["--weights", "1,2"]].concat());
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).starts_with("E_INVALID_PARAMETER"));

    let p = ok(&[
        "peers", "--data", GA6, "--region", "13313", "--metric", "krugman", "--top", "3",
    ]);
    assert_eq!(rows(&p).len(), 3);
    assert!(rows(&p)[0]["value"].as_f64().unwrap() <= rows(&p)[1]["value"].as_f64().unwrap());
    let t = ok(&[
        "peers",
        "--data",
        GA6,
        "--definitions",
        DEFS,
        "--cluster",
        "42",
        "--by-employment",
        "--top",
        "2",
    ]);
    assert_eq!(rows(&t)[0]["region"], "13313");
    let bad = run(&["peers", "--data", GA6, "--region", "99999"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("E_UNKNOWN_REGION"));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("region '99999'"));
}

#[test]
fn mapping_with_duplicate_and_unknown_codes_continues_with_located_warnings() {
    let defs = temp_csv("naics_code,cluster_code,cluster_name,traded_local\n314110,42,Textile Manufacturing,traded\n314110,5,Automotive,traded\n,42,Textile Manufacturing,traded\n");
    let data = temp_csv("region,industry_code,year,employment,establishments\nA,314110,2021,100,4\nB,314110,2021,10,2\nA,999999,2021,50,1\nB,999999,2021,500,9\n");
    let out = ok(&[
        "clusters",
        "--data",
        data.path().to_str().unwrap(),
        "--definitions",
        defs.path().to_str().unwrap(),
    ]);
    let w = out["warnings"].as_array().unwrap();
    let dup = w
        .iter()
        .find(|w| w["code"] == "W_DEFINITION_DUPLICATE")
        .unwrap();
    assert_eq!(dup["location"]["row"], 3);
    assert_eq!(dup["location"]["industry"], "314110");
    let unk = w
        .iter()
        .find(|w| w["code"] == "W_DEFINITION_UNKNOWN_CODE")
        .unwrap();
    assert_eq!(unk["location"]["row"], 4);
    let unm = w.iter().find(|w| w["code"] == "W_UNMAPPED_CODES").unwrap();
    assert!(unm["message"].as_str().unwrap().contains("999999 (550)"));
    // The analysis continued: both regions rated for cluster 42.
    assert_eq!(rows(&out).len(), 2);
    let un = ok(&[
        "clusters",
        "--data",
        data.path().to_str().unwrap(),
        "--definitions",
        defs.path().to_str().unwrap(),
        "--unmapped",
    ]);
    assert_eq!(rows(&un)[0]["industry"], "999999");
    assert_eq!(rows(&un)[0]["value_by_year"][0], 550.0);
}

#[test]
fn years_missing_for_some_regions_are_reported_and_skipped() {
    let data = temp_csv("region,industry_code,year,employment\nA,x,2008,10\nA,y,2008,20\nA,x,2014,12\nA,y,2014,25\nB,x,2008,5\nB,y,2008,5\nC,x,2014,8\nC,y,2014,1\n");
    let out = ok(&[
        "shift-share",
        "--data",
        data.path().to_str().unwrap(),
        "--from",
        "2008",
        "--to",
        "2014",
    ]);
    assert_eq!(rows(&out).len(), 1);
    assert_eq!(rows(&out)[0]["region"], "A");
    let w: Vec<&Value> = out["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["code"] == "W_REGION_YEAR_MISSING")
        .collect();
    assert_eq!(w.len(), 2);
    assert_eq!(w[0]["location"]["region"], "B");
    assert!(w[0]["message"].as_str().unwrap().contains("2014"));
    assert_eq!(w[1]["location"]["region"], "C");
    // Components of the remaining region still sum to its change.
    let r = &rows(&out)[0];
    let s = r["national_share"].as_f64().unwrap()
        + r["industry_mix"].as_f64().unwrap()
        + r["regional_share"].as_f64().unwrap();
    assert!((s - 7.0).abs() < 1e-9);
    // A year not in the data at all is an error naming the year.
    let bad = run(&[
        "shift-share",
        "--data",
        data.path().to_str().unwrap(),
        "--from",
        "2008",
        "--to",
        "2020",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("E_UNKNOWN_YEAR"));
}

#[test]
fn zero_or_missing_reference_totals() {
    let data = temp_csv("region,industry_code,year,employment\nA,x,2008,10\nA,y,2008,20\nA,z,2008,1\nA,x,2014,12\nA,y,2014,25\nA,z,2014,2\nB,x,2008,5\nB,y,2008,5\nB,x,2014,8\nB,y,2014,1\n");
    // Industry z has a zero national value in 2008: left out with a located warning.
    let reference = temp_csv("industry_code,year,employment\nx,2008,100\ny,2008,200\nz,2008,0\nx,2014,110\ny,2014,230\nz,2014,3\n");
    let args = [
        "shift-share",
        "--data",
        data.path().to_str().unwrap(),
        "--reference",
        reference.path().to_str().unwrap(),
        "--from",
        "2008",
        "--to",
        "2014",
    ];
    let out = ok(&args);
    assert_eq!(rows(&out).len(), 2);
    let w = out["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == "W_REFERENCE_ZERO_INDUSTRY")
        .unwrap();
    assert_eq!(w["location"]["industry"], "z");
    let a = &rows(&out)[0];
    assert_eq!(a["change"], 7.0); // x and y only
                                  // Specialisation on the same reference: z skipped and reported, the rest computed.
    let out = ok(&[
        "specialisation",
        "--data",
        data.path().to_str().unwrap(),
        "--reference",
        reference.path().to_str().unwrap(),
        "--year",
        "2008",
    ]);
    assert_eq!(rows(&out).len(), 2);
    assert!(out["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["code"] == "W_ZERO_REFERENCE_INDUSTRY"));
    // A reference whose total is zero stops with a located error.
    let zero = temp_csv("industry_code,year,employment\nx,2008,0\ny,2008,0\nx,2014,0\ny,2014,0\n");
    let bad = run(&[
        "specialisation",
        "--data",
        data.path().to_str().unwrap(),
        "--reference",
        zero.path().to_str().unwrap(),
    ]);
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.starts_with("E_ZERO_TOTAL"), "{err}");
    assert!(
        err.contains(zero.path().file_name().unwrap().to_str().unwrap()),
        "{err}"
    );
    // A reference without the requested year: located error naming the year.
    let short = temp_csv("industry_code,year,employment\nx,2008,100\ny,2008,200\n");
    let bad = run(&[
        "shift-share",
        "--data",
        data.path().to_str().unwrap(),
        "--reference",
        short.path().to_str().unwrap(),
        "--from",
        "2008",
        "--to",
        "2014",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.starts_with("E_UNKNOWN_YEAR") && err.contains("2014"),
        "{err}"
    );
}

#[test]
fn missing_cells_left_out_or_zero_on_request() {
    let data = temp_csv("region,industry_code,year,employment\nA,x,2008,10\nA,y,2008,20\nA,x,2014,12\nB,x,2008,5\nB,y,2008,5\nB,x,2014,8\nB,y,2014,1\n");
    let out = ok(&[
        "shift-share",
        "--data",
        data.path().to_str().unwrap(),
        "--from",
        "2008",
        "--to",
        "2014",
    ]);
    let a = rows(&out).iter().find(|r| r["region"] == "A").unwrap();
    assert_eq!(a["industries_left_out"], 1);
    assert!(out["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["code"] == "W_MISSING_CELLS" && w["location"]["region"] == "A"));
    let out = ok(&[
        "shift-share",
        "--data",
        data.path().to_str().unwrap(),
        "--from",
        "2008",
        "--to",
        "2014",
        "--missing-as-zero",
    ]);
    let a = rows(&out).iter().find(|r| r["region"] == "A").unwrap();
    assert_eq!(a["change"], -18.0);
}

#[test]
fn definitions_from_an_xlsx_sheet_with_located_warnings() {
    let data = temp_csv("region,industry_code,year,employment,establishments\nA,314110,2021,100,4\nB,314110,2021,10,2\nA,336112,2021,50,1\nB,336112,2021,500,9\n");
    let out = ok(&[
        "clusters",
        "--data",
        data.path().to_str().unwrap(),
        "--definitions",
        "tests/data/cluster_definitions_small.xlsx",
        "--definitions-sheet",
        "Mapping",
    ]);
    let w = out["warnings"].as_array().unwrap();
    let dup = w
        .iter()
        .find(|w| w["code"] == "W_DEFINITION_DUPLICATE")
        .unwrap();
    assert_eq!(dup["location"]["sheet"], "Mapping");
    assert_eq!(dup["location"]["row"], 5);
    let unk = w
        .iter()
        .find(|w| w["code"] == "W_DEFINITION_UNKNOWN_CODE")
        .unwrap();
    assert_eq!(unk["location"]["row"], 6);
    assert_eq!(unk["location"]["column"], "cluster_code");
    let clusters: Vec<&str> = rows(&out)
        .iter()
        .map(|r| r["cluster"].as_str().unwrap())
        .collect();
    assert!(clusters.contains(&"42") && clusters.contains(&"5"));
    // The first sheet has no mapping: a clear error naming the missing column.
    let bad = run(&[
        "clusters",
        "--data",
        data.path().to_str().unwrap(),
        "--definitions",
        "tests/data/cluster_definitions_small.xlsx",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.starts_with("E_MISSING_COLUMN") && err.contains("sheet 'Notes'"),
        "{err}"
    );
}

#[test]
fn indices_at_cluster_level() {
    let conc = ok(&[
        "concentration",
        "--data",
        GA6,
        "--clusters",
        "--definitions",
        DEFS,
        "--year",
        "2021",
        "--missing-as-zero",
    ]);
    let textile = rows(&conc).iter().find(|r| r["industry"] == "42").unwrap();
    assert_eq!(textile["industry_name"], "Textile Manufacturing");
    // Carpets are among the most concentrated clusters of Georgia.
    let lg = textile["locational_gini"].as_f64().unwrap();
    assert!(lg > 0.4 && lg < 0.5);
    let ss = ok(&[
        "shift-share",
        "--data",
        GA6,
        "--clusters",
        "--definitions",
        DEFS,
        "--from",
        "2017",
        "--to",
        "2021",
        "--by",
        "industry",
        "--missing-as-zero",
    ]);
    let whitfield: Vec<&Value> = rows(&ss)
        .iter()
        .filter(|r| r["region"] == "13313")
        .collect();
    let sum: f64 = whitfield
        .iter()
        .map(|r| r["change"].as_f64().unwrap())
        .sum();
    let parts: f64 = whitfield
        .iter()
        .map(|r| {
            r["national_share"].as_f64().unwrap()
                + r["industry_mix"].as_f64().unwrap()
                + r["regional_share"].as_f64().unwrap()
        })
        .sum();
    assert!((sum - parts).abs() < 1e-6);
    let spec = ok(&[
        "specialisation",
        "--data",
        GA6,
        "--clusters",
        "--definitions",
        DEFS,
        "--year",
        "2021",
    ]);
    assert!(rows(&spec)
        .iter()
        .any(|r| r["region"] == "13313" && r["krugman"].as_f64().unwrap() > 0.5));
}

#[test]
fn priorities_with_an_external_multiplier() {
    let plain = ok(&[
        "priorities",
        "--data",
        GA6,
        "--definitions",
        DEFS,
        "--region",
        "13313",
    ]);
    let other = rows(&plain)
        .iter()
        .map(|r| r["cluster"].as_str().unwrap())
        .find(|c| *c != "42")
        .unwrap()
        .to_string();
    let ext = temp_csv(&format!(
        "cluster,criterion,value\n42,multiplier,1.2\n{other},multiplier,3.5\n"
    ));
    let out = ok(&[
        "priorities",
        "--data",
        GA6,
        "--definitions",
        DEFS,
        "--region",
        "13313",
        "--criteria",
        "multiplier,size",
        "--weights",
        "1,0",
        "--external",
        ext.path().to_str().unwrap(),
    ]);
    let first = &rows(&out)[0];
    assert_eq!(first["raw_multiplier"], 3.5);
    assert_eq!(first["cluster"], other.as_str());
    assert_eq!(first["contribution_multiplier"], 1.0);
    let textile = rows(&out).iter().find(|r| r["cluster"] == "42").unwrap();
    assert_eq!(textile["raw_multiplier"], 1.2);
    // Clusters without a value score 0 on it.
    assert!(rows(&out)
        .iter()
        .any(|r| r["raw_multiplier"].is_null() && r["contribution_multiplier"] == 0.0));
    let bad = temp_csv("cluster,criterion,value\n42,multiplier,high\n");
    let err = run(&[
        "priorities",
        "--data",
        GA6,
        "--definitions",
        DEFS,
        "--region",
        "13313",
        "--criteria",
        "multiplier",
        "--weights",
        "1",
        "--external",
        bad.path().to_str().unwrap(),
    ]);
    assert_eq!(err.status.code(), Some(2));
    let msg = String::from_utf8_lossy(&err.stderr);
    assert!(
        msg.starts_with("E_NON_NUMERIC") && msg.contains("row 2") && msg.contains("'high'"),
        "{msg}"
    );
}

const SIZES: &str = "tests/fixtures/clusters/size_classes.csv";

fn profile_row<'a>(v: &'a Value, region: &str, cluster: &str) -> &'a Value {
    rows(v)
        .iter()
        .find(|r| r["region"] == region && r["cluster"] == cluster)
        .unwrap()
}

#[test]
fn sme_share_from_cbp_size_classes() {
    let base = [
        "clusters",
        "--data",
        SIZES,
        "--definitions",
        DEFS,
        "--profile",
        "--year",
        "2021",
        "--from",
        "2017",
    ];
    let v = ok(&base);
    // Whitfield's textile cluster: 314110 (63 establishments, 55 below 250 employees) + 313110
    // (4, all below 250).
    let w = profile_row(&v, "13313", "42");
    assert_eq!(w["establishments"], 67.0);
    assert!((w["sme_share"].as_f64().unwrap() - 59.0 / 67.0).abs() < 1e-12);
    assert!((w["avg_establishment_size"].as_f64().unwrap() - 11975.0 / 67.0).abs() < 1e-9);
    // Murray: 8 establishments, one of 250-499.
    assert!(
        (profile_row(&v, "13213", "42")["sme_share"]
            .as_f64()
            .unwrap()
            - 7.0 / 8.0)
            .abs()
            < 1e-12
    );
    // Threshold 50 (a class boundary): 43 of 67.
    let mut a = base.to_vec();
    a.extend(["--sme-threshold", "50"]);
    let v50 = ok(&a);
    assert!(
        (profile_row(&v50, "13313", "42")["sme_share"]
            .as_f64()
            .unwrap()
            - 43.0 / 67.0)
            .abs()
            < 1e-12
    );
    // Threshold 30 splits the 20-49 class: unavailable, with a warning naming the class.
    let mut a = base.to_vec();
    a.extend(["--sme-threshold", "30"]);
    let v30 = ok(&a);
    assert!(profile_row(&v30, "13313", "42")["sme_share"].is_null());
    let warn = v30["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == "W_SME_THRESHOLD")
        .unwrap();
    assert!(
        warn["message"].as_str().unwrap().contains("n20_49"),
        "{warn}"
    );
    // Without size classes (the Georgia sample) the share is unavailable, never 0.
    let g = ok(&[
        "clusters",
        "--data",
        GA6,
        "--definitions",
        DEFS,
        "--profile",
        "--year",
        "2021",
    ]);
    assert!(rows(&g).iter().all(|r| r["sme_share"].is_null()));
    assert!(rows(&g)
        .iter()
        .all(|r| r["depth"].is_null() && r["spatial_extent"].is_null()));
}

#[test]
fn depth_multiplier_and_spatial_extent_through_cli() {
    let v = ok(&[
        "clusters",
        "--data",
        GA6,
        "--reference",
        "data/us_cbp_naics6_2017_2021.csv",
        "--definitions",
        DEFS,
        "--profile",
        "--year",
        "2021",
        "--io-table",
        "data/bea_2017_summary_ixi_flows.csv",
        "--crosswalk",
        "data/bea_summary_to_naics.csv",
        "--geometry",
        "data/ga_counties.geojson",
    ]);
    let w = profile_row(&v, "13313", "42");
    // Depth and local-supplier linkage are the totals of `agglo gaps` for the same cluster.
    let gaps = ok(&[
        "gaps",
        "--table",
        "data/bea_2017_summary_ixi_flows.csv",
        "--data",
        GA6,
        "--reference",
        "data/us_cbp_naics6_2017_2021.csv",
        "--crosswalk",
        "data/bea_summary_to_naics.csv",
        "--region",
        "13313",
        "--cluster",
        "42",
        "--year",
        "2021",
    ]);
    let req = gaps["total_requirement"].as_f64().unwrap();
    let loc = gaps["total_local_supply"].as_f64().unwrap();
    let out: f64 = gaps["cluster_output"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["output"].as_f64().unwrap())
        .sum();
    let rel = |a: f64, b: f64| ((a - b) / b).abs();
    assert!(rel(w["depth"].as_f64().unwrap(), loc / req) < 1e-9, "{w}");
    assert!(rel(w["local_supplier"].as_f64().unwrap(), loc / out) < 1e-9);
    // The regional multiplier of a one-sector cluster (313TT) lies between 1 and the national one.
    let io = ok(&["io", "--table", "data/bea_2017_summary_ixi_flows.csv"]);
    let k = io["sectors"]
        .as_array()
        .unwrap()
        .iter()
        .position(|s| s == "313TT")
        .unwrap();
    let national = io["output_multipliers"]["total"][k].as_f64().unwrap();
    let m = w["multiplier"].as_f64().unwrap();
    assert!(m > 1.0 && m < national, "{m} vs {national}");
    // Whitfield has 4 queen neighbours in Georgia (Catoosa, Walker, Murray, Gordon); the textile
    // cluster is specialised (LQ >= 1) and strong in Murray and Gordon.
    assert_eq!(w["neighbours"], 4);
    assert_eq!(w["neighbours_specialised"], 2);
    assert_eq!(w["neighbours_strong"], 2);
    assert_eq!(w["spatial_extent"], 0.5);
}

#[test]
fn priorities_with_the_io_multiplier_criterion() {
    let out = ok(&[
        "priorities",
        "--data",
        GA6,
        "--reference",
        "data/us_cbp_naics6_2017_2021.csv",
        "--definitions",
        DEFS,
        "--region",
        "13313",
        "--criteria",
        "multiplier,local_supplier,size",
        "--weights",
        "0.5,0.3,0.2",
        "--io-table",
        "data/bea_2017_summary_ixi_flows.csv",
        "--crosswalk",
        "data/bea_summary_to_naics.csv",
    ]);
    let prof = ok(&[
        "clusters",
        "--data",
        GA6,
        "--reference",
        "data/us_cbp_naics6_2017_2021.csv",
        "--definitions",
        DEFS,
        "--profile",
        "--year",
        "2021",
        "--from",
        "2017",
        "--io-table",
        "data/bea_2017_summary_ixi_flows.csv",
        "--crosswalk",
        "data/bea_summary_to_naics.csv",
    ]);
    let t = rows(&out).iter().find(|r| r["cluster"] == "42").unwrap();
    let p = profile_row(&prof, "13313", "42");
    assert_eq!(t["raw_multiplier"], p["multiplier"]);
    assert_eq!(t["raw_local_supplier"], p["local_supplier"]);
    // Contributions sum to the score; the top cluster has the largest score.
    for r in rows(&out) {
        let sum: f64 = ["multiplier", "local_supplier", "size"]
            .iter()
            .map(|k| r[format!("contribution_{k}")].as_f64().unwrap())
            .sum();
        assert!((sum - r["score"].as_f64().unwrap()).abs() < 1e-12);
    }
    assert!(
        rows(&out)
            .iter()
            .filter(|r| !r["raw_multiplier"].is_null())
            .count()
            > 20
    );
    // --crosswalk without --io-table is refused by the argument parser.
    let e = run(&[
        "priorities",
        "--data",
        GA6,
        "--region",
        "13313",
        "--crosswalk",
        "data/bea_summary_to_naics.csv",
    ]);
    assert_eq!(e.status.code(), Some(2));
}

fn industry_row<'a>(v: &'a Value, industry: &str) -> &'a Value {
    rows(v).iter().find(|r| r["industry"] == industry).unwrap()
}

/// `gamma = (G - (1 - sum x^2) H) / ((1 - sum x^2)(1 - H))`.
fn eg_gamma(g: f64, h: f64, x: &[f64]) -> f64 {
    let sx2: f64 = x.iter().map(|v| v * v).sum();
    (g - (1.0 - sx2) * h) / ((1.0 - sx2) * (1.0 - h))
}

fn assert_rel(got: &Value, want: f64, what: &str) {
    let g = got.as_f64().unwrap();
    assert!(((g - want) / want).abs() < 1e-12, "{what}: {g} vs {want}");
}

#[test]
fn concentration_ellison_glaeser_from_cbp_size_classes() {
    let v = ok(&["concentration", "--data", SIZES, "--year", "2021"]);
    // Region totals 2021 (sum of the cells; the file has no total row):
    //   Whitfield 11575 + 400 + 2300 = 14275, Murray 1380 + 420 = 1800, Appling 320 + 60 = 380;
    //   all regions 16455.
    // Representative class sizes (midpoint of lo..=hi): n<5 (1-4) 2.5, n5_9 7, n10_19 14.5,
    //   n20_49 34.5, n100_249 174.5.
    //
    // 722511 (all three regions): employment 2300, 420, 320 (total 3040).
    //   Counts summed over regions: n<5 22+8+6 = 36, n5_9 16+7+5 = 28, n10_19 21+4+4 = 29,
    //   n20_49 16+2+1 = 19.
    //   E = 36*2.5 + 28*7 + 29*14.5 + 19*34.5 = 90 + 196 + 420.5 + 655.5 = 1362.
    //   H = (36*2.5^2 + 28*7^2 + 29*14.5^2 + 19*34.5^2) / 1362^2
    //     = (225 + 1372 + 6097.25 + 22614.75) / 1855044 = 30309 / 1855044.
    //   G = sum_r (s_r - x_r)^2 with s = (2300, 420, 320)/3040, x = (14275, 1800, 380)/16455.
    let r = industry_row(&v, "722511");
    assert_eq!(r["h_method"], "size_classes");
    let h: f64 = 30309.0 / 1855044.0;
    let s: [f64; 3] = [2300.0 / 3040.0, 420.0 / 3040.0, 320.0 / 3040.0];
    let x: [f64; 3] = [14275.0 / 16455.0, 1800.0 / 16455.0, 380.0 / 16455.0];
    let g: f64 = s.iter().zip(&x).map(|(a, b)| (a - b).powi(2)).sum();
    assert_rel(&r["eg_h"], h, "722511 H");
    assert_rel(&r["eg_g"], g, "722511 G");
    assert_rel(&r["eg_gamma"], eg_gamma(g, h, &x), "722511 gamma");
    assert!((h - 0.016_338_696).abs() < 1e-9);

    // 313110: Murray has no cell, so (without --missing-as-zero) only Whitfield (400) and Appling
    //   (60) count, total 460; x over those two regions: (14275, 380)/14655.
    //   Counts: n<5 1+1 = 2, n20_49 2+1 = 3, n100_249 1.
    //   E = 2*2.5 + 3*34.5 + 174.5 = 5 + 103.5 + 174.5 = 283.
    //   H = (2*6.25 + 3*1190.25 + 30450.25) / 283^2 = 34033.5 / 80089 = 0.424946.
    //   G = (400/460 - 14275/14655)^2 + (60/460 - 380/14655)^2 = 2 * 0.104505^2 = 0.021843.
    let r = industry_row(&v, "313110");
    assert_eq!(r["h_method"], "size_classes");
    let h = 34033.5 / 80089.0;
    let x: [f64; 2] = [14275.0 / 14655.0, 380.0 / 14655.0];
    let g = (400.0 / 460.0 - x[0]).powi(2) + (60.0 / 460.0 - x[1]).powi(2);
    assert_rel(&r["eg_h"], h, "313110 H");
    assert_rel(&r["eg_g"], g, "313110 G");
    assert_rel(&r["eg_gamma"], eg_gamma(g, h, &x), "313110 gamma");
    assert!((g - 0.021_842_6).abs() < 1e-6);
    // The open top class n1000 counts at 1.5 × 1000: 314110 has one such establishment in 2021
    //   (Whitfield) and H moves when it is dropped (checked below with the mean-size data).
    assert!(v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|w| w["code"] != "W_EG_MEAN_SIZE"));

    // The same file without the size-class columns: mean-size fallback, with a warning.
    let text = std::fs::read_to_string(SIZES).unwrap();
    let plain: String = text
        .lines()
        .map(|l| l.split(',').take(6).collect::<Vec<_>>().join(",") + "\n")
        .collect();
    let f = temp_csv(&plain);
    let m = ok(&[
        "concentration",
        "--data",
        f.path().to_str().unwrap(),
        "--year",
        "2021",
    ]);
    // 313110 mean size: Whitfield 4 establishments of 400/4 = 100, Appling 2 of 60/2 = 30:
    //   H = (4*100^2 + 2*30^2) / 460^2 = 41800 / 211600; G as above.
    let r = industry_row(&m, "313110");
    assert_eq!(r["h_method"], "mean_size");
    let hm = 41800.0 / 211600.0;
    assert_rel(&r["eg_h"], hm, "313110 mean-size H");
    assert_rel(&r["eg_g"], g, "313110 mean-size G");
    assert_rel(
        &r["eg_gamma"],
        eg_gamma(g, hm, &x),
        "313110 mean-size gamma",
    );
    assert!(m["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["code"] == "W_EG_MEAN_SIZE"));
    // At cluster level (size classes summed over the cluster's industries) the textile cluster 42
    //   (314110 + 313110) has the H of the cluster view (tests/cluster_typology.rs): 2021 counts
    //   per class summed over regions n<5 13, n5_9 9, n10_19 11, n20_49 17, n50_99 9,
    //   n100_249 9, n250_499 5, n500_999 3, n1000 1 at sizes 2.5, 7, 14.5, 34.5, 74.5, 174.5,
    //   374.5, 749.5, 1500.
    let c = ok(&[
        "concentration",
        "--data",
        SIZES,
        "--clusters",
        "--definitions",
        DEFS,
        "--year",
        "2021",
    ]);
    let n = [13.0, 9.0, 11.0, 17.0, 9.0, 9.0, 5.0, 3.0, 1.0];
    let sz = [2.5, 7.0, 14.5, 34.5, 74.5, 174.5, 374.5, 749.5, 1500.0];
    let e: f64 = n.iter().zip(&sz).map(|(a, b)| a * b).sum();
    let hc: f64 = n.iter().zip(&sz).map(|(a, b)| a * (b / e).powi(2)).sum();
    let r = industry_row(&c, "42");
    assert_eq!(r["h_method"], "size_classes");
    assert_rel(&r["eg_h"], hc, "cluster 42 H");
    // 314110: the size classes (incl. the n1000 class at 1500) give a different H.
    assert!(
        (industry_row(&m, "314110")["eg_h"].as_f64().unwrap()
            - industry_row(&v, "314110")["eg_h"].as_f64().unwrap())
        .abs()
            > 1e-3
    );
}

#[test]
fn concentration_ellison_glaeser_from_plant_file() {
    // REAT's `ellison.a` example: 10 plants in Vienna (V), Linz (L), Graz (G) with region totals
    // 500000, 400000, 100000 → gamma = 0.0599062841165389 (tests/refcases, reat_econgeo_reference).
    // The panel gives the totals through an "other" industry: V 500000 - 13000, L 400000 - 32000,
    // G 100000 - 25000 (industry x's plant sums: V 200+650+12000+100+50 = 13000,
    // L 16000+13000+1500+1500 = 32000, G 25000).
    let panel = temp_csv(
        "region_code,industry_code,year,employment\n\
         V,x,2020,13000\nL,x,2020,32000\nG,x,2020,25000\n\
         V,other,2020,487000\nL,other,2020,368000\nG,other,2020,75000\n",
    );
    let plants = temp_csv(
        "region_code,industry_code,employment\n\
         V,x,200\nV,x,650\nV,x,12000\nV,x,100\nV,x,50\n\
         L,x,16000\nL,x,13000\nL,x,1500\nL,x,1500\nG,x,25000\n",
    );
    let v = ok(&[
        "concentration",
        "--data",
        panel.path().to_str().unwrap(),
        "--plants",
        plants.path().to_str().unwrap(),
    ]);
    let r = industry_row(&v, "x");
    assert_eq!(r["h_method"], "plants");
    // H = sum z_k^2 over the 10 plants of 70000 employees.
    let sizes = [
        200.0, 650.0, 12000.0, 100.0, 50.0, 16000.0, 13000.0, 1500.0, 1500.0, 25000.0,
    ];
    let h: f64 = sizes.iter().map(|s: &f64| (s / 70000.0).powi(2)).sum();
    assert_rel(&r["eg_h"], h, "plants H");
    // G = (13/70 - 0.5)^2 + (32/70 - 0.4)^2 + (25/70 - 0.1)^2.
    let g: f64 = (13.0_f64 / 70.0 - 0.5).powi(2)
        + (32.0_f64 / 70.0 - 0.4).powi(2)
        + (25.0_f64 / 70.0 - 0.1).powi(2);
    assert_rel(&r["eg_g"], g, "plants G");
    assert_rel(
        &r["eg_gamma"],
        0.0599062841165389,
        "plants gamma (REAT ellison.a)",
    );
    assert_rel(
        &r["eg_gamma"],
        eg_gamma(g, h, &[0.5, 0.4, 0.1]),
        "plants gamma",
    );
    // No plants for "other": no Ellison-Glaeser figures there.
    assert!(industry_row(&v, "other")["h_method"].is_null());

    // A plant in a region the panel does not have: E_UNKNOWN_REGION naming row and code.
    let bad = temp_csv("region_code,industry_code,employment\nV,x,10\nW,x,5\n");
    let err = run(&[
        "concentration",
        "--data",
        panel.path().to_str().unwrap(),
        "--plants",
        bad.path().to_str().unwrap(),
    ]);
    assert_eq!(err.status.code(), Some(2));
    let msg = String::from_utf8_lossy(&err.stderr);
    assert!(
        msg.starts_with("E_UNKNOWN_REGION") && msg.contains("row 3") && msg.contains("'W'"),
        "{msg}"
    );
}
