//! Writing results for people and spreadsheets.

mod csv_table;
#[cfg(feature = "xlsx")]
mod xlsx_table;

pub use csv_table::{neutralise_cell, rows_to_csv};
#[cfg(feature = "xlsx")]
pub use xlsx_table::rows_to_xlsx;
