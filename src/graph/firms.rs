//! The firm-network report: structure, brokers, communities and brokerage roles in one call.

use super::betweenness::{betweenness, BetweennessParams};
use super::brokerage::{gould_fernandez, BrokerageRoles};
use super::community_core::{Communities, CommunityParams};
use super::components::{bridges_and_articulation_points, connected_components};
use super::degree::degrees;
use super::network::Graph;
use crate::error::Result;
use serde::{Deserialize, Serialize};

/// Which community algorithm.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommunityMethod {
    #[default]
    Louvain,
    Leiden,
}

/// Firm-network parameters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FirmNetworkParams {
    pub method: CommunityMethod,
    pub communities: CommunityParams,
    pub betweenness: BetweennessParams,
}

/// One firm.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FirmNode {
    pub id: String,
    pub degree: usize,
    pub strength: f64,
    pub betweenness: f64,
    pub component: usize,
    pub community: Option<usize>,
    pub articulation_point: bool,
    pub brokerage: Option<BrokerageRoles>,
}

/// The report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FirmNetworkReport {
    pub n_nodes: usize,
    pub n_edges: usize,
    pub directed: bool,
    /// `m / (n(n−1))` directed, `2m / (n(n−1))` undirected.
    pub density: f64,
    pub n_components: usize,
    pub component_sizes: Vec<usize>,
    pub bridges: Vec<(String, String)>,
    pub modularity: Option<f64>,
    pub n_communities: Option<usize>,
    pub nodes: Vec<FirmNode>,
}

/// Density, components, degree, betweenness (brokers), bridges and articulation points,
/// communities and — when `groups` is given — Gould-Fernandez roles.
///
/// `progress(done, total)` spans the whole job (betweenness dominates); `false` cancels.
///
/// # Errors
/// `E_CANCELLED`; `E_INVALID_PARAMETER` from the parameters.
///
/// # Complexity
/// Dominated by exact betweenness, O(nm).
pub fn firm_network_report(
    g: &Graph,
    groups: Option<&[String]>,
    params: &FirmNetworkParams,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<FirmNetworkReport> {
    let n = g.n();
    let total = 2 * n + 10;
    let d = degrees(g);
    let comps = connected_components(g);
    let cuts = bridges_and_articulation_points(g);
    let communities: Option<Communities> = if g.m() > 0 {
        let c = match params.method {
            CommunityMethod::Louvain => {
                super::louvain::louvain(g, &params.communities, &mut |_, _| progress(0, total))?
            }
            CommunityMethod::Leiden => {
                super::leiden::leiden(g, &params.communities, &mut |_, _| progress(0, total))?
            }
        };
        Some(c)
    } else {
        None
    };
    let bt = betweenness(g, &params.betweenness, &mut |k, _| progress(k, total))?;
    let roles = match groups {
        Some(gr) => Some(gould_fernandez(g, gr, &mut |k, _| progress(n + k, total))?),
        None => None,
    };
    let mut is_ap = vec![false; n];
    for a in &cuts.articulation_points {
        if let Some(x) = is_ap.get_mut(*a) {
            *x = true;
        }
    }
    let density = g.density();
    let id = |i: usize| g.ids.get(i).cloned().unwrap_or_default();
    let nodes = (0..n)
        .map(|i| FirmNode {
            id: id(i),
            degree: d.degree.get(i).copied().unwrap_or(0),
            strength: d.strength.get(i).copied().unwrap_or(0.0),
            betweenness: bt.get(i).copied().unwrap_or(0.0),
            component: comps.membership.get(i).copied().unwrap_or(0),
            community: communities
                .as_ref()
                .and_then(|c| c.membership.get(i).copied()),
            articulation_point: is_ap.get(i).copied().unwrap_or(false),
            brokerage: roles.as_ref().and_then(|r| r.get(i).cloned()),
        })
        .collect();
    let _ = progress(total, total);
    Ok(FirmNetworkReport {
        n_nodes: n,
        n_edges: g.m(),
        directed: g.directed,
        density,
        n_components: comps.sizes.len(),
        component_sizes: comps.sizes,
        bridges: cuts.bridges.iter().map(|(a, b)| (id(*a), id(*b))).collect(),
        modularity: communities.as_ref().map(|c| c.modularity),
        n_communities: communities.as_ref().map(|c| c.n_communities),
        nodes,
    })
}
