//! Shift-share decompositions of employment change (METHODS.md §3): Dunn, Esteban-Marquillas,
//! Gerfin, dynamic; on vectors (one region against a reference) and on a panel.

mod dunn;
mod dynamic;
mod esteban_marquillas;
mod gerfin;
mod panel;

pub use dunn::{dunn, Dunn};
pub use dynamic::{dynamic, DynamicShiftShare};
pub use esteban_marquillas::{esteban_marquillas, EstebanMarquillas};
pub use gerfin::{gerfin, Gerfin};
pub use panel::{shift_share_panel, ShiftShareMethod, ShiftShareParams, ShiftShareRow};

use crate::error::{Error, ErrorCode, Result};

/// Validated inputs of one region's decomposition: start and end vectors of the region and the
/// reference, with reference growth rates.
pub(crate) struct Inputs<'a> {
    pub r0: &'a [f64],
    pub r1: &'a [f64],
    /// Reference growth `G = sum n1 / sum n0`.
    pub g: f64,
    /// Reference industry growth `G_j = n1_j / n0_j`.
    pub gj: Vec<f64>,
    /// Reference start shares `S_j = n0_j / sum n0`.
    pub s0: Vec<f64>,
}

pub(crate) fn inputs<'a>(
    r0: &'a [f64],
    r1: &'a [f64],
    n0: &[f64],
    n1: &[f64],
) -> Result<Inputs<'a>> {
    let n = r0.len();
    if r1.len() != n || n0.len() != n || n1.len() != n {
        return Err(Error::new(
            ErrorCode::InvalidParameter,
            format!(
                "shift-share: vector lengths differ (region {} / {}, reference {} / {})",
                r0.len(),
                r1.len(),
                n0.len(),
                n1.len()
            ),
        ));
    }
    if n == 0 {
        return Err(Error::new(
            ErrorCode::InsufficientData,
            "shift-share: no industries",
        ));
    }
    for (what, v) in [
        ("region start", r0),
        ("region end", r1),
        ("reference start", n0),
        ("reference end", n1),
    ] {
        if let Some(k) = v.iter().position(|x| !x.is_finite() || *x < 0.0) {
            return Err(Error::new(
                ErrorCode::NonNumeric,
                format!(
                    "shift-share: {what} value at industry position {} is missing or negative",
                    k + 1
                ),
            ));
        }
    }
    let t0: f64 = n0.iter().sum();
    let t1: f64 = n1.iter().sum();
    if !(t0 > 0.0) {
        return Err(Error::new(
            ErrorCode::ZeroTotal,
            "shift-share: the reference start total is zero",
        ));
    }
    let mut gj = Vec::with_capacity(n);
    for (k, (a, b)) in n0.iter().zip(n1).enumerate() {
        if !(*a > 0.0) {
            return Err(Error::new(
                ErrorCode::ZeroTotal,
                format!("shift-share: the reference start value of industry position {} is zero; its growth rate is undefined", k + 1),
            ));
        }
        gj.push(b / a);
    }
    Ok(Inputs {
        r0,
        r1,
        g: t1 / t0,
        gj,
        s0: n0.iter().map(|v| v / t0).collect(),
    })
}
