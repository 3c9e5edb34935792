//! The region × industry × year × measure panel every indicator reads, and the reference economy.
//!
//! Values are stored densely as `f64` with `NaN` for a missing cell (unpublished, suppressed, absent
//! row). Missing is never zero: sums skip missing cells and report how many they skipped.

mod merge;
mod reference;
pub use reference::{Reference, ReferenceSource};

use crate::error::{Error, ErrorCode, Location, Result};
use serde::Serialize;

/// A dense panel. Index order: measure, year, region, industry (industry fastest), so the
/// region × industry matrix of one measure and year is one contiguous slice.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Panel {
    /// Region codes (strings: leading zeros kept), in first-seen order.
    pub regions: Vec<String>,
    /// Region names, same order; empty string where the data has none.
    pub region_names: Vec<String>,
    /// Industry codes (strings), in first-seen order.
    pub industries: Vec<String>,
    /// Industry names, same order; empty string where the data has none.
    pub industry_names: Vec<String>,
    /// Years, ascending. A panel loaded without a year column has the single year 0.
    pub years: Vec<i32>,
    /// Measure names (e.g. `employment`, `establishments`, `payroll`).
    pub measures: Vec<String>,
    /// Region totals given by the data itself (an all-industry row such as NAICS `00`), indexed
    /// `[measure][year][region]`; `NaN` where the data gives none (then the sum of cells is used).
    pub region_totals: Vec<f64>,
    #[serde(skip)]
    values: Vec<f64>,
}

/// A borrowed region × industry matrix of one measure and year.
#[derive(Debug, Clone, Copy)]
pub struct MatrixView<'a> {
    pub n_regions: usize,
    pub n_industries: usize,
    /// Row-major: `data[r * n_industries + i]`; `NaN` = missing.
    pub data: &'a [f64],
    /// Data-given region totals (`NaN` = not given), length `n_regions`.
    pub totals: &'a [f64],
}

impl<'a> MatrixView<'a> {
    /// The cell value, `None` when missing.
    pub fn get(&self, r: usize, i: usize) -> Option<f64> {
        self.data
            .get(r * self.n_industries + i)
            .copied()
            .filter(|v| !v.is_nan())
    }
    /// One region's row.
    pub fn row(&self, r: usize) -> &'a [f64] {
        let start = r * self.n_industries;
        self.data
            .get(start..start + self.n_industries)
            .unwrap_or(&[])
    }
    /// Region total: the data's own total when given, else the sum of the published cells.
    pub fn region_total(&self, r: usize) -> f64 {
        match self.totals.get(r) {
            Some(t) if !t.is_nan() => *t,
            _ => self.row(r).iter().filter(|v| !v.is_nan()).sum(),
        }
    }
    /// Industry total over the loaded regions (published cells only).
    pub fn industry_total(&self, i: usize) -> f64 {
        (0..self.n_regions).filter_map(|r| self.get(r, i)).sum()
    }
    /// Every industry's total in one row-major pass (each summed over regions in order, so
    /// equal to [`MatrixView::industry_total`] bit for bit).
    pub fn industry_totals(&self) -> Vec<f64> {
        // -0.0: the start of `Iterator::sum` for floats, so an all-missing column matches too.
        let mut t = vec![-0.0; self.n_industries];
        for r in 0..self.n_regions {
            for (acc, v) in t.iter_mut().zip(self.row(r)) {
                if !v.is_nan() {
                    *acc += *v;
                }
            }
        }
        t
    }
}

impl Panel {
    /// An all-missing panel of the given dimensions.
    pub fn new(
        regions: Vec<String>,
        region_names: Vec<String>,
        industries: Vec<String>,
        industry_names: Vec<String>,
        years: Vec<i32>,
        measures: Vec<String>,
    ) -> Self {
        let n = measures.len() * years.len() * regions.len() * industries.len();
        let nt = measures.len() * years.len() * regions.len();
        Panel {
            region_names: pad(region_names, regions.len()),
            industry_names: pad(industry_names, industries.len()),
            regions,
            industries,
            years,
            measures,
            region_totals: vec![f64::NAN; nt],
            values: vec![f64::NAN; n],
        }
    }

    fn offset(&self, m: usize, y: usize, r: usize, i: usize) -> usize {
        ((m * self.years.len() + y) * self.regions.len() + r) * self.industries.len() + i
    }

    /// The value, `None` when missing or out of range.
    pub fn get(&self, m: usize, y: usize, r: usize, i: usize) -> Option<f64> {
        self.values
            .get(self.offset(m, y, r, i))
            .copied()
            .filter(|v| !v.is_nan())
    }

    /// Set a value (`NaN` marks it missing). Out-of-range indices are an internal error.
    pub fn set(&mut self, m: usize, y: usize, r: usize, i: usize, v: f64) -> Result<()> {
        let o = self.offset(m, y, r, i);
        match self.values.get_mut(o) {
            Some(slot) => {
                *slot = v;
                Ok(())
            }
            None => Err(Error::new(ErrorCode::Internal, "panel index out of range")),
        }
    }

    /// Set a data-given region total.
    pub fn set_region_total(&mut self, m: usize, y: usize, r: usize, v: f64) -> Result<()> {
        let o = (m * self.years.len() + y) * self.regions.len() + r;
        match self.region_totals.get_mut(o) {
            Some(slot) => {
                *slot = v;
                Ok(())
            }
            None => Err(Error::new(ErrorCode::Internal, "panel index out of range")),
        }
    }

    /// The region × industry matrix of one measure and year.
    pub fn matrix(&self, m: usize, y: usize) -> MatrixView<'_> {
        let len = self.regions.len() * self.industries.len();
        let start = self.offset(m, y, 0, 0);
        let ts = (m * self.years.len() + y) * self.regions.len();
        MatrixView {
            n_regions: self.regions.len(),
            n_industries: self.industries.len(),
            data: self.values.get(start..start + len).unwrap_or(&[]),
            totals: self
                .region_totals
                .get(ts..ts + self.regions.len())
                .unwrap_or(&[]),
        }
    }

    /// Number of present (non-missing) cells.
    pub fn present_cells(&self) -> usize {
        self.values.iter().filter(|v| !v.is_nan()).count()
    }

    pub fn measure_index(&self, name: &str) -> Result<usize> {
        self.measures
            .iter()
            .position(|m| m.eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::UnknownMeasure,
                    format!(
                        "no measure '{name}'; the data has: {}",
                        self.measures.join(", ")
                    ),
                )
            })
    }

    pub fn year_index(&self, year: i32) -> Result<usize> {
        self.years.iter().position(|y| *y == year).ok_or_else(|| {
            let ys: Vec<String> = self.years.iter().map(|y| y.to_string()).collect();
            Error::new(
                ErrorCode::UnknownYear,
                format!("no year {year}; the data has: {}", ys.join(", ")),
            )
        })
    }

    /// The index of `year`, or of the latest year when absent.
    ///
    /// # Errors
    /// `E_UNKNOWN_YEAR` for a year the panel lacks; `E_NO_DATA` for a panel without years.
    pub fn year_or_latest(&self, year: Option<i32>) -> Result<usize> {
        match year {
            Some(y) => self.year_index(y),
            None => self
                .years
                .iter()
                .enumerate()
                .max_by_key(|(_, y)| **y)
                .map(|(k, _)| k)
                .ok_or_else(|| Error::new(ErrorCode::NoData, "the data has no year")),
        }
    }

    pub fn region_index(&self, code: &str) -> Result<usize> {
        self.regions.iter().position(|r| r == code).ok_or_else(|| {
            Error::new(
                ErrorCode::UnknownRegion,
                format!("no region '{code}' in the data"),
            )
            .at(Location::default().with_region(code))
        })
    }

    pub fn industry_index(&self, code: &str) -> Result<usize> {
        self.industries
            .iter()
            .position(|i| i == code)
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::UnknownIndustry,
                    format!("no industry '{code}' in the data"),
                )
                .at(Location::default().with_industry(code))
            })
    }

    /// The default measure: `employment` when present, else the first.
    pub fn default_measure(&self) -> usize {
        self.measures
            .iter()
            .position(|m| m.to_ascii_lowercase().starts_with("emp"))
            .unwrap_or(0)
    }
}

fn pad(mut v: Vec<String>, n: usize) -> Vec<String> {
    v.resize(n, String::new());
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrix_slices_one_measure_year() {
        let mut p = Panel::new(
            vec!["a".into(), "b".into()],
            vec![],
            vec!["x".into(), "y".into(), "z".into()],
            vec![],
            vec![2017, 2021],
            vec!["employment".into()],
        );
        p.set(0, 1, 1, 2, 7.0).unwrap();
        p.set(0, 1, 1, 0, 3.0).unwrap();
        let m = p.matrix(0, 1);
        assert_eq!(m.get(1, 2), Some(7.0));
        assert_eq!(m.get(1, 1), None);
        assert_eq!(m.region_total(1), 10.0);
        assert_eq!(p.matrix(0, 0).region_total(1), 0.0);
        assert_eq!(p.present_cells(), 2);
    }
}
