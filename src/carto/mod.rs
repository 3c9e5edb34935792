//! Cartographic classification of values into map classes.

mod classify;

pub use classify::{classify, jenks_breaks, quantile_breaks, ClassMethod};
