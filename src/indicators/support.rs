//! Small shared helpers for the slice-based indices: validation and shares.

use crate::error::{Error, ErrorCode, Result};

/// Check a vector of non-negative finite values with a positive sum; `what` names it in messages.
pub(crate) fn check_nonneg(x: &[f64], what: &str) -> Result<f64> {
    if x.is_empty() {
        return Err(Error::new(
            ErrorCode::InsufficientData,
            format!("{what}: no values"),
        ));
    }
    for (k, v) in x.iter().enumerate() {
        if !v.is_finite() {
            return Err(Error::new(
                ErrorCode::NonNumeric,
                format!(
                    "{what}: value {} (position {}) is missing or not finite",
                    v,
                    k + 1
                ),
            ));
        }
        if *v < 0.0 {
            return Err(Error::new(
                ErrorCode::NegativeValue,
                format!("{what}: value {} (position {}) is negative", v, k + 1),
            ));
        }
    }
    let s: f64 = x.iter().sum();
    if !(s > 0.0) {
        return Err(Error::new(
            ErrorCode::ZeroTotal,
            format!("{what}: the values sum to zero"),
        ));
    }
    Ok(s)
}

/// Shares `x / sum(x)` after [`check_nonneg`].
pub(crate) fn shares(x: &[f64], what: &str) -> Result<Vec<f64>> {
    let s = check_nonneg(x, what)?;
    Ok(x.iter().map(|v| v / s).collect())
}

/// Two vectors must have the same length.
pub(crate) fn same_len(a: &[f64], b: &[f64], what: &str) -> Result<()> {
    if a.len() != b.len() {
        return Err(Error::new(
            ErrorCode::InvalidParameter,
            format!("{what}: lengths differ ({} vs {})", a.len(), b.len()),
        ));
    }
    Ok(())
}

/// Location quotients of one vector against another: `(a_j / sum a) / (b_j / sum b)`.
/// Entries where `b_j = 0` are an error (the LQ is undefined there).
pub(crate) fn lq_vector(a: &[f64], b: &[f64], what: &str) -> Result<Vec<f64>> {
    same_len(a, b, what)?;
    let sa = shares(a, what)?;
    let sb = shares(b, what)?;
    sa.iter()
        .zip(&sb)
        .enumerate()
        .map(|(k, (x, y))| {
            if *y > 0.0 {
                Ok(x / y)
            } else {
                Err(Error::new(
                    ErrorCode::ZeroTotal,
                    format!(
                        "{what}: reference value at position {} is zero; its LQ is undefined",
                        k + 1
                    ),
                ))
            }
        })
        .collect()
}
