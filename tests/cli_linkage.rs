#![allow(clippy::unwrap_used, clippy::indexing_slicing)]
//! CLI `io`, `gaps` and `graph` on the shipped data, asserting numbers.

use serde_json::Value;
use std::process::Command;

fn root(p: &str) -> String {
    format!("{}/{p}", env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_agglo"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn json(args: &[&str]) -> Value {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "stderr: {err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn io_make_use_matches_refcase() {
    let v = json(&[
        "io",
        "--make",
        &root("tests/refcases/data/bea/make_2017_summary_before_redef.csv"),
        "--use",
        &root("tests/refcases/data/bea/use_2017_summary_pro_before_redef.csv"),
        "--full",
    ]);
    let r: Value = serde_json::from_str(
        &std::fs::read_to_string(root("tests/refcases/io/bea_2017_summary_ixi.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(v["sectors"], r["industries"]);
    for j in [0usize, 19, 70] {
        let m = v["output_multipliers"]["total"][j].as_f64().unwrap();
        let e = r["output_multipliers_colsum_L"][j].as_f64().unwrap();
        assert!((m - e).abs() < 1e-9 * e, "{m} vs {e}");
        let bl = v["backward_linkage"][j].as_f64().unwrap();
        assert!((bl - r["backward_linkage_total_normalised"][j].as_f64().unwrap()).abs() < 1e-9);
        let fl = v["forward_linkage"][j].as_f64().unwrap();
        assert!(
            (fl - r["forward_linkage_total_normalised_ghosh"][j]
                .as_f64()
                .unwrap())
            .abs()
                < 1e-9
        );
        let l = v["l"][j][j].as_f64().unwrap();
        assert!((l - r["L_ixi"][j][j].as_f64().unwrap()).abs() < 1e-9);
        let a = v["a"][0][j].as_f64().unwrap();
        assert!((a - r["A_ixi"][0][j].as_f64().unwrap()).abs() < 1e-12);
    }
    assert_eq!(v["key_sector"][0], "key"); // Farms: BL 1.24, FL 1.26
    assert_eq!(v["extraction"].as_array().unwrap().len(), 71);
    // Ghosh: row sums of B and G are the refcase's direct and total forward linkages.
    for (key, want) in [
        ("b", "forward_linkage_direct_rowsum_B_ghosh"),
        ("g", "forward_linkage_total_rowsum_G_ghosh"),
    ] {
        for (i, row) in v[key].as_array().unwrap().iter().enumerate() {
            let s: f64 = row
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_f64().unwrap())
                .sum();
            let e = r[want][i].as_f64().unwrap();
            assert!((s - e).abs() <= 1e-9 * e.abs(), "{key} row {i}: {s} vs {e}");
        }
    }
    // Value added per unit of final demand: 1 up to BEA's rounding of the published totals.
    let va = v["value_added_multipliers"]["total"].as_array().unwrap();
    assert_eq!(va.len(), 71);
    assert!(
        va.iter().all(|m| (m.as_f64().unwrap() - 1.0).abs() < 1e-3),
        "{va:?}"
    );
}

#[test]
fn io_flows_csv_without_full_has_no_l() {
    let v = json(&[
        "io",
        "--table",
        &root("data/bea_2017_summary_ixi_flows.csv"),
    ]);
    assert!(v.get("l").is_none());
    assert_eq!(v["a"].as_array().unwrap().len(), 71);
    let m = v["output_multipliers"]["total"][0].as_f64().unwrap();
    assert!((m - 2.3702587).abs() < 1e-5, "{m}");
    let (code, out, _) = run(&[
        "io",
        "--table",
        &root("data/bea_2017_summary_ixi_flows.csv"),
        "--format",
        "csv",
    ]);
    assert_eq!(code, 0);
    assert!(out.starts_with("sector,name,output,output_multiplier"));
    assert_eq!(out.lines().count(), 72);
}

#[test]
fn io_bad_table_is_located_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.csv");
    std::fs::write(&p, "code,A,B\nA,1,2\nB,x,4\n").unwrap();
    let (code, _, err) = run(&["io", "--table", p.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.starts_with("E_NON_NUMERIC:"), "{err}");
    assert!(err.contains("row 3") && err.contains("column 'A'"), "{err}");
    std::fs::write(&p, "code,A,B,Total output\nA,60,50,100\nB,50,10,100\n").unwrap();
    let (code, _, err) = run(&["io", "--table", p.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("E_COLUMN_SUM_TOO_LARGE:") && err.contains("A (1.100000)"),
        "{err}"
    );
}

#[test]
fn gaps_carpet_cluster_whitfield() {
    let args = |method: &str| {
        json(&[
            "gaps",
            "--make",
            &root("data/bea_2017_summary_make.csv"),
            "--use",
            &root("data/bea_2017_summary_use.csv"),
            "--data",
            &root("data/ga_cbp_naics6_2017_2021.csv"),
            "--reference",
            &root("data/us_cbp_naics6_2017_2021.csv"),
            "--crosswalk",
            &root("data/bea_summary_to_naics.csv"),
            "--region",
            "13313",
            "--cluster",
            "42",
            "--method",
            method,
        ])
    };
    let v = args("slq");
    assert_eq!(v["cluster"]["name"], "Textile Manufacturing");
    assert_eq!(v["year"], 2021);
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows[0]["rank"], 1);
    let g0 = rows[0]["gap"].as_f64().unwrap();
    assert!(rows.iter().all(|r| r["gap"].as_f64().unwrap() <= g0));
    // SLQ: a supplier with LQ >= 1 is fully local, so no gap.
    for r in rows {
        if r["regional_lq"].as_f64().is_some_and(|lq| lq >= 1.0) {
            assert!(r["gap"].as_f64().unwrap().abs() < 1e-9, "{r}");
        }
    }
    let total = v["total_requirement"].as_f64().unwrap();
    let sum: f64 = rows
        .iter()
        .map(|r| r["requirement"].as_f64().unwrap())
        .sum();
    assert!((total - sum).abs() < 1e-9 * total);
    let f = args("flq");
    let lambda = f["lambda"].as_f64().unwrap();
    assert!(lambda > 0.0 && lambda < 1.0);
    assert!(f["total_gap"].as_f64().unwrap() >= v["total_gap"].as_f64().unwrap());
    // Same requirements whatever the method.
    assert!((f["total_requirement"].as_f64().unwrap() - total).abs() < 1e-9 * total);
}

#[test]
fn gaps_unknown_cluster_and_region() {
    let base = [
        "gaps".to_string(),
        "--table".into(),
        root("data/bea_2017_summary_ixi_flows.csv"),
        "--data".into(),
        root("data/ga_cbp_naics4_2017_2021.csv"),
        "--crosswalk".into(),
        root("data/bea_summary_to_naics.csv"),
    ];
    let mut a: Vec<String> = base.to_vec();
    a.extend([
        "--region".into(),
        "13313".into(),
        "--cluster".into(),
        "Moon Mining".into(),
    ]);
    let (code, _, err) = run(&a.iter().map(|s| s.as_str()).collect::<Vec<_>>());
    assert_eq!(code, 2);
    assert!(
        err.starts_with("E_UNKNOWN_CLUSTER:") && err.contains("Moon Mining"),
        "{err}"
    );
    let mut a: Vec<String> = base.to_vec();
    a.extend([
        "--region".into(),
        "99999".into(),
        "--industries".into(),
        "3141".into(),
    ]);
    let (code, _, err) = run(&a.iter().map(|s| s.as_str()).collect::<Vec<_>>());
    assert_eq!(code, 2);
    assert!(
        err.starts_with("E_UNKNOWN_REGION:") && err.contains("99999"),
        "{err}"
    );
}

#[test]
fn graph_karate_edge_list() {
    let dir = tempfile::tempdir().unwrap();
    let r: Value = serde_json::from_str(
        &std::fs::read_to_string(root("tests/refcases/graph/karate.json")).unwrap(),
    )
    .unwrap();
    let mut csv = String::from("a,b,w\n");
    for e in r["edges_0based_u_v_w"].as_array().unwrap() {
        csv.push_str(&format!("{},{},{}\n", e[0], e[1], e[2]));
    }
    let p = dir.path().join("karate.csv");
    std::fs::write(&p, csv).unwrap();
    let defs = dir.path().join("defs.csv");
    let v = json(&[
        "graph",
        "--edges",
        p.to_str().unwrap(),
        "--source-col",
        "a",
        "--target-col",
        "b",
        "--weight-col",
        "w",
        "--distance",
        "unweighted",
        "--communities",
        "leiden",
        "--seed",
        "42",
        "--definitions-out",
        defs.to_str().unwrap(),
    ]);
    assert_eq!(v["n_nodes"], 34);
    assert_eq!(v["n_edges"], 78);
    let q = v["modularity"].as_f64().unwrap();
    assert!(
        (0.4266224396 - 1e-9..=0.4449035813 + 1e-9).contains(&q),
        "{q}"
    );
    let node0 = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "0")
        .unwrap();
    assert_eq!(node0["degree"], 16);
    assert_eq!(node0["strength"], 42.0);
    assert!((node0["betweenness"].as_f64().unwrap() - 0.43763528138528146).abs() < 1e-12);
    assert!((node0["closeness"].as_f64().unwrap() - 0.5689655172413793).abs() < 1e-12);
    assert!((node0["pagerank"].as_f64().unwrap() - 0.08850031543766916).abs() < 1e-6);
    let density = r["deterministic"]["density"].as_f64().unwrap();
    assert!((v["density"].as_f64().unwrap() - density).abs() < 1e-15);
    assert_eq!(v["n_components"], 1);
    assert_eq!(
        node0["articulation_point"], true,
        "node 0 holds node 11 (degree 1) to the club"
    );
    assert!(v["bridges"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b[0] == "0" && b[1] == "11"));
    // networkx iterates the eigenvector to an L1 tolerance of n·1e-6, we to n·1e-13.
    let ev = r["deterministic"]["eigenvector_weighted"]
        .as_array()
        .unwrap();
    for n in v["nodes"].as_array().unwrap() {
        let k: usize = n["id"].as_str().unwrap().parse().unwrap();
        let (got, want) = (n["eigenvector"].as_f64().unwrap(), ev[k].as_f64().unwrap());
        assert!(
            (got - want).abs() < 1e-5,
            "eigenvector {k}: {got} vs networkx {want}"
        );
    }
    let text = std::fs::read_to_string(defs).unwrap();
    assert!(text.starts_with("industry_code,cluster_code,cluster_name\n"));
    assert_eq!(text.lines().count(), 35);
}

#[test]
fn graph_unknown_node_and_duplicate_rule() {
    let dir = tempfile::tempdir().unwrap();
    let e = dir.path().join("e.csv");
    let n = dir.path().join("n.csv");
    std::fs::write(&e, "source,target\nA,B\nB,Q\nA,B\n").unwrap();
    std::fs::write(&n, "id,group\nA,x\nB,y\n").unwrap();
    let (code, _, err) = run(&[
        "graph",
        "--edges",
        e.to_str().unwrap(),
        "--nodes",
        n.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("E_UNKNOWN_NODE:") && err.contains("'Q' (line 3)"),
        "{err}"
    );
    let (code, _, err) = run(&[
        "graph",
        "--edges",
        e.to_str().unwrap(),
        "--duplicates",
        "error",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("E_DUPLICATE_EDGE:") && err.contains("row 4"),
        "{err}"
    );
}

#[test]
fn io_xlsx_table_with_sheet_matches_csv() {
    let csv = json(&[
        "io",
        "--table",
        &root("data/bea_2017_summary_ixi_flows.csv"),
    ]);
    let x = json(&[
        "io",
        "--table",
        &root("tests/fixtures/io/bea_2017_summary_flows.xlsx"),
        "--sheet",
        "Flows",
    ]);
    assert_eq!(x["sectors"], csv["sectors"]);
    for j in [0usize, 19, 70] {
        for key in ["total", "direct", "indirect"] {
            let a = x["output_multipliers"][key][j].as_f64().unwrap();
            let b = csv["output_multipliers"][key][j].as_f64().unwrap();
            assert!(
                (a - b).abs() <= 1e-12 * b.abs().max(1.0),
                "{key}[{j}]: {a} vs {b}"
            );
        }
        let t = x["output_multipliers"]["total"][j].as_f64().unwrap();
        let d = x["output_multipliers"]["direct"][j].as_f64().unwrap();
        let i = x["output_multipliers"]["indirect"][j].as_f64().unwrap();
        assert!(
            (t - d - i).abs() < 1e-15,
            "indirect = total − direct (METHODS §5)"
        );
    }
    // Without --sheet the first sheet (a note) is read: a located error.
    let (code, _, err) = run(&[
        "io",
        "--table",
        &root("tests/fixtures/io/bea_2017_summary_flows.xlsx"),
    ]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("E_NO_DATA:") && err.contains("[Notes]"),
        "{err}"
    );
}

#[test]
fn gaps_with_xlsx_table_and_regional_multipliers() {
    let v = json(&[
        "gaps",
        "--table",
        &root("tests/fixtures/io/bea_2017_summary_flows.xlsx"),
        "--table-sheet",
        "Flows",
        "--data",
        &root("data/ga_cbp_naics6_2017_2021.csv"),
        "--crosswalk",
        &root("data/bea_summary_to_naics.csv"),
        "--region",
        "13313",
        "--cluster",
        "Textile Manufacturing",
        "--method",
        "slq",
    ]);
    assert_eq!(v["cluster"]["code"], "42");
    let rm = v["regional_multipliers"].as_array().unwrap();
    assert_eq!(rm.len(), 71);
    for r in rm {
        let (n, g) = (
            r["national"].as_f64().unwrap(),
            r["regional"].as_f64().unwrap(),
        );
        assert!(g >= 1.0 - 1e-12 && g <= n + 1e-12, "{r}");
    }
    let tt = rm.iter().find(|r| r["sector"] == "313TT").unwrap();
    assert!(tt["slq"].as_f64().unwrap() > 10.0);
    assert!(tt["regional_employment"].as_f64().unwrap() > 10_000.0);
}

#[test]
fn graph_communities_become_cluster_definitions() {
    // An industry graph over NAICS-4 codes of the Georgia data: two triangles joined by one edge.
    let dir = tempfile::tempdir().unwrap();
    let e = dir.path().join("industries.csv");
    std::fs::write(
        &e,
        "source,target,weight\n3141,3133,5\n3133,3132,5\n3132,3141,5\n3361,3363,5\n3363,3362,5\n3362,3361,5\n3141,3361,0.1\n",
    )
    .unwrap();
    let defs = dir.path().join("defs.csv");
    let v = json(&[
        "graph",
        "--edges",
        e.to_str().unwrap(),
        "--definitions-out",
        defs.to_str().unwrap(),
    ]);
    assert_eq!(v["n_communities"], 2);
    let text = std::fs::read_to_string(&defs).unwrap();
    assert!(
        text.starts_with("industry_code,cluster_code,cluster_name\n"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 7);
    // The same file is a cluster definition for `agglo clusters`.
    let c = json(&[
        "clusters",
        "--data",
        &root("data/ga_cbp_naics4_2017_2021.csv"),
        "--definitions",
        defs.to_str().unwrap(),
        "--year",
        "2021",
    ]);
    let rows = c["rows"].as_array().unwrap();
    assert!(!rows.is_empty());
    let names: std::collections::BTreeSet<&str> = rows
        .iter()
        .filter_map(|r| r["cluster_name"].as_str())
        .collect();
    assert!(
        names.iter().all(|n| n.starts_with("Community ")),
        "{names:?}"
    );
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn linkage_io_maximum_spanning_tree_has_names_and_n_minus_1_edges() {
    let args = [
        "linkage",
        "io",
        "--make",
        &root("data/bea_2017_summary_make.csv"),
        "--use",
        &root("data/bea_2017_summary_use.csv"),
    ];
    let full = json(&[&args[..], &["--communities", "none"]].concat());
    let tree = json(&[&args[..], &["--backbone", "mst"]].concat());
    assert_eq!(tree["n_nodes"], 71);
    assert_eq!(
        tree["n_edges"], 70,
        "the IO graph of the BEA table is connected"
    );
    let farms = tree["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "111CA")
        .unwrap();
    assert_eq!(farms["name"], "Farms");
    // The tree's total weight is at least that of the 70 heaviest edges forming any tree; a
    // spanning tree's weight never exceeds the sum of the 70 heaviest edges of the graph.
    let weights = |v: &Value| -> Vec<f64> {
        v["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["weight"].as_f64().unwrap())
            .collect()
    };
    let mut all = weights(&full);
    all.sort_by(|a, b| b.total_cmp(a));
    let tree_w: f64 = weights(&tree).iter().sum();
    assert!(tree_w <= all[..70].iter().sum::<f64>() + 1e-12);
    // Every tree edge is an edge of the full graph with the same weight.
    let key = |e: &Value| format!("{}|{}", e["source"], e["target"]);
    let full_edges: std::collections::HashMap<String, f64> = full["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (key(e), e["weight"].as_f64().unwrap()))
        .collect();
    for e in tree["edges"].as_array().unwrap() {
        assert_eq!(full_edges[&key(e)], e["weight"].as_f64().unwrap());
    }
    // Percentile backbone: the edges kept are those at or above the 90th percentile (type 7).
    let p90 = json(
        &[
            &args[..],
            &["--backbone", "percentile:90", "--communities", "none"],
        ]
        .concat(),
    );
    let mut asc = all.clone();
    asc.reverse();
    let h = 0.9 * (asc.len() - 1) as f64;
    let (lo, frac) = (h.floor() as usize, h - h.floor());
    let q = asc[lo] + frac * (asc[(lo + 1).min(asc.len() - 1)] - asc[lo]);
    let kept = weights(&p90);
    assert_eq!(kept.len(), all.iter().filter(|w| **w >= q).count());
    assert!(kept.iter().all(|w| *w >= q));
}

#[test]
fn linkage_relatedness_is_the_proximity_of_lq_at_least_1() {
    let data = root("data/ga_cbp_naics4_2017_2021.csv");
    let v = json(&[
        "linkage",
        "relatedness",
        "--data",
        &data,
        "--year",
        "2021",
        "--min-weight",
        "0.4",
        "--communities",
        "none",
    ]);
    // Independent: proximity from the LQs `agglo lq` prints.
    let lq = json(&["lq", "--data", &data, "--year", "2021"]);
    let mut spec: std::collections::HashMap<String, std::collections::HashSet<String>> =
        std::collections::HashMap::new();
    for r in lq["rows"].as_array().unwrap() {
        if r["lq"].as_f64().is_some_and(|x| x >= 1.0) {
            spec.entry(r["industry"].as_str().unwrap().to_string())
                .or_default()
                .insert(r["region"].as_str().unwrap().to_string());
        }
    }
    let phi = |a: &str, b: &str| -> f64 {
        let (sa, sb) = (
            spec.get(a).cloned().unwrap_or_default(),
            spec.get(b).cloned().unwrap_or_default(),
        );
        let c = sa.intersection(&sb).count() as f64;
        let k = sa.len().max(sb.len()) as f64;
        if k > 0.0 {
            c / k
        } else {
            0.0
        }
    };
    let edges = v["edges"].as_array().unwrap();
    assert!(edges.len() > 100, "{} edges", edges.len());
    for e in edges {
        let (a, b) = (e["source"].as_str().unwrap(), e["target"].as_str().unwrap());
        let w = e["weight"].as_f64().unwrap();
        assert!(
            (w - phi(a, b)).abs() < 1e-12,
            "{a}-{b}: {w} vs {}",
            phi(a, b)
        );
        assert!(w > 0.4);
    }
    // And no pair above the threshold is missing.
    let codes: Vec<&String> = spec.keys().collect();
    let mut expected = 0;
    for i in 0..codes.len() {
        for j in i + 1..codes.len() {
            if phi(codes[i], codes[j]) > 0.4 {
                expected += 1;
            }
        }
    }
    assert_eq!(edges.len(), expected);
    let logging = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "1133")
        .unwrap();
    assert_eq!(logging["name"], "Logging");
    assert!(logging["eigenvector"].as_f64().is_some());
}

#[test]
fn linkage_bad_backbone_is_a_clear_error() {
    let (code, out, err) = run(&[
        "linkage",
        "colocation",
        "--data",
        &root("data/ga_cbp_naics4_2017_2021.csv"),
        "--backbone",
        "percentile:150",
    ]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("E_INVALID_PARAMETER") && err.contains("percentile"),
        "{err}"
    );
    let (code, _, err) = run(&[
        "graph",
        "--edges",
        &root("tests/data/firm_network_edges.csv"),
        "--backbone",
        "top:3",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown backbone 'top:3'"), "{err}");
}

/// An XLSX workbook with a "Notes" sheet first and the CSV's cells on sheet `sheet` (numbers as
/// numbers), as statistical offices publish one sheet per year.
fn workbook_from_csv(csv_path: &str, sheet: &str) -> Vec<u8> {
    let text = std::fs::read_to_string(csv_path).unwrap();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet()
        .set_name("Notes")
        .unwrap()
        .write_string(0, 0, "see the year sheets")
        .unwrap();
    let ws = wb.add_worksheet();
    ws.set_name(sheet).unwrap();
    for (r, rec) in rdr.records().enumerate() {
        for (c, cell) in rec.unwrap().iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell.parse::<f64>() {
                Ok(x) if r > 0 && c > 0 => ws.write_number(r, c, x).unwrap(),
                _ => ws.write_string(r, c, cell).unwrap(),
            };
        }
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn io_xlsx_make_use_sheet_of_the_year() {
    let dir = tempfile::tempdir().unwrap();
    let make = dir.path().join("make.xlsx");
    let use_ = dir.path().join("use.xlsx");
    std::fs::write(
        &make,
        workbook_from_csv(&root("data/bea_2017_summary_make.csv"), "2017"),
    )
    .unwrap();
    std::fs::write(
        &use_,
        workbook_from_csv(&root("data/bea_2017_summary_use.csv"), "2017"),
    )
    .unwrap();
    let want = json(&[
        "io",
        "--make",
        &root("data/bea_2017_summary_make.csv"),
        "--use",
        &root("data/bea_2017_summary_use.csv"),
    ]);
    let got = json(&[
        "io",
        "--make",
        make.to_str().unwrap(),
        "--use",
        use_.to_str().unwrap(),
        "--sheet",
        "2017",
    ]);
    assert_eq!(got["sectors"], want["sectors"]);
    let (g, w) = (
        got["output_multipliers"]["total"].as_array().unwrap(),
        want["output_multipliers"]["total"].as_array().unwrap(),
    );
    assert_eq!(g.len(), 71);
    for (a, b) in g.iter().zip(w) {
        let (a, b) = (a.as_f64().unwrap(), b.as_f64().unwrap());
        assert!((a - b).abs() <= 1e-12 * b.abs(), "{a} vs {b}");
    }
    // Without the sheet the first one (the notes) is read: a located error, not a silent table.
    let (code, _, err) = run(&[
        "io",
        "--make",
        make.to_str().unwrap(),
        "--use",
        use_.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("make.xlsx [Notes]"), "{err}");
    let (code, _, err) = run(&[
        "io",
        "--make",
        make.to_str().unwrap(),
        "--use",
        use_.to_str().unwrap(),
        "--sheet",
        "2018",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("2018"), "{err}");
}

#[test]
fn linkage_coagglomeration_edges_are_the_pairs_of_agglo_concentration() {
    let data = root("data/ga_cbp_naics4_2017_2021.csv");
    let v = json(&[
        "linkage",
        "colocation",
        "--data",
        &data,
        "--year",
        "2021",
        "--measure",
        "coagglomeration",
        "--min-weight",
        "0.02",
        "--communities",
        "none",
    ]);
    let pairs = json(&[
        "concentration",
        "--data",
        &data,
        "--year",
        "2021",
        "--pairs",
        "--industries",
        "3141,3274,4871,3133,3149,3261,2211",
    ]);
    let edge = |a: &str, b: &str| -> Option<f64> {
        v["edges"].as_array().unwrap().iter().find_map(|e| {
            let (s, t) = (e["source"].as_str().unwrap(), e["target"].as_str().unwrap());
            ((s == a && t == b) || (s == b && t == a)).then(|| e["weight"].as_f64().unwrap())
        })
    };
    let mut seen = 0;
    for p in pairs["rows"].as_array().unwrap() {
        let (a, b) = (
            p["industry_a"].as_str().unwrap(),
            p["industry_b"].as_str().unwrap(),
        );
        let g = p["gamma_c"].as_f64().unwrap();
        match edge(a, b) {
            Some(w) => {
                assert!((w - g).abs() <= 1e-12 * g.abs(), "{a}-{b}: {w} vs {g}");
                seen += 1;
            }
            None => assert!(
                g <= 0.02,
                "{a}-{b}: gamma_c {g} above the threshold but no edge"
            ),
        }
    }
    assert!(seen >= 3, "{seen} pairs compared");
}

#[test]
fn linkage_clusters_colocation_is_the_correlation_of_cluster_lqs() {
    let (data, reference) = (
        root("data/ga_cbp_naics6_2017_2021.csv"),
        root("data/us_cbp_naics6_2017_2021.csv"),
    );
    let v = json(&[
        "linkage",
        "colocation",
        "--data",
        &data,
        "--reference",
        &reference,
        "--year",
        "2021",
        "--clusters",
        "--min-weight",
        "0.5",
        "--communities",
        "none",
    ]);
    let cl = json(&[
        "clusters",
        "--data",
        &data,
        "--reference",
        &reference,
        "--year",
        "2021",
    ]);
    // Cluster LQ by (cluster, region) from `agglo clusters`.
    let mut lq: std::collections::HashMap<(String, String), f64> = std::collections::HashMap::new();
    for r in cl["rows"].as_array().unwrap() {
        if let Some(x) = r["lq"].as_f64() {
            lq.insert(
                (
                    r["cluster"].as_str().unwrap().into(),
                    r["region"].as_str().unwrap().into(),
                ),
                x,
            );
        }
    }
    let regions: std::collections::BTreeSet<String> = lq.keys().map(|(_, r)| r.clone()).collect();
    let pearson = |a: &str, b: &str| -> f64 {
        let xy: Vec<(f64, f64)> = regions
            .iter()
            .filter_map(|r| {
                Some((
                    *lq.get(&(a.into(), r.clone()))?,
                    *lq.get(&(b.into(), r.clone()))?,
                ))
            })
            .collect();
        let n = xy.len() as f64;
        let (mx, my) = (
            xy.iter().map(|p| p.0).sum::<f64>() / n,
            xy.iter().map(|p| p.1).sum::<f64>() / n,
        );
        let sxy: f64 = xy.iter().map(|(x, y)| (x - mx) * (y - my)).sum();
        let sxx: f64 = xy.iter().map(|(x, _)| (x - mx).powi(2)).sum();
        let syy: f64 = xy.iter().map(|(_, y)| (y - my).powi(2)).sum();
        sxy / (sxx * syy).sqrt()
    };
    let edges = v["edges"].as_array().unwrap();
    assert!(!edges.is_empty());
    for e in edges {
        let (a, b) = (e["source"].as_str().unwrap(), e["target"].as_str().unwrap());
        let (w, r) = (e["weight"].as_f64().unwrap(), pearson(a, b));
        assert!((w - r).abs() < 1e-9, "{a}-{b}: {w} vs {r}");
        assert!(w > 0.5);
    }
    let textile = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "42")
        .unwrap();
    assert_eq!(textile["name"], "Textile Manufacturing");
}

#[test]
fn gaps_flq_delta_is_the_exponent_of_lambda() {
    let gaps = |delta: &str| {
        json(&[
            "gaps",
            "--make",
            &root("data/bea_2017_summary_make.csv"),
            "--use",
            &root("data/bea_2017_summary_use.csv"),
            "--data",
            &root("data/ga_cbp_naics6_2017_2021.csv"),
            "--reference",
            &root("data/us_cbp_naics6_2017_2021.csv"),
            "--crosswalk",
            &root("data/bea_summary_to_naics.csv"),
            "--region",
            "13313",
            "--cluster",
            "42",
            "--delta",
            delta,
        ])
    };
    let (a, b) = (gaps("0.1"), gaps("0.3"));
    assert_eq!(a["delta"], 0.1);
    let (la, lb) = (a["lambda"].as_f64().unwrap(), b["lambda"].as_f64().unwrap());
    // lambda = [log2(1 + E_r / E_n)]^delta: ln lambda is proportional to delta.
    assert!(la > lb && la < 1.0, "{la} {lb}");
    assert!((la.ln() / lb.ln() - 1.0 / 3.0).abs() < 1e-12, "{la} {lb}");
    // A smaller delta regionalises less: more of the requirement is supplied locally.
    assert!(a["total_local_supply"].as_f64().unwrap() > b["total_local_supply"].as_f64().unwrap());
    assert_eq!(a["total_requirement"], b["total_requirement"]);
}

#[test]
fn graph_resolution_changes_the_communities() {
    let dir = tempfile::tempdir().unwrap();
    let r: Value = serde_json::from_str(
        &std::fs::read_to_string(root("tests/refcases/graph/karate.json")).unwrap(),
    )
    .unwrap();
    let mut csv = String::from("a,b\n");
    for e in r["edges_0based_u_v_w"].as_array().unwrap() {
        csv.push_str(&format!("{},{}\n", e[0], e[1]));
    }
    let p = dir.path().join("karate.csv");
    std::fs::write(&p, csv).unwrap();
    let k = |res: &str| {
        let v = json(&[
            "graph",
            "--edges",
            p.to_str().unwrap(),
            "--resolution",
            res,
            "--communities",
            "leiden",
        ]);
        (
            v["n_communities"].as_u64().unwrap(),
            v["modularity"].as_f64().unwrap(),
        )
    };
    let (low, mid, high) = (k("0.3"), k("1"), k("3"));
    assert!(low.0 < mid.0 && mid.0 < high.0, "{low:?} {mid:?} {high:?}");
    // At resolution 1 the unweighted karate optimum (0.4197896) is reached.
    assert!((mid.1 - 0.4197896).abs() < 1e-6, "{mid:?}");
}

#[test]
fn graph_self_loops_rule() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("loops.csv");
    std::fs::write(&p, "source,target\na,b\nb,b\nb,c\n").unwrap();
    let v = json(&["graph", "--edges", p.to_str().unwrap()]);
    assert_eq!(v["n_edges"], 2);
    assert_eq!(v["warnings"][0]["code"], "W_SELF_LOOP_DROPPED");
    let (code, _, err) = run(&[
        "graph",
        "--edges",
        p.to_str().unwrap(),
        "--self-loops",
        "error",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("E_SELF_LOOP") && err.contains("loops.csv, row 3"),
        "{err}"
    );
}

#[test]
fn io_employment_multipliers_from_national_cbp_through_the_crosswalk() {
    let v = json(&[
        "io",
        "--make",
        &root("data/bea_2017_summary_make.csv"),
        "--use",
        &root("data/bea_2017_summary_use.csv"),
        "--employment-data",
        &root("data/us_cbp_naics6_2017_2021.csv"),
        "--crosswalk",
        &root("data/bea_summary_to_naics.csv"),
        "--year",
        "2021",
        "--full",
    ]);
    let sectors: Vec<&str> = v["sectors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    let j = sectors.iter().position(|s| *s == "313TT").unwrap();
    // Independent: US 2021 employment of the 6-digit textile codes (313xxx, 314xxx) per $M of output.
    let cbp = std::fs::read_to_string(root("data/us_cbp_naics6_2017_2021.csv")).unwrap();
    let mut rdr = csv::Reader::from_reader(cbp.as_bytes());
    let jobs: f64 = rdr
        .records()
        .map(|r| r.unwrap())
        .filter(|r| {
            r[2].trim() == "2021"
                && r[0].len() == 6
                && (r[0].starts_with("313") || r[0].starts_with("314"))
        })
        .filter_map(|r| r[4].parse::<f64>().ok())
        .sum();
    let e = &v["employment_multipliers"];
    let x = v["output"][j].as_f64().unwrap();
    let coef = e["coefficients"][j].as_f64().unwrap();
    assert!(
        (coef * x - jobs).abs() <= 1e-9 * jobs,
        "{} vs {jobs}",
        coef * x
    );
    // Jobs per $M of final demand: sum_i e_i L_ij with the printed L.
    let total: f64 = (0..sectors.len())
        .map(|i| e["coefficients"][i].as_f64().unwrap() * v["l"][i][j].as_f64().unwrap())
        .sum();
    let got = e["total"][j].as_f64().unwrap();
    assert!((got - total).abs() <= 1e-9 * total, "{got} vs {total}");
    assert!((e["type_i"][j].as_f64().unwrap() - total / coef).abs() < 1e-9);
    // Sectors CBP does not cover (farms, government) are named, their type I undefined.
    let farms = sectors.iter().position(|s| *s == "111CA").unwrap();
    assert!(e["type_i"][farms].is_null());
    let w = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == "W_SECTORS_WITHOUT_EMPLOYMENT")
        .unwrap();
    assert!(w["message"].as_str().unwrap().contains("111CA"), "{w}");
}
