//! Industry concentration indices over a panel: one row per industry (METHODS.md §2), and
//! coagglomeration of industry pairs.

use super::{
    coagglomeration, ellison_glaeser, ellison_glaeser_size_classes, gini, gini_of_lq, herfindahl,
    hoover, krugman_dissimilarity, locational_gini, theil_l, theil_t, EllisonGlaeser, Plant,
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
    /// Ellison-Glaeser gamma, G and H when establishment data are supplied (see
    /// [`EstablishmentData`] and `h_method`).
    pub eg_gamma: Option<f64>,
    pub eg_g: Option<f64>,
    pub eg_h: Option<f64>,
    /// How the plant Herfindahl H was obtained: `"plants"` (establishment-level sizes),
    /// `"size_classes"` (counts by employment-size
    /// class, each class at its representative size) or `"mean_size"` (one class per region at the
    /// region's mean establishment size); `None` without establishment data.
    pub h_method: Option<HMethod>,
}

/// How Ellison-Glaeser's plant Herfindahl H was computed (serialised snake_case).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HMethod {
    /// Establishment-level sizes ([`super::ellison_glaeser`]).
    Plants,
    /// Establishment counts by size class, each class at its representative size
    /// ([`crate::clusters::SizeClass::representative_size`]).
    SizeClasses,
    /// One class per region: every establishment has the region's mean size in the industry
    /// (H is a lower bound of the true plant Herfindahl, gamma an upper bound).
    MeanSize,
}

/// Establishment data for Ellison-Glaeser's H in [`industry_concentration_with`].
#[derive(Debug, Clone)]
pub enum EstablishmentData<'a> {
    /// No establishment data: no Ellison-Glaeser figures.
    None,
    /// Establishment-level sizes ([`super::parse_plants`], one vector per industry) and the year of
    /// the matrix (plants with another year are skipped; plants without a year always count).
    /// G uses the plants' employment by region.
    Plants { plants: &'a [Vec<Plant>], year: i32 },
    /// Establishment counts per region × industry (same shape as the employment matrix): the
    /// mean-size approximation, with a `W_EG_MEAN_SIZE` warning.
    MeanSize(MatrixView<'a>),
    /// Establishment counts by size class: one matrix per class (same shape as the employment
    /// matrix; missing cells count as 0) and each class's representative size.
    SizeClasses {
        counts: Vec<MatrixView<'a>>,
        sizes: Vec<f64>,
    },
}

/// Concentration indices for every industry of one measure and year.
///
/// Region totals are `mx.region_total(r)` (the data's own total row when given, else the sum of
/// the region's cells). `establishments`, when given (same shape), enables Ellison-Glaeser with
/// the mean-size approximation; [`industry_concentration_with`] also takes size classes.
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
    let est = match establishments {
        Some(e) => EstablishmentData::MeanSize(*e),
        None => EstablishmentData::None,
    };
    industry_concentration_with(mx, &est, industries, industry_names, params)
}

/// Concentration indices for every industry of one measure and year, with Ellison-Glaeser's H from
/// the given establishment data.
///
/// Ellison-Glaeser over the regions kept for the other indices (positive region total; a missing
/// employment cell leaves the region out unless `missing_as_zero`): `G = sum_r (s_r - x_r)^2`
/// with the industry's actual employment (plants: the plants' employment), and
/// * plants: `H = sum_k z_k^2`, `z_k` establishment k's share of the industry's plant employment;
/// * size classes: `H = sum_c n_c (size_c / E)^2`, `E = sum_c n_c size_c`, `n_c` the industry's
///   establishments of class `c` summed over those regions (missing counts as 0);
/// * mean size: `H = sum_r n_r (E_r / n_r / E)^2` (`W_EG_MEAN_SIZE` warning: H biased low).
///
/// Then `gamma = (G - (1 - sum x^2) H) / ((1 - sum x^2)(1 - H))`
/// ([`super::ellison_glaeser_size_classes`]); an industry with no establishments of positive size
/// or `H = 1` gets no Ellison-Glaeser figures.
///
/// # Examples
/// Two regions of 100 employees each; the industry has 20 employees in region 0: one establishment
/// of class 5–9 (size 7) and one of class 10–19 (size 14.5). `E = 21.5`, `H = (7² + 14.5²) /
/// 21.5² = 0.560844`, `x = (0.5, 0.5)`, `s = (1, 0)`, `G = 0.5`.
/// ```
/// use agglo::indicators::{industry_concentration_with, ConcentrationParams, EstablishmentData, HMethod};
/// use agglo::panel::MatrixView;
/// let emp = [20.0, 80.0, 0.0, 100.0];
/// let (c5, c10) = ([1.0, 0.0, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0]);
/// let totals = [f64::NAN; 2];
/// let mv = |d| MatrixView { n_regions: 2, n_industries: 2, data: d, totals: &totals };
/// let est = EstablishmentData::SizeClasses { counts: vec![mv(&c5), mv(&c10)], sizes: vec![7.0, 14.5] };
/// let names = ["a".to_string(), "b".to_string()];
/// let (rows, _) = industry_concentration_with(&mv(&emp), &est, &names, &names, &ConcentrationParams::default());
/// let h = (49.0 + 14.5 * 14.5) / (21.5 * 21.5);
/// assert!((rows[0].eg_h.unwrap() - h).abs() < 1e-12);
/// assert!((rows[0].eg_g.unwrap() - 0.5).abs() < 1e-12);
/// assert!((rows[0].eg_gamma.unwrap() - (0.5 - 0.5 * h) / (0.5 * (1.0 - h))).abs() < 1e-12);
/// assert_eq!(rows[0].h_method, Some(HMethod::SizeClasses));
/// ```
///
/// # Complexity
/// O(industries × regions × (log regions + classes)).
///
/// # Reference
/// Ellison & Glaeser (1997); Holmes & Stevens (2002) on size-class approximations.
#[doc(alias = "ellison.a")]
pub fn industry_concentration_with(
    mx: &MatrixView<'_>,
    est: &EstablishmentData<'_>,
    industries: &[String],
    industry_names: &[String],
    params: &ConcentrationParams,
) -> (Vec<IndustryConcentration>, Vec<Warning>) {
    let mut warnings = Vec::new();
    let totals: Vec<f64> = (0..mx.n_regions).map(|r| mx.region_total(r)).collect();
    let mut rows = Vec::new();
    let mut missing_total = 0usize;
    let mut mean_size_used = false;
    for i in 0..mx.n_industries {
        let mut vals = Vec::new();
        let mut tots = Vec::new();
        let mut kept = Vec::new();
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
            kept.push(r);
        }
        missing_total += missing;
        let total: f64 = vals.iter().sum();
        if !(total > 0.0) {
            continue;
        }
        let eg = ellison_glaeser_of(est, i, &kept, &vals, &tots);
        if eg.is_some() && matches!(est, EstablishmentData::MeanSize(_)) {
            mean_size_used = true;
        }
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
            h_method: eg.and(match est {
                EstablishmentData::None => None,
                EstablishmentData::MeanSize(_) => Some(HMethod::MeanSize),
                EstablishmentData::Plants { .. } => Some(HMethod::Plants),
                EstablishmentData::SizeClasses { .. } => Some(HMethod::SizeClasses),
            }),
        });
    }
    if missing_total > 0 && !params.missing_as_zero {
        warnings.push(Warning::new(
            "W_MISSING_CELLS",
            format!("{missing_total} missing (suppressed or absent) cells were left out of the industries' vectors; set missing_as_zero to count absent cells as 0"),
        ));
    }
    if mean_size_used {
        warnings.push(Warning::new(
            "W_EG_MEAN_SIZE",
            "Ellison-Glaeser H uses the mean-size approximation (every establishment at its region's mean size in the industry: H is biased low and gamma high); give establishment counts by size class (CBP n<5 … n1000 or size_<lo>_<hi> / size_<lo>_plus measures) for a better H",
        ));
    }
    (rows, warnings)
}

/// Ellison-Glaeser of industry `i` over the kept regions `kept` (their employment `vals` and
/// all-industry totals `tots`), with H from `est`.
fn ellison_glaeser_of(
    est: &EstablishmentData<'_>,
    i: usize,
    kept: &[usize],
    vals: &[f64],
    tots: &[f64],
) -> Option<EllisonGlaeser> {
    let count = |m: &MatrixView<'_>, r: usize| m.get(r, i).unwrap_or(0.0);
    match est {
        EstablishmentData::None => None,
        EstablishmentData::Plants { plants, year } => {
            // Plants of the kept regions only (same regions as the other indices).
            let (mut sizes, mut region_of) = (Vec::new(), Vec::new());
            for p in plants.get(i)? {
                if p.year.is_some_and(|y| y != *year) {
                    continue;
                }
                if let Some(pos) = kept.iter().position(|r| *r == p.region) {
                    sizes.push(p.size);
                    region_of.push(pos);
                }
            }
            ellison_glaeser(&sizes, &region_of, tots).ok()
        }
        EstablishmentData::MeanSize(e) => {
            // One size class per region: n_rj establishments of mean size E_rj / n_rj.
            let k = kept.len();
            let mut rows_c = Vec::with_capacity(k);
            let mut sizes = Vec::with_capacity(k);
            for (j, (r, v)) in kept.iter().zip(vals).enumerate() {
                let n = count(e, *r);
                let size = if n > 0.0 { v / n } else { 0.0 };
                let mut row = vec![0.0; k];
                if let Some(slot) = row.get_mut(j) {
                    *slot = n;
                }
                rows_c.push(row);
                sizes.push(size);
            }
            ellison_glaeser_size_classes(&rows_c, &sizes, tots, Some(vals)).ok()
        }
        EstablishmentData::SizeClasses { counts, sizes } => {
            let rows_c: Vec<Vec<f64>> = kept
                .iter()
                .map(|r| counts.iter().map(|m| count(m, *r)).collect())
                .collect();
            ellison_glaeser_size_classes(&rows_c, sizes, tots, Some(vals)).ok()
        }
    }
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
