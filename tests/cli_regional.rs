//! The regional indicators through the `agglo` CLI: German Länder indices and shift-share (REAT),
//! Freiburg against a national reference table, Farhauer & Kröll's textbook regions.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common_regional;
use common_regional::*;
use serde_json::Value;
use std::process::Command;

fn agglo(args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_agglo"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "agglo {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn rows(v: &Value) -> &Vec<Value> {
    v["rows"].as_array().unwrap()
}

const LAENDER: &str = "tests/data/laender_emp_2008_2014.csv";

#[test]
fn specialisation_laender() {
    let d = reference();
    let regions = d["G_regions_emp"]["regions"].as_array().unwrap().clone();
    for year in ["2008", "2014"] {
        let y = &d["G_regions_emp"][format!("y{year}")];
        let out = agglo(&["specialisation", "--data", LAENDER, "--year", year]);
        assert_eq!(rows(&out).len(), 16);
        for (r, name) in regions.iter().enumerate() {
            let row = rows(&out).iter().find(|x| x["region"] == *name).unwrap();
            assert_eq!(row["year"], year.parse::<i64>().unwrap());
            close(
                f(&row["krugman"]),
                f(&y["krugman_spec_REAT_vs_nation"][r]),
                0.0,
                "krugman",
            );
            close(
                f(&row["krugman_vs_others_mean"]),
                f(&y["krugman_spec2_REAT_vs_mean_of_other_regions"][r]),
                0.0,
                "spec2",
            );
            close(
                f(&row["hoover"]),
                f(&y["spec_coeff_EconGeo"][r]),
                0.0,
                "spec_coeff",
            );
            close(
                f(&row["herfindahl"]),
                f(&y["HHI_region_over_industries_REAT"][r]),
                0.0,
                "herf",
            );
            close(
                f(&row["gini_lq"]),
                f(&y["gini_spec_REAT"][r]),
                0.0,
                "gini.spec",
            );
            close_rounded(
                f(&row["entropy"]),
                f(&y["entropy_EconGeo_rows_log2_rounded3"][r]),
                3,
                "entropy",
            );
            // Variety decomposes entropy exactly.
            close(
                f(&row["related_variety"]) + f(&row["unrelated_variety"]),
                f(&row["entropy"]),
                0.0,
                "RV + UV",
            );
            close(
                f(&row["hachman"]) * f(&row["average_lq"]),
                1.0,
                0.0,
                "hachman",
            );
        }
    }
}

#[test]
fn concentration_laender() {
    let d = reference();
    for year in ["2008", "2014"] {
        let y = &d["G_regions_emp"][format!("y{year}")];
        let out = agglo(&["concentration", "--data", LAENDER, "--year", year]);
        assert_eq!(rows(&out).len(), 10);
        for (j, row) in rows(&out).iter().enumerate() {
            assert_eq!(row["industry"], format!("S{:02}", j + 1));
            close(
                f(&row["locational_gini"]),
                f(&y["locational_Gini_EconGeo"][j]),
                0.0,
                "locational gini",
            );
            close(
                f(&row["gini_lq"]),
                f(&y["gini_conc_REAT"][j]),
                0.0,
                "gini.conc",
            );
            close(
                f(&row["gini_plain"]),
                f(&y["gini_REAT_plain_over_regions"][j]),
                0.0,
                "gini",
            );
            close(
                f(&row["gini_plain_normalised"]),
                f(&y["gini_REAT_plain_over_regions_coefnorm"][j]),
                0.0,
                "gini norm",
            );
            close(
                f(&row["hoover"]),
                f(&y["hoover_REAT_vs_regional_total"][j]),
                0.0,
                "hoover",
            );
            close(
                f(&row["krugman"]),
                f(&y["krugman_conc_REAT"][j]),
                0.0,
                "krugman.conc",
            );
            close(
                f(&row["herfindahl"]),
                f(&y["HHI_industry_over_regions_REAT"][j]),
                0.0,
                "herf",
            );
            close(
                f(&row["theil_l"]),
                f(&y["theil_REAT_over_regions"][j]),
                0.0,
                "theil",
            );
        }
    }
}

#[test]
fn shift_share_laender_three_methods() {
    let d = reference();
    let ss = &d["G_regions_emp"]["shift_share_2008_2014"];
    let base = [
        "shift-share",
        "--data",
        LAENDER,
        "--from",
        "2008",
        "--to",
        "2014",
        "--method",
    ];
    let dunn = agglo(&[&base[..], &["dunn"]].concat());
    let est = agglo(&[&base[..], &["esteban"]].concat());
    let ger = agglo(&[&base[..], &["gerfin"]].concat());
    for (name, x) in ss["Dunn"].as_object().unwrap() {
        let row = rows(&dunn)
            .iter()
            .find(|r| r["region"] == *name.as_str())
            .unwrap();
        let scale = f(&x["National share"]).abs();
        close(f(&row["change"]), f(&x["Growth (t1-t)"]), scale, "change");
        close(
            f(&row["national_share"]),
            f(&x["National share"]),
            scale,
            "ns",
        );
        close(
            f(&row["industry_mix"]),
            f(&x["Industrial mix"]),
            scale,
            "mix",
        );
        close(
            f(&row["regional_share"]),
            f(&x["Regional share"]),
            scale,
            "reg",
        );
        close(f(&row["net_shift"]), f(&x["Net total shift"]), scale, "net");
        let e = &ss["Esteban"][name];
        let row = rows(&est)
            .iter()
            .find(|r| r["region"] == *name.as_str())
            .unwrap();
        close(
            f(&row["competitive"]),
            f(&e["Regional share"]),
            scale,
            "competitive",
        );
        close(
            f(&row["allocation"]),
            f(&e["Allocation effect"]),
            scale,
            "allocation",
        );
        let g = &ss["Gerfin"][name];
        let row = rows(&ger)
            .iter()
            .find(|r| r["region"] == *name.as_str())
            .unwrap();
        close(
            f(&row["gerfin_industry_mix"]),
            f(&g["Industrial mix"]),
            0.0,
            "gerfin mix",
        );
        close(
            f(&row["gerfin_regional_share"]),
            f(&g["Regional share"]),
            0.0,
            "gerfin reg",
        );
        close(
            f(&row["gerfin_net_shift"]),
            f(&g["Net total shift"]),
            0.0,
            "gerfin net",
        );
    }
    // Per industry: the components of every region's industries add up to its total.
    let by = agglo(&[&base[..], &["dunn", "--by", "industry"]].concat());
    assert_eq!(rows(&by).len(), 160);
    for r in rows(&dunn) {
        let s: f64 = rows(&by)
            .iter()
            .filter(|x| x["region"] == r["region"])
            .map(|x| f(&x["regional_share"]))
            .sum();
        close(
            s,
            f(&r["regional_share"]),
            f(&r["change"]).abs(),
            "sum over industries",
        );
    }
    // Dynamic over one pair equals the static decomposition.
    let dy = agglo(&[&base[..], &["dynamic"]].concat());
    for (a, b) in rows(&dy).iter().zip(rows(&dunn)) {
        close(
            f(&a["regional_share"]),
            f(&b["regional_share"]),
            f(&b["change"]).abs(),
            "dynamic",
        );
    }
}

#[test]
fn shift_share_freiburg_with_reference_table() {
    let d = reference();
    let fr = &d["Freiburg_shift"];
    let out = agglo(&[
        "shift-share",
        "--data",
        "tests/data/freiburg_emp_2008_2014.csv",
        "--reference",
        "tests/data/germany_emp_2008_2014.csv",
        "--from",
        "2008",
        "--to",
        "2014",
        "--method",
        "esteban",
    ]);
    let row = &rows(&out)[0];
    let scale = f(&fr["Dunn"]["Growth (t1-t)"]);
    close(
        f(&row["change"]),
        f(&fr["Dunn"]["Growth (t1-t)"]),
        scale,
        "change",
    );
    close(
        f(&row["national_share"]),
        f(&fr["Dunn"]["National share"]),
        scale,
        "ns",
    );
    close(
        f(&row["industry_mix"]),
        f(&fr["Dunn"]["Industrial mix"]),
        scale,
        "mix",
    );
    close(
        f(&row["regional_share"]),
        f(&fr["Dunn"]["Regional share"]),
        scale,
        "reg",
    );
    close(
        f(&row["competitive"]),
        f(&fr["Esteban"]["Regional share"]),
        scale,
        "competitive",
    );
    close(
        f(&row["allocation"]),
        f(&fr["Esteban"]["Allocation effect"]),
        scale,
        "allocation",
    );
    let out = agglo(&[
        "shift-share",
        "--data",
        "tests/data/freiburg_emp_2008_2014.csv",
        "--reference",
        "tests/data/germany_emp_2008_2014.csv",
        "--from",
        "2008",
        "--to",
        "2014",
        "--method",
        "gerfin",
    ]);
    let row = &rows(&out)[0];
    close(
        f(&row["gerfin_industry_mix"]),
        f(&fr["Gerfin"]["Industrial mix"]),
        0.0,
        "gerfin mix",
    );
    close(
        f(&row["gerfin_regional_share"]),
        f(&fr["Gerfin"]["Regional share"]),
        0.0,
        "gerfin reg",
    );
    close(
        f(&row["gerfin_net_shift"]),
        f(&fr["Gerfin"]["Net total shift"]),
        0.0,
        "gerfin net",
    );
}

#[test]
fn shift_share_textbook_regions() {
    let d = reference();
    let out = agglo(&[
        "shift-share",
        "--data",
        "tests/data/fk_textbook_regions.csv",
        "--reference",
        "tests/data/fk_textbook_nation.csv",
        "--from",
        "2000",
        "--to",
        "2001",
    ]);
    for (name, t) in d["Freiburg_shift"]["textbook_FK_regions"]
        .as_object()
        .unwrap()
    {
        let row = rows(&out)
            .iter()
            .find(|r| r["region"] == *name.as_str())
            .unwrap();
        let x = &t["Dunn"];
        let scale = f(&x["National share"]).abs();
        close(
            f(&row["national_share"]),
            f(&x["National share"]),
            scale,
            name,
        );
        close(
            f(&row["industry_mix"]),
            f(&x["Industrial mix"]),
            scale,
            name,
        );
        close(
            f(&row["regional_share"]),
            f(&x["Regional share"]),
            scale,
            name,
        );
        close(f(&row["net_shift"]), f(&x["Net total shift"]), scale, name);
    }
}

#[test]
fn csv_output_has_flat_columns() {
    let out = Command::new(env!("CARGO_BIN_EXE_agglo"))
        .args([
            "concentration",
            "--data",
            LAENDER,
            "--year",
            "2014",
            "--format",
            "csv",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let header = text.lines().next().unwrap();
    assert!(
        header.starts_with("industry,year,industry_name,n_regions"),
        "{header}"
    );
    assert_eq!(text.lines().count(), 11);
}
