#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! IO tables from XLSX (same multipliers as the CSV), indirect multipliers as METHODS.md §5,
//! cluster members through the one definitions parser, and regional multipliers of a region.
//!
//! The XLSX fixture `tests/fixtures/io/bea_2017_summary_flows.xlsx` is written by
//! [`fixture_bytes`] (rust_xlsxwriter) from `data/bea_2017_summary_ixi_flows.csv`: a "Notes" sheet
//! first, then the flows on a sheet "Flows" with numbers stored as numbers. Regenerate it with
//! `AGGLO_WRITE_FIXTURES=1 cargo test --test io_xlsx fixture_is_current`.

use agglo::ingest::{load_panel, LoadOptions};
use agglo::io_model::*;
use agglo::panel::Reference;
use rust_xlsxwriter::Workbook;
use serde_json::Value;

fn root(p: &str) -> String {
    format!("{}/{p}", env!("CARGO_MANIFEST_DIR"))
}
fn data(p: &str) -> Vec<u8> {
    std::fs::read(root(p)).unwrap()
}
const FIXTURE: &str = "tests/fixtures/io/bea_2017_summary_flows.xlsx";

/// The fixture workbook, built from the CSV: cells that parse as numbers are written as numbers.
fn fixture_bytes() -> Vec<u8> {
    let text = String::from_utf8(data("data/bea_2017_summary_ixi_flows.csv")).unwrap();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut wb = Workbook::new();
    let notes = wb.add_worksheet();
    notes.set_name("Notes").unwrap();
    notes
        .write_string(
            0,
            0,
            "BEA 2017 summary industry-by-industry flows; the table is on sheet Flows",
        )
        .unwrap();
    let ws = wb.add_worksheet();
    ws.set_name("Flows").unwrap();
    for (r, rec) in rdr.records().enumerate() {
        for (c, cell) in rec.unwrap().iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell.parse::<f64>() {
                Ok(x) if r > 0 && c > 1 => ws.write_number(r, c, x).unwrap(),
                _ => ws.write_string(r, c, cell).unwrap(),
            };
        }
    }
    wb.save_to_buffer().unwrap()
}

fn csv_table() -> IoTable {
    parse_io_table(
        &data("data/bea_2017_summary_ixi_flows.csv"),
        "flows.csv",
        &IoTableOptions::default(),
    )
    .unwrap()
    .0
}

fn xlsx_table(bytes: &[u8]) -> IoTable {
    parse_io_table(
        bytes,
        "flows.xlsx",
        &IoTableOptions {
            sheet: Some("Flows".into()),
            ..Default::default()
        },
    )
    .unwrap()
    .0
}

#[test]
fn fixture_is_current() {
    let fresh = fixture_bytes();
    if std::env::var_os("AGGLO_WRITE_FIXTURES").is_some() {
        std::fs::create_dir_all(root("tests/fixtures/io")).unwrap();
        std::fs::write(root(FIXTURE), &fresh).unwrap();
    }
    let committed = data(FIXTURE);
    let a = read_grid(&committed, "committed.xlsx", Some("Flows")).unwrap();
    let b = read_grid(&fresh, "fresh.xlsx", Some("Flows")).unwrap();
    assert_eq!(a.header, b.header);
    assert_eq!(a.rows, b.rows);
    assert_eq!(a.rows.len(), 71 + 1, "71 sectors plus the total-output row");
}

#[test]
fn xlsx_table_gives_the_csv_multipliers() {
    let t_csv = csv_table();
    let t_x = xlsx_table(&data(FIXTURE));
    assert_eq!(t_x.sectors, t_csv.sectors);
    assert_eq!(t_x.names, t_csv.names);
    assert_eq!(t_x.output_source, t_csv.output_source);
    let m_csv = LeontiefModel::new(&t_csv, &IoParams::default()).unwrap();
    let m_x = LeontiefModel::new(&t_x, &IoParams::default()).unwrap();
    let (o_csv, o_x) = (output_multipliers(&m_csv), output_multipliers(&m_x));
    for j in 0..71 {
        assert!((o_csv.total[j] - o_x.total[j]).abs() <= 1e-12 * o_csv.total[j]);
        assert!((o_csv.indirect[j] - o_x.indirect[j]).abs() <= 1e-12 * o_csv.total[j]);
    }
    // Carpet and textile mills (313TT): a hand-checkable anchor, m > 1 + direct.
    let k = t_x.sector_index("313TT").unwrap();
    assert!(o_x.total[k] > 1.0 + o_x.direct[k]);
    let l = rasmussen_linkages(&m_x, &LinkageParams::default());
    let lc = rasmussen_linkages(&m_csv, &LinkageParams::default());
    for j in 0..71 {
        assert!((l.forward[j] - lc.forward[j]).abs() < 1e-12);
    }
}

#[test]
fn xlsx_default_sheet_and_unknown_sheet() {
    let bytes = data(FIXTURE);
    // The first sheet is the note: not a table.
    let e = parse_io_table(&bytes, "flows.xlsx", &IoTableOptions::default()).unwrap_err();
    assert_eq!(e.code.as_str(), "E_NO_DATA", "{e}");
    assert_eq!(e.location.file.as_deref(), Some("flows.xlsx [Notes]"));
    let e = parse_io_table(
        &bytes,
        "flows.xlsx",
        &IoTableOptions {
            sheet: Some("Nope".into()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(e.code.as_str().starts_with("E_XLSX"), "{e}");
    assert!(
        e.message.contains("Nope") || e.location.sheet.is_some(),
        "{e}"
    );
}

#[test]
fn grid_from_rows_checks_like_csv() {
    let rows = |v: &[&[&str]]| -> Vec<Vec<String>> {
        v.iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect()
    };
    let g = grid_from_rows(
        rows(&[
            &["code", "1", "2", ""],
            &["1", "150", "500"],
            &[],
            &["2", "200", "100"],
        ]),
        "t.xlsx",
    )
    .unwrap();
    assert_eq!(g.header, vec!["code", "1", "2"]);
    assert_eq!(g.rows.len(), 2);
    let e = grid_from_rows(rows(&[&["code", "1"], &["1", "2", "3"]]), "t.xlsx").unwrap_err();
    assert_eq!(e.code.as_str(), "E_RAGGED_ROW");
    assert_eq!(e.location.row, Some(2));
    let e = grid_from_rows(rows(&[&["", ""], &["1", "2"]]), "t.xlsx").unwrap_err();
    assert_eq!(e.code.as_str(), "E_NO_HEADER");
    // A Make/Use pair and a crosswalk from grids: the same table as from CSV bytes.
    let mg = read_grid(
        &data("tests/refcases/data/bea/make_2017_summary_before_redef.csv"),
        "make.csv",
        None,
    )
    .unwrap();
    let ug = read_grid(
        &data("tests/refcases/data/bea/use_2017_summary_pro_before_redef.csv"),
        "use.csv",
        None,
    )
    .unwrap();
    let (t, _) = make_use_from_grids(&mg, &ug).unwrap();
    let (t2, _) = parse_make_use(
        &data("tests/refcases/data/bea/make_2017_summary_before_redef.csv"),
        "make.csv",
        &data("tests/refcases/data/bea/use_2017_summary_pro_before_redef.csv"),
        "use.csv",
    )
    .unwrap();
    assert_eq!(t, t2);
}

#[test]
fn indirect_is_total_minus_direct_as_methods() {
    let r: Value = serde_json::from_str(
        &std::fs::read_to_string(root("tests/refcases/io/bea_2017_summary_ixi.json")).unwrap(),
    )
    .unwrap();
    let (t, _) = parse_make_use(
        &data("tests/refcases/data/bea/make_2017_summary_before_redef.csv"),
        "make.csv",
        &data("tests/refcases/data/bea/use_2017_summary_pro_before_redef.csv"),
        "use.csv",
    )
    .unwrap();
    let m = LeontiefModel::new(&t, &IoParams::default()).unwrap();
    let om = output_multipliers(&m);
    let total = r["output_multipliers_colsum_L"].as_array().unwrap();
    let direct = r["backward_linkage_direct_colsum_A"].as_array().unwrap();
    for j in 0..71 {
        let (tt, d) = (total[j].as_f64().unwrap(), direct[j].as_f64().unwrap());
        assert!((om.indirect[j] - (tt - d)).abs() < 1e-9 * tt, "sector {j}");
        assert!((om.total[j] - om.direct[j] - om.indirect[j]).abs() < 1e-15);
    }
    // Miller & Blair: m_1 = 1.5181518…, direct 0.35: indirect 1.1681518…
    let t = IoTable::from_flows(
        vec!["1".into(), "2".into()],
        vec![150.0, 500.0, 200.0, 100.0],
        vec![1000.0, 2000.0],
        None,
    )
    .unwrap();
    let om = output_multipliers(&LeontiefModel::new(&t, &IoParams::default()).unwrap());
    assert!((om.indirect[0] - 1.1681518151815182).abs() < 1e-12);
}

#[test]
fn cluster_members_use_the_definitions_parser() {
    let bytes = data("data/cluster_definitions_uscmp.csv");
    let (code, name, members) = cluster_industries(&bytes, "uscmp.csv", "42").unwrap();
    assert_eq!(
        (code.as_str(), name.as_str()),
        ("42", "Textile Manufacturing")
    );
    // Expected: the DPS2016 rows of the newest vintage (2017) for cluster 42, read independently.
    let mut rdr = csv::Reader::from_reader(&bytes[..]);
    let h = rdr.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let (ic, vc, cc, sc) = (
        col("naics_code"),
        col("naics_vintage"),
        col("cluster_code"),
        col("definition_set"),
    );
    let mut want: Vec<String> = rdr
        .records()
        .map(|r| r.unwrap())
        .filter(|r| &r[sc] == "DPS2016" && &r[vc] == "2017" && &r[cc] == "42")
        .map(|r| r[ic].to_string())
        .collect();
    want.sort();
    want.dedup();
    let mut got = members.clone();
    got.sort();
    assert_eq!(got, want);
    // By name, case-insensitive; a plain definitions file (no set/vintage columns) keeps all rows.
    let (_, _, by_name) = cluster_industries(&bytes, "uscmp.csv", "textile manufacturing").unwrap();
    assert_eq!(by_name.len(), members.len());
    let e = cluster_industries(&bytes, "uscmp.csv", "Nothing").unwrap_err();
    assert_eq!(e.code.as_str(), "E_UNKNOWN_CLUSTER");
    assert_eq!(e.location.value.as_deref(), Some("Nothing"));
    let e = cluster_industries(b"code,name\n1,x\n", "bad.csv", "1").unwrap_err();
    assert_eq!(e.code.as_str(), "E_MISSING_COLUMN");
}

#[test]
fn regional_multipliers_of_whitfield() {
    let (t, _) = parse_make_use(
        &data("data/bea_2017_summary_make.csv"),
        "make.csv",
        &data("data/bea_2017_summary_use.csv"),
        "use.csv",
    )
    .unwrap();
    let m = LeontiefModel::new(&t, &IoParams::default()).unwrap();
    let (panel, _) = load_panel(
        &data("data/ga_cbp_naics6_2017_2021.csv"),
        "ga6.csv",
        &LoadOptions::default(),
    )
    .unwrap();
    let meas = panel.default_measure();
    let y = panel.year_index(2021).unwrap();
    let reference = Reference::sum_of_regions(&panel, meas, y);
    let cw = parse_crosswalk(
        &data("data/bea_summary_to_naics.csv"),
        "cw.csv",
        &CrosswalkOptions::default(),
    )
    .unwrap();
    let r = panel.region_index("13313").unwrap();
    let mx = panel.matrix(meas, y);
    for method in [RegionalMethod::Slq, RegionalMethod::Flq] {
        let params = RegionalParams { method, delta: 0.3 };
        let rm = region_multipliers(
            &t,
            &m,
            &mx,
            &panel.industries,
            &reference,
            r,
            "13313",
            &cw,
            &params,
        )
        .unwrap();
        // Same numbers as regionalising by hand and factorising again.
        let (emp, _) =
            sector_employment(&t, &mx, &panel.industries, &reference, r, "13313", &cw).unwrap();
        let reg = regionalise(&m.a, &emp, &params).unwrap();
        let by_hand = regional_multipliers(&t.sectors, &reg, &t.x).unwrap();
        for j in 0..t.n {
            assert!((rm.regional[j] - by_hand[j]).abs() < 1e-12 * by_hand[j]);
            assert!(rm.regional[j] >= 1.0 - 1e-12);
            assert!(
                rm.regional[j] <= rm.national[j] + 1e-12,
                "sector {}",
                t.sectors[j]
            );
        }
        let k = t.sector_index("313TT").unwrap();
        // Whitfield is the carpet capital: textile mills' SLQ far above 1.
        assert!(rm.slq[k].unwrap() > 10.0);
        assert_eq!(rm.lambda.is_some(), method == RegionalMethod::Flq);
    }
    let e = region_multipliers(
        &t,
        &m,
        &mx,
        &panel.industries,
        &reference,
        9999,
        "99999",
        &cw,
        &RegionalParams::default(),
    )
    .unwrap_err();
    assert_eq!(e.code.as_str(), "E_UNKNOWN_REGION");
    assert_eq!(e.location.region.as_deref(), Some("99999"));
}
