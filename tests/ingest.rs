//! Tabular ingest on the sample data (Georgia CBP long CSV, US reference, the agency-style wide
//! XLSX) and round trips of one small table through every dialect and encoding.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common_ingest;

use agglo::ingest::{
    inspect, load_panel, load_panel_from_reader, load_table, xlsx_to_table, Layout, LoadOptions,
    LongLoader, Role,
};
use agglo::panel::Panel;
use common_ingest::{assert_same_panel, encode, number, write, Dialect, Enc, ENCODINGS};
use std::path::Path;

fn data(f: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(f)).unwrap()
}

fn employment_sum(p: &Panel, y: usize) -> f64 {
    let m = p.measure_index("employment").unwrap();
    let mx = p.matrix(m, y);
    (0..mx.n_regions)
        .map(|r| mx.row(r).iter().filter(|v| !v.is_nan()).sum::<f64>())
        .sum()
}

#[test]
fn georgia_long_csv() {
    let (p, rep) = load_panel(
        &data("ga_cbp_naics4_2017_2021.csv"),
        "ga.csv",
        &LoadOptions::default(),
    )
    .unwrap();
    // data/README.md: 156 counties in 2017, 157 in 2021 (Echols only in 2021); 259 and 257 codes.
    assert_eq!(p.regions.len(), 157);
    assert_eq!(p.industries.len(), 261);
    assert_eq!(p.years, [2017, 2021]);
    assert_eq!(
        p.measures,
        ["establishments", "employment", "payroll_thousands"]
    );
    assert_eq!(rep.rows_read, 19_088);
    assert_eq!(rep.layout, Some(Layout::Long));
    // 1,088 withheld employment cells in 2017 (and the same payroll cells), none in 2021.
    let emp17: u64 = rep
        .suppressed_cells
        .iter()
        .filter(|s| s.measure == "employment" && s.year == 2017)
        .map(|s| s.count)
        .sum();
    assert_eq!(emp17, 1_088);
    assert!(rep
        .suppressed_cells
        .iter()
        .all(|s| s.year == 2017 && s.marker == "(blank)"));
    assert_eq!(rep.suppressed_total, 2 * 1_088);
    assert!(rep.warnings.iter().any(|w| w.code == "W_SUPPRESSED"));
    // Sums of published cells from the README.
    assert_eq!(employment_sum(&p, 0), 3_125_658.0);
    assert_eq!(employment_sum(&p, 1), 3_446_719.0);
    let emp = p.measure_index("employment").unwrap();
    let est = p.measure_index("establishments").unwrap();
    let (r, i) = (
        p.region_index("13313").unwrap(),
        p.industry_index("3141").unwrap(),
    );
    assert_eq!(p.get(emp, 1, r, i), Some(11_607.0));
    assert_eq!(p.get(emp, 0, r, i), Some(10_385.0));
    assert_eq!(p.region_names[r], "Whitfield");
    assert_eq!(p.industry_names[i], "Textile furnishings mills");
    // A withheld cell: missing employment, never zero; the establishments are kept.
    let (r, i) = (
        p.region_index("13001").unwrap(),
        p.industry_index("2211").unwrap(),
    );
    assert_eq!(p.get(emp, 0, r, i), None);
    assert_eq!(p.get(est, 0, r, i), Some(7.0));
}

#[test]
fn us_reference_without_region_column() {
    let bytes = data("us_cbp_naics4_2017_2021.csv");
    let err = load_panel(&bytes, "us.csv", &LoadOptions::default()).unwrap_err();
    assert_eq!(err.code_str(), "E_MISSING_COLUMN");
    let opts = LoadOptions {
        reference: true,
        ..Default::default()
    };
    let (p, rep) = load_panel(&bytes, "us.csv", &opts).unwrap();
    assert_eq!(p.regions, ["reference"]);
    assert_eq!(p.years, [2017, 2018, 2019, 2020, 2021]);
    assert_eq!(p.industries.len(), 288); // `00` is the total, not an industry
    assert!(!p.industries.contains(&"00".to_string()));
    // n_states_* and estab_in_emp_withheld_states are flags, not measures.
    assert_eq!(
        p.measures,
        ["establishments", "employment", "payroll_thousands"]
    );
    let emp = p.measure_index("employment").unwrap();
    assert_eq!(p.matrix(emp, 0).region_total(0), 128_064_808.0);
    assert_eq!(p.matrix(emp, 4).region_total(0), 127_862_992.0);
    assert_eq!(rep.suppressed_total, 0);
}

#[test]
fn state_file_keeps_total_code_00_as_region_total() {
    let (p, _) = load_panel(
        &data("ga_state_cbp_naics4_2017_2021.csv"),
        "st.csv",
        &LoadOptions::default(),
    )
    .unwrap();
    assert_eq!(p.regions, ["13"]);
    let emp = p.measure_index("employment").unwrap();
    assert_eq!(p.matrix(emp, 0).region_total(0), 3_888_928.0);
}

#[test]
fn wide_xlsx_agency_sheet() {
    let bytes = data("ga_cbp_naics4_2021_wide.xlsx");
    let (p, rep) = load_panel(&bytes, "wide.xlsx", &LoadOptions::default()).unwrap();
    assert_eq!(rep.layout, Some(Layout::Wide));
    let f = rep.format.clone().unwrap();
    assert_eq!(f.kind, "xlsx");
    assert_eq!(f.header_row, 4);
    assert_eq!(f.sheet.as_deref(), Some("Employment 2021"));
    assert_eq!(f.sheets, ["Employment 2021", "Notes", "Industries"]);
    assert_eq!(p.years, [2021]); // from the sheet name
    assert_eq!(p.measures, ["employment"]);
    assert_eq!(p.industries.len(), 257);
    assert_eq!(p.regions.len(), 159); // rows 6-164; Baker and Taliaferro have no values
    let mx = p.matrix(0, 0);
    let with_data = (0..mx.n_regions)
        .filter(|r| mx.row(*r).iter().any(|v| !v.is_nan()))
        .count();
    assert_eq!(with_data, 157);
    // Row 165, "Sum of published county cells", is skipped with a warning.
    assert_eq!(rep.total_rows_skipped, [165]);
    let w = rep
        .warnings
        .iter()
        .find(|w| w.code == "W_TOTALS_ROW_SKIPPED")
        .unwrap();
    assert_eq!(w.location.row, Some(165));
    assert_eq!(w.location.sheet.as_deref(), Some("Employment 2021"));
    assert!(!p
        .regions
        .iter()
        .any(|r| r.is_empty() || r.starts_with("Sum")));
    let (r, i) = (
        p.region_index("13313").unwrap(),
        p.industry_index("3141").unwrap(),
    );
    assert_eq!(p.get(0, 0, r, i), Some(11_607.0));
    assert_eq!(p.industry_names[i], "Textile furnishings mills");
    assert!(p.region_names[r].starts_with("Whitfield"));
    assert_eq!(employment_sum(&p, 0), 3_446_719.0);
    // Every cell agrees with the long file's 2021 employment.
    let (lp, _) = load_panel(
        &data("ga_cbp_naics4_2017_2021.csv"),
        "ga.csv",
        &LoadOptions::default(),
    )
    .unwrap();
    let lemp = lp.measure_index("employment").unwrap();
    let ly = lp.year_index(2021).unwrap();
    let mut compared = 0;
    for (r, code) in p.regions.iter().enumerate() {
        for (i, ind) in p.industries.iter().enumerate() {
            let long = match (lp.region_index(code), lp.industry_index(ind)) {
                (Ok(lr), Ok(li)) => lp.get(lemp, ly, lr, li),
                _ => None,
            };
            assert_eq!(p.get(0, 0, r, i), long, "{code} {ind}");
            compared += 1;
        }
    }
    assert_eq!(compared, 159 * 257);
    // The year can be given instead.
    let opts = LoadOptions {
        year: Some(2020),
        measure: Some("jobs".into()),
        ..Default::default()
    };
    let (p2, _) = load_panel(&bytes, "wide.xlsx", &opts).unwrap();
    assert_eq!(p2.years, [2020]);
    assert_eq!(p2.measures, ["jobs"]);
}

#[test]
fn xlsx_grid_for_the_separate_wasm_module() {
    let t = xlsx_to_table(&data("ga_cbp_naics4_2021_wide.xlsx"), Some("Industries")).unwrap();
    assert_eq!(t.sheet.as_deref(), Some("Industries"));
    let t = xlsx_to_table(&data("ga_cbp_naics4_2021_wide.xlsx"), None).unwrap();
    assert_eq!(t.first_row, 1);
    assert_eq!(t.rows[3][0], "FIPS");
    assert_eq!(t.rows[5][0], "13001"); // text FIPS kept as text
                                       // The grid survives a JSON round trip (how it crosses between the two wasm modules).
    let json = serde_json::to_string(&t).unwrap();
    let back: agglo::ingest::Table = serde_json::from_str(&json).unwrap();
    let (p, _) = load_table(&back, "wide.xlsx", &LoadOptions::default()).unwrap();
    assert_eq!(p.industries.len(), 257);
}

#[test]
fn inspect_finds_layout_and_roles_of_both_samples() {
    let ins = inspect(
        &data("ga_cbp_naics4_2017_2021.csv"),
        "ga.csv",
        &LoadOptions::default(),
    )
    .unwrap();
    assert_eq!(ins.layout, Layout::Long);
    assert_eq!(ins.rows, 19_088);
    let role = |n: &str| ins.columns.iter().find(|c| c.name == n).unwrap().role;
    assert_eq!(role("region_code"), Role::RegionCode);
    assert_eq!(role("region_name"), Role::RegionName);
    assert_eq!(role("industry_code"), Role::IndustryCode);
    assert_eq!(role("industry_name"), Role::IndustryName);
    assert_eq!(role("year"), Role::Year);
    assert_eq!(role("employment"), Role::Measure);
    assert_eq!(role("emp_withheld"), Role::Flag);
    assert_eq!(ins.format.delimiter, Some(','));

    let ins = inspect(
        &data("ga_cbp_naics4_2021_wide.xlsx"),
        "wide.xlsx",
        &LoadOptions::default(),
    )
    .unwrap();
    assert_eq!(ins.layout, Layout::Wide);
    assert_eq!(ins.format.kind, "xlsx");
    assert_eq!(ins.format.header_row, 4);
    assert_eq!(ins.skipped_rows, [1, 2, 3]);
    assert_eq!(ins.names_row, Some(5));
    assert_eq!(ins.year, Some(2021));
    assert_eq!(ins.columns[0].role, Role::RegionCode);
    assert_eq!(ins.columns[1].role, Role::RegionName);
    assert!(ins.columns[2..].iter().all(|c| c.role == Role::Measure));
    assert_eq!(ins.columns.len(), 259);

    let ins = inspect(
        &data("us_cbp_naics4_2017_2021.csv"),
        "us.csv",
        &LoadOptions::default(),
    )
    .unwrap();
    assert_eq!(ins.layout, Layout::Long);
    assert_eq!(
        ins.measures,
        ["establishments", "employment", "payroll_thousands"]
    );
}

#[test]
fn streaming_matches_whole_file() {
    let bytes = data("ga_cbp_naics4_2017_2021.csv");
    let (a, ra) = load_panel(&bytes, "ga.csv", &LoadOptions::default()).unwrap();
    let (b, rb) = load_panel_from_reader(
        std::io::Cursor::new(&bytes),
        "ga.csv",
        &LoadOptions::default(),
    )
    .unwrap();
    assert_same_panel(&a, &b, "reader");
    assert_eq!(ra, rb);
    let mut l = LongLoader::new(LoadOptions::default(), "ga.csv");
    for ch in bytes.chunks(4093) {
        l.push(ch).unwrap();
    }
    assert_eq!(l.progress().bytes, bytes.len() as u64);
    let (c, _) = l.finish().unwrap();
    assert_same_panel(&a, &c, "chunks");
}

/// The small table: regions with accented names and leading zeros, a total row, quotes and
/// delimiters inside names, suppressed cells, thousands.
fn small_rows(d: &Dialect) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let header = vec![
        "region_code",
        "region_name",
        "industry_code",
        "industry_name",
        "year",
        "employment",
        "establishments",
    ];
    let regions = [
        ("01001", "Köln"),
        ("01003", "Besançon"),
        ("13313", "Zürich, \"Süd\""),
    ];
    let industries = [
        ("00", "Total"),
        ("1133", "Logging; forestry"),
        ("3141", "Textile | furnishings\tmills"),
    ];
    let mut rows = Vec::new();
    let mut k = 0u32;
    for year in [2017, 2021] {
        for (rc, rn) in regions {
            for (ic, iname) in industries {
                k += 1;
                let emp = if k % 7 == 3 {
                    "(D)".to_string()
                } else if k % 11 == 5 {
                    String::new()
                } else {
                    number(f64::from(k * 1_234_567 % 9_000_000) / 10.0, 1, d)
                };
                rows.push(vec![
                    rc.to_string(),
                    rn.to_string(),
                    ic.to_string(),
                    iname.to_string(),
                    year.to_string(),
                    emp,
                    number(f64::from(k * 37 % 5000), 0, d),
                ]);
            }
        }
    }
    (header, rows)
}

fn small(d: Dialect, e: Enc) -> Vec<u8> {
    let (h, rows) = small_rows(&d);
    encode(&write(&h, &rows, &d), e)
}

#[test]
fn round_trips_give_identical_panels() {
    let (base, _) = load_panel(
        &small(Dialect::default(), Enc::Utf8),
        "base.csv",
        &LoadOptions::default(),
    )
    .unwrap();
    assert_eq!(base.regions, ["01001", "01003", "13313"]);
    assert_eq!(base.region_names, ["Köln", "Besançon", "Zürich, \"Süd\""]);
    assert_eq!(base.industries, ["1133", "3141"]);
    let dialects = [
        Dialect {
            delimiter: ';',
            decimal_comma: true,
            thousands: true,
            ..Default::default()
        },
        Dialect {
            delimiter: ';',
            decimal_comma: true,
            ..Default::default()
        },
        Dialect {
            delimiter: '\t',
            ..Default::default()
        },
        Dialect {
            delimiter: '|',
            thousands: true,
            crlf: true,
            ..Default::default()
        },
        Dialect {
            delimiter: ',',
            thousands: true,
            title_rows: true,
            ..Default::default()
        },
        Dialect {
            delimiter: ',',
            decimal_comma: true,
            thousands: true,
            ..Default::default()
        },
    ];
    for d in dialects {
        for e in ENCODINGS {
            let bytes = small(d, e);
            let what = format!("{d:?} {e:?}");
            let (p, rep) = load_panel(&bytes, "t.csv", &LoadOptions::default())
                .unwrap_or_else(|err| panic!("{what}: {err}"));
            assert_same_panel(&base, &p, &what);
            let f = rep.format.unwrap();
            assert_eq!(f.delimiter, Some(d.delimiter), "{what}");
            assert_eq!(f.decimal_comma, d.decimal_comma, "{what}");
            // Chunks of 1, 2, 3 bytes split UTF-16 code units, UTF-8 sequences and quoted fields.
            for n in [1, 2, 3] {
                let mut l = LongLoader::new(LoadOptions::default(), "t.csv");
                for ch in bytes.chunks(n) {
                    l.push(ch).unwrap();
                }
                let (q, _) = l.finish().unwrap();
                assert_same_panel(&base, &q, &format!("{what} chunks of {n}"));
            }
        }
    }
}

#[test]
fn suppression_markers_are_counted_never_zero() {
    let csv = "fips,naics,year,employment\n01001,1133,2021,(D)\n01001,2361,2021,x\n01001,3141,2021,..\n01003,1133,2021,-\n01003,2361,2021,c\n01003,3141,2021,\n01005,1133,2021,0\n";
    let (p, rep) = load_panel(csv.as_bytes(), "m.csv", &LoadOptions::default()).unwrap();
    for (m, n) in [
        ("(D)", 1),
        ("x", 1),
        ("..", 1),
        ("-", 1),
        ("c", 1),
        ("(blank)", 1),
    ] {
        assert_eq!(rep.suppressed.get(m), Some(&n), "{m}");
    }
    assert_eq!(rep.suppressed_total, 6);
    assert_eq!(p.present_cells(), 1); // only the real zero
    assert_eq!(p.get(0, 0, 2, 0), Some(0.0));
    assert_eq!(p.get(0, 0, 0, 0), None);
}

#[test]
fn negative_values_when_allowed_and_role_overrides() {
    let csv = "geo,sector,when,change\nA,x,2020,-5\nB,x,2020,3\n";
    let opts = LoadOptions {
        region_col: Some("geo".into()),
        industry_col: Some("sector".into()),
        year_col: Some("when".into()),
        value_cols: Some(vec!["change".into()]),
        allow_negative: true,
        ..Default::default()
    };
    let (p, _) = load_panel(csv.as_bytes(), "n.csv", &opts).unwrap();
    assert_eq!(p.get(0, 0, 0, 0), Some(-5.0));
    assert_eq!(p.years, [2020]);
    let err = load_panel(
        csv.as_bytes(),
        "n.csv",
        &LoadOptions {
            allow_negative: false,
            ..opts
        },
    )
    .unwrap_err();
    assert_eq!(err.code_str(), "E_NEGATIVE_VALUE");
    assert_eq!(err.location.row, Some(2));
}

#[test]
fn wide_csv_with_thousands_of_columns_a_total_column_and_title_rows() {
    let n = 20_000;
    let mut s = String::from("Jobs by region, 2019\n\n");
    s.push_str("region;name;Total");
    for k in 0..n {
        s.push_str(&format!(";I{k:05}"));
    }
    s.push('\n');
    for (r, name) in ["AT11", "AT12", "AT13"]
        .iter()
        .zip(["Burgenland", "Niederösterreich", "Wien"])
    {
        s.push_str(&format!("{r};{name};1.000.000"));
        for k in 0..n {
            let v = (k * 7 + r.len()) % 97;
            if v == 5 {
                s.push_str(";:");
            } else {
                s.push_str(&format!(";{v},5"));
            }
        }
        s.push('\n');
    }
    s.push_str("Total;;3.000.000");
    s.push_str(&";1".repeat(n));
    s.push('\n');
    let mut l = LongLoader::new(LoadOptions::default(), "jobs_2019.csv");
    for ch in s.as_bytes().chunks(4096) {
        l.push(ch).unwrap();
    }
    let (p, rep) = l.finish().unwrap();
    assert_eq!(rep.layout, Some(Layout::Wide));
    assert_eq!(p.regions, ["AT11", "AT12", "AT13"]);
    assert_eq!(p.region_names[1], "Niederösterreich");
    assert_eq!(p.industries.len(), n);
    assert_eq!(p.years, [2019]); // from the file name
    assert_eq!(p.measures, ["employment"]); // "jobs" in the file name
    assert_eq!(p.matrix(0, 0).region_total(2), 1_000_000.0); // the Total column, decimal comma style
    assert_eq!(p.get(0, 0, 0, 1), Some(11.5));
    assert_eq!(rep.total_rows_skipped, [7]);
    assert_eq!(rep.format.unwrap().header_row, 3);
    assert!(rep.suppressed[":"] > 0);
}
