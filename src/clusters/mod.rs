//! Clusters (METHODS.md §4): definitions (industry code → cluster), aggregation of a panel to
//! clusters, strength (US Cluster Mapping, European Cluster Observatory), typology profiles,
//! prioritisation and benchmark regions.
//!
//! ## Conventions (where peers leave a choice)
//! * **Default definitions**: US Cluster Mapping DPS2016, NAICS-2017 rows of
//!   `data/cluster_definitions_uscmp.csv` ([`DefinitionFilter::uscmp_default`]); any mapping CSV or
//!   XLSX sheet with an industry-code and a cluster column works (NACE, SIC, national codes).
//! * **Codes of another length** ([`map_industries`]): exact match first; a shorter data code
//!   (NAICS-4 data, NAICS-6 definitions) maps to a cluster only when *all* its defined children are
//!   in that one cluster, otherwise it is `split` and stays unmapped (reported with its size: its
//!   employment cannot be divided without finer data); a longer data code takes its longest
//!   defined prefix.
//! * **Bad definition rows** (duplicate codes, rows without code or cluster) are warnings located
//!   by file, sheet and row; the first definition of a code wins; the analysis continues.
//! * **Cluster cells** are the sum of the published member cells, missing only when every member
//!   is missing; the cluster panel keeps the source's all-industry region totals.
//! * **Strength LQ base**: all industries by default ([`LqBase::All`]); `Traded` (traded clusters
//!   against traded employment, local against local) is the USCMP base, meaningful when the region
//!   set is all US counties. On one state's counties the traded base saturates where the cluster is
//!   the region's traded economy (Whitfield County, GA: LQ 23.2 against a Georgia Q75 of 24.0).
//! * **Quantiles** are type 7 (linear interpolation, R's default) over regions with employment > 0.
//! * **Prioritisation**: weights are rescaled to sum to 1; a missing criterion value scores 0 on
//!   that criterion; the contributions of a row sum to its score.
//! * **Typology** `wage` is payroll / employment in the data's units (CBP: $1,000 per employee).
//!   Dimensions that need other inputs are `None` ("not available"), never 0, without them:
//!   * `sme_share`: share of the cluster's establishments with fewer than 250 employees (EU SME
//!     threshold, configurable; it must fall on a class boundary), from establishment counts by
//!     size class ([`size_classes_from_measures`]: CBP `n<5` … `n1000`, or `size_<lo>_<hi>`).
//!   * `depth`, `local_supplier`, `multiplier`: from an input-output table, a crosswalk and FLQ
//!     regionalisation ([`cluster_io_indicators`]).
//!   * `spatial_extent` and neighbour counts: from contiguity of the boundaries
//!     ([`cluster_spatial_extent`]).
//! * **Prioritisation** `multiplier` and `local_supplier` criteria come from the profile (IO
//!   table loaded) or, failing that, from externally supplied values.

mod aggregate;
mod definitions;
mod depth;
mod extent;
mod peers;
mod priorities;
mod quantile;
mod size_classes;
mod strength;
mod typology;
mod views;

pub use aggregate::{aggregate_to_clusters, ClusterPanel, UnmappedCode};
pub(crate) use definitions::sniffed_reader;
pub use definitions::{
    cluster_definitions_from_table, map_industries, parse_cluster_definitions, Cluster,
    ClusterDefinitions, DefinitionEntry, DefinitionFilter, IndustryMapping, MatchKind, TradedLocal,
};
pub use depth::{cluster_io_indicators, ClusterIo, IoInputs};
pub use extent::{
    apply_typology_extras, cluster_spatial_extent, neighbours_for_regions, ClusterExtent,
};
pub use peers::{
    peer_regions, top_regions_for_cluster, Peer, PeerMetric, TopRegion, TopRegionsParams,
};
pub use priorities::{
    prioritise, Contribution, Criterion, Normalisation, PriorityParams, PriorityRow,
    ValidPriorityParams,
};
pub use quantile::quantile_type7;
pub use size_classes::{size_classes_from_measures, sme_share, SizeClass, DEFAULT_SME_THRESHOLD};
pub use strength::{
    cluster_lqs, eco_stars, uscmp_strength, EcoParams, EcoStars, LqBase, UscmpParams, UscmpStrength,
};
pub use typology::{cluster_profiles, ClusterProfile, Quadrant, TypologyParams};
pub use views::{
    cluster_view, prioritisation_view, region_profile_view, ClusterRegionSeries, ClusterView,
    ClusterViewParams, ReferenceTables, RegionProfileParams, RegionProfileView,
};

/// Position of each code in `codes` (a region or cluster list), for lookups by code.
pub(crate) fn code_index(codes: &[String]) -> std::collections::HashMap<&str, usize> {
    codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect()
}
