//! Panel-level wrappers: Ellison-Glaeser from an establishments measure, coagglomeration pairs,
//! dynamic shift-share over several years, per-industry rows.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use agglo::indicators::shift_share::{dunn, shift_share_panel, ShiftShareMethod, ShiftShareParams};
use agglo::indicators::*;
use agglo::panel::{Panel, Reference};

fn panel3() -> Panel {
    // 3 regions × 3 industries × 3 years, employment and establishments.
    let mut p = Panel::new(
        vec!["a".into(), "b".into(), "c".into()],
        vec![],
        vec!["x".into(), "y".into(), "z".into()],
        vec![],
        vec![2019, 2020, 2021],
        vec!["employment".into(), "establishments".into()],
    );
    let emp = [
        [[100.0, 50.0, 10.0], [20.0, 80.0, 5.0], [30.0, 30.0, 60.0]],
        [[110.0, 45.0, 12.0], [25.0, 85.0, 4.0], [28.0, 35.0, 70.0]],
        [[120.0, 47.0, 15.0], [22.0, 90.0, 6.0], [35.0, 33.0, 66.0]],
    ];
    let est = [[4.0, 2.0, 1.0], [2.0, 5.0, 1.0], [3.0, 3.0, 6.0]];
    for (y, ey) in emp.iter().enumerate() {
        for (r, er) in ey.iter().enumerate() {
            for (i, v) in er.iter().enumerate() {
                p.set(0, y, r, i, *v).unwrap();
                p.set(1, y, r, i, est[r][i]).unwrap();
            }
        }
    }
    p
}

#[test]
fn ellison_glaeser_from_establishment_counts_equals_equal_size_plants() {
    let p = panel3();
    let mx = p.matrix(0, 2);
    let es = p.matrix(1, 2);
    let (rows, _) = industry_concentration(
        &mx,
        Some(&es),
        &p.industries,
        &p.industry_names,
        &ConcentrationParams::default(),
    );
    let totals: Vec<f64> = (0..3).map(|r| mx.region_total(r)).collect();
    for (i, row) in rows.iter().enumerate() {
        // Plant level: n_r plants of size E_r / n_r in each region.
        let mut sizes = Vec::new();
        let mut region = Vec::new();
        for r in 0..3 {
            let n = es.get(r, i).unwrap() as usize;
            for _ in 0..n {
                sizes.push(mx.get(r, i).unwrap() / n as f64);
                region.push(r);
            }
        }
        let eg = ellison_glaeser(&sizes, &region, &totals).unwrap();
        assert!((row.eg_gamma.unwrap() - eg.gamma).abs() < 1e-12);
        assert!((row.eg_g.unwrap() - eg.g).abs() < 1e-12);
        assert!((row.eg_h.unwrap() - eg.h).abs() < 1e-12);
    }
    // Without an establishments matrix the EG fields are absent, the rest unchanged.
    let (plain, _) = industry_concentration(
        &mx,
        None,
        &p.industries,
        &p.industry_names,
        &ConcentrationParams::default(),
    );
    assert!(plain.iter().all(|r| r.eg_gamma.is_none()));
    assert_eq!(plain[0].locational_gini, rows[0].locational_gini);
}

#[test]
fn coagglomeration_pairs_symmetry_and_diagonal() {
    let p = panel3();
    let mx = p.matrix(0, 0);
    let pairs = coagglomeration_pairs(&mx, &p.industries, &[]);
    assert_eq!(pairs.len(), 3);
    let totals: Vec<f64> = (0..3).map(|r| mx.region_total(r)).collect();
    let col = |i: usize| -> Vec<f64> { (0..3).map(|r| mx.get(r, i).unwrap()).collect() };
    let xy = coagglomeration(&col(0), &col(1), &totals).unwrap();
    assert!((coagglomeration(&col(1), &col(0), &totals).unwrap() - xy).abs() < 1e-15);
    assert_eq!(pairs[0].industry_a, "x");
    assert_eq!(pairs[0].industry_b, "y");
    assert!((pairs[0].gamma_c - xy).abs() < 1e-15);
    // Diagonal: gamma_c(i, i) = G_i / (1 - sum x^2).
    let s: Vec<f64> = col(2)
        .iter()
        .map(|v| v / col(2).iter().sum::<f64>())
        .collect();
    let t: f64 = totals.iter().sum();
    let x: Vec<f64> = totals.iter().map(|v| v / t).collect();
    let g: f64 = s.iter().zip(&x).map(|(a, b)| (a - b).powi(2)).sum();
    let sx2: f64 = x.iter().map(|v| v * v).sum();
    assert!((coagglomeration(&col(2), &col(2), &totals).unwrap() - g / (1.0 - sx2)).abs() < 1e-15);
}

#[test]
fn dynamic_panel_sums_yearly_decompositions() {
    let p = panel3();
    let refs: Vec<Reference> = (0..3)
        .map(|y| Reference::sum_of_regions(&p, 0, y))
        .collect();
    let params = ShiftShareParams {
        from_year: 2019,
        to_year: 2021,
        method: ShiftShareMethod::Dynamic,
        by_industry: false,
        measure: 0,
        missing_as_zero: false,
    };
    let (rows, w) = shift_share_panel(&p, &refs, &params).unwrap();
    assert!(w.is_empty(), "{w:?}");
    let row_of = |y: usize, r: usize| -> Vec<f64> { p.matrix(0, y).row(r).to_vec() };
    for (r, row) in rows.iter().enumerate() {
        let (a, _) = dunn(
            &row_of(0, r),
            &row_of(1, r),
            &refs[0].industry_totals,
            &refs[1].industry_totals,
        )
        .unwrap();
        let (b, _) = dunn(
            &row_of(1, r),
            &row_of(2, r),
            &refs[1].industry_totals,
            &refs[2].industry_totals,
        )
        .unwrap();
        assert!((row.regional_share.unwrap() - (a.regional_share + b.regional_share)).abs() < 1e-9);
        assert!((row.industry_mix.unwrap() - (a.industry_mix + b.industry_mix)).abs() < 1e-9);
        let change = row_of(2, r).iter().sum::<f64>() - row_of(0, r).iter().sum::<f64>();
        assert!((row.change.unwrap() - change).abs() < 1e-9);
        let sum = row.national_share.unwrap()
            + row.industry_mix.unwrap()
            + row.competitive.unwrap()
            + row.allocation.unwrap();
        assert!((sum - change).abs() < 1e-9);
        assert!(row.gerfin_net_shift.unwrap().is_finite());
    }
    // Static Dunn over the whole period differs from the dynamic sum (that is the point of it).
    let (stat, _) = shift_share_panel(
        &p,
        &refs,
        &ShiftShareParams {
            method: ShiftShareMethod::Dunn,
            ..params.clone()
        },
    )
    .unwrap();
    assert!((stat[0].regional_share.unwrap() - rows[0].regional_share.unwrap()).abs() > 1e-6);
    // Per industry, the industry rows add up to the region row.
    let (by, _) = shift_share_panel(
        &p,
        &refs,
        &ShiftShareParams {
            by_industry: true,
            ..params.clone()
        },
    )
    .unwrap();
    assert_eq!(by.len(), 9);
    for row in &rows {
        let s: f64 = by
            .iter()
            .filter(|b| b.region == row.region)
            .map(|b| b.regional_share.unwrap())
            .sum();
        assert!((s - row.regional_share.unwrap()).abs() < 1e-9);
    }
    // Bad years.
    let e = shift_share_panel(
        &p,
        &refs,
        &ShiftShareParams {
            from_year: 2021,
            to_year: 2019,
            ..params.clone()
        },
    )
    .unwrap_err();
    assert_eq!(e.code_str(), "E_INVALID_PARAMETER");
    let e = shift_share_panel(
        &p,
        &refs,
        &ShiftShareParams {
            to_year: 2030,
            ..params
        },
    )
    .unwrap_err();
    assert_eq!(e.code_str(), "E_UNKNOWN_YEAR");
}

#[test]
fn lq_variants_standardise_per_industry() {
    let p = panel3();
    let mx = p.matrix(0, 0);
    let reference = Reference::sum_of_regions(&p, 0, 0);
    let (cells, _) = lq_variants(&mx, &reference, &p.regions, &p.industries);
    assert_eq!(cells.len(), 9);
    for ind in ["x", "y", "z"] {
        let z: Vec<f64> = cells
            .iter()
            .filter(|c| c.industry == ind)
            .map(|c| c.standardised_lq.unwrap())
            .collect();
        let mean = z.iter().sum::<f64>() / 3.0;
        let var = z.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / 2.0;
        assert!(mean.abs() < 1e-12 && (var - 1.0).abs() < 1e-12);
    }
    let c = &cells[0];
    let s = mx.get(0, 0).unwrap() / mx.region_total(0);
    let sref = reference.industry_totals[0] / reference.total;
    assert!((c.additive_lq - (s - sref)).abs() < 1e-15);
}

#[test]
fn bad_slices_are_errors_not_panics() {
    assert_eq!(
        gini(&[], false).unwrap_err().code_str(),
        "E_INSUFFICIENT_DATA"
    );
    assert_eq!(
        gini(&[1.0, -1.0], false).unwrap_err().code_str(),
        "E_NEGATIVE_VALUE"
    );
    assert_eq!(
        gini(&[0.0, 0.0], false).unwrap_err().code_str(),
        "E_ZERO_TOTAL"
    );
    assert_eq!(
        herfindahl(&[f64::NAN]).unwrap_err().code_str(),
        "E_NON_NUMERIC"
    );
    assert_eq!(
        krugman_dissimilarity(&[1.0], &[1.0, 2.0])
            .unwrap_err()
            .code_str(),
        "E_INVALID_PARAMETER"
    );
    assert_eq!(theil_l(&[1.0, 0.0]).unwrap_err().code_str(), "E_ZERO_TOTAL");
    assert_eq!(
        gini_of_lq(&[1.0, 2.0], &[1.0, 0.0]).unwrap_err().code_str(),
        "E_ZERO_TOTAL"
    );
    assert_eq!(
        ellison_glaeser(&[5.0], &[0], &[1.0, 1.0])
            .unwrap_err()
            .code_str(),
        "E_INSUFFICIENT_DATA"
    );
    assert_eq!(
        ellison_glaeser(&[5.0, 1.0], &[0, 7], &[1.0, 1.0])
            .unwrap_err()
            .code_str(),
        "E_INVALID_PARAMETER"
    );
    let e =
        agglo::indicators::shift_share::dunn(&[1.0, 2.0], &[1.0, 2.0], &[0.0, 3.0], &[1.0, 3.0])
            .unwrap_err();
    assert_eq!(e.code_str(), "E_ZERO_TOTAL");
    assert!(e.message.contains("position 1"));
    assert_eq!(
        standardised_lq(&[1.0, 1.0], false).unwrap_err().code_str(),
        "E_ZERO_VARIANCE"
    );
}
