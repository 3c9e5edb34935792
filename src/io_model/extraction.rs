//! Hypothetical extraction: the output lost when a sector stops buying inputs.

use super::leontief::LeontiefModel;
use crate::error::{Error, ErrorCode, Result};
use serde::Serialize;

/// Extraction result for one sector.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Extraction {
    pub sector: String,
    /// Total linkage `T_j = 1ᵀ(x − x̄_(j))`: output lost in the economy.
    pub total_linkage: f64,
    /// `T_j / 1ᵀx` (share of total output).
    pub share_of_output: f64,
}

/// Backward hypothetical extraction: zero column `j` of `A` and re-solve for the table's final
/// demand `f = (I − A) x`. By Sherman-Morrison the loss is
/// `x − x̄ = (L e_j − e_j) x_j / L_jj`, so `T_j = (m_j − 1) x_j / L_jj` with `m_j` the output
/// multiplier: one column of `L` per extracted sector, no re-factorisation.
///
/// `sectors`: indices to extract (all when `None`; then O(n³)).
///
/// # Errors
/// `E_UNKNOWN_INDUSTRY` for an index out of range.
///
/// # Reference
/// Dietzenbacher, van der Linden & Steenge (1993); Miller & Blair (2009) §12.2.6.
///
/// # Examples
/// ```
/// use agglo::io_model::*;
/// let t = IoTable::from_flows(vec!["1".into(), "2".into()],
///     vec![150.0, 500.0, 200.0, 100.0], vec![1000.0, 2000.0], None).unwrap();
/// let e = hypothetical_extraction(&LeontiefModel::new(&t, &IoParams::default()).unwrap(), None).unwrap();
/// // (1.5181518 - 1) * 1000 / 1.2541254 = 413.1578947...
/// assert!((e[0].total_linkage - 413.1578947368421).abs() < 1e-9);
/// ```
pub fn hypothetical_extraction(
    model: &LeontiefModel,
    sectors: Option<&[usize]>,
) -> Result<Vec<Extraction>> {
    let n = model.n;
    let idx: Vec<usize> = match sectors {
        Some(s) => s.to_vec(),
        None => (0..n).collect(),
    };
    if let Some(bad) = idx.iter().find(|j| **j >= n) {
        return Err(Error::new(
            ErrorCode::UnknownIndustry,
            format!("sector index {bad} out of range (n = {n})"),
        ));
    }
    let m = model.solve_transpose(&vec![1.0; n]);
    let xsum: f64 = model.x.iter().sum();
    let mut out = Vec::with_capacity(idx.len());
    // Columns of L in blocks to bound memory at n × 256.
    for block in idx.chunks(256) {
        let k = block.len();
        let mut rhs = vec![0.0; n * k];
        for (c, j) in block.iter().enumerate() {
            if let Some(s) = rhs.get_mut(c * n + j) {
                *s = 1.0;
            }
        }
        let cols = model.solve_many(&rhs, k);
        for (c, j) in block.iter().enumerate() {
            let ljj = cols.get(c * n + j).copied().unwrap_or(f64::NAN);
            let mj = m.get(*j).copied().unwrap_or(f64::NAN);
            let xj = model.x.get(*j).copied().unwrap_or(f64::NAN);
            let t = (mj - 1.0) * xj / ljj;
            out.push(Extraction {
                sector: model.sectors.get(*j).cloned().unwrap_or_default(),
                total_linkage: t,
                share_of_output: t / xsum,
            });
        }
    }
    Ok(out)
}
