//! Property tests: shift-share identities, index ranges, the LQ's weighted mean.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use agglo::indicators::shift_share::{dunn, dynamic, esteban_marquillas, gerfin};
use agglo::indicators::*;
use agglo::panel::{Panel, Reference};
use proptest::prelude::*;

fn vec_pos(n: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(1.0f64..1e6, n)
}
fn vec_nonneg(n: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(prop_oneof![Just(0.0), 0.0f64..1e6], n)
}

fn near(a: f64, b: f64, scale: f64) -> bool {
    (a - b).abs() <= 1e-9 * scale.max(1.0)
}

proptest! {
    #[test]
    fn shift_share_components_sum_to_change(
        (r0, r1, n0, n1) in (2usize..12).prop_flat_map(|n| (vec_nonneg(n), vec_nonneg(n), vec_pos(n), vec_pos(n)))
    ) {
        // The reference contains the region (as a sum of regions would).
        let n0: Vec<f64> = n0.iter().zip(&r0).map(|(a, b)| a + b).collect();
        let n1: Vec<f64> = n1.iter().zip(&r1).map(|(a, b)| a + b).collect();
        let (d, per) = dunn(&r0, &r1, &n0, &n1).unwrap();
        let scale: f64 = r0.iter().chain(&r1).sum::<f64>() * 10.0;
        prop_assert!(near(d.national_share + d.industry_mix + d.regional_share, d.change, scale));
        prop_assert!(near(d.industry_mix + d.regional_share, d.net_shift, scale));
        let e0: f64 = r0.iter().sum();
        let e1: f64 = r1.iter().sum();
        prop_assert!(near(d.change, e1 - e0, scale));
        for (k, p) in per.iter().enumerate() {
            prop_assert!(near(p.national_share + p.industry_mix + p.regional_share, r1[k] - r0[k], scale));
        }
        prop_assert!(near(per.iter().map(|p| p.industry_mix).sum(), d.industry_mix, scale));
        let (e, eper) = esteban_marquillas(&r0, &r1, &n0, &n1).unwrap();
        prop_assert!(near(e.competitive + e.allocation, d.regional_share, scale));
        prop_assert!(near(e.national_share + e.industry_mix + e.competitive + e.allocation, e.change, scale));
        for (k, p) in eper.iter().enumerate() {
            prop_assert!(near(p.competitive + p.allocation, per[k].regional_share, scale));
        }
        if e0 > 0.0 {
            let g = gerfin(&r0, &r1, &n0, &n1).unwrap();
            prop_assert!((g.industry_mix * g.regional_share - g.net_shift).abs() <= 1e-9 * g.net_shift.abs().max(1.0));
        }
    }

    #[test]
    fn dynamic_components_sum_to_whole_change(
        series in (2usize..6, 2usize..5).prop_flat_map(|(n, t)| prop::collection::vec((vec_nonneg(n), vec_pos(n)), t))
    ) {
        let region: Vec<Vec<f64>> = series.iter().map(|(r, _)| r.clone()).collect();
        let nation: Vec<Vec<f64>> = series.iter().map(|(r, n)| r.iter().zip(n).map(|(a, b)| a + b).collect()).collect();
        let rr: Vec<&[f64]> = region.iter().map(Vec::as_slice).collect();
        let nn: Vec<&[f64]> = nation.iter().map(Vec::as_slice).collect();
        let d = dynamic(&rr, &nn).unwrap();
        let whole = region.last().unwrap().iter().sum::<f64>() - region[0].iter().sum::<f64>();
        let scale: f64 = region.iter().flatten().sum::<f64>() * 10.0;
        let c = d.dunn;
        prop_assert!(near(c.national_share + c.industry_mix + c.regional_share, whole, scale));
        let e = d.esteban_marquillas;
        prop_assert!(near(e.national_share + e.industry_mix + e.competitive + e.allocation, whole, scale));
        prop_assert_eq!(d.yearly.len(), region.len() - 1);
    }

    #[test]
    fn krugman_in_0_2_and_hoover_half(a in vec_nonneg(8), b in vec_nonneg(8)) {
        prop_assume!(a.iter().sum::<f64>() > 0.0 && b.iter().sum::<f64>() > 0.0);
        let k = krugman_dissimilarity(&a, &b).unwrap();
        prop_assert!((0.0..=2.0 + 1e-12).contains(&k));
        prop_assert!((hoover(&a, &b).unwrap() - k / 2.0).abs() < 1e-12);
        prop_assert!(krugman_dissimilarity(&a, &a).unwrap().abs() < 1e-12);
    }

    #[test]
    fn gini_in_0_1(x in prop::collection::vec(0.0f64..1e6, 1..40)) {
        prop_assume!(x.iter().sum::<f64>() > 0.0);
        let g = gini(&x, false).unwrap();
        prop_assert!((-1e-12..1.0).contains(&g), "gini {}", g);
        // The maximum for n values is (n-1)/n.
        let n = x.len() as f64;
        prop_assert!(g <= (n - 1.0) / n + 1e-12);
        if x.len() > 1 {
            let gn = gini(&x, true).unwrap();
            prop_assert!((-1e-12..=1.0 + 1e-12).contains(&gn));
        }
    }

    #[test]
    fn herfindahl_bounds(x in prop::collection::vec(0.0f64..1e6, 1..40)) {
        prop_assume!(x.iter().sum::<f64>() > 0.0);
        let h = herfindahl(&x).unwrap();
        let n = x.len() as f64;
        prop_assert!(h.plain >= 1.0 / n - 1e-12 && h.plain <= 1.0 + 1e-12);
        prop_assert!((h.equivalent_number * h.plain - 1.0).abs() < 1e-12);
        if x.len() > 1 {
            prop_assert!(h.normalised >= -1e-12 && h.normalised <= 1.0 + 1e-12);
        }
    }

    #[test]
    fn locational_gini_below_half(x in vec_nonneg(10), t in vec_pos(10)) {
        prop_assume!(x.iter().sum::<f64>() > 0.0);
        let g = locational_gini(&x, &t).unwrap();
        prop_assert!((-1e-12..0.5).contains(&g));
    }

    #[test]
    fn variety_decomposes_entropy(x in vec_nonneg(12), g in prop::collection::vec(0u8..4, 12)) {
        prop_assume!(x.iter().sum::<f64>() > 0.0);
        let groups: Vec<String> = g.iter().map(|v| v.to_string()).collect();
        let v = related_unrelated_variety(&x, &groups).unwrap();
        prop_assert!((v.total_entropy - shannon_entropy(&x).unwrap()).abs() < 1e-9);
    }

    #[test]
    fn employment_weighted_mean_lq_is_one(
        cells in prop::collection::vec(prop::collection::vec(0.0f64..1e5, 5), 2..8)
    ) {
        let nr = cells.len();
        let mut p = Panel::new((0..nr).map(|r| format!("r{r}")).collect(), vec![],
            (0..5).map(|i| format!("i{i}")).collect(), vec![], vec![0], vec!["employment".into()]);
        for (r, row) in cells.iter().enumerate() {
            for (i, v) in row.iter().enumerate() {
                p.set(0, 0, r, i, *v).unwrap();
            }
        }
        let reference = Reference::sum_of_regions(&p, 0, 0);
        let (lq, _) = location_quotients(&p.matrix(0, 0), &reference);
        let mx = p.matrix(0, 0);
        let e = reference.total;
        for i in 0..5 {
            if reference.industry_totals[i] <= 0.0 { continue; }
            // sum_r LQ_ri * E_r / E = 1
            let s: f64 = lq.iter().filter(|c| c.industry == i).map(|c| c.lq * mx.region_total(c.region) / e).sum();
            prop_assert!((s - 1.0).abs() < 1e-9, "industry {}: {}", i, s);
        }
        for r in 0..nr {
            if mx.region_total(r) <= 0.0 { continue; }
            // and sum_i LQ_ri * S_i = 1 (the reference-share-weighted mean over industries)
            let s: f64 = lq.iter().filter(|c| c.region == r).map(|c| c.lq * c.share_reference).sum();
            prop_assert!((s - 1.0).abs() < 1e-9);
        }
    }
}
