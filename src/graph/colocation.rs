//! Co-location graph: industries linked by how similarly they are distributed across regions.

use super::correlation::pearson;
use super::network::Graph;
use crate::error::{Result, Warning};
use crate::panel::{MatrixView, Reference};
use serde::{Deserialize, Serialize};

/// What is correlated across regions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColocationMeasure {
    /// Location quotients (default).
    #[default]
    Lq,
    /// Regional employment shares `E_rj / E_r`.
    Share,
    /// Ellison-Glaeser-Kerr coagglomeration `gamma_c` of the pair (missing cells as zero, as
    /// [`crate::indicators::coagglomeration`] needs the same regions for both).
    Coagglomeration,
}

/// Parameters: measure, smallest correlation kept (`r > min_weight`, default 0), and the least
/// number of regions where both industries are observed (default 3).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ColocationParams {
    pub measure: ColocationMeasure,
    pub min_weight: f64,
    pub min_regions: usize,
}

impl Default for ColocationParams {
    fn default() -> Self {
        ColocationParams {
            measure: ColocationMeasure::Lq,
            min_weight: 0.0,
            min_regions: 3,
        }
    }
}

/// Industry × region matrix of LQs (NaN where missing or undefined).
pub(crate) fn lq_columns(
    mx: &MatrixView<'_>,
    reference: &Reference,
    share_only: bool,
) -> Vec<Vec<f64>> {
    (0..mx.n_industries)
        .map(|i| {
            let e_j = reference
                .industry_totals
                .get(i)
                .copied()
                .unwrap_or(f64::NAN);
            (0..mx.n_regions)
                .map(|r| {
                    let e_r = mx.region_total(r);
                    match mx.get(r, i) {
                        Some(v) if e_r > 0.0 => {
                            if share_only {
                                v / e_r
                            } else if e_j > 0.0 && reference.total > 0.0 {
                                (v / e_r) / (e_j / reference.total)
                            } else {
                                f64::NAN
                            }
                        }
                        _ => f64::NAN,
                    }
                })
                .collect()
        })
        .collect()
}

/// Co-location graph: edge weight = Pearson correlation across regions of two industries' LQs
/// (or shares), over regions where both are observed (suppressed cells are missing, not zero).
///
/// # Errors
/// From [`Graph::new`] only (never for valid panels).
///
/// # Complexity
/// O(n² R) for n industries and R regions.
///
/// # Reference
/// Delgado, Porter & Stern (2016) use such co-location correlations to define related industries.
pub fn colocation_graph(
    mx: &MatrixView<'_>,
    reference: &Reference,
    industries: &[String],
    params: &ColocationParams,
) -> Result<(Graph, Vec<Warning>)> {
    if params.measure == ColocationMeasure::Coagglomeration {
        return coagglomeration_graph(mx, industries, params.min_weight);
    }
    let cols = lq_columns(mx, reference, params.measure == ColocationMeasure::Share);
    let n = cols.len();
    let mut edges = Vec::new();
    let mut undefined = 0usize;
    for i in 0..n {
        for j in (i + 1)..n {
            let (Some(a), Some(b)) = (cols.get(i), cols.get(j)) else {
                continue;
            };
            match pearson(a, b, params.min_regions) {
                Some(r) if r > params.min_weight && r > 0.0 => edges.push((i, j, r)),
                Some(_) => {}
                None => undefined += 1,
            }
        }
    }
    let mut w = Vec::new();
    if undefined > 0 {
        w.push(Warning::new("W_CORRELATION_UNDEFINED", format!("{undefined} industry pairs share fewer than {} observed regions or have no variance: no edge", params.min_regions)));
    }
    Ok((Graph::new(industries.to_vec(), edges, false)?, w))
}

/// Edges `gamma_c > max(min_weight, 0)` between every pair of industries; a pair whose index is
/// undefined (an industry with no employment) gets no edge and is counted in a warning.
fn coagglomeration_graph(
    mx: &MatrixView<'_>,
    industries: &[String],
    min_weight: f64,
) -> Result<(Graph, Vec<Warning>)> {
    let totals: Vec<f64> = (0..mx.n_regions).map(|r| mx.region_total(r)).collect();
    let cols: Vec<Vec<f64>> = (0..mx.n_industries)
        .map(|i| {
            (0..mx.n_regions)
                .map(|r| mx.get(r, i).unwrap_or(0.0))
                .collect()
        })
        .collect();
    let mut edges = Vec::new();
    let mut undefined = 0usize;
    for (i, a) in cols.iter().enumerate() {
        for (j, b) in cols.iter().enumerate().skip(i + 1) {
            match crate::indicators::coagglomeration(a, b, &totals) {
                Ok(g) if g.is_finite() && g > min_weight && g > 0.0 => edges.push((i, j, g)),
                Ok(g) if g.is_finite() => {}
                _ => undefined += 1,
            }
        }
    }
    let mut w = Vec::new();
    if undefined > 0 {
        w.push(Warning::new(
            "W_COAGGLOMERATION_UNDEFINED",
            format!("{undefined} industry pairs have an undefined coagglomeration index (no employment): no edge"),
        ));
    }
    Ok((Graph::new(industries.to_vec(), edges, false)?, w))
}
