//! The wasm-bindgen facade: the only module that knows about JavaScript.
//!
//! Three modules are built from this crate. The first-load one (`agglo`: no features) hosts one
//! [`Workspace`] in the Web Worker, holding the loaded datasets so bulk data crosses the boundary
//! once; results come back as small objects with typed arrays for bulk numbers; Rust errors become
//! JS `Error`s carrying a stable `code` and a `location`. The full one (`agglo_full`: feature
//! `analysis`) adds the spatial and linkage facades; the worker switches to it the first time a view
//! needs them. The extras module (`agglo_xlsx`: feature `xlsx-module`) only turns XLSX workbooks and
//! zipped Shapefiles into plain data; the worker loads it the first time a user opens such a file.

#[cfg(feature = "bench-exports")]
mod bench;
#[cfg(all(feature = "analysis", not(feature = "xlsx-module")))]
mod clusters;
mod convert;
#[cfg(feature = "xlsx-module")]
mod extras;
#[cfg(all(feature = "analysis", not(feature = "xlsx-module")))]
mod linkage;
#[cfg(all(feature = "analysis", not(feature = "xlsx-module")))]
mod spatial;
#[cfg(not(feature = "xlsx-module"))]
mod workspace;

#[cfg(not(feature = "xlsx-module"))]
pub use workspace::Workspace;
