//! Indicators of specialisation, concentration and growth (METHODS.md §2–3).

mod growth;
mod location_quotient;

pub use growth::{cagr, change};
pub use location_quotient::{location_quotient, location_quotients, LqCell};
