//! LQ table enriched with the additive and standardised LQs (per cell).

use super::{additive_lq, location_quotients, standardised_lq};
use crate::error::Warning;
use crate::panel::{MatrixView, Reference};
use serde::Serialize;

/// One region × industry cell with its LQ variants.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LqVariants {
    pub region: String,
    pub industry: String,
    pub value: f64,
    pub lq: f64,
    /// `s_rj - S_j`.
    pub additive_lq: f64,
    /// `(LQ - mean)/sd` over the regions with this industry.
    pub standardised_lq: Option<f64>,
    /// The same on `log10 LQ` (cells with LQ = 0 get `None`).
    pub log_standardised_lq: Option<f64>,
}

/// LQ, additive LQ and standardised LQs (O'Donoghue & Gleave 2004) of every published cell.
///
/// # Complexity
/// O(regions × industries).
pub fn lq_variants(
    mx: &MatrixView<'_>,
    reference: &Reference,
    regions: &[String],
    industries: &[String],
) -> (Vec<LqVariants>, Vec<Warning>) {
    let (cells, warnings) = location_quotients(mx, reference);
    let mut out: Vec<LqVariants> = cells
        .iter()
        .map(|c| LqVariants {
            region: regions.get(c.region).cloned().unwrap_or_default(),
            industry: industries.get(c.industry).cloned().unwrap_or_default(),
            value: c.value,
            lq: c.lq,
            additive_lq: additive_lq(c.share_region, c.share_reference),
            standardised_lq: None,
            log_standardised_lq: None,
        })
        .collect();
    for i in 0..mx.n_industries {
        let idx: Vec<usize> = cells
            .iter()
            .enumerate()
            .filter(|(_, c)| c.industry == i)
            .map(|(k, _)| k)
            .collect();
        let lqs: Vec<f64> = idx
            .iter()
            .filter_map(|&k| cells.get(k).map(|c| c.lq))
            .collect();
        if let Ok(z) = standardised_lq(&lqs, false) {
            for (k, v) in idx.iter().zip(z) {
                if let Some(o) = out.get_mut(*k) {
                    o.standardised_lq = Some(v);
                }
            }
        }
        let pos: Vec<(usize, f64)> = idx
            .iter()
            .filter_map(|&k| cells.get(k).map(|c| (k, c.lq)))
            .filter(|(_, l)| *l > 0.0)
            .collect();
        let lq_pos: Vec<f64> = pos.iter().map(|p| p.1).collect();
        if let Ok(z) = standardised_lq(&lq_pos, true) {
            for ((k, _), v) in pos.iter().zip(z) {
                if let Some(o) = out.get_mut(*k) {
                    o.log_standardised_lq = Some(v);
                }
            }
        }
    }
    (out, warnings)
}
