//! Establishment counts by employment-size class (County Business Patterns' `n<5`, `n5_9`, …
//! columns, or generic `size_<lo>_<hi>` / `size_<lo>_plus` columns) and the SME share they give.

use serde::{Deserialize, Serialize};

/// One size-class measure of the panel: establishment counts with `lower <= employees < upper`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SizeClass {
    /// Index of the measure holding the counts.
    pub measure: usize,
    /// Smallest employee count of the class.
    pub lower: f64,
    /// One more than the largest employee count of the class (`None`: open-ended top class).
    pub upper: Option<f64>,
}

impl SizeClass {
    /// The size every establishment of the class is given for Ellison-Glaeser's H: the midpoint
    /// of the employee counts `lower ..= upper - 1`; for the open top class, 1.5 × its lower bound
    /// (a convention: CBP publishes no mean per class).
    ///
    /// # Examples
    /// ```
    /// use agglo::clusters::SizeClass;
    /// assert_eq!(SizeClass { measure: 0, lower: 5.0, upper: Some(10.0) }.representative_size(), 7.0);
    /// assert_eq!(SizeClass { measure: 0, lower: 1000.0, upper: None }.representative_size(), 1500.0);
    /// ```
    pub fn representative_size(&self) -> f64 {
        match self.upper {
            Some(u) => (self.lower + u - 1.0) / 2.0,
            None => 1.5 * self.lower,
        }
    }
}

/// The default SME threshold: fewer than 250 employees (the EU definition, Recommendation
/// 2003/361/EC; US CBP classes have a boundary at 250, between `n100_249` and `n250_499`).
pub const DEFAULT_SME_THRESHOLD: f64 = 250.0;

fn class_of(name: &str) -> Option<(f64, Option<f64>)> {
    let n = name.trim().to_ascii_lowercase();
    // CBP: n<5 (1-4), n5_9, n10_19, ..., n500_999, n1000 (1000+). The n1000_1..4 sub-classes of
    // 1000+ are not used (they would double-count n1000).
    if n == "n<5" || n == "n1_4" {
        return Some((1.0, Some(5.0)));
    }
    let body = n
        .strip_prefix("size_")
        .or_else(|| n.strip_prefix("n"))
        .filter(|b| b.chars().next().is_some_and(|c| c.is_ascii_digit()))?;
    let mut parts = body.split('_');
    // Employee counts are integers (an integer parse also keeps float parsing out of the wasm).
    let lo = f64::from(parts.next()?.parse::<u32>().ok()?);
    let hi = match parts.next() {
        None => {
            // `n1000` (CBP's open top class); `size_<lo>` alone is not a class name.
            return n.starts_with('n').then_some((lo, None));
        }
        Some("plus") | Some("more") => None,
        Some(h) => Some(f64::from(h.parse::<u32>().ok()?) + 1.0),
    };
    if parts.next().is_some() || hi.is_some_and(|h| h <= lo) {
        return None;
    }
    Some((lo, hi))
}

/// Recognise size-class measures by name: CBP's `n<5`, `n5_9`, `n10_19`, `n20_49`, `n50_99`,
/// `n100_249`, `n250_499`, `n500_999`, `n1000`, or generic `size_<lo>_<hi>` (inclusive bounds) and
/// `size_<lo>_plus`. Returns them sorted by lower bound; overlapping classes are dropped (the first
/// by lower bound wins).
///
/// # Examples
/// ```
/// use agglo::clusters::size_classes_from_measures;
/// let m: Vec<String> = ["employment", "n<5", "n5_9", "n250_499", "n1000"].map(String::from).into();
/// let c = size_classes_from_measures(&m);
/// assert_eq!(c.len(), 4);
/// assert_eq!((c[0].measure, c[0].lower, c[0].upper), (1, 1.0, Some(5.0)));
/// assert_eq!((c[3].lower, c[3].upper), (1000.0, None));
/// ```
///
/// # Complexity
/// O(measures log measures).
pub fn size_classes_from_measures(measures: &[String]) -> Vec<SizeClass> {
    let mut out: Vec<SizeClass> = measures
        .iter()
        .enumerate()
        .filter_map(|(k, m)| {
            class_of(m).map(|(lower, upper)| SizeClass {
                measure: k,
                lower,
                upper,
            })
        })
        .collect();
    out.sort_by(|a, b| a.lower.total_cmp(&b.lower));
    let mut kept: Vec<SizeClass> = Vec::with_capacity(out.len());
    for c in out {
        let overlaps = kept
            .last()
            .is_some_and(|p| p.upper.is_none_or(|u| c.lower < u));
        if !overlaps {
            kept.push(c);
        }
    }
    kept
}

/// SME share from establishment counts by size class:
/// `sum_{classes with upper <= threshold} n_c / sum_c n_c`.
///
/// `counts` are the counts per class (same order as `classes`; `None` = not published). Returns
/// `None` when no class is published, the total is 0, a published class straddles the threshold
/// (`lower < threshold < upper`), or a class is unpublished (the share would be a guess).
///
/// # Examples
/// ```
/// use agglo::clusters::{sme_share, SizeClass};
/// let c = [SizeClass { measure: 0, lower: 1.0, upper: Some(250.0) },
///          SizeClass { measure: 1, lower: 250.0, upper: None }];
/// assert_eq!(sme_share(&c, &[Some(9.0), Some(1.0)], 250.0), Some(0.9));
/// assert_eq!(sme_share(&c, &[Some(9.0), Some(1.0)], 100.0), None); // 100 splits a class
/// ```
///
/// # Complexity
/// O(classes).
pub fn sme_share(classes: &[SizeClass], counts: &[Option<f64>], threshold: f64) -> Option<f64> {
    let (mut small, mut all) = (0.0, 0.0);
    for (c, n) in classes.iter().zip(counts) {
        let n = (*n)?;
        if !n.is_finite() || n < 0.0 {
            return None;
        }
        all += n;
        match c.upper {
            Some(u) if u <= threshold => small += n,
            _ if c.lower >= threshold => {}
            _ => {
                if n > 0.0 {
                    return None;
                }
            }
        }
    }
    (all > 0.0).then(|| small / all)
}
