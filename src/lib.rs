//! # Agglo — regional industry-cluster analysis
//!
//! A pure-Rust core compiled natively (the `agglo` CLI) and to WebAssembly (the browser page and the
//! npm module). Data flows one way: file bytes → [`ingest`] (validated, located errors) →
//! [`panel::Panel`] → a method → result rows.
//!
//! ## Catalogue
//! * [`indicators::location_quotient`] — location quotient (Isard 1960; REAT `locq`).
//! * [`indicators::cagr`] — compound annual growth rate.
//! * [`indicators::industry_portfolio`] — portfolio / quadrant chart of one industry (METHODS §3).
//! * [`carto::jenks_breaks`], [`carto::quantile_breaks`] — choropleth classes (Jenks 1977; type-7 quantiles).
//! * [`ingest::boundaries::load_boundaries`] — GeoJSON / TopoJSON / Shapefile → validated region
//!   polygons (RFC 7946; Bostock's TopoJSON spec; ESRI Shapefile Technical Description 1998).
//! * [`ingest::boundaries::join_report`] — boundary ids vs data region codes.
//! * [`ingest::boundaries::to_geojson`] — normalised FeatureCollection for the map.
//! * [`spatial::queen`], [`spatial::rook`] — contiguity weights by vertex / edge hashing, TopoJSON
//!   shared arcs, R-tree fallback (Anselin 1988; libpysal, GeoDa).
//! * [`spatial::knn`], [`spatial::distance_band`], [`spatial::inverse_distance`] — distance weights.
//! * [`spatial::read_gal`], [`spatial::write_gal`], [`spatial::read_gwt`], [`spatial::write_gwt`] —
//!   GeoDa weights files.
//! * [`spatial::moran`] — global Moran's I (Moran 1950; Cliff & Ord 1981; esda `Moran`).
//! * [`spatial::geary`] — Geary's C (Geary 1954; esda `Geary`).
//! * [`spatial::general_g`] — Getis-Ord General G (Getis & Ord 1992; esda `G`).
//! * [`spatial::local_moran`] — LISA (Anselin 1995; esda `Moran_Local`, GeoDa).
//! * [`spatial::getis_ord_local`] — local G_i / G*_i (Ord & Getis 1995; esda `G_Local`).
//! * [`spatial::hotspot_groups`] — connected groups of hot regions across administrative borders.
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
