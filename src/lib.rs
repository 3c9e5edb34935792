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
//! * [`indicators::cagr`] — compound annual growth rate.
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
