//! Industry concentration indices over a panel: one row per industry (METHODS.md §2), and
//! coagglomeration of industry pairs.

use super::{
    coagglomeration, ellison_glaeser_size_classes, gini, gini_of_lq, herfindahl, hoover,
    krugman_dissimilarity, locational_gini, theil_l, theil_t,
};
use crate::error::Warning;
use crate::panel::MatrixView;
use serde::{Deserialize, Serialize};

/// Parameters of [`industry_concentration`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConcentrationParams {
    /// Treat missing cells as zero (default false: regions with a missing cell are left out of that
    /// industry's vector and counted in `missing_cells`).
    pub missing_as_zero: bool,
}

/// Concentration indices of one industry across regions (flat, snake_case).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndustryConcentration {
    pub industry: String,
    pub industry_name: String,
    pub n_regions: usize,
    pub missing_cells: usize,
    pub total: f64,
    /// Krugman's locational Gini (EconGeo `locational_gini`), 0..0.5.
    pub locational_gini: Option<f64>,
    /// Gini of the industry's LQs over regions (REAT `gini.conc`).
    pub gini_lq: Option<f64>,
    /// Plain Gini of the industry's values over regions (REAT `gini`).
    pub gini_plain: Option<f64>,
    /// Plain Gini × n/(n-1) (REAT `gini(..., coefnorm = TRUE)`).
    pub gini_plain_normalised: Option<f64>,
    /// Hoover concentration `1/2 sum_r |E_rj/E_j - E_r/E|`.
    pub hoover: Option<f64>,
    /// Krugman concentration `sum_r |E_rj/E_j - E_r/E|` (REAT `krugman.conc`) = 2 × hoover.
    pub krugman: Option<f64>,
    /// Herfindahl of the industry's regional shares.
    pub herfindahl: Option<f64>,
    pub theil_t: Option<f64>,
    /// Theil-L = mean log deviation (REAT `theil`).
    pub theil_l: Option<f64>,
    /// Ellison-Glaeser gamma, G and H when an establishments matrix is supplied: every
    /// establishment is assumed to have its region's mean size in the industry (so H is a lower
    /// bound of the true plant Herfindahl and gamma an upper bound).
    pub eg_gamma: Option<f64>,
    pub eg_g: Option<f64>,
    pub eg_h: Option<f64>,
}

/// Concentration indices for every industry of one measure and year.
///
/// Region totals are `mx.region_total(r)` (the data's own total row when given, else the sum of
/// the region's cells). `establishments`, when given (same shape), enables Ellison-Glaeser.
///
/// # Complexity
/// O(industries × regions log regions).
pub fn industry_concentration(
    mx: &MatrixView<'_>,
    establishments: Option<&MatrixView<'_>>,
    industries: &[String],
    industry_names: &[String],
    params: &ConcentrationParams,
) -> (Vec<IndustryConcentration>, Vec<Warning>) {
    let mut warnings = Vec::new();
    let totals: Vec<f64> = (0..mx.n_regions).map(|r| mx.region_total(r)).collect();
    let mut rows = Vec::new();
    let mut missing_total = 0usize;
    for i in 0..mx.n_industries {
        let mut vals = Vec::new();
        let mut tots = Vec::new();
        let mut counts = Vec::new();
        let mut missing = 0usize;
        for (r, t) in totals.iter().enumerate() {
            if !(*t > 0.0) {
                continue;
            }
            let v = match mx.get(r, i) {
                Some(v) => v,
                None if params.missing_as_zero => {
                    missing += 1;
                    0.0
                }
                None => {
                    missing += 1;
                    continue;
                }
            };
            vals.push(v);
            tots.push(*t);
            counts.push(establishments.and_then(|e| e.get(r, i)));
        }
        missing_total += missing;
        let total: f64 = vals.iter().sum();
        if !(total > 0.0) {
            continue;
        }
        let eg = establishments.and_then(|_| {
            // One size class per region: n_rj establishments of mean size E_rj / n_rj.
            let k = vals.len();
            let mut rows_c = Vec::with_capacity(k);
            let mut sizes = Vec::with_capacity(k);
            for (r, (v, n)) in vals.iter().zip(&counts).enumerate() {
                let n = n.unwrap_or(0.0);
                let size = if n > 0.0 { v / n } else { 0.0 };
                let mut row = vec![0.0; k];
                if let Some(slot) = row.get_mut(r) {
                    *slot = n;
                }
                rows_c.push(row);
                sizes.push(size);
            }
            ellison_glaeser_size_classes(&rows_c, &sizes, &tots, Some(&vals)).ok()
        });
        rows.push(IndustryConcentration {
            industry: industries.get(i).cloned().unwrap_or_default(),
            industry_name: industry_names.get(i).cloned().unwrap_or_default(),
            n_regions: vals.len(),
            missing_cells: missing,
            total,
            locational_gini: locational_gini(&vals, &tots).ok(),
            gini_lq: gini_of_lq(&vals, &tots).ok(),
            gini_plain: gini(&vals, false).ok(),
            gini_plain_normalised: gini(&vals, true).ok(),
            hoover: hoover(&vals, &tots).ok(),
            krugman: krugman_dissimilarity(&vals, &tots).ok(),
            herfindahl: herfindahl(&vals).ok().map(|h| h.plain),
            theil_t: theil_t(&vals).ok(),
            theil_l: theil_l(&vals).ok(),
            eg_gamma: eg.map(|e| e.gamma),
            eg_g: eg.map(|e| e.g),
            eg_h: eg.map(|e| e.h),
        });
    }
    if missing_total > 0 && !params.missing_as_zero {
        warnings.push(Warning::new(
            "W_MISSING_CELLS",
            format!("{missing_total} missing (suppressed or absent) cells were left out of the industries' vectors; set missing_as_zero to count absent cells as 0"),
        ));
    }
    (rows, warnings)
}

/// Ellison-Glaeser-Kerr coagglomeration of one industry pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoagglomerationPair {
    pub industry_a: String,
    pub industry_b: String,
    pub gamma_c: f64,
}

/// Coagglomeration for every pair of the given industry indices (all industries when empty);
/// missing cells count as zero here because the index needs the same regions for both industries.
///
/// # Complexity
/// O(k² × regions) for `k` industries.
pub fn coagglomeration_pairs(
    mx: &MatrixView<'_>,
    industries: &[String],
    selected: &[usize],
) -> Vec<CoagglomerationPair> {
    let totals: Vec<f64> = (0..mx.n_regions).map(|r| mx.region_total(r)).collect();
    let sel: Vec<usize> = if selected.is_empty() {
        (0..mx.n_industries).collect()
    } else {
        selected.to_vec()
    };
    let col = |i: usize| -> Vec<f64> {
        (0..mx.n_regions)
            .map(|r| mx.get(r, i).unwrap_or(0.0))
            .collect()
    };
    let cols: Vec<Vec<f64>> = sel.iter().map(|&i| col(i)).collect();
    let mut out = Vec::new();
    for (a, ca) in sel.iter().zip(&cols) {
        for (b, cb) in sel.iter().zip(&cols) {
            if b <= a {
                continue;
            }
            if let Ok(g) = coagglomeration(ca, cb, &totals) {
                out.push(CoagglomerationPair {
                    industry_a: industries.get(*a).cloned().unwrap_or_default(),
                    industry_b: industries.get(*b).cloned().unwrap_or_default(),
                    gamma_c: g,
                });
            }
        }
    }
    out
}
