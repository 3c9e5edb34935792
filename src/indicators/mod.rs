//! Indicators of specialisation, concentration and growth (METHODS.md §2–3).

mod growth;
mod location_quotient;
mod portfolio;

pub use growth::{cagr, change};
pub use location_quotient::{location_quotient, location_quotients, LqCell};
pub use portfolio::{industry_portfolio, Portfolio, PortfolioPoint, Quadrant};
