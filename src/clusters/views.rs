//! One call per page view (region profile, cluster view, prioritisation): bundles of the other
//! functions with one params struct each, so the wasm facade and the CLI build the same thing.

use super::aggregate::ClusterPanel;
use super::peers::{
    peer_regions, top_regions_for_cluster, Peer, PeerMetric, TopRegion, TopRegionsParams,
};
use super::priorities::{prioritise, PriorityParams, PriorityRow};
use super::size_classes::{SizeClass, DEFAULT_SME_THRESHOLD};
use super::strength::{
    cluster_lqs, eco_stars, uscmp_strength, EcoParams, EcoStars, LqBase, UscmpParams, UscmpStrength,
};
use super::typology::{cluster_profiles, ClusterProfile, TypologyParams};
use crate::error::{Error, ErrorCode, Location, Result, Warning};
use crate::indicators::shift_share::{
    shift_share_panel, ShiftShareMethod, ShiftShareParams, ShiftShareRow,
};
use crate::indicators::{
    industry_concentration_with, region_specialisation, ConcentrationParams, EstablishmentData,
    IndustryConcentration, RegionSpecialisation, SpecialisationParams,
};
use crate::panel::{Panel, Reference};
use serde::{Deserialize, Serialize};

/// A user-supplied reference table (e.g. national totals by industry), loaded as a panel and
/// aggregated to clusters with the same definitions. Without it, the reference economy is the sum
/// of the loaded regions.
#[derive(Debug, Clone, Copy)]
pub struct ReferenceTables<'a> {
    /// Shown in messages (the file name).
    pub name: &'a str,
    /// The reference at industry level.
    pub industries: &'a Panel,
    /// The reference aggregated to clusters ([`super::aggregate_to_clusters`]).
    pub clusters: &'a ClusterPanel,
}

impl ReferenceTables<'_> {
    fn industry(
        &self,
        source: &Panel,
        m: usize,
        y: usize,
        warnings: &mut Vec<Warning>,
    ) -> Result<Reference> {
        let (r, w) = Reference::from_table(self.industries, self.name, source, m, y)?;
        warnings.extend(w);
        Ok(r)
    }
    fn cluster(
        &self,
        cp: &ClusterPanel,
        m: usize,
        y: usize,
        warnings: &mut Vec<Warning>,
    ) -> Result<Reference> {
        let (r, w) = Reference::from_table(&self.clusters.panel, self.name, &cp.panel, m, y)?;
        warnings.extend(w);
        Ok(r)
    }
}

/// Parameters of [`region_profile_view`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionProfileParams {
    /// Region code.
    pub region: String,
    /// Profile year and the start year of growth / shift-share (`None`: no growth fields).
    pub to_year: i32,
    #[serde(default)]
    pub from_year: Option<i32>,
    pub employment: usize,
    #[serde(default)]
    pub establishments: Option<usize>,
    #[serde(default)]
    pub payroll: Option<usize>,
    #[serde(default)]
    pub base: LqBase,
    #[serde(default)]
    pub eco: EcoParams,
    #[serde(default)]
    pub specialisation: SpecialisationParams,
    #[serde(default)]
    pub peer_metric: PeerMetric,
    /// Number of peer regions (10).
    #[serde(default = "ten")]
    pub peers: usize,
    /// Shift-share method of the region and per-cluster decomposition (Esteban-Marquillas, whose
    /// rows also carry Dunn's components; `dunn`, `gerfin`, `dynamic`).
    #[serde(default = "esteban")]
    pub shift_share_method: ShiftShareMethod,
    /// Establishment counts by size class (for `sme_share`).
    #[serde(default)]
    pub size_classes: Vec<SizeClass>,
    #[serde(default = "sme250")]
    pub sme_threshold: f64,
}

fn esteban() -> ShiftShareMethod {
    ShiftShareMethod::Esteban
}

fn sme250() -> f64 {
    DEFAULT_SME_THRESHOLD
}

fn ten() -> usize {
    10
}

/// Everything the region-profile page shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegionProfileView {
    pub region: String,
    pub region_name: String,
    pub year: i32,
    /// The region's clusters (portfolio chart: x = lq, y = growth, size = employment, `quadrant`).
    pub clusters: Vec<ClusterProfile>,
    /// European Cluster Observatory stars of the region's clusters.
    pub stars: Vec<EcoStars>,
    /// Shift-share of the whole region and per cluster by `shift_share_method` (Esteban-Marquillas
    /// by default, which includes Dunn's components).
    pub shift_share: Option<ShiftShareRow>,
    pub shift_share_by_cluster: Vec<ShiftShareRow>,
    /// Specialisation indices of the region's industry structure (industry level).
    pub specialisation: Option<RegionSpecialisation>,
    pub peers: Vec<Peer>,
    pub warnings: Vec<Warning>,
}

/// The region profile: clusters with strength flags and quadrants, stars, shift-share, indices,
/// peers.
///
/// `source` is the industry-level panel, `cp` its cluster aggregation, `reference` an optional
/// reference table (default: the sum of the loaded regions).
///
/// # Errors
/// `E_UNKNOWN_REGION`, `E_UNKNOWN_YEAR`, `E_INVALID_PARAMETER` from the parts.
///
/// # Complexity
/// O(years × regions × industries) (the specialisation and peers scan the whole panel).
pub fn region_profile_view(
    source: &Panel,
    cp: &ClusterPanel,
    reference: Option<&ReferenceTables<'_>>,
    params: &RegionProfileParams,
) -> Result<RegionProfileView> {
    let r = source.region_index(&params.region)?;
    let y1 = source.year_index(params.to_year)?;
    let mut warnings = Vec::new();
    let mut industry_refs = Vec::with_capacity(source.years.len());
    for y in 0..source.years.len() {
        industry_refs.push(match reference {
            Some(t) => t.industry(source, params.employment, y, &mut warnings)?,
            None => Reference::sum_of_regions(source, params.employment, y),
        });
    }
    let cluster_ref = match reference {
        Some(t) => Some(t.cluster(cp, params.employment, y1, &mut warnings)?),
        None => None,
    };
    let (profiles, w) = cluster_profiles(
        source,
        cp,
        cluster_ref.as_ref(),
        &TypologyParams {
            from_year: params.from_year,
            to_year: params.to_year,
            employment: params.employment,
            establishments: params.establishments,
            payroll: params.payroll,
            base: params.base,
            size_classes: params.size_classes.clone(),
            sme_threshold: params.sme_threshold,
        },
    )?;
    warnings.extend(w);
    let clusters: Vec<ClusterProfile> = profiles
        .into_iter()
        .filter(|p| p.region == params.region)
        .collect();
    let stars: Vec<EcoStars> = eco_stars(
        cp,
        y1,
        cluster_ref.as_ref(),
        &EcoParams {
            employment: params.employment,
            ..params.eco.clone()
        },
    )?
    .into_iter()
    .filter(|s| s.region == params.region)
    .collect();
    let (shift_share, shift_share_by_cluster) = match params.from_year {
        Some(from) => {
            let base = ShiftShareParams {
                from_year: from,
                to_year: params.to_year,
                method: params.shift_share_method,
                by_industry: false,
                measure: params.employment,
                missing_as_zero: false,
            };
            let (rows, w) = shift_share_panel(source, &industry_refs, &base)?;
            warnings.extend(w.into_iter().filter(|w| {
                w.location
                    .region
                    .as_deref()
                    .is_none_or(|x| x == params.region)
            }));
            let total = rows.into_iter().find(|x| x.region == params.region);
            let mut crefs = Vec::with_capacity(cp.panel.years.len());
            for y in 0..cp.panel.years.len() {
                crefs.push(match reference {
                    Some(t) => t.cluster(cp, params.employment, y, &mut warnings)?,
                    None => Reference::sum_of_regions(&cp.panel, params.employment, y),
                });
            }
            let (by, _) = shift_share_panel(
                &cp.panel,
                &crefs,
                &ShiftShareParams {
                    by_industry: true,
                    missing_as_zero: true,
                    ..base
                },
            )?;
            (
                total,
                by.into_iter()
                    .filter(|x| x.region == params.region)
                    .collect(),
            )
        }
        None => (None, Vec::new()),
    };
    let mx = source.matrix(params.employment, y1);
    let year_ref = industry_refs
        .get(y1)
        .cloned()
        .unwrap_or_else(|| Reference::sum_of_regions(source, params.employment, y1));
    let (spec, w) = region_specialisation(
        &mx,
        &year_ref,
        &source.regions,
        &source.region_names,
        &source.industries,
        &params.specialisation,
    );
    warnings.extend(w);
    let specialisation = spec.into_iter().find(|s| s.region == params.region);
    let peers = peer_regions(
        &mx,
        &source.regions,
        &source.region_names,
        r,
        params.peer_metric,
        params.peers,
    )
    .unwrap_or_default();
    Ok(RegionProfileView {
        region: params.region.clone(),
        region_name: source.region_names.get(r).cloned().unwrap_or_default(),
        year: params.to_year,
        clusters,
        stars,
        shift_share,
        shift_share_by_cluster,
        specialisation,
        peers,
        warnings,
    })
}

/// Parameters of [`cluster_view`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterViewParams {
    /// Cluster code (e.g. `42`).
    pub cluster: String,
    /// Year of the strength flags and top regions (the map's year).
    pub year: i32,
    pub employment: usize,
    #[serde(default)]
    pub establishments: Option<usize>,
    #[serde(default)]
    pub base: LqBase,
    /// Number of top regions (10).
    #[serde(default = "ten")]
    pub top: usize,
    /// Establishment counts by size class: when given, the Ellison-Glaeser H (and gamma) use them
    /// ([`crate::indicators::ellison_glaeser_size_classes`], each class at its representative
    /// size [`SizeClass::representative_size`]) instead of one mean-size class per region.
    #[serde(default)]
    pub size_classes: Vec<SizeClass>,
}

/// One region's series for the cluster (map and time-series chart; one entry per panel year).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterRegionSeries {
    pub region: String,
    pub region_name: String,
    pub employment: Vec<Option<f64>>,
    pub lq: Vec<Option<f64>>,
    pub strong: Vec<bool>,
}

/// Everything the cluster page shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterView {
    pub cluster: String,
    pub cluster_name: String,
    pub traded: bool,
    /// Data industry codes in the cluster.
    pub members: Vec<String>,
    pub years: Vec<i32>,
    /// Per region, per year: employment, LQ, strong flag (regions with the cluster in some year).
    pub regions: Vec<ClusterRegionSeries>,
    /// Strength records of `year` (strong regions highlighted on the map).
    pub strength: Vec<UscmpStrength>,
    /// Concentration indices of the cluster across regions, one per year.
    pub concentration: Vec<IndustryConcentration>,
    /// Whether the Ellison-Glaeser figures use establishment counts by size class (else: one
    /// class per region at the region's mean establishment size, when establishments are given).
    pub eg_from_size_classes: bool,
    pub top_by_lq: Vec<TopRegion>,
    pub top_by_employment: Vec<TopRegion>,
    pub warnings: Vec<Warning>,
}

/// The cluster view: LQ map data over all years, strong regions, time series, concentration, top
/// regions.
///
/// # Errors
/// `E_UNKNOWN_CLUSTER` for a cluster not in the cluster panel; `E_UNKNOWN_YEAR`.
///
/// # Complexity
/// O(years × regions × clusters).
pub fn cluster_view(
    cp: &ClusterPanel,
    reference: Option<&ReferenceTables<'_>>,
    params: &ClusterViewParams,
) -> Result<ClusterView> {
    let p = &cp.panel;
    let c = p
        .industries
        .iter()
        .position(|x| *x == params.cluster)
        .ok_or_else(|| {
            Error::new(
                ErrorCode::UnknownCluster,
                format!("no cluster '{}' in the mapped data", params.cluster),
            )
            .at(Location::default().with_industry(params.cluster.clone()))
        })?;
    let y = p.year_index(params.year)?;
    let m = params.employment;
    let mut warnings = Vec::new();
    let up = UscmpParams {
        base: params.base,
        employment: m,
        establishments: params.establishments,
        ..Default::default()
    };
    let mut strong_by_year = Vec::new();
    let mut lq_by_year = Vec::new();
    let mut concentration = Vec::new();
    let mut refs = Vec::with_capacity(p.years.len());
    for yy in 0..p.years.len() {
        refs.push(match reference {
            Some(t) => Some(t.cluster(cp, m, yy, &mut warnings)?),
            None => None,
        });
    }
    for yy in 0..p.years.len() {
        let rf = refs.get(yy).and_then(Option::as_ref);
        let (s, w) = uscmp_strength(cp, yy, rf, &up)?;
        if yy == y {
            warnings.extend(w);
        }
        strong_by_year.push(
            s.into_iter()
                .filter(|s| s.cluster == params.cluster)
                .collect::<Vec<_>>(),
        );
        lq_by_year.push(cluster_lqs(cp, m, yy, params.base, rf));
        let mx = p.matrix(m, yy);
        let est = if !params.size_classes.is_empty() {
            EstablishmentData::SizeClasses {
                counts: params
                    .size_classes
                    .iter()
                    .map(|k| p.matrix(k.measure, yy))
                    .collect(),
                sizes: params
                    .size_classes
                    .iter()
                    .map(SizeClass::representative_size)
                    .collect(),
            }
        } else {
            match params.establishments {
                Some(e) => EstablishmentData::MeanSize(p.matrix(e, yy)),
                None => EstablishmentData::None,
            }
        };
        let (rows, _) = industry_concentration_with(
            &mx,
            &est,
            &p.industries,
            &p.industry_names,
            &ConcentrationParams {
                missing_as_zero: true,
            },
        );
        for row in rows.into_iter().filter(|r| r.industry == params.cluster) {
            concentration.push(row);
        }
    }
    let regions = (0..p.regions.len())
        .filter(|&r| (0..p.years.len()).any(|yy| p.get(m, yy, r, c).is_some_and(|v| v > 0.0)))
        .map(|r| {
            let code = p.regions.get(r).cloned().unwrap_or_default();
            ClusterRegionSeries {
                region: code.clone(),
                region_name: p.region_names.get(r).cloned().unwrap_or_default(),
                employment: (0..p.years.len()).map(|yy| p.get(m, yy, r, c)).collect(),
                lq: lq_by_year
                    .iter()
                    .map(|l| {
                        l.get(r)
                            .and_then(|row| row.get(c))
                            .copied()
                            .filter(|v| !v.is_nan())
                    })
                    .collect(),
                strong: strong_by_year
                    .iter()
                    .map(|s| s.iter().any(|x| x.region == code && x.strong))
                    .collect(),
            }
        })
        .collect();
    let top = |by_lq| TopRegionsParams {
        measure: m,
        year: y,
        base: params.base,
        by_lq,
        top: params.top,
    };
    Ok(ClusterView {
        cluster: params.cluster.clone(),
        cluster_name: p.industry_names.get(c).cloned().unwrap_or_default(),
        traded: cp.traded.get(c).copied().unwrap_or(false),
        members: cp
            .members
            .get(c)
            .map(|ms| {
                ms.iter()
                    .filter_map(|i| cp.source_industries.get(*i).cloned())
                    .collect()
            })
            .unwrap_or_default(),
        years: p.years.clone(),
        regions,
        strength: strong_by_year.get(y).cloned().unwrap_or_default(),
        concentration,
        eg_from_size_classes: !params.size_classes.is_empty(),
        top_by_lq: top_regions_for_cluster(
            cp,
            c,
            refs.get(y).and_then(Option::as_ref),
            &top(true),
        )?,
        top_by_employment: top_regions_for_cluster(
            cp,
            c,
            refs.get(y).and_then(Option::as_ref),
            &top(false),
        )?,
        warnings,
    })
}

/// The prioritisation table of one region: its cluster profiles ranked by [`prioritise`].
/// Re-run with new weights when the user edits them (cheap: profiles are recomputed, O(panel)).
///
/// # Errors
/// As [`cluster_profiles`] and [`PriorityParams::validate`].
pub fn prioritisation_view(
    source: &Panel,
    cp: &ClusterPanel,
    reference: Option<&ReferenceTables<'_>>,
    region: &str,
    typology: &TypologyParams,
    priorities: &PriorityParams,
) -> Result<Vec<PriorityRow>> {
    priorities.validate()?;
    source.region_index(region)?;
    let y = cp.panel.year_index(typology.to_year)?;
    let mut warnings = Vec::new();
    let rf = match reference {
        Some(t) => Some(t.cluster(cp, typology.employment, y, &mut warnings)?),
        None => None,
    };
    let (profiles, _) = cluster_profiles(source, cp, rf.as_ref(), typology)?;
    let mine: Vec<ClusterProfile> = profiles
        .into_iter()
        .filter(|p| p.region == region)
        .collect();
    prioritise(&mine, priorities)
}
