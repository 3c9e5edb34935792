//! Input-output dimensions of the typology and prioritisation: depth (locally supplied share of a
//! cluster's input requirements), local-supplier linkage and the regional output multiplier.

use super::aggregate::ClusterPanel;
use crate::error::{Error, ErrorCode, Location, Result, Warning};
use crate::io_model::{
    reference_industry_total, regional_multipliers, regionalise, Crosswalk, IoTable, LeontiefModel,
    RegionalParams, SectorEmployment,
};
use crate::panel::{Panel, Reference};
use serde::Serialize;

/// The input-output inputs: the national table and its Leontief model, the crosswalk from the
/// data's industry codes to the table's sectors, and the regionalisation (FLQ, δ = 0.3 default).
#[derive(Debug, Clone, Copy)]
pub struct IoInputs<'a> {
    pub table: &'a IoTable,
    pub model: &'a LeontiefModel,
    pub crosswalk: &'a Crosswalk,
    pub params: RegionalParams,
}

/// Input-output indicators of one region × cluster.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterIo {
    pub region: String,
    pub cluster: String,
    /// Employment-scaled cluster output `X = sum_j e_c,j x_j / E_n,j` (table units, e.g. $M).
    pub output: f64,
    /// Direct input requirement `sum_i sum_j a_ij X_j` (rows with a positive requirement).
    pub requirement: f64,
    /// Locally supplied part `sum_i sum_j a_r,ij X_j` (regionalised coefficients).
    pub local_supply: f64,
    /// Depth: `local_supply / requirement`.
    pub depth: Option<f64>,
    /// Local-supplier linkage: `local_supply / output`.
    pub local_supplier: Option<f64>,
    /// Regional output multiplier `sum_j m_r,j X_j / X`, `m_r,j` the column sums of
    /// `(I - A_r)^-1`.
    pub multiplier: Option<f64>,
}

/// Depth, local-supplier linkage and regional output multiplier of every cluster in `regions`
/// (all regions when `None`), for measure `measure` (employment) in year index `year`.
///
/// Employment of the source panel's industries is crosswalked to IO sectors (codes mapping to
/// several sectors split by the crosswalk weights; suppressed cells count as 0, with a warning).
/// Per region, the national coefficients are regionalised once ([`regionalise`]: SLQ or FLQ);
/// the cluster's output in sector `j` is its employment there × the national output per employee
/// `x_j / E_n,j`, as in [`crate::io_model::supplier_gaps_for_region`], whose totals these are:
///
/// * `req_i = sum_j a_ij X_j`, `local_i = sum_j a_r,ij X_j` (rows with `req_i > 0`),
///   `depth = sum local_i / sum req_i`, `local_supplier = sum local_i / sum_j X_j`;
/// * `multiplier = sum_j m_r,j X_j / sum_j X_j` with `m_r = 1'(I - A_r)^-1`.
///
/// A cluster without crosswalked output in a region has `None` everywhere. `reference` is the
/// industry-level reference of `source` (national employment per industry; its total is
/// `E_n`).
///
/// # Errors
/// `E_INVALID_PARAMETER` (δ, measure or year out of range); `E_NOT_SQUARE` when the model and
/// table disagree. A singular regional model gives `None` multipliers and a warning.
///
/// # Complexity
/// O(industries + regions × (sectors³ + clusters × sectors × members)).
///
/// # Reference
/// Flegg & Tohmo (2013); Miller & Blair (2009) §8; OECD cluster typology ("depth").
pub fn cluster_io_indicators(
    source: &Panel,
    cp: &ClusterPanel,
    measure: usize,
    year: usize,
    reference: &Reference,
    io: &IoInputs<'_>,
    regions: Option<&[usize]>,
) -> Result<(Vec<ClusterIo>, Vec<Warning>)> {
    if measure >= source.measures.len() || year >= source.years.len() {
        return Err(Error::new(
            ErrorCode::InvalidParameter,
            "cluster IO indicators: measure or year out of range",
        ));
    }
    let n = io.table.n;
    if io.model.n != n || io.model.a.len() != n * n {
        return Err(Error::new(
            ErrorCode::NotSquare,
            format!(
                "the Leontief model has {} sectors, the table {n}",
                io.model.n
            ),
        ));
    }
    let mx = source.matrix(measure, year);
    let mut warnings = Vec::new();
    // Sector targets of each source industry (index, weight), and national employment by sector.
    let mut targets: Vec<Vec<(usize, f64)>> = Vec::with_capacity(source.industries.len());
    let mut unmapped = Vec::new();
    let mut national = vec![0.0; n];
    for (i, code) in source.industries.iter().enumerate() {
        let t: Vec<(usize, f64)> = io
            .crosswalk
            .lookup(code)
            .map(|ts| {
                ts.iter()
                    .filter_map(|(s, w)| io.table.sector_index(s).map(|k| (k, *w)))
                    .collect()
            })
            .unwrap_or_default();
        if t.is_empty() {
            unmapped.push(code.clone());
        }
        let nv = reference_industry_total(reference, i);
        for (k, w) in &t {
            if let Some(s) = national.get_mut(*k) {
                *s += nv * w;
            }
        }
        targets.push(t);
    }
    if !unmapped.is_empty() {
        warnings.push(Warning::new(
            "W_UNMAPPED_INDUSTRY",
            format!(
                "{} data industr(ies) have no IO sector in the crosswalk and are left out of depth and multipliers: {}{}",
                unmapped.len(),
                unmapped.iter().take(10).cloned().collect::<Vec<_>>().join(", "),
                if unmapped.len() > 10 { ", …" } else { "" }
            ),
        ));
    }
    let ope: Vec<f64> = (0..n)
        .map(|k| {
            let e = national.get(k).copied().unwrap_or(0.0);
            if e > 0.0 {
                io.table.x.get(k).copied().unwrap_or(0.0) / e
            } else {
                0.0
            }
        })
        .collect();
    let all: Vec<usize> = (0..cp.panel.regions.len()).collect();
    let regions = regions.unwrap_or(&all);
    let mut rows = Vec::new();
    let mut suppressed = 0usize;
    let mut singular = Vec::new();
    for &r in regions {
        let region_total = mx.region_total(r);
        if !(region_total > 0.0) {
            continue;
        }
        let mut regional = vec![0.0; n];
        for (i, t) in targets.iter().enumerate() {
            let v = match mx.get(r, i) {
                Some(v) => v,
                None => {
                    if !t.is_empty() {
                        suppressed += 1;
                    }
                    continue;
                }
            };
            for (k, w) in t {
                if let Some(s) = regional.get_mut(*k) {
                    *s += v * w;
                }
            }
        }
        let emp = SectorEmployment {
            regional,
            national: national.clone(),
            region_total,
            nation_total: reference.total,
        };
        let reg = regionalise(&io.model.a, &emp, &io.params)?;
        let mult = match regional_multipliers(&io.table.sectors, &reg, &io.table.x) {
            Ok(m) => Some(m),
            Err(_) => {
                singular.push(cp.panel.regions.get(r).cloned().unwrap_or_default());
                None
            }
        };
        for (c, members) in cp.members.iter().enumerate() {
            let mut x = vec![0.0; n];
            for &i in members {
                let Some(v) = mx.get(r, i) else { continue };
                for (k, w) in targets.get(i).map(Vec::as_slice).unwrap_or(&[]) {
                    if let Some(s) = x.get_mut(*k) {
                        *s += v * w * ope.get(*k).copied().unwrap_or(0.0);
                    }
                }
            }
            let output: f64 = x.iter().sum();
            let (mut req, mut loc) = (0.0, 0.0);
            for i in 0..n {
                let (mut ri, mut li) = (0.0, 0.0);
                for (j, xj) in x.iter().enumerate() {
                    if *xj == 0.0 {
                        continue;
                    }
                    ri += io.model.a.get(i * n + j).copied().unwrap_or(0.0) * xj;
                    li += reg.a.get(i * n + j).copied().unwrap_or(0.0) * xj;
                }
                if ri > 0.0 {
                    req += ri;
                    loc += li;
                }
            }
            let has = output > 0.0;
            rows.push(ClusterIo {
                region: cp.panel.regions.get(r).cloned().unwrap_or_default(),
                cluster: cp.panel.industries.get(c).cloned().unwrap_or_default(),
                output,
                requirement: req,
                local_supply: loc,
                depth: (has && req > 0.0).then(|| loc / req),
                local_supplier: has.then(|| loc / output),
                multiplier: match (&mult, has) {
                    (Some(m), true) => {
                        Some(m.iter().zip(&x).map(|(m, x)| m * x).sum::<f64>() / output)
                    }
                    _ => None,
                },
            });
        }
    }
    if suppressed > 0 {
        warnings.push(Warning::new(
            "W_SUPPRESSED_AS_ZERO",
            format!("{suppressed} suppressed or absent cell(s) count as 0 employment in depth and multipliers (local supply may be understated)"),
        ));
    }
    if !singular.is_empty() {
        warnings.push(
            Warning::new(
                "W_SINGULAR_REGIONAL_MODEL",
                format!(
                    "the regionalised IO model of {} region(s) is singular; their multipliers are unavailable: {}",
                    singular.len(),
                    singular.iter().take(10).cloned().collect::<Vec<_>>().join(", ")
                ),
            )
            .at(Location::default().with_region(singular.first().cloned().unwrap_or_default())),
        );
    }
    Ok((rows, warnings))
}
