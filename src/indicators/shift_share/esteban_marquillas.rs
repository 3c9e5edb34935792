//! Esteban-Marquillas shift-share: the regional share split into competitive and allocation effects.

use super::inputs;
use crate::error::Result;
use serde::Serialize;

/// Esteban-Marquillas components. `change = national_share + industry_mix + competitive + allocation`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct EstebanMarquillas {
    pub change: f64,
    pub national_share: f64,
    pub industry_mix: f64,
    /// `sum_j Ê_j (g_j - G_j)` with the homothetic employment `Ê_j = E_t0 S_j,t0`.
    pub competitive: f64,
    /// `sum_j (E_j,t0 - Ê_j)(g_j - G_j)`.
    pub allocation: f64,
}

/// Esteban-Marquillas decomposition of a region against a reference, in total and per industry.
///
/// Convention for an industry absent from the region at the start (`E_j,t0 = 0`, so `g_j` is
/// undefined): its whole regional share `E_j,t1` is counted as competitive and its allocation is 0,
/// so the components still sum to the actual change.
///
/// # Errors
/// As [`super::dunn`].
///
/// # Complexity
/// O(industries).
///
/// # Examples
/// REAT's Freiburg 2008→2014 example: competitive 343.79, allocation 1640.32.
/// ```
/// let f0 = [13004.0, 2931.0, 22492.0, 4503.0, 3361.0, 890.0, 12448.0, 34358.0, 6069.0];
/// let f1 = [12121.0, 3154.0, 25484.0, 4798.0, 3372.0, 1059.0, 14837.0, 42931.0, 6673.0];
/// let g0 = [7073942.0, 1572378.0, 6248666.0, 841848.0, 990439.0, 220171.0, 3296029.0, 5905168.0, 1084708.0];
/// let g1 = [7155807.0, 1696961.0, 6674652.0, 925648.0, 996498.0, 232167.0, 3992230.0, 7127512.0, 1123004.0];
/// let (em, _) = agglo::indicators::shift_share::esteban_marquillas(&f0, &f1, &g0, &g1).unwrap();
/// assert!((em.competitive - 343.786851410001).abs() < 1e-8);
/// assert!((em.allocation - 1640.32287191301).abs() < 1e-8);
/// ```
///
/// # Reference
/// Esteban-Marquillas (1972), *Regional and Urban Economics* 2(3); REAT `shift` (Esteban).
pub fn esteban_marquillas(
    r0: &[f64],
    r1: &[f64],
    n0: &[f64],
    n1: &[f64],
) -> Result<(EstebanMarquillas, Vec<EstebanMarquillas>)> {
    let inp = inputs(r0, r1, n0, n1)?;
    let e0: f64 = inp.r0.iter().sum();
    let per: Vec<EstebanMarquillas> = inp
        .r0
        .iter()
        .zip(inp.r1)
        .zip(inp.gj.iter().zip(&inp.s0))
        .map(|((a, b), (gj, s))| {
            let hom = e0 * s;
            let (competitive, allocation) = if *a > 0.0 {
                let diff = b / a - gj;
                (hom * diff, (a - hom) * diff)
            } else {
                (b - a * gj, 0.0)
            };
            EstebanMarquillas {
                change: b - a,
                national_share: a * (inp.g - 1.0),
                industry_mix: a * (gj - inp.g),
                competitive,
                allocation,
            }
        })
        .collect();
    let sum = |f: fn(&EstebanMarquillas) -> f64| per.iter().map(f).sum::<f64>();
    let e1: f64 = inp.r1.iter().sum();
    let expected: f64 = inp.r0.iter().zip(&inp.gj).map(|(a, g)| a * g).sum();
    let total = EstebanMarquillas {
        change: e1 - e0,
        national_share: e0 * (inp.g - 1.0),
        industry_mix: expected - e0 * inp.g,
        competitive: sum(|c| c.competitive),
        allocation: sum(|c| c.allocation),
    };
    Ok((total, per))
}
