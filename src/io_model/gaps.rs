//! Supplier-gap analysis: a regional cluster's input requirements by supplying sector, the share
//! supplied locally, and the ranked unmet requirements (the OECD report's "gaps in the chain of
//! local suppliers").

use super::crosswalk::Crosswalk;
use super::leontief::LeontiefModel;
use super::regional_multipliers::region_and_reference;
use super::regionalise::{regionalise, RegionalCoefficients, RegionalParams, SectorEmployment};
use super::table::IoTable;
use crate::error::{Error, ErrorCode, Location, Result, Warning};
use crate::panel::{MatrixView, Reference};
use serde::Serialize;

/// One supplying sector.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GapRow {
    pub rank: usize,
    pub sector: String,
    pub sector_name: String,
    /// Input requirement `req_i = sum_{j} a_ij X_j` (table units, e.g. $M).
    pub requirement: f64,
    /// Locally supplied part `sum_j a_r,ij X_j`.
    pub local_supply: f64,
    /// `local_supply / requirement`.
    pub local_share: f64,
    /// `requirement − local_supply`.
    pub gap: f64,
    /// Supplier's regional simple LQ (by IO sector); `None` without national employment.
    pub regional_lq: Option<f64>,
    /// Supplier's regional employment (crosswalked to the IO sector).
    pub regional_employment: f64,
}

/// Supplier-gap result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SupplierGaps {
    /// Cluster output by IO sector, `X_j = cluster employment_j × national output per employee_j`.
    pub cluster_output: Vec<f64>,
    pub sectors: Vec<String>,
    /// Rows ranked by gap, largest first; sectors with no requirement are left out.
    pub rows: Vec<GapRow>,
    pub total_requirement: f64,
    pub total_local_supply: f64,
    pub total_gap: f64,
    pub lambda: Option<f64>,
    pub warnings: Vec<Warning>,
}

/// Rank supplier gaps for a cluster given its output by IO sector.
///
/// `req_i = sum_j a_ij X_j`, `local_i = sum_j a_r,ij X_j` with `A_r` from [`regionalise`],
/// `gap_i = req_i − local_i`, ranked descending (ties by sector order).
///
/// # Errors
/// `E_NOT_SQUARE` on length mismatch.
///
/// # Reference
/// OECD (2010?) cluster policy report, Box 1; Feser & Bergman (2000).
pub fn supplier_gaps(
    model: &LeontiefModel,
    names: &[String],
    regional: &RegionalCoefficients,
    emp: &SectorEmployment,
    cluster_output: &[f64],
) -> Result<SupplierGaps> {
    let n = model.n;
    if cluster_output.len() != n || regional.n != n {
        return Err(Error::new(
            ErrorCode::NotSquare,
            format!("{} cluster outputs for {n} sectors", cluster_output.len()),
        ));
    }
    let mut rows = Vec::new();
    for i in 0..n {
        let mut req = 0.0;
        let mut loc = 0.0;
        for (j, xj) in cluster_output.iter().enumerate() {
            if *xj == 0.0 {
                continue;
            }
            req += model.a.get(i * n + j).copied().unwrap_or(0.0) * xj;
            loc += regional.a.get(i * n + j).copied().unwrap_or(0.0) * xj;
        }
        if req <= 0.0 {
            continue;
        }
        rows.push(GapRow {
            rank: 0,
            sector: model.sectors.get(i).cloned().unwrap_or_default(),
            sector_name: names.get(i).cloned().unwrap_or_default(),
            requirement: req,
            local_supply: loc,
            local_share: loc / req,
            gap: req - loc,
            regional_lq: regional.slq.get(i).copied().flatten(),
            regional_employment: emp.regional.get(i).copied().unwrap_or(0.0),
        });
    }
    rows.sort_by(|a, b| b.gap.total_cmp(&a.gap));
    for (k, r) in rows.iter_mut().enumerate() {
        r.rank = k + 1;
    }
    let total_requirement = rows.iter().map(|r| r.requirement).sum();
    let total_local_supply = rows.iter().map(|r| r.local_supply).sum();
    Ok(SupplierGaps {
        cluster_output: cluster_output.to_vec(),
        sectors: model.sectors.clone(),
        rows,
        total_requirement,
        total_local_supply,
        total_gap: total_requirement - total_local_supply,
        lambda: regional.lambda,
        warnings: regional.warnings.clone(),
    })
}

/// Whether data industry `code` belongs to a cluster with member codes `members`: equal, or a
/// member starts with it (coarser data, e.g. NAICS-4 vs NAICS-6 definitions: approximate), or it
/// starts with a member.
pub fn in_cluster(code: &str, members: &[String]) -> bool {
    members
        .iter()
        .any(|m| m == code || m.starts_with(code) || code.starts_with(m.as_str()))
}

/// Everything [`supplier_gaps_for_region`] derives from the panel, for display.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegionalGapAnalysis {
    pub region: String,
    pub employment: SectorEmployment,
    /// National output per employee by IO sector (`x_j / E_n,j`; `None` without employment).
    pub output_per_employee: Vec<Option<f64>>,
    /// Cluster employment in the region by IO sector.
    pub cluster_employment: Vec<f64>,
    pub cluster_industries: Vec<String>,
    pub gaps: SupplierGaps,
}

/// Supplier gaps for a cluster (any set of data industries) in one region of a panel.
///
/// Employment of data industries is aggregated to IO sectors through the crosswalk (codes mapping
/// to several sectors are split by the crosswalk weights). The region's output of cluster industry
/// `j` is its employment × national output per employee of the IO sector (`x_j / E_n,j`), the
/// standard employment-scaled output. Missing (suppressed) cells count as 0 and are reported.
///
/// # Errors
/// `E_UNKNOWN_REGION`; `E_INSUFFICIENT_DATA` when no cluster industry has employment in the region
/// or none maps to the table; errors of [`regionalise`].
#[allow(clippy::too_many_arguments)]
pub fn supplier_gaps_for_region(
    table: &IoTable,
    model: &LeontiefModel,
    mx: &MatrixView<'_>,
    industries: &[String],
    reference: &Reference,
    region: usize,
    region_code: &str,
    crosswalk: &Crosswalk,
    cluster_members: &[String],
    params: &RegionalParams,
) -> Result<RegionalGapAnalysis> {
    let n = table.n;
    if region >= mx.n_regions {
        return Err(Error::new(
            ErrorCode::UnknownRegion,
            format!("no region '{region_code}'"),
        )
        .at(Location::default().with_region(region_code)));
    }
    let mut warnings = Vec::new();
    let mut regional = vec![0.0; n];
    let mut national = vec![0.0; n];
    let mut cluster = vec![0.0; n];
    let mut cluster_inds = Vec::new();
    let mut unmapped = Vec::new();
    let mut missing = 0usize;
    for (i, code) in industries.iter().enumerate() {
        let Some(targets) = crosswalk.lookup(code) else {
            if mx.get(region, i).is_some()
                || reference.industry_totals.get(i).is_some_and(|v| *v > 0.0)
            {
                unmapped.push(code.clone());
            }
            continue;
        };
        let (rv, nv) = region_and_reference(mx, reference, region, i, &mut missing);
        let member = in_cluster(code, cluster_members);
        if member && rv > 0.0 {
            cluster_inds.push(code.clone());
        }
        for (t, w) in targets {
            let Some(k) = table.sector_index(t) else {
                continue;
            };
            if let Some(s) = regional.get_mut(k) {
                *s += rv * w;
            }
            if let Some(s) = national.get_mut(k) {
                *s += nv * w;
            }
            if member {
                if let Some(s) = cluster.get_mut(k) {
                    *s += rv * w;
                }
            }
        }
    }
    if !unmapped.is_empty() {
        warnings.push(Warning::new(
            "W_UNMAPPED_INDUSTRY",
            format!(
                "{} data industr(ies) have no IO sector in the crosswalk and are left out: {}",
                unmapped.len(),
                unmapped
                    .iter()
                    .take(10)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    if missing > 0 {
        warnings.push(Warning::new(
            "W_SUPPRESSED_AS_ZERO",
            format!("{missing} suppressed or absent cells in region '{region_code}' count as 0 employment (local supply may be understated)"),
        ).at(Location::default().with_region(region_code)));
    }
    if cluster.iter().all(|c| *c <= 0.0) {
        return Err(Error::new(
            ErrorCode::InsufficientData,
            format!("no cluster industry has (crosswalked) employment in region '{region_code}'"),
        )
        .at(Location::default().with_region(region_code)));
    }
    let emp = SectorEmployment {
        regional,
        national,
        region_total: mx.region_total(region),
        nation_total: reference.total,
    };
    let ope: Vec<Option<f64>> = (0..n)
        .map(|k| {
            let e = emp.national.get(k).copied().unwrap_or(0.0);
            (e > 0.0).then(|| table.x.get(k).copied().unwrap_or(0.0) / e)
        })
        .collect();
    let x_c: Vec<f64> = cluster
        .iter()
        .zip(&ope)
        .map(|(c, o)| c * o.unwrap_or(0.0))
        .collect();
    let reg = regionalise(&model.a, &emp, params)?;
    let mut gaps = supplier_gaps(model, &table.names, &reg, &emp, &x_c)?;
    gaps.warnings.extend(warnings);
    Ok(RegionalGapAnalysis {
        region: region_code.to_string(),
        employment: emp,
        output_per_employee: ope,
        cluster_employment: cluster,
        cluster_industries: cluster_inds,
        gaps,
    })
}
