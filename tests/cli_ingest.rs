//! `agglo inspect` and data loading through the CLI.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use serde_json::Value;
use std::process::Command;

fn agglo(args: &[&str]) -> (i32, String, String) {
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

#[test]
fn inspect_wide_xlsx() {
    let (code, out, err) = agglo(&["inspect", "data/ga_cbp_naics4_2021_wide.xlsx"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["layout"], "wide");
    assert_eq!(v["format"]["kind"], "xlsx");
    assert_eq!(v["format"]["header_row"], 4);
    assert_eq!(v["year"], 2021);
    assert_eq!(v["columns"][0]["name"], "FIPS");
    assert_eq!(v["columns"][0]["role"], "region_code");
    assert_eq!(v["rows"].as_array().unwrap().len(), 259);
}

#[test]
fn inspect_long_csv_as_column_table() {
    let (code, out, err) = agglo(&[
        "inspect",
        "data/ga_cbp_naics4_2017_2021.csv",
        "--format",
        "csv",
    ]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 10, "{out}");
    assert!(
        lines.iter().any(|l| l.starts_with("emp_withheld,flag")),
        "{out}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("industry_code,industry_code")),
        "{out}"
    );
}

#[test]
fn lq_from_the_wide_xlsx() {
    let (code, out, err) = agglo(&[
        "lq",
        "--data",
        "data/ga_cbp_naics4_2021_wide.xlsx",
        "--industry",
        "3141",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let w = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["region"] == "13313")
        .unwrap();
    assert_eq!(w["value"], 11607.0);
    assert_eq!(w["year"], 2021);
    assert!(v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["code"] == "W_TOTALS_ROW_SKIPPED"));
}

#[test]
fn bad_data_exits_2_with_code_and_location() {
    let (code, _, err) = agglo(&["lq", "--data", "tests/data/bad/non_numeric.csv"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("E_NON_NUMERIC"), "{err}");
    assert!(
        err.contains("row 3") && err.contains("column 'employment'") && err.contains("'12a'"),
        "{err}"
    );
}

#[test]
fn a_reader_closing_the_pipe_early_ends_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let data = format!(
        "{}/data/ga_cbp_naics4_2017_2021.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_agglo"))
        .args(["lq", "--data", &data])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read the head of the output (as `| head` does), then close the pipe.
    let mut head = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut head).unwrap();
    assert!(head.starts_with(b"{\n  \"rows\""));
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(0), "{err}");
}
