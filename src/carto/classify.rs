//! Class breaks for choropleth maps: quantiles and Jenks natural breaks.

use crate::error::{Error, ErrorCode, Result};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClassMethod {
    Quantile,
    NaturalBreaks,
}

/// Upper bounds of `k` quantile classes (type 7 interpolation), the last being the maximum.
/// Duplicate bounds (many equal values) are merged, so fewer than `k` classes may result.
///
/// ```
/// let b = agglo::carto::quantile_breaks(&[1.0, 2.0, 3.0, 4.0], 2).unwrap();
/// assert_eq!(b, vec![2.5, 4.0]);
/// ```
pub fn quantile_breaks(values: &[f64], k: usize) -> Result<Vec<f64>> {
    let v = sorted_finite(values, k)?;
    let n = v.len();
    let mut out: Vec<f64> = Vec::with_capacity(k);
    for c in 1..=k {
        let h = (n - 1) as f64 * c as f64 / k as f64;
        let lo = h.floor() as usize;
        let hi = (lo + 1).min(n - 1);
        let (a, b) = (
            v.get(lo).copied().unwrap_or(0.0),
            v.get(hi).copied().unwrap_or(0.0),
        );
        let q = a + (h - lo as f64) * (b - a);
        if out.last().is_none_or(|l| q > *l) {
            out.push(q);
        }
    }
    Ok(out)
}

/// Jenks natural breaks (Fisher-Jenks optimal 1-D classification minimising within-class squared
/// deviations; dynamic programming, O(k n²)). Returns upper bounds of each class.
///
/// # Reference
/// Jenks (1977); Fisher (1958). Same result as `mapclassify.FisherJenks`.
///
/// ```
/// let b = agglo::carto::jenks_breaks(&[1.0, 1.1, 1.2, 5.0, 5.1, 9.0], 3).unwrap();
/// assert_eq!(b, vec![1.2, 5.1, 9.0]);
/// ```
pub fn jenks_breaks(values: &[f64], k: usize) -> Result<Vec<f64>> {
    let v = sorted_finite(values, k)?;
    let n = v.len();
    let k = k.min(n);
    // Large inputs: classify on an evenly spaced sample of the sorted values (keeps O(k n²) bounded).
    let sample: Vec<f64> = if n > 2000 {
        (0..2000)
            .filter_map(|s| v.get(s * (n - 1) / 1999).copied())
            .collect()
    } else {
        v.clone()
    };
    let n = sample.len();
    // prefix sums for O(1) class cost
    let mut s1 = vec![0.0; n + 1];
    let mut s2 = vec![0.0; n + 1];
    for (i, x) in sample.iter().enumerate() {
        s1[i + 1] = s1[i] + x;
        s2[i + 1] = s2[i] + x * x;
    }
    let cost = |a: usize, b: usize| -> f64 {
        // values a..b (exclusive b)
        let m = (b - a) as f64;
        let s = s1[b] - s1[a];
        (s2[b] - s2[a]) - s * s / m
    };
    // dp[c][i]: best cost of splitting the first i values into c classes
    let mut dp = vec![vec![f64::INFINITY; n + 1]; k + 1];
    let mut arg = vec![vec![0usize; n + 1]; k + 1];
    dp[0][0] = 0.0;
    for c in 1..=k {
        for i in c..=n {
            for j in (c - 1)..i {
                let val = dp[c - 1][j] + cost(j, i);
                if val < dp[c][i] {
                    dp[c][i] = val;
                    arg[c][i] = j;
                }
            }
        }
    }
    let mut bounds = Vec::with_capacity(k);
    let mut i = n;
    for c in (1..=k).rev() {
        bounds.push(sample[i - 1]);
        i = arg[c][i];
    }
    bounds.reverse();
    bounds.dedup();
    Ok(bounds)
}

/// Breaks by method.
pub fn classify(values: &[f64], k: usize, method: ClassMethod) -> Result<Vec<f64>> {
    match method {
        ClassMethod::Quantile => quantile_breaks(values, k),
        ClassMethod::NaturalBreaks => jenks_breaks(values, k),
    }
}

fn sorted_finite(values: &[f64], k: usize) -> Result<Vec<f64>> {
    if !(1..=12).contains(&k) {
        return Err(Error::new(
            ErrorCode::InvalidParameter,
            format!("the number of classes must be 1 to 12, not {k}"),
        ));
    }
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return Err(Error::new(
            ErrorCode::InsufficientData,
            "no values to classify",
        ));
    }
    v.sort_by(|a, b| a.total_cmp(b));
    Ok(v)
}
