//! Writing results for people and spreadsheets.

mod csv_table;

pub use csv_table::{neutralise_cell, rows_to_csv};
