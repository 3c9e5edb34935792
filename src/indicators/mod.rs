//! Indicators of specialisation, concentration and growth (METHODS.md §2–3).
//!
//! The index functions take plain slices (REAT's examples are vectors); the `*_panel` /
//! `region_specialisation` / `industry_concentration` functions apply them to a panel.
//!
//! ## Conventions
//! * Three different Ginis, named distinctly: [`gini`] (plain, REAT `gini`), [`gini_of_lq`]
//!   (REAT `gini.spec` / `gini.conc`), [`locational_gini`] (Krugman / EconGeo, max 0.5).
//! * Theil: [`theil_t`] and [`theil_l`]; REAT's `theil` is the mean log deviation = Theil-L.
//! * Missing cells are never zero by default: the panel functions leave them out of the vector and
//!   report how many (`missing_cells`, `W_MISSING_CELLS`); `missing_as_zero` counts them as 0 (the
//!   right choice for CBP, where an absent row means no establishments).
//! * Shift-share reference growth is computed over the industries included for the region, so the
//!   components always sum to the actual change; Esteban-Marquillas counts an industry new to the
//!   region as competitive (its allocation is 0); dynamic Gerfin is the arithmetic mean of the
//!   yearly factors.
//! * Ellison-Glaeser from establishment counts: each establishment is given its class's (or, on a
//!   panel, its region's) mean size; H is then a lower bound of the plant Herfindahl.

mod additive_lq;
mod average_lq;
mod coagglomeration;
mod concentration;
mod duranton_puga;
mod ellison_glaeser;
mod entropy;
mod gini;
mod gini_of_lq;
mod growth;
mod herfindahl;
mod hoover;
mod krugman;
mod location_quotient;
mod locational_gini;
mod lq_cells;
mod plants;
mod portfolio;
pub mod shift_share;
mod specialisation;
mod standardised_lq;
mod support;
mod theil;
mod variety;

pub use additive_lq::additive_lq;
pub use average_lq::{average_lq, hachman};
pub use coagglomeration::coagglomeration;
pub use concentration::{
    coagglomeration_pairs, industry_concentration, industry_concentration_with,
    CoagglomerationPair, ConcentrationParams, EstablishmentData, HMethod, IndustryConcentration,
};
pub use duranton_puga::duranton_puga_diversity;
pub use ellison_glaeser::{ellison_glaeser, ellison_glaeser_size_classes, EllisonGlaeser};
pub use entropy::shannon_entropy;
pub use gini::{gini, gini_weighted};
pub use gini_of_lq::gini_of_lq;
pub use growth::{cagr, change};
pub use herfindahl::{herfindahl, Herfindahl};
pub use hoover::hoover;
pub use krugman::{krugman_dissimilarity, krugman_vs_group_mean};
pub use location_quotient::{
    location_quotient, location_quotients, location_quotients_into, LqCell,
};
pub use locational_gini::locational_gini;
pub use lq_cells::{lq_variants, LqVariants};
pub use plants::{parse_plants, Plant};
pub use portfolio::{industry_portfolio, Portfolio, PortfolioPoint, Quadrant};
pub use specialisation::{region_specialisation, RegionSpecialisation, SpecialisationParams};
pub use standardised_lq::standardised_lq;
pub use theil::{theil_l, theil_t};
pub use variety::{code_prefix_group, related_unrelated_variety, Variety};
