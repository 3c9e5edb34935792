//! # Agglo — regional industry-cluster analysis
//!
//! A pure-Rust core compiled natively (the `agglo` CLI) and to WebAssembly (the browser page and the
//! npm module). Data flows one way: file bytes → [`ingest`] (validated, located errors) →
//! [`panel::Panel`] → a method → result rows.
//!
//! ## Catalogue
//! * [`ingest::inspect`] — format (encoding, delimiter, decimal style, header row, sheet), layout
//!   (long / wide) and proposed column roles of a CSV/TSV/XLSX file.
//! * [`ingest::load_panel`], [`ingest::load_panel_from_reader`], [`ingest::LongLoader`] — streaming,
//!   validated ingest into the panel (suppression markers → missing; located, coded errors).
//! * [`ingest::xlsx_to_table`], [`ingest::load_table`] — XLSX sheet → text grid → panel (feature `xlsx`).
//! * [`indicators::location_quotient`] — location quotient (Isard 1960; REAT `locq`).
//! * [`indicators::location_quotients`] / [`indicators::location_quotients_into`] — every published cell of a region × industry table (into a reused buffer).
//! * [`indicators::cagr`] — compound annual growth rate.
//! * [`io_model::parse_io_table`] / [`io_model::parse_make_use`] — IO tables from CSV or XLSX; Make/Use → industry × industry under the industry-technology assumption (Miller & Blair 2009, §5.3).
//! * [`io_model::LeontiefModel`] — `A = Z diag(x)⁻¹`, one LU of `I − A`, solves with `L` (Leontief 1936); [`io_model::leontief_inverse`] materialises `L`.
//! * [`io_model::output_multipliers`] / [`io_model::employment_multipliers`] — output (direct, indirect, total) and type-I employment multipliers (Miller & Blair 2009, §6).
//! * [`io_model::rasmussen_linkages`] — Rasmussen-Hirschman backward and forward (Ghosh or Leontief-row) linkages, key-sector quadrants (Rasmussen 1956; Hirschman 1958).
//! * [`io_model::ghosh`] — Ghosh allocation coefficients `B` and inverse `G` (Ghosh 1958).
//! * [`io_model::hypothetical_extraction`] — total linkage by backward extraction (Dietzenbacher et al. 1993).
//! * [`io_model::regionalise`] / [`io_model::regional_multipliers`] — SLQ and FLQ regionalisation (Flegg et al. 1995; Flegg & Tohmo 2013).
//! * [`io_model::supplier_gaps`] / [`io_model::supplier_gaps_for_region`] — a cluster's input requirements, local share and ranked supplier gaps (OECD "gaps in the chain of local suppliers").
//! * [`io_model::parse_crosswalk`] / [`io_model::cluster_industries`] — data-code → IO-code crosswalk; members of a cluster by code or name.
//! * [`io_model::read_grid`] / [`io_model::grid_from_rows`] with [`io_model::io_table_from_grid`], [`io_model::make_use_from_grids`], [`io_model::crosswalk_from_grid`] — IO inputs from CSV bytes, XLSX workbooks or text rows (an XLSX sheet read elsewhere).
//! * [`io_model::region_multipliers`] / [`io_model::sector_employment`] — regional output multipliers of one region (SLQ/FLQ from its crosswalked employment).
//! * [`io_model::read_definitions`] / [`io_model::members_of`] — cluster definitions for supplier gaps through [`clusters::parse_cluster_definitions`].
//! * [`graph::io_linkage_graph`] — industry graph from IO flows: `max(a_ij, a_ji)` or Feser-Bergman correlations (Feser & Bergman 2000).
//! * [`graph::colocation_graph`] — co-location: correlation of regional LQs or shares (Delgado, Porter & Stern 2016).
//! * [`graph::relatedness_graph`] — Hidalgo proximity on binary LQ ≥ 1 (Hidalgo et al. 2007).
//! * [`graph::backbone`] — threshold, percentile, maximum spanning tree, disparity filter (Serrano et al. 2009).
//! * [`graph::louvain`] / [`graph::leiden`] — communities on weighted modularity with resolution (Blondel et al. 2008; Traag et al. 2019); [`graph::modularity`].
//! * [`graph::communities_to_definitions`] — communities saved as a cluster definition.
//! * [`graph::degrees`], [`graph::betweenness`] (Brandes 2001), [`graph::closeness`], [`graph::eigenvector_centrality`] (Bonacich 1987), [`graph::pagerank`] (Page et al. 1999).
//! * [`graph::parse_edge_list`] / [`graph::parse_node_table`] / [`graph::firm_graph`] / [`graph::firm_network_report`] — firm networks: density, components, bridges and articulation points (Tarjan 1974), brokers, communities, Gould-Fernandez brokerage roles (Gould & Fernandez 1989).
//! * [`indicators::industry_portfolio`] — portfolio / quadrant chart of one industry (METHODS §3).
//! * [`carto::jenks_breaks`], [`carto::quantile_breaks`] — choropleth classes (Jenks 1977; type-7 quantiles).
//! * [`ingest::boundaries::load_boundaries`] — GeoJSON / TopoJSON / Shapefile → validated region
//!   polygons (RFC 7946; Bostock's TopoJSON spec; ESRI Shapefile Technical Description 1998).
//! * [`ingest::boundaries::join_report`] — boundary ids vs data region codes.
//! * [`ingest::boundaries::to_geojson`] — normalised FeatureCollection for the map.
//! * [`spatial::queen`], [`spatial::rook`] — contiguity weights by vertex / edge hashing, TopoJSON
//!   shared arcs, R-tree fallback (Anselin 1988; libpysal, GeoDa).
//! * [`spatial::ContiguityParams::with_fallback`] — geometric check for imperfect boundaries:
//!   regions without neighbours (`islands`, default) or all regions (`all`: gaps and slivers
//!   within the tolerance connect).
//! * [`spatial::knn`], [`spatial::distance_band`], [`spatial::inverse_distance`] — distance weights.
//! * [`spatial::read_gal`], [`spatial::write_gal`], [`spatial::read_gwt`], [`spatial::write_gwt`] —
//!   GeoDa weights files.
//! * [`spatial::region_areas_km2`], [`spatial::densities`] — land area (geodesic WGS84 or planar
//!   metres) and value per km².
//! * [`spatial::moran`] — global Moran's I (Moran 1950; Cliff & Ord 1981; esda `Moran`).
//! * [`spatial::geary`] — Geary's C (Geary 1954; esda `Geary`).
//! * [`spatial::general_g`] — Getis-Ord General G (Getis & Ord 1992; esda `G`).
//! * [`spatial::local_moran`] — LISA (Anselin 1995; esda `Moran_Local`, GeoDa).
//! * [`spatial::getis_ord_local`] — local G_i / G*_i (Ord & Getis 1995; esda `G_Local`).
//! * [`spatial::hotspot_groups`] — connected groups of hot regions across administrative borders.
//! * [`indicators::additive_lq`] — additive LQ `s - S` (REAT `locq`, method "a").
//! * [`indicators::standardised_lq`] — standardised and log-standardised LQ (O'Donoghue & Gleave 2004);
//!   [`indicators::lq_variants`] for a whole table.
//! * [`indicators::krugman_dissimilarity`] — Krugman specialisation / dissimilarity (Krugman 1991;
//!   REAT `krugman.spec`); [`indicators::krugman_vs_group_mean`] (REAT `krugman.spec2`, `krugman.conc2`).
//! * [`indicators::hoover`] — Hoover specialisation coefficient / concentration (Hoover 1936; EconGeo `spec_coeff`).
//! * [`indicators::herfindahl`] — Herfindahl, normalised, equivalent number (REAT `herf`).
//! * [`indicators::shannon_entropy`] — entropy in bits (EconGeo `entropy`).
//! * [`indicators::related_unrelated_variety`] — related and unrelated variety (Frenken et al. 2007).
//! * [`indicators::gini`], [`indicators::gini_weighted`] — plain Gini (REAT `gini`).
//! * [`indicators::gini_of_lq`] — Gini of LQs (REAT `gini.spec`, `gini.conc`).
//! * [`indicators::locational_gini`] — Krugman's locational Gini (EconGeo `locational_gini`).
//! * [`indicators::theil_t`], [`indicators::theil_l`] — Theil-T and Theil-L / mean log deviation (REAT `theil`).
//! * [`indicators::average_lq`], [`indicators::hachman`] — average LQ and Hachman index (Hachman 1994).
//! * [`indicators::duranton_puga_diversity`] — relative diversity (Duranton & Puga 2000).
//! * [`indicators::ellison_glaeser`], [`indicators::ellison_glaeser_size_classes`] — EG gamma, G, H
//!   (Ellison & Glaeser 1997; REAT `ellison.a`).
//! * [`indicators::coagglomeration`] — Ellison-Glaeser-Kerr coagglomeration (EGK 2010).
//! * [`indicators::region_specialisation`], [`indicators::industry_concentration`] — all of the above per
//!   region / per industry of a panel.
//! * [`indicators::industry_concentration_with`] — the same per industry, with Ellison-Glaeser's H from
//!   establishment-level sizes, establishment counts by size class or the mean-size approximation
//!   (`h_method`); [`indicators::parse_plants`] reads a plant-level CSV.
//! * [`indicators::shift_share::dunn`], [`indicators::shift_share::esteban_marquillas`],
//!   [`indicators::shift_share::gerfin`], [`indicators::shift_share::dynamic`] — shift-share (Dunn 1960;
//!   Esteban-Marquillas 1972; Gerfin 1964; Barff & Knight 1988); [`indicators::shift_share::shift_share_panel`].
//! * [`clusters::parse_cluster_definitions`], [`clusters::map_industries`] — cluster definitions
//!   (US Cluster Mapping DPS2016 by default) and the code-prefix matching rule.
//! * [`clusters::aggregate_to_clusters`] — a panel of clusters, with unmapped codes reported.
//! * [`clusters::uscmp_strength`] — US Cluster Mapping strong clusters (Delgado, Porter & Stern 2016).
//! * [`clusters::eco_stars`] — European Cluster Observatory stars (Ketels & Protsiv 2008).
//! * [`clusters::cluster_profiles`] — typology profile per region × cluster (OECD dimensions).
//! * [`clusters::size_classes_from_measures`], [`clusters::sme_share`] — SME share from
//!   establishment counts by size class.
//! * [`clusters::cluster_io_indicators`] — typology depth, local-supplier linkage and regional
//!   output multiplier of clusters (FLQ/SLQ-regionalised IO table).
//! * [`clusters::cluster_spatial_extent`], [`clusters::neighbours_for_regions`] — spatial extent
//!   (contiguous neighbours where the cluster is specialised / strong);
//!   [`clusters::apply_typology_extras`] copies both into profiles.
//! * [`clusters::prioritise`] — weighted, transparent prioritisation of clusters.
//! * [`clusters::peer_regions`], [`clusters::top_regions_for_cluster`] — benchmark regions.
//! * [`clusters::region_profile_view`], [`clusters::cluster_view`], [`clusters::prioritisation_view`] —
//!   one call per page view.
//! * [`graph::betweenness_sources`], [`graph::betweenness_scale`], [`graph::closeness_nodes`] —
//!   exact betweenness / closeness over a batch of sources, for stepped (resumable) computation;
//!   [`graph::betweenness_closeness_sources`] gives both from one traversal per source (undirected).
//!
//! Formulas and conventions: `METHODS.md` (copied into `docs/`).

#![cfg_attr(
    test,
    allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

pub mod carto;
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
