//! Dynamic shift-share (Barff & Knight 1988): the decomposition run for each consecutive year pair.

use super::{dunn, esteban_marquillas, gerfin, Dunn, EstebanMarquillas, Gerfin};
use crate::error::{Error, ErrorCode, Result};
use serde::Serialize;

/// Dynamic shift-share: the yearly decompositions and their aggregate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DynamicShiftShare {
    /// Dunn components summed over the year pairs (they sum to the change over the whole period).
    pub dunn: Dunn,
    /// Esteban-Marquillas components summed over the year pairs.
    pub esteban_marquillas: EstebanMarquillas,
    /// Gerfin factors averaged (arithmetic mean) over the year pairs, as METHODS.md §3 prescribes;
    /// `NaN` when a pair starts from a zero regional total.
    pub gerfin_mean: Gerfin,
    /// Each year pair's Dunn decomposition, in order.
    pub yearly: Vec<Dunn>,
}

/// Dynamic shift-share over a series of years: `region[t]` and `reference[t]` are the vectors by
/// industry of year `t` (consecutive, ascending).
///
/// # Errors
/// `E_INSUFFICIENT_DATA` for fewer than two years or different series lengths; the per-pair
/// errors of [`dunn`].
///
/// # Complexity
/// O(years × industries).
///
/// # Examples
/// Components of the year pairs add up to the whole change.
/// ```
/// use agglo::indicators::shift_share::dynamic;
/// let r: Vec<&[f64]> = vec![&[10.0, 5.0], &[12.0, 5.0], &[13.0, 7.0]];
/// let n: Vec<&[f64]> = vec![&[100.0, 100.0], &[110.0, 95.0], &[115.0, 100.0]];
/// let d = dynamic(&r, &n).unwrap();
/// let c = d.dunn;
/// assert!((c.national_share + c.industry_mix + c.regional_share - 5.0).abs() < 1e-12);
/// ```
///
/// # Reference
/// Barff & Knight (1988), *Growth and Change* 19(2).
pub fn dynamic(region: &[&[f64]], reference: &[&[f64]]) -> Result<DynamicShiftShare> {
    if region.len() < 2 || region.len() != reference.len() {
        return Err(Error::new(
            ErrorCode::InsufficientData,
            format!(
                "dynamic shift-share needs the same number (>= 2) of years for region and reference (got {} and {})",
                region.len(),
                reference.len()
            ),
        ));
    }
    let zero_d = Dunn {
        change: 0.0,
        national_share: 0.0,
        industry_mix: 0.0,
        regional_share: 0.0,
        net_shift: 0.0,
    };
    let mut d = zero_d;
    let mut em = EstebanMarquillas {
        change: 0.0,
        national_share: 0.0,
        industry_mix: 0.0,
        competitive: 0.0,
        allocation: 0.0,
    };
    let mut gm = Gerfin {
        industry_mix: 0.0,
        regional_share: 0.0,
        net_shift: 0.0,
    };
    let mut yearly = Vec::new();
    let pairs = region.len() - 1;
    for (rw, nw) in region.windows(2).zip(reference.windows(2)) {
        let (Some(r0), Some(r1), Some(n0), Some(n1)) =
            (rw.first(), rw.get(1), nw.first(), nw.get(1))
        else {
            continue;
        };
        let (a, _) = dunn(r0, r1, n0, n1)?;
        let (b, _) = esteban_marquillas(r0, r1, n0, n1)?;
        // Gerfin is undefined for a pair starting from zero: the mean is then NaN, the additive
        // components are still reported.
        let g = gerfin(r0, r1, n0, n1).unwrap_or(Gerfin {
            industry_mix: f64::NAN,
            regional_share: f64::NAN,
            net_shift: f64::NAN,
        });
        d.change += a.change;
        d.national_share += a.national_share;
        d.industry_mix += a.industry_mix;
        d.regional_share += a.regional_share;
        d.net_shift += a.net_shift;
        em.change += b.change;
        em.national_share += b.national_share;
        em.industry_mix += b.industry_mix;
        em.competitive += b.competitive;
        em.allocation += b.allocation;
        gm.industry_mix += g.industry_mix / pairs as f64;
        gm.regional_share += g.regional_share / pairs as f64;
        gm.net_shift += g.net_shift / pairs as f64;
        yearly.push(a);
    }
    Ok(DynamicShiftShare {
        dunn: d,
        esteban_marquillas: em,
        gerfin_mean: gm,
        yearly,
    })
}
