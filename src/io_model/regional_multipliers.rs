//! Regional output multipliers of one region of the loaded data: the national table regionalised
//! with SLQ or FLQ from the region's employment (crosswalked to the table's sectors).

use super::crosswalk::Crosswalk;
use super::leontief::LeontiefModel;
use super::regionalise::{
    regional_multipliers, regionalise, RegionalMethod, RegionalParams, SectorEmployment,
};
use super::table::IoTable;
use crate::error::{Error, ErrorCode, Location, Result, Warning};
use crate::panel::{MatrixView, Panel, Reference};
use serde::Serialize;

/// Regional and national output multipliers per IO sector for one region.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegionMultipliers {
    pub region: String,
    pub sectors: Vec<String>,
    /// National output multipliers `sum_i L_ij`.
    pub national: Vec<f64>,
    /// Regional output multipliers: column sums of `(I − A_r)⁻¹`.
    pub regional: Vec<f64>,
    /// Simple location quotient of each sector in the region (`None` without national employment).
    pub slq: Vec<Option<f64>>,
    /// Regional employment per sector (crosswalked).
    pub regional_employment: Vec<f64>,
    pub method: RegionalMethod,
    pub delta: f64,
    /// FLQ's `λ` (None for SLQ).
    pub lambda: Option<f64>,
    pub warnings: Vec<Warning>,
}

/// Employment of `region` and of the reference economy by IO sector: each data industry's
/// employment goes to its crosswalked sectors (split by the crosswalk weights). Suppressed cells
/// count as 0 (reported).
///
/// # Errors
/// `E_UNKNOWN_REGION` when `region` is out of range.
///
/// # Complexity
/// O(industries · crosswalk targets).
#[allow(clippy::too_many_arguments)]
pub fn sector_employment(
    table: &IoTable,
    mx: &MatrixView<'_>,
    industries: &[String],
    reference: &Reference,
    region: usize,
    region_code: &str,
    crosswalk: &Crosswalk,
) -> Result<(SectorEmployment, Vec<Warning>)> {
    if region >= mx.n_regions {
        return Err(Error::new(
            ErrorCode::UnknownRegion,
            format!("no region '{region_code}'"),
        )
        .at(Location::default().with_region(region_code)));
    }
    let mut missing = 0usize;
    let regional = to_sectors(table, industries, crosswalk, |i| {
        region_and_reference(mx, reference, region, i, &mut missing).0
    });
    let national = to_sectors(table, industries, crosswalk, |i| {
        reference_industry_total(reference, i)
    });
    let mut warnings = Vec::new();
    if missing > 0 {
        warnings.push(Warning::new(
            "W_SUPPRESSED_AS_ZERO",
            format!("{missing} suppressed or absent cells in region '{region_code}' count as 0 employment (regional multipliers may be understated)"),
        ).at(Location::default().with_region(region_code)));
    }
    Ok((
        SectorEmployment {
            regional,
            national,
            region_total: mx.region_total(region),
            nation_total: reference.total,
        },
        warnings,
    ))
}

/// `value(i)` of each data industry `i` summed into the IO sectors it maps to through the
/// crosswalk (split by the crosswalk weights); `value` is called only for mapped industries.
fn to_sectors(
    table: &IoTable,
    industries: &[String],
    crosswalk: &Crosswalk,
    mut value: impl FnMut(usize) -> f64,
) -> Vec<f64> {
    let mut out = vec![0.0; table.n];
    for (i, code) in industries.iter().enumerate() {
        let Some(targets) = crosswalk.lookup(code) else {
            continue;
        };
        let v = value(i);
        for (t, w) in targets {
            if let Some(s) = table.sector_index(t).and_then(|k| out.get_mut(k)) {
                *s += v * w;
            }
        }
    }
    out
}

/// Employment of a whole economy's table `employment` (e.g. national CBP totals, all of its
/// regions summed; measure `m`, year index `y`) by IO sector, through the crosswalk: the
/// employment row a Make/Use table lacks, for type-I employment multipliers. Sectors no industry
/// maps to get 0 (their multipliers are then undefined); `W_SECTORS_WITHOUT_EMPLOYMENT` names them.
pub fn table_sector_employment(
    table: &IoTable,
    employment: &Panel,
    name: &str,
    m: usize,
    y: usize,
    crosswalk: &Crosswalk,
) -> (Vec<f64>, Vec<Warning>) {
    let totals = Reference::sum_of_regions(employment, m, y);
    let out = to_sectors(table, &employment.industries, crosswalk, |i| {
        reference_industry_total(&totals, i)
    });
    let empty: Vec<&str> = table
        .sectors
        .iter()
        .zip(&out)
        .filter(|(_, e)| **e <= 0.0)
        .map(|(s, _)| s.as_str())
        .collect();
    let mut warnings = Vec::new();
    if !empty.is_empty() {
        warnings.push(Warning::new(
            "W_SECTORS_WITHOUT_EMPLOYMENT",
            format!(
                "{} sector(s) have no employment in {name} through the crosswalk ({}{}): their type-I employment multipliers are undefined and jobs there are not counted",
                empty.len(),
                empty.iter().take(8).copied().collect::<Vec<_>>().join(", "),
                if empty.len() > 8 { ", …" } else { "" }
            ),
        ));
    }
    (out, warnings)
}

/// Regional output multipliers of `region`: `A` regionalised by SLQ (`a_ij min(SLQ_i, 1)`) or FLQ
/// (`a_ij min(CILQ_ij λ, 1)`, `λ = (log2(1 + E_r/E_n))^δ`) with the region's crosswalked
/// employment, then column sums of `(I − A_r)⁻¹` by one LU and one transposed solve. Regional
/// multipliers never exceed the national ones (the regional coefficients are a cell-wise
/// reduction of `A`).
///
/// # Errors
/// `E_UNKNOWN_REGION`; `E_INVALID_PARAMETER` for δ outside [0, 1); `E_ZERO_TOTAL`; errors of
/// [`LeontiefModel::from_coefficients`].
///
/// # Complexity
/// O(n³) (one factorisation of the regional system).
///
/// # Reference
/// Flegg, Webber & Elliott (1995); Miller & Blair (2009) §8.
#[allow(clippy::too_many_arguments)]
pub fn region_multipliers(
    table: &IoTable,
    model: &LeontiefModel,
    mx: &MatrixView<'_>,
    industries: &[String],
    reference: &Reference,
    region: usize,
    region_code: &str,
    crosswalk: &Crosswalk,
    params: &RegionalParams,
) -> Result<RegionMultipliers> {
    let (emp, mut warnings) = sector_employment(
        table,
        mx,
        industries,
        reference,
        region,
        region_code,
        crosswalk,
    )?;
    let reg = regionalise(&model.a, &emp, params)?;
    warnings.extend(reg.warnings.iter().cloned());
    let regional = regional_multipliers(&table.sectors, &reg, &table.x)?;
    let national = model.solve_transpose(&vec![1.0; model.n]);
    Ok(RegionMultipliers {
        region: region_code.to_string(),
        sectors: table.sectors.clone(),
        national,
        regional,
        slq: reg.slq,
        regional_employment: emp.regional,
        method: params.method,
        delta: params.delta,
        lambda: reg.lambda,
        warnings,
    })
}

/// The reference total of industry `i` (e.g. national employment), 0 when missing or not finite.
pub(crate) fn reference_industry_total(reference: &Reference, i: usize) -> f64 {
    reference
        .industry_totals
        .get(i)
        .copied()
        .filter(|v| v.is_finite())
        .unwrap_or(0.0)
}

/// Industry `i`'s value in `region` (0 when missing, counted in `missing`) and its reference
/// total.
pub(crate) fn region_and_reference(
    mx: &MatrixView<'_>,
    reference: &Reference,
    region: usize,
    i: usize,
    missing: &mut usize,
) -> (f64, f64) {
    let r = mx.get(region, i);
    if r.is_none() {
        *missing += 1;
    }
    (r.unwrap_or(0.0), reference_industry_total(reference, i))
}
