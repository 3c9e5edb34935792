//! The portfolio (quadrant) chart of METHODS.md §3: for one industry across regions, x = LQ,
//! y = growth between two years, bubble = the measure in the end year; quadrant lines at LQ = 1 and
//! at the reference economy's growth.

use super::location_quotient::location_quotient;
use crate::error::{Error, ErrorCode, Result, Warning};
use crate::panel::{Panel, Reference};
use serde::Serialize;

/// Quadrant names in common use in cluster reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    /// LQ >= 1 and growing faster than the reference.
    Star,
    /// LQ < 1 and growing faster than the reference.
    Emerging,
    /// LQ >= 1 and growing slower than the reference (mature / at risk).
    Mature,
    /// LQ < 1 and growing slower than the reference.
    Transforming,
}

/// One region's point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PortfolioPoint {
    pub region: usize,
    /// LQ in the end year.
    pub lq: f64,
    /// Value in the start and end year.
    pub value_start: f64,
    pub value_end: f64,
    /// Relative growth `v1/v0 - 1`.
    pub growth: f64,
    /// Compound annual growth rate.
    pub cagr: f64,
    pub quadrant: Quadrant,
}

/// The portfolio of one industry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Portfolio {
    pub industry: usize,
    pub year_start: i32,
    pub year_end: i32,
    /// Reference growth of the industry `E[·][j]_t1 / E[·][j]_t0 - 1` (the horizontal quadrant line).
    pub reference_growth: f64,
    pub points: Vec<PortfolioPoint>,
    pub warnings: Vec<Warning>,
}

/// Portfolio points of industry `i` over all regions published in both years.
///
/// Regions missing in either year, or with a zero start value, have no growth and are left out
/// (counted in a warning), never plotted at zero.
///
/// # Errors
/// `E_INVALID_PARAMETER` when the end year is not after the start year; `E_ZERO_TOTAL` when the
/// reference industry total is zero or missing in either year.
///
/// # Complexity
/// O(regions × industries) for the region totals.
pub fn industry_portfolio(
    panel: &Panel,
    measure: usize,
    industry: usize,
    (y0, ref0): (usize, &Reference),
    (y1, ref1): (usize, &Reference),
) -> Result<Portfolio> {
    let t0 = *panel
        .years
        .get(y0)
        .ok_or_else(|| Error::new(ErrorCode::UnknownYear, "start year"))?;
    let t1 = *panel
        .years
        .get(y1)
        .ok_or_else(|| Error::new(ErrorCode::UnknownYear, "end year"))?;
    if t1 <= t0 {
        return Err(Error::new(
            ErrorCode::InvalidParameter,
            format!("the end year {t1} must be after the start year {t0}"),
        ));
    }
    let r0 = ref0
        .industry_totals
        .get(industry)
        .copied()
        .unwrap_or(f64::NAN);
    let r1 = ref1
        .industry_totals
        .get(industry)
        .copied()
        .unwrap_or(f64::NAN);
    if !(r0 > 0.0) || !r1.is_finite() {
        let code = panel.industries.get(industry).cloned().unwrap_or_default();
        return Err(Error::new(
            ErrorCode::ZeroTotal,
            format!("the reference total of industry {code} is zero or missing in {t0} or {t1}; growth is undefined"),
        ));
    }
    let reference_growth = r1 / r0 - 1.0;
    let (m0, m1) = (panel.matrix(measure, y0), panel.matrix(measure, y1));
    let mut points = Vec::new();
    let mut left_out = 0usize;
    for r in 0..panel.regions.len() {
        let (Some(v0), Some(v1)) = (m0.get(r, industry), m1.get(r, industry)) else {
            if m0.get(r, industry).is_some() || m1.get(r, industry).is_some() {
                left_out += 1;
            }
            continue;
        };
        let Ok(lq) = location_quotient(v1, m1.region_total(r), r1, ref1.total) else {
            left_out += 1;
            continue;
        };
        if !(v0 > 0.0) {
            left_out += 1;
            continue;
        }
        let growth = v1 / v0 - 1.0;
        let cagr = (v1 / v0).powf(1.0 / f64::from(t1 - t0)) - 1.0;
        let quadrant = match (lq >= 1.0, growth >= reference_growth) {
            (true, true) => Quadrant::Star,
            (false, true) => Quadrant::Emerging,
            (true, false) => Quadrant::Mature,
            (false, false) => Quadrant::Transforming,
        };
        points.push(PortfolioPoint {
            region: r,
            lq,
            value_start: v0,
            value_end: v1,
            growth,
            cagr,
            quadrant,
        });
    }
    let mut warnings = Vec::new();
    if left_out > 0 {
        warnings.push(Warning::new(
            "W_PORTFOLIO_INCOMPLETE",
            format!("{left_out} region(s) lack a published value in {t0} or {t1} (or start at zero) and are not plotted"),
        ));
    }
    Ok(Portfolio {
        industry,
        year_start: t0,
        year_end: t1,
        reference_growth,
        points,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quadrants_against_reference_growth() {
        let mut p = Panel::new(
            vec!["a".into(), "b".into()],
            vec![],
            vec!["x".into(), "y".into()],
            vec![],
            vec![2017, 2021],
            vec!["employment".into()],
        );
        for (y, vals) in [(0, [10.0, 10.0, 10.0, 10.0]), (1, [30.0, 10.0, 10.0, 30.0])] {
            p.set(0, y, 0, 0, vals[0]).unwrap();
            p.set(0, y, 0, 1, vals[1]).unwrap();
            p.set(0, y, 1, 0, vals[2]).unwrap();
            p.set(0, y, 1, 1, vals[3]).unwrap();
        }
        let r0 = Reference::sum_of_regions(&p, 0, 0);
        let r1 = Reference::sum_of_regions(&p, 0, 1);
        let pf = industry_portfolio(&p, 0, 0, (0, &r0), (1, &r1)).unwrap();
        // Industry x: reference 20 → 40 (+100 %). Region a: 10 → 30 (+200 %), LQ (30/40)/(40/80) = 1.5.
        assert!((pf.reference_growth - 1.0).abs() < 1e-12);
        let a = &pf.points[0];
        assert!((a.lq - 1.5).abs() < 1e-12);
        assert_eq!(a.quadrant, Quadrant::Star);
        let b = &pf.points[1];
        assert!((b.lq - 0.5).abs() < 1e-12);
        assert_eq!(b.quadrant, Quadrant::Transforming);
        assert!((b.cagr - 0.0).abs() < 1e-12);
    }
}
