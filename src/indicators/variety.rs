//! Related and unrelated variety (Frenken, Van Oort & Verburg 2007).

use super::support::shares;
use crate::error::{Error, ErrorCode, Result};
use serde::Serialize;

/// The entropy decomposition of a region's industry mix.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Variety {
    /// `UV = sum_g P_g log2(1/P_g)`: entropy between groups.
    pub unrelated_variety: f64,
    /// `RV = sum_g P_g H_g`: weighted entropy within groups.
    pub related_variety: f64,
    /// `UV + RV` = the Shannon entropy of the industry shares.
    pub total_entropy: f64,
    /// Number of groups with a positive share.
    pub n_groups: usize,
}

/// Related and unrelated variety of the values `x` whose industries belong to the groups `group`
/// (e.g. the 2-digit prefix of each code, or a parent column).
///
/// `P_g = sum_{j in g} s_j`, `UV = sum_g P_g log2(1/P_g)`,
/// `H_g = sum_{j in g} (s_j/P_g) log2(P_g/s_j)`, `RV = sum_g P_g H_g`; `UV + RV` equals the
/// entropy of `s`.
///
/// # Errors
/// `E_INVALID_PARAMETER` when `x` and `group` differ in length; as [`super::shannon_entropy`].
///
/// # Complexity
/// O(n log n).
///
/// # Examples
/// Two groups of two equal industries: UV = 1 bit, RV = 1 bit.
/// ```
/// let v = agglo::indicators::related_unrelated_variety(&[1.0, 1.0, 1.0, 1.0], &["31", "31", "54", "54"]).unwrap();
/// assert!((v.unrelated_variety - 1.0).abs() < 1e-12);
/// assert!((v.related_variety - 1.0).abs() < 1e-12);
/// ```
///
/// # Reference
/// Frenken, Van Oort & Verburg (2007), *Regional Studies* 41(5).
pub fn related_unrelated_variety<G: AsRef<str>>(x: &[f64], group: &[G]) -> Result<Variety> {
    if x.len() != group.len() {
        return Err(Error::new(
            ErrorCode::InvalidParameter,
            format!(
                "variety: {} values but {} group labels",
                x.len(),
                group.len()
            ),
        ));
    }
    let s = shares(x, "variety")?;
    let mut groups: std::collections::BTreeMap<&str, Vec<f64>> = Default::default();
    for (v, g) in s.iter().zip(group) {
        groups.entry(g.as_ref()).or_default().push(*v);
    }
    let (mut uv, mut rv, mut n_groups) = (0.0, 0.0, 0);
    for members in groups.values() {
        let p: f64 = members.iter().sum();
        if p <= 0.0 {
            continue;
        }
        n_groups += 1;
        uv += p * (1.0 / p).log2();
        let h: f64 = members
            .iter()
            .filter(|v| **v > 0.0)
            .map(|v| (v / p) * (p / v).log2())
            .sum();
        rv += p * h;
    }
    Ok(Variety {
        unrelated_variety: uv,
        related_variety: rv,
        total_entropy: uv + rv,
        n_groups,
    })
}

/// The group of an industry code by its first `digits` characters (NAICS/SIC hierarchy by prefix).
/// Codes shorter than `digits` are their own group.
pub fn code_prefix_group(code: &str, digits: usize) -> String {
    code.chars().take(digits).collect()
}
