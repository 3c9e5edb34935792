//! The wasm-bindgen facade: the only module that knows about JavaScript.
//!
//! Two modules are built from this crate. The main one (default build, no `xlsx` feature) hosts one
//! [`Workspace`] in the Web Worker, holding the loaded datasets so bulk data crosses the boundary
//! once; results come back as small objects with typed arrays for bulk numbers; Rust errors become
//! JS `Error`s carrying a stable `code` and a `location`. The extras module (`xlsx-module` feature)
//! only turns XLSX workbooks and zipped Shapefiles into plain data the main module reads; the worker
//! loads it the first time a user opens such a file. The linkage module (`linkage-module` feature)
//! is the workspace plus the input-output and network facade (`linkage.rs`: faer LU, graph
//! algorithms); the worker loads it the first time an `io…`/`network…` method is called and replays
//! the loaded data into its workspace.

mod convert;
#[cfg(feature = "xlsx-module")]
mod extras;
#[cfg(all(feature = "linkage-module", not(feature = "xlsx-module")))]
mod linkage;
#[cfg(not(feature = "xlsx-module"))]
mod workspace;

#[cfg(not(feature = "xlsx-module"))]
pub use workspace::Workspace;
