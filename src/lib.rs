//! # Agglo — regional industry-cluster analysis
//!
//! A pure-Rust core compiled natively (the `agglo` CLI) and to WebAssembly (the browser page and the
//! npm module). Data flows one way: file bytes → [`ingest`] (validated, located errors) →
//! [`panel::Panel`] → a method → result rows.
//!
//! ## Catalogue
//! * [`indicators::location_quotient`] — location quotient (Isard 1960; REAT `locq`).
//! * [`indicators::cagr`] — compound annual growth rate.
//! * [`io_model::parse_io_table`] / [`io_model::parse_make_use`] — IO tables from CSV; Make/Use → industry × industry under the industry-technology assumption (Miller & Blair 2009, §5.3).
//! * [`io_model::LeontiefModel`] — `A = Z diag(x)⁻¹`, one LU of `I − A`, solves with `L` (Leontief 1936); [`io_model::leontief_inverse`] materialises `L`.
//! * [`io_model::output_multipliers`] / [`io_model::employment_multipliers`] — output (direct, indirect, total) and type-I employment multipliers (Miller & Blair 2009, §6).
//! * [`io_model::rasmussen_linkages`] — Rasmussen-Hirschman backward and forward (Ghosh or Leontief-row) linkages, key-sector quadrants (Rasmussen 1956; Hirschman 1958).
//! * [`io_model::ghosh`] — Ghosh allocation coefficients `B` and inverse `G` (Ghosh 1958).
//! * [`io_model::hypothetical_extraction`] — total linkage by backward extraction (Dietzenbacher et al. 1993).
//! * [`io_model::regionalise`] / [`io_model::regional_multipliers`] — SLQ and FLQ regionalisation (Flegg et al. 1995; Flegg & Tohmo 2013).
//! * [`io_model::supplier_gaps`] / [`io_model::supplier_gaps_for_region`] — a cluster's input requirements, local share and ranked supplier gaps (OECD "gaps in the chain of local suppliers").
//! * [`io_model::parse_crosswalk`] / [`io_model::cluster_industries`] — data-code → IO-code crosswalk; members of a cluster by code or name.
//! * [`graph::io_linkage_graph`] — industry graph from IO flows: `max(a_ij, a_ji)` or Feser-Bergman correlations (Feser & Bergman 2000).
//! * [`graph::colocation_graph`] — co-location: correlation of regional LQs or shares (Delgado, Porter & Stern 2016).
//! * [`graph::relatedness_graph`] — Hidalgo proximity on binary LQ ≥ 1 (Hidalgo et al. 2007).
//! * [`graph::backbone`] — threshold, percentile, maximum spanning tree, disparity filter (Serrano et al. 2009).
//! * [`graph::louvain`] / [`graph::leiden`] — communities on weighted modularity with resolution (Blondel et al. 2008; Traag et al. 2019); [`graph::modularity`].
//! * [`graph::communities_to_definitions`] — communities saved as a cluster definition.
//! * [`graph::degrees`], [`graph::betweenness`] (Brandes 2001), [`graph::closeness`], [`graph::eigenvector_centrality`] (Bonacich 1987), [`graph::pagerank`] (Page et al. 1999).
//! * [`graph::parse_edge_list`] / [`graph::parse_node_table`] / [`graph::firm_graph`] / [`graph::firm_network_report`] — firm networks: density, components, bridges and articulation points (Tarjan 1974), brokers, communities, Gould-Fernandez brokerage roles (Gould & Fernandez 1989).
//!
//! Formulas and conventions: `METHODS.md` (copied into `docs/`).

#![cfg_attr(
    test,
    allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

pub mod clusters;
pub mod error;
pub mod export;
pub mod graph;
pub mod indicators;
pub mod ingest;
pub mod io_model;
pub mod panel;
pub mod spatial;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{Error, ErrorCode, Location, Result, Warning};
