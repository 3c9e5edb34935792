#![allow(clippy::unwrap_used, clippy::indexing_slicing)]
//! Firm networks: edge-list rules, node table checks, structure, brokerage, against the
//! networkx fixture made by `scripts/fixtures/graph_firms.py`.

mod common_graph;
use agglo::graph::*;
use common_graph::close;
use serde_json::Value;

fn fx(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/graph/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}
fn expected() -> Value {
    serde_json::from_slice(&fx("firms_networkx.json")).unwrap()
}
fn vecf(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

fn load(directed: bool) -> (Graph, NodeTable, Vec<agglo::Warning>) {
    let (el, mut w) = parse_edge_list(
        &fx("firms_edges.csv"),
        "firms_edges.csv",
        &EdgeListOptions {
            directed,
            ..Default::default()
        },
    )
    .unwrap();
    let nt = parse_node_table(
        &fx("firms_nodes.csv"),
        "firms_nodes.csv",
        &NodeTableOptions::default(),
    )
    .unwrap();
    let (g, w2) = firm_graph(&el, Some(&nt)).unwrap();
    w.extend(w2);
    (g, nt, w)
}

#[test]
fn directed_firm_network_matches_networkx() {
    let e = expected();
    let (g, nt, w) = load(true);
    assert_eq!(g.ids, nt.ids);
    assert_eq!(g.m() as u64, e["n_edges_directed"].as_u64().unwrap());
    let loop_w = w.iter().find(|w| w.code == "W_SELF_LOOP_DROPPED").unwrap();
    let text = String::from_utf8(fx("firms_edges.csv")).unwrap();
    let loops: Vec<u64> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| {
            let f: Vec<&str> = l.split(',').collect();
            f[0] == f[1]
        })
        .map(|(k, _)| k as u64 + 1)
        .collect();
    assert_eq!(loop_w.location.row, Some(loops[0]));
    assert!(
        loop_w
            .message
            .contains(&format!("{} self-loop(s)", loops.len()))
            && loop_w.message.contains("169")
    );
    assert!(w.iter().any(|w| w.code == "W_DUPLICATE_EDGE_MERGED"));
    let p = FirmNetworkParams {
        betweenness: BetweennessParams {
            distance: DistanceRule::Unweighted,
            normalized: true,
        },
        ..Default::default()
    };
    let r = firm_network_report(&g, nt.group.as_deref(), &p, &mut |_, _| true).unwrap();
    assert!((r.density - e["density_directed"].as_f64().unwrap()).abs() < 1e-15);
    assert_eq!(
        r.n_components as u64,
        e["n_weak_components"].as_u64().unwrap()
    );
    let bt: Vec<f64> = r.nodes.iter().map(|n| n.betweenness).collect();
    close(
        &bt,
        &vecf(&e["betweenness_directed_unweighted_normalized"]),
        1e-12,
        "betweenness",
    );
    for (node, exp) in r
        .nodes
        .iter()
        .zip(e["brokerage_directed"].as_array().unwrap())
    {
        let b = node.brokerage.as_ref().unwrap();
        for (k, v) in [
            ("coordinator", b.coordinator),
            ("gatekeeper", b.gatekeeper),
            ("representative", b.representative),
            ("consultant", b.consultant),
            ("liaison", b.liaison),
        ] {
            assert_eq!(v, exp[k].as_u64().unwrap(), "{} {k}", node.id);
        }
    }
    assert!(r
        .nodes
        .iter()
        .any(|n| n.brokerage.as_ref().unwrap().total > 0));
}

#[test]
fn undirected_structure_matches_networkx() {
    let e = &expected()["undirected"];
    let (g, _nt, _) = load(true);
    let u = g.to_undirected();
    assert_eq!(u.m() as u64, e["n_edges"].as_u64().unwrap());
    let c = bridges_and_articulation_points(&u);
    let br: Vec<Vec<usize>> = c.bridges.iter().map(|(a, b)| vec![*a, *b]).collect();
    let exp_br: Vec<Vec<usize>> = serde_json::from_value(e["bridges"].clone()).unwrap();
    assert_eq!(br, exp_br);
    let exp_ap: Vec<usize> = serde_json::from_value(e["articulation_points"].clone()).unwrap();
    assert_eq!(c.articulation_points, exp_ap);
    let exp_sizes: Vec<usize> = serde_json::from_value(e["component_sizes"].clone()).unwrap();
    assert_eq!(connected_components(&u).sizes, exp_sizes);
    let bt = betweenness(
        &u,
        &BetweennessParams {
            distance: DistanceRule::Unweighted,
            normalized: true,
        },
        &mut |_, _| true,
    )
    .unwrap();
    close(
        &bt,
        &vecf(&e["betweenness_unweighted_normalized"]),
        1e-12,
        "undirected betweenness",
    );
}

#[test]
fn edge_list_rules_are_located() {
    let err = parse_edge_list(
        b"source,target\na,b\nb,a\n",
        "e.csv",
        &EdgeListOptions {
            duplicates: DuplicateRule::Error,
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(err.code_str(), "E_DUPLICATE_EDGE");
    assert_eq!(err.location.row, Some(3));
    // Directed: b → a is not a duplicate of a → b.
    let (el, w) = parse_edge_list(
        b"source,target\na,b\nb,a\n",
        "e.csv",
        &EdgeListOptions {
            directed: true,
            duplicates: DuplicateRule::Error,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(el.edges.len(), 2);
    assert!(w.is_empty());
    let err = parse_edge_list(
        b"from,to\na,b\nc,c\n",
        "e.csv",
        &EdgeListOptions {
            self_loops: SelfLoopRule::Error,
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(err.code_str(), "E_SELF_LOOP");
    assert_eq!(err.location.row, Some(3));
    assert_eq!(err.location.value.as_deref(), Some("c"));
    let (el, _) = parse_edge_list(
        b"src,dst,weight\na,b,2\nb,a,3\na,b,1\n",
        "e.csv",
        &EdgeListOptions {
            duplicates: DuplicateRule::Max,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(el.edges, vec![(0, 1, 3.0)]);
    let err = parse_edge_list(
        b"source,target,weight\na,b,heavy\n",
        "e.csv",
        &EdgeListOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        (
            err.code_str(),
            err.location.row,
            err.location.column.as_deref()
        ),
        ("E_NON_NUMERIC", Some(2), Some("weight"))
    );
    let err = parse_edge_list(
        b"source,target,weight\na,b,-1\n",
        "e.csv",
        &EdgeListOptions::default(),
    )
    .unwrap_err();
    assert_eq!(err.code_str(), "E_INVALID_PARAMETER");
}

#[test]
fn unknown_and_duplicate_node_ids_are_located() {
    let (el, _) = parse_edge_list(
        b"source,target\na,b\nb,zz\n",
        "e.csv",
        &EdgeListOptions::default(),
    )
    .unwrap();
    let nt = parse_node_table(
        b"id,group\na,x\nb,y\n",
        "n.csv",
        &NodeTableOptions::default(),
    )
    .unwrap();
    let err = firm_graph(&el, Some(&nt)).unwrap_err();
    assert_eq!(err.code_str(), "E_UNKNOWN_NODE");
    assert_eq!(err.location.row, Some(3));
    assert!(err.message.contains("'zz' (line 3)"));
    assert_eq!(
        err.location.file.as_deref(),
        Some("e.csv"),
        "the edge list is named"
    );
    let err = parse_node_table(
        b"id,group\na,x\na,y\n",
        "n.csv",
        &NodeTableOptions::default(),
    )
    .unwrap_err();
    assert_eq!(err.code_str(), "E_DUPLICATE_ID");
    assert_eq!(err.location.row, Some(3));
    let err = Graph::new(
        vec!["a".into(), "b".into()],
        vec![(0, 1, 1.0), (1, 0, 1.0)],
        false,
    )
    .unwrap_err();
    assert_eq!(
        (err.code_str(), err.location.row),
        ("E_DUPLICATE_EDGE", Some(2))
    );
}

#[test]
fn large_graph_report_is_cancellable() {
    let (g, nt, _) = load(false);
    let mut calls = 0;
    let r = firm_network_report(
        &g,
        nt.group.as_deref(),
        &FirmNetworkParams::default(),
        &mut |_, _| {
            calls += 1;
            calls < 2
        },
    );
    assert_eq!(r.unwrap_err().code_str(), "E_CANCELLED");
}
