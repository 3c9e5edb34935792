//! The wasm-bindgen facade: the only module that knows about JavaScript.
//!
//! One [`Workspace`] lives in the Web Worker and holds the loaded datasets, so bulk data crosses the
//! boundary once. Results come back as small objects with typed arrays for bulk numbers; Rust errors
//! become JS `Error`s carrying a stable `code` and a `location` object.

mod convert;
mod workspace;

pub use workspace::Workspace;
