//! Region specialisation indices over a panel: one row per region with every index of METHODS.md §2.

use super::{
    average_lq, duranton_puga_diversity, gini_of_lq, herfindahl, hoover, krugman_dissimilarity,
    krugman_vs_group_mean, related_unrelated_variety, shannon_entropy, theil_l, theil_t,
    variety::code_prefix_group,
};
use crate::error::{Location, Warning};
use crate::panel::{MatrixView, Reference};
use serde::{Deserialize, Serialize};

/// Parameters of [`region_specialisation`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpecialisationParams {
    /// Groups for related/unrelated variety: the first `group_digits` characters of each industry
    /// code (default 2, NAICS sectors). Ignored when `groups` is given.
    pub group_digits: usize,
    /// An explicit group (parent code) per industry of the panel, in panel order.
    pub groups: Option<Vec<String>>,
    /// Treat missing cells as zero (default false: missing industries are left out of the region's
    /// vector and counted in `missing_cells`).
    pub missing_as_zero: bool,
    /// Also compare every region with this region (index): `krugman_vs_region`.
    pub versus_region: Option<usize>,
}

impl Default for SpecialisationParams {
    fn default() -> Self {
        SpecialisationParams {
            group_digits: 2,
            groups: None,
            missing_as_zero: false,
            versus_region: None,
        }
    }
}

/// Specialisation indices of one region (flat, snake_case). An index that cannot be computed
/// (e.g. Theil-L with a zero cell) is `null`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegionSpecialisation {
    pub region: String,
    pub region_name: String,
    /// Industries in the region's vector.
    pub n_industries: usize,
    /// Cells missing in the data (left out unless `missing_as_zero`).
    pub missing_cells: usize,
    pub total: f64,
    /// Krugman dissimilarity against the reference, 0..2.
    pub krugman: Option<f64>,
    /// Krugman against the mean share vector of all other regions (REAT `krugman.spec2`).
    pub krugman_vs_others_mean: Option<f64>,
    /// Krugman against the region `versus_region` (absent cells count as 0 in both vectors).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub krugman_vs_region: Option<f64>,
    /// Hoover / specialisation coefficient = krugman / 2.
    pub hoover: Option<f64>,
    pub herfindahl: Option<f64>,
    pub herfindahl_normalised: Option<f64>,
    pub herfindahl_equivalent_number: Option<f64>,
    /// Shannon entropy (bits) = related + unrelated variety.
    pub entropy: Option<f64>,
    pub related_variety: Option<f64>,
    pub unrelated_variety: Option<f64>,
    /// Gini of the region's LQs over industries (REAT `gini.spec`).
    pub gini_lq: Option<f64>,
    /// Theil-T of the region's values over industries.
    pub theil_t: Option<f64>,
    /// Theil-L (mean log deviation, REAT `theil`) of the region's values over industries.
    pub theil_l: Option<f64>,
    /// Employment-weighted average LQ.
    pub average_lq: Option<f64>,
    /// Hachman index = 1 / average LQ.
    pub hachman: Option<f64>,
    /// Duranton-Puga relative diversity = 1 / krugman.
    pub duranton_puga: Option<f64>,
}

/// Region specialisation indices for every region of one measure and year.
///
/// Each region's vector is its published cells over the industries that have a positive reference
/// value (the rest are reported once); shares are taken within that vector so the indices keep
/// their ranges (Krugman in [0, 2]).
///
/// # Arguments
/// * `mx` the region × industry matrix; `reference` the reference economy (same industries).
/// * `regions`, `region_names`, `industries` the panel's labels.
///
/// # Returns
/// One [`RegionSpecialisation`] per region with data, and warnings (zero-total regions, industries
/// without a reference value, missing cells).
///
/// # Complexity
/// O(regions × industries × log industries): the mean of the other regions' shares is derived
/// from one sum over all regions.
pub fn region_specialisation(
    mx: &MatrixView<'_>,
    reference: &Reference,
    regions: &[String],
    region_names: &[String],
    industries: &[String],
    params: &SpecialisationParams,
) -> (Vec<RegionSpecialisation>, Vec<Warning>) {
    let mut warnings = Vec::new();
    let usable: Vec<usize> = (0..mx.n_industries)
        .filter(|&i| reference.industry_totals.get(i).is_some_and(|v| *v > 0.0))
        .collect();
    let n_unusable = mx.n_industries - usable.len();
    if n_unusable > 0 {
        warnings.push(Warning::new(
            "W_ZERO_REFERENCE_INDUSTRY",
            format!("{n_unusable} industr(ies) have a zero or missing reference total; they are left out of the specialisation indices"),
        ));
    }
    let groups: Vec<String> = usable
        .iter()
        .map(|&i| match &params.groups {
            Some(g) => g.get(i).cloned().unwrap_or_default(),
            None => code_prefix_group(
                industries.get(i).map(String::as_str).unwrap_or(""),
                params.group_digits,
            ),
        })
        .collect();
    // Full vectors (missing → 0 for the shares of "others", which only serve the comparison mean).
    let vectors: Vec<Vec<f64>> = (0..mx.n_regions)
        .map(|r| {
            usable
                .iter()
                .map(|&i| mx.get(r, i).unwrap_or(0.0))
                .collect()
        })
        .collect();
    let share_vecs: Vec<Option<Vec<f64>>> = vectors
        .iter()
        .map(|v| {
            let s: f64 = v.iter().sum();
            (s > 0.0).then(|| v.iter().map(|x| x / s).collect())
        })
        .collect();
    let n_with = share_vecs.iter().filter(|s| s.is_some()).count();
    let mut sum_shares = vec![0.0; usable.len()];
    for s in share_vecs.iter().flatten() {
        for (a, b) in sum_shares.iter_mut().zip(s) {
            *a += b;
        }
    }
    let mut rows = Vec::new();
    let mut zero_regions = Vec::new();
    for r in 0..mx.n_regions {
        let code = regions.get(r).cloned().unwrap_or_default();
        let mut vals = Vec::new();
        let mut refs = Vec::new();
        let mut grp = Vec::new();
        let mut missing = 0usize;
        for (k, &i) in usable.iter().enumerate() {
            match mx.get(r, i) {
                Some(v) => vals.push(v),
                None if params.missing_as_zero => {
                    missing += 1;
                    vals.push(0.0)
                }
                None => {
                    missing += 1;
                    continue;
                }
            }
            refs.push(reference.industry_totals.get(i).copied().unwrap_or(0.0));
            grp.push(groups.get(k).cloned().unwrap_or_default());
        }
        let total: f64 = vals.iter().sum();
        if !(total > 0.0) {
            if mx.row(r).iter().any(|v| !v.is_nan()) {
                zero_regions.push(code);
            }
            continue;
        }
        let krugman = krugman_dissimilarity(&vals, &refs).ok();
        let others_mean = match share_vecs.get(r) {
            Some(Some(own)) if n_with > 1 => {
                let mean: Vec<f64> = sum_shares
                    .iter()
                    .zip(own)
                    .map(|(s, o)| (s - o) / (n_with - 1) as f64)
                    .collect();
                let mean_ref: Vec<&[f64]> = vec![&mean];
                krugman_vs_group_mean(vectors.get(r).map(Vec::as_slice).unwrap_or(&[]), &mean_ref)
                    .ok()
            }
            _ => None,
        };
        let h = herfindahl(&vals).ok();
        let v = related_unrelated_variety(&vals, &grp).ok();
        rows.push(RegionSpecialisation {
            region: regions.get(r).cloned().unwrap_or_default(),
            region_name: region_names.get(r).cloned().unwrap_or_default(),
            n_industries: vals.len(),
            missing_cells: missing,
            total,
            krugman,
            krugman_vs_others_mean: others_mean,
            krugman_vs_region: params.versus_region.and_then(|v| {
                let a = vectors.get(r)?;
                let b = vectors.get(v)?;
                krugman_dissimilarity(a, b).ok()
            }),
            hoover: hoover(&vals, &refs).ok(),
            herfindahl: h.map(|h| h.plain),
            herfindahl_normalised: h.map(|h| h.normalised).filter(|v| v.is_finite()),
            herfindahl_equivalent_number: h.map(|h| h.equivalent_number),
            entropy: shannon_entropy(&vals).ok(),
            related_variety: v.map(|v| v.related_variety),
            unrelated_variety: v.map(|v| v.unrelated_variety),
            gini_lq: gini_of_lq(&vals, &refs).ok(),
            theil_t: theil_t(&vals).ok(),
            theil_l: theil_l(&vals).ok(),
            average_lq: average_lq(&vals, &refs).ok(),
            hachman: average_lq(&vals, &refs).ok().map(|a| 1.0 / a),
            duranton_puga: duranton_puga_diversity(&vals, &refs)
                .ok()
                .filter(|v| v.is_finite()),
        });
    }
    let n_missing: usize = rows.iter().map(|r| r.missing_cells).sum();
    if n_missing > 0 && !params.missing_as_zero {
        warnings.push(Warning::new(
            "W_MISSING_CELLS",
            format!("{n_missing} missing (suppressed or absent) cells were left out of the regions' vectors; set missing_as_zero to count absent cells as 0"),
        ));
    }
    for z in zero_regions {
        warnings.push(
            Warning::new(
                "W_ZERO_REGION_TOTAL",
                format!("region '{z}' has a zero total; no specialisation indices"),
            )
            .at(Location::default().with_region(z)),
        );
    }
    (rows, warnings)
}
