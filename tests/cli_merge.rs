//! A wide layout arrives one sheet (or file) per year: `--add-data` merges them into one panel, and
//! the numbers equal those of the same data in one long file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use serde_json::Value;
use std::process::Command;

fn lq(args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_agglo"))
        .arg("lq")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn wide_2021_sheet_plus_2017_file_equals_the_long_file() {
    let long = std::fs::read_to_string("data/ga_cbp_naics4_2017_2021.csv").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let y2017 = dir.path().join("ga_2017.csv");
    let mut lines = long.lines();
    let mut text = format!("{}\n", lines.next().unwrap());
    for l in lines.filter(|l| l.contains(",2017,")) {
        text.push_str(l);
        text.push('\n');
    }
    std::fs::write(&y2017, text).unwrap();
    let y2017 = y2017.to_str().unwrap();
    let merged = lq(&[
        "--data",
        "data/ga_cbp_naics4_2021_wide.xlsx",
        "--add-data",
        y2017,
        "--industry",
        "3141",
    ]);
    let whole = lq(&[
        "--data",
        "data/ga_cbp_naics4_2017_2021.csv",
        "--industry",
        "3141",
    ]);
    let key = |r: &Value| {
        (
            r["year"].as_i64().unwrap(),
            r["region"].as_str().unwrap().to_string(),
        )
    };
    let mut a: Vec<_> = merged["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (key(r), r["lq"].as_f64().unwrap()))
        .collect();
    let mut b: Vec<_> = whole["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (key(r), r["lq"].as_f64().unwrap()))
        .collect();
    a.sort_by(|x, y| x.0.cmp(&y.0));
    b.sort_by(|x, y| x.0.cmp(&y.0));
    assert_eq!(a.len(), b.len());
    assert!(a.iter().any(|(k, _)| k.0 == 2017) && a.iter().any(|(k, _)| k.0 == 2021));
    for ((ka, va), (kb, vb)) in a.iter().zip(&b) {
        assert_eq!(ka, kb);
        assert!((va - vb).abs() <= 1e-12 * vb.abs(), "{ka:?}: {va} vs {vb}");
    }
}

#[test]
fn conflicting_cells_are_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.csv");
    let b = dir.path().join("b.csv");
    std::fs::write(
        &a,
        "region_code,industry_code,year,employment\nR1,I1,2021,10\nR2,I1,2021,5\n",
    )
    .unwrap();
    std::fs::write(
        &b,
        "region_code,industry_code,year,employment\nR1,I1,2021,11\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_agglo"))
        .args([
            "lq",
            "--data",
            a.to_str().unwrap(),
            "--add-data",
            b.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("E_DUPLICATE_ROW"), "{err}");
    assert!(
        err.contains("b.csv") && err.contains("region 'R1'") && err.contains("industry 'I1'"),
        "{err}"
    );
}
