#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Input-output model against `tests/refcases/io/` (Miller-Blair; BEA 2017 summary, industry
//! technology), identities, and located errors on ill-posed tables.

use agglo::io_model::*;
use proptest::prelude::*;
use serde_json::Value;

fn refcase(name: &str) -> Value {
    let p = format!("{}/tests/refcases/io/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}
fn vecf(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}
fn matf(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().flat_map(vecf).collect()
}
fn close(a: &[f64], b: &[f64], rel: f64, what: &str) {
    assert_eq!(a.len(), b.len(), "{what}: length");
    for (k, (x, y)) in a.iter().zip(b).enumerate() {
        let tol = rel * y.abs().max(1e-3);
        assert!((x - y).abs() <= tol, "{what}[{k}]: {x} vs {y}");
    }
}
fn data(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn miller_blair() -> LeontiefModel {
    let t = IoTable::from_flows(
        vec!["1".into(), "2".into()],
        vec![150.0, 500.0, 200.0, 100.0],
        vec![1000.0, 2000.0],
        Some(vec![350.0, 1700.0]),
    )
    .unwrap();
    LeontiefModel::new(&t, &IoParams::default()).unwrap()
}

#[test]
fn miller_blair_all_values() {
    let r = refcase("miller_blair_2sector.json");
    let m = miller_blair();
    close(&m.a, &matf(&r["A"]), 1e-12, "A");
    close(&m.inverse(), &matf(&r["L"]), 1e-12, "L");
    close(
        &output_multipliers(&m).total,
        &vecf(&r["output_multipliers_colsum_L"]),
        1e-12,
        "m",
    );
    close(
        &m.solve(&vecf(&r["f_final_demand"])),
        &vecf(&r["x_from_L_f"]),
        1e-12,
        "x = L f",
    );
    let lk = &r["linkages"];
    let g = ghosh(&m);
    close(&g.b, &matf(&lk["B_ghosh_output_coefficients"]), 1e-12, "B");
    close(&g.g, &matf(&lk["G_ghosh_inverse"]), 1e-12, "G");
    let l = rasmussen_linkages(&m, &LinkageParams::default());
    close(
        &l.backward_direct,
        &vecf(&lk["backward_direct_colsum_A"]),
        1e-12,
        "BLd",
    );
    close(
        &l.backward,
        &vecf(&lk["backward_total_normalised_rasmussen"]),
        1e-12,
        "BL",
    );
    close(
        &l.forward_direct,
        &vecf(&lk["forward_direct_rowsum_B"]),
        1e-12,
        "FLd",
    );
    close(
        &l.forward_total,
        &vecf(&lk["forward_total_rowsum_G_ghosh"]),
        1e-12,
        "FLt",
    );
    close(
        &l.forward,
        &vecf(&lk["forward_total_normalised_ghosh"]),
        1e-12,
        "FL",
    );
    let lr = rasmussen_linkages(
        &m,
        &LinkageParams {
            forward: ForwardMethod::LeontiefRow,
        },
    );
    close(
        &lr.forward_total,
        &vecf(&lk["forward_rowsum_L_rasmussen_sensitivity"]),
        1e-12,
        "FL row",
    );
    close(
        &lr.forward,
        &vecf(&lk["forward_rowsum_L_normalised"]),
        1e-12,
        "FL row n",
    );
    assert_eq!(l.key_sector, vec![KeySector::Key, KeySector::Weak]);
}

fn bea() -> (IoTable, LeontiefModel) {
    let (t, _w) = parse_make_use(
        &data("tests/refcases/data/bea/make_2017_summary_before_redef.csv"),
        "make.csv",
        &data("tests/refcases/data/bea/use_2017_summary_pro_before_redef.csv"),
        "use.csv",
    )
    .unwrap();
    let m = LeontiefModel::new(&t, &IoParams::default()).unwrap();
    (t, m)
}

#[test]
fn bea_make_use_industry_technology() {
    let r = refcase("bea_2017_summary_ixi.json");
    let (t, m) = bea();
    let inds: Vec<String> = r["industries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    assert_eq!(t.sectors, inds);
    close(&t.x, &vecf(&r["g_industry_output"]), 1e-12, "g");
    close(&m.a, &matf(&r["A_ixi"]), 1e-9, "A");
    close(&m.inverse(), &matf(&r["L_ixi"]), 1e-9, "L");
    let om = output_multipliers(&m);
    close(
        &om.total,
        &vecf(&r["output_multipliers_colsum_L"]),
        1e-9,
        "multipliers",
    );
    close(
        &om.direct,
        &vecf(&r["backward_linkage_direct_colsum_A"]),
        1e-9,
        "direct",
    );
    let l = rasmussen_linkages(&m, &LinkageParams::default());
    close(
        &l.backward,
        &vecf(&r["backward_linkage_total_normalised"]),
        1e-9,
        "BL",
    );
    close(
        &l.forward_direct,
        &vecf(&r["forward_linkage_direct_rowsum_B_ghosh"]),
        1e-9,
        "FLd",
    );
    close(
        &l.forward_total,
        &vecf(&r["forward_linkage_total_rowsum_G_ghosh"]),
        1e-9,
        "FLt",
    );
    close(
        &l.forward,
        &vecf(&r["forward_linkage_total_normalised_ghosh"]),
        1e-9,
        "FL",
    );
    let lr = rasmussen_linkages(
        &m,
        &LinkageParams {
            forward: ForwardMethod::LeontiefRow,
        },
    );
    close(
        &lr.forward,
        &vecf(&r["forward_rowsum_L_normalised"]),
        1e-9,
        "FL row",
    );
    // Final demand by industry D f and x = L D f.
    close(
        &t.final_demand,
        &vecf(&r["final_demand_by_industry_D_f"]),
        1e-6,
        "D f",
    );
    close(
        &m.solve(&vecf(&r["final_demand_by_industry_D_f"])),
        &vecf(&r["x_from_L_times_Df"]),
        1e-9,
        "x = L D f",
    );
    // Value added per unit of output v = VA / g and per unit of final demand v L. VA is the Use
    // table's published "Total Value Added" row; the refcase (pymrio) derives it from the balanced
    // columns instead, which differ by BEA's rounding (±1 $M), so the exact check uses the peer's
    // L with the published row, and the refcase's v L agrees to that rounding.
    let va = value_added_multipliers(&m, t.value_added.as_ref().expect("value added row")).unwrap();
    let use_csv = String::from_utf8(data(
        "tests/refcases/data/bea/use_2017_summary_pro_before_redef.csv",
    ))
    .unwrap();
    let header: Vec<&str> = use_csv.lines().next().unwrap().split(',').collect();
    let va_line: Vec<&str> = use_csv
        .lines()
        .find(|l| l.starts_with("Total Value Added"))
        .unwrap()
        .split(',')
        .collect();
    let published: Vec<f64> = inds
        .iter()
        .map(|code| {
            let c = header
                .iter()
                .position(|h| h.trim_matches('"') == code)
                .unwrap();
            va_line[c].parse().unwrap()
        })
        .collect();
    let g = vecf(&r["g_industry_output"]);
    let v: Vec<f64> = published.iter().zip(&g).map(|(a, x)| a / x).collect();
    close(&va.coefficients, &v, 1e-12, "v");
    let l_ref = matf(&r["L_ixi"]);
    let n = inds.len();
    let v_l: Vec<f64> = (0..n)
        .map(|j| (0..n).map(|i| v[i] * l_ref[i * n + j]).sum())
        .collect();
    close(&va.total, &v_l, 1e-9, "v L");
    close(
        &va.total,
        &vecf(&r["value_added_multipliers_type_I_vL"]),
        1e-4,
        "v L (refcase)",
    );
    assert!(va.type_i.iter().all(|m| m.is_some_and(|m| m >= 1.0)));
    // The negative flows in the real table are reported, not hidden.
    assert!(m.warnings.iter().any(|w| w.code == "W_NEGATIVE_FLOW"));
}

#[test]
fn bea_flows_csv_matches_make_use() {
    let (t, _w) = parse_io_table(
        &data("data/bea_2017_summary_ixi_flows.csv"),
        "flows.csv",
        &IoTableOptions::default(),
    )
    .unwrap();
    assert_eq!(t.n, 71);
    assert_eq!(t.output_source, "total_row");
    let m = LeontiefModel::new(&t, &IoParams::default()).unwrap();
    let r = refcase("bea_2017_summary_ixi.json");
    // The derived CSV is rounded to $1,000: agree to rounding.
    let a = matf(&r["A_ixi"]);
    for (x, y) in m.a.iter().zip(&a) {
        assert!((x - y).abs() < 1e-6, "{x} vs {y}");
    }
}

#[test]
fn bea_data_folder_make_use_with_names() {
    let (t, _w) = parse_make_use(
        &data("data/bea_2017_summary_make.csv"),
        "make.csv",
        &data("data/bea_2017_summary_use.csv"),
        "use.csv",
    )
    .unwrap();
    assert_eq!(t.names[0], "Farms");
    assert_eq!(t.final_demand_columns.len(), 20);
    let (_, m) = bea();
    let m2 = LeontiefModel::new(&t, &IoParams::default()).unwrap();
    close(&m2.a, &m.a, 1e-12, "same A from both copies");
}

#[test]
fn extraction_equals_resolve_without_column() {
    let (t, m) = bea();
    let ext = hypothetical_extraction(&m, Some(&[0, 19, 40])).unwrap();
    let n = t.n;
    let f: Vec<f64> = (0..n)
        .map(|i| t.x[i] - (0..n).map(|j| m.a[i * n + j] * t.x[j]).sum::<f64>())
        .collect();
    for (e, j) in ext.iter().zip([0usize, 19, 40]) {
        let mut a2 = m.a.clone();
        for i in 0..n {
            a2[i * n + j] = 0.0;
        }
        let m2 = LeontiefModel::from_coefficients(
            t.sectors.clone(),
            a2,
            t.x.clone(),
            &IoParams::default(),
            vec![],
        )
        .unwrap();
        let xb = m2.solve(&f);
        let direct: f64 = t.x.iter().sum::<f64>() - xb.iter().sum::<f64>();
        assert!(
            (e.total_linkage - direct).abs() <= 1e-9 * direct.abs(),
            "{} vs {direct}",
            e.total_linkage
        );
    }
}

#[test]
fn employment_multipliers_type_i() {
    let m = miller_blair();
    let e = employment_multipliers(&m, &[100.0, 0.0]).unwrap();
    // e = (0.1, 0); total_j = 0.1 L_1j; type I_1 = L_11.
    assert!((e.type_i[0].unwrap() - 1.254125412541254).abs() < 1e-12);
    assert_eq!(e.type_i[1], None);
    let err = employment_multipliers(&m, &[1.0, -2.0]).unwrap_err();
    assert_eq!(err.code_str(), "E_NEGATIVE_VALUE");
    assert_eq!(err.location.industry.as_deref(), Some("2"));
}

#[test]
fn regionalise_flq_by_hand() {
    let emp = SectorEmployment {
        regional: vec![10.0, 30.0],
        national: vec![500.0, 500.0],
        region_total: 40.0,
        nation_total: 1000.0,
    };
    let r = regionalise(&[0.15, 0.25, 0.2, 0.05], &emp, &RegionalParams::default()).unwrap();
    let lambda = (1.0f64 + 0.04).log2().powf(0.3);
    assert!((r.lambda.unwrap() - lambda).abs() < 1e-15);
    let (s1, s2) = (0.5, 1.5);
    let exp = [
        0.15 * (s1 * lambda).min(1.0),
        0.25 * (s1 / s2 * lambda).min(1.0),
        0.2 * (s2 / s1 * lambda).min(1.0),
        0.05 * (s2 * lambda).min(1.0),
    ];
    close(&r.a, &exp, 1e-14, "FLQ");
    let bad = regionalise(
        &[0.1; 4],
        &emp,
        &RegionalParams {
            delta: 1.5,
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(bad.code_str(), "E_INVALID_PARAMETER");
    let m = regional_multipliers(&["1".into(), "2".into()], &r, &[1000.0, 2000.0]).unwrap();
    assert!(m[0] < 1.5181518 && m[0] > 1.0);
}

#[test]
fn supplier_gaps_carpet_whitfield() {
    use agglo::ingest::{load_panel, LoadOptions};
    use agglo::panel::Reference;
    let (t, m) = bea();
    let (panel, _) = load_panel(
        &data("data/ga_cbp_naics6_2017_2021.csv"),
        "ga6.csv",
        &LoadOptions::default(),
    )
    .unwrap();
    let (usp, _) = load_panel(
        &data("data/us_cbp_naics6_2017_2021.csv"),
        "us6.csv",
        &LoadOptions {
            reference: true,
            ..Default::default()
        },
    )
    .unwrap();
    let meas = panel.default_measure();
    let y = panel.year_index(2021).unwrap();
    let (reference, _) = Reference::from_table(&usp, "us6.csv", &panel, meas, y).unwrap();
    let cw = parse_crosswalk(
        &data("data/bea_summary_to_naics.csv"),
        "cw.csv",
        &CrosswalkOptions::default(),
    )
    .unwrap();
    let (code, name, members) = cluster_industries(
        &data("data/cluster_definitions_uscmp.csv"),
        "defs.csv",
        "Textile Manufacturing",
    )
    .unwrap();
    assert_eq!(code, "42");
    assert_eq!(name, "Textile Manufacturing");
    assert!(members.contains(&"314110".to_string()));
    let r = panel.region_index("13313").unwrap();
    let res = supplier_gaps_for_region(
        &t,
        &m,
        &panel.matrix(meas, y),
        &panel.industries,
        &reference,
        r,
        "13313",
        &cw,
        &members,
        &RegionalParams::default(),
    )
    .unwrap();
    let g = &res.gaps;
    assert!(res.cluster_industries.contains(&"314110".to_string()));
    // Textile mills (313TT) is the cluster's IO sector and Whitfield's specialisation.
    let k = t.sector_index("313TT").unwrap();
    assert!(res.cluster_employment[k] > 10_000.0);
    assert!(g.rows.len() > 20);
    for w in g.rows.windows(2) {
        assert!(w[0].gap >= w[1].gap);
    }
    for row in &g.rows {
        assert!(row.local_share >= 0.0 && row.local_share <= 1.0 + 1e-12);
        assert!(
            (row.requirement - row.local_supply - row.gap).abs() < 1e-9 * row.requirement.max(1.0)
        );
    }
    assert!((g.total_gap - (g.total_requirement - g.total_local_supply)).abs() < 1e-6);
    // Requirement from textile mills: a_ii X_i, by hand.
    let n = t.n;
    let req313: f64 = (0..n).map(|j| m.a[k * n + j] * g.cluster_output[j]).sum();
    let row = g.rows.iter().find(|r| r.sector == "313TT").unwrap();
    assert!((row.requirement - req313).abs() < 1e-9 * req313);
    assert!(row.regional_lq.unwrap() > 10.0);
}

// ---- bad input: located errors ----

fn csv_err(s: &str) -> agglo::Error {
    parse_io_table(s.as_bytes(), "t.csv", &IoTableOptions::default()).unwrap_err()
}

#[test]
fn not_square_is_located() {
    let e = csv_err("code,A,B\nA,1,2\nB,3,4\nC,5,6\n");
    // C is neither a column nor a recognised extra row.
    assert_eq!(e.code_str(), "E_LABEL_MISMATCH");
    assert_eq!(e.location.industry.as_deref(), Some("C"));
    assert_eq!(e.location.row, Some(4));
}

#[test]
fn mismatched_labels_are_located() {
    let e = csv_err("code,A,C,B\nA,1,2,0\nB,3,4,0\nC,1,1,1\n");
    assert_eq!(e.code_str(), "E_LABEL_MISMATCH");
    assert_eq!(e.location.column.as_deref(), Some("C"));
    assert_eq!(e.location.industry.as_deref(), Some("B"));
    let e = csv_err("code,A,B\nA,1,x\nB,3,4\n");
    assert_eq!(e.code_str(), "E_NON_NUMERIC");
    assert_eq!(e.location.column.as_deref(), Some("B"));
    assert_eq!(e.location.row, Some(2));
}

#[test]
fn non_square_counts() {
    // Two sector rows, but the second sector column is missing.
    let e = csv_err("code,A\nA,1\nB,2\n");
    assert_eq!(e.code_str(), "E_LABEL_MISMATCH");
    assert_eq!(e.location.industry.as_deref(), Some("B"));
    let e = IoTable::from_flows(
        vec!["a".into(), "b".into()],
        vec![1.0; 3],
        vec![1.0; 2],
        None,
    )
    .unwrap_err();
    assert_eq!(e.code_str(), "E_NOT_SQUARE");
}

#[test]
fn ill_posed_tables_name_sectors() {
    let p = IoParams::default();
    let t = IoTable::from_flows(
        vec!["steel".into(), "coal".into()],
        vec![5.0, 1.0, 6.0, 1.0],
        vec![10.0, 10.0],
        None,
    )
    .unwrap();
    let e = LeontiefModel::new(&t, &p).unwrap_err();
    assert_eq!(e.code_str(), "E_COLUMN_SUM_TOO_LARGE");
    assert!(e.message.contains("steel (1.1"), "{}", e.message);
    assert_eq!(e.location.industry.as_deref(), Some("steel (1.100000)"));
    let t = IoTable::from_flows(
        vec!["a".into(), "b".into()],
        vec![1.0, 0.0, 0.0, 1.0],
        vec![10.0, 0.0],
        None,
    )
    .unwrap();
    let e = LeontiefModel::new(&t, &p).unwrap_err();
    assert_eq!(e.code_str(), "E_ZERO_OUTPUT");
    assert!(e.message.contains("b (0)"));
    let t = IoTable::from_flows(
        vec!["a".into(), "b".into()],
        vec![1.0, -2.0, 0.0, 1.0],
        vec![10.0, 10.0],
        None,
    )
    .unwrap();
    let e = LeontiefModel::new(
        &t,
        &IoParams {
            negative_flows: NegativeFlowRule::Error,
            ..p
        },
    )
    .unwrap_err();
    assert_eq!(e.code_str(), "E_NEGATIVE_FLOW");
    assert!(e.message.contains("a → b (-2)"));
    let ok = LeontiefModel::new(&t, &p).unwrap();
    assert_eq!(ok.warnings[0].code, "W_NEGATIVE_FLOW");
    // Singular with column sums < 1: negative coefficients make I − A singular.
    let a = vec![0.5, -0.5, -0.5, 0.5 + 0.0];
    let e = LeontiefModel::from_coefficients(
        vec!["p".into(), "q".into()],
        a,
        vec![1.0, 1.0],
        &p,
        vec![],
    )
    .unwrap_err();
    assert_eq!(e.code_str(), "E_SINGULAR_MATRIX");
    assert_eq!(e.location.industry.as_deref(), Some("q"));
}

#[test]
fn make_use_label_mismatch() {
    let make = "code,c1,c2,Total Industry Output\ni1,10,0,10\ni2,0,20,20\n";
    let use_ = "code,i1,iX,F010\nc1,1,2,7\nc2,2,3,15\n";
    let e = parse_make_use(make.as_bytes(), "make.csv", use_.as_bytes(), "use.csv").unwrap_err();
    assert_eq!(e.code_str(), "E_LABEL_MISMATCH");
    assert_eq!(e.location.industry.as_deref(), Some("i2"));
    assert_eq!(e.location.file.as_deref(), Some("use.csv"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    /// L (I − A) = I and x = L f for random productive tables.
    #[test]
    fn leontief_identities(n in 1usize..9, seed in proptest::collection::vec(0.0f64..1.0, 81), f in proptest::collection::vec(0.0f64..100.0, 9)) {
        let mut a = vec![0.0; n * n];
        for j in 0..n {
            let s: f64 = (0..n).map(|i| seed[i * 9 + j]).sum::<f64>() + 1e-9;
            for i in 0..n { a[i * n + j] = 0.9 * seed[i * 9 + j] / s * seed[j]; }
        }
        let m = LeontiefModel::from_coefficients((0..n).map(|i| i.to_string()).collect(), a.clone(), vec![1.0; n], &IoParams::default(), vec![]).unwrap();
        let l = m.inverse();
        for i in 0..n { for j in 0..n {
            let v: f64 = (0..n).map(|k| l[i * n + k] * (if k == j { 1.0 } else { 0.0 } - a[k * n + j])).sum();
            let e = if i == j { 1.0 } else { 0.0 };
            prop_assert!((v - e).abs() < 1e-10);
        }}
        let f = &f[..n];
        let x = m.solve(f);
        // (I − A) x = f
        for i in 0..n {
            let r = x[i] - (0..n).map(|j| a[i * n + j] * x[j]).sum::<f64>();
            prop_assert!((r - f[i]).abs() < 1e-9 * (1.0 + f[i].abs()));
        }
        let lk = rasmussen_linkages(&m, &LinkageParams::default());
        let mean: f64 = lk.backward.iter().sum::<f64>() / n as f64;
        prop_assert!((mean - 1.0).abs() < 1e-12);
    }
}

#[test]
fn table_with_final_demand_total_and_employment_rows() {
    let csv = "sector,name,1,2,Households,Exports,Total output\n\
               1,Agriculture,150,500,300,50,1000\n\
               2,Manufacturing,200,100,1200,500,2000\n\
               Value added,,650,1400,,,\n\
               Employment,,100,50,,,\n";
    let (t, w) = parse_io_table(csv.as_bytes(), "mb.csv", &IoTableOptions::default()).unwrap();
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(t.names, vec!["Agriculture", "Manufacturing"]);
    assert_eq!(t.final_demand, vec![350.0, 1700.0]);
    assert_eq!(t.final_demand_columns, vec!["Households", "Exports"]);
    assert_eq!(t.x, vec![1000.0, 2000.0]);
    assert_eq!(t.output_source, "total_column");
    assert_eq!(t.value_added, Some(vec![650.0, 1400.0]));
    let m = LeontiefModel::new(&t, &IoParams::default()).unwrap();
    let x = m.solve(&t.final_demand);
    assert!((x[0] - 1000.0).abs() < 1e-9 && (x[1] - 2000.0).abs() < 1e-9);
    let e = employment_multipliers(&m, t.employment.as_ref().unwrap()).unwrap();
    // e = (0.1, 0.025); type I_1 = (0.1 L11 + 0.025 L21) / 0.1
    let l = m.inverse();
    assert!((e.type_i[0].unwrap() - (0.1 * l[0] + 0.025 * l[2]) / 0.1).abs() < 1e-12);
    // Without a total, x = Z 1 + f.
    let csv2 = "sector,1,2,f\n1,150,500,350\n2,200,100,1700\n";
    let (t2, _) = parse_io_table(csv2.as_bytes(), "mb2.csv", &IoTableOptions::default()).unwrap();
    assert_eq!(t2.x, vec![1000.0, 2000.0]);
    assert_eq!(t2.output_source, "row_sums_plus_final_demand");
}
