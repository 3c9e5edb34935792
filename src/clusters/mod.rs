//! Clusters (METHODS.md §4): definitions (industry code → cluster), aggregation of a panel to
//! clusters, strength (US Cluster Mapping, European Cluster Observatory), typology profiles,
//! prioritisation and benchmark regions.

mod aggregate;
mod definitions;
mod peers;
mod priorities;
mod quantile;
mod strength;
mod typology;
mod views;

pub use aggregate::{aggregate_to_clusters, ClusterPanel, UnmappedCode};
pub use definitions::{
    cluster_definitions_from_table, map_industries, parse_cluster_definitions, Cluster,
    ClusterDefinitions, DefinitionEntry, DefinitionFilter, IndustryMapping, MatchKind, TradedLocal,
};
pub use peers::{
    peer_regions, top_regions_for_cluster, Peer, PeerMetric, TopRegion, TopRegionsParams,
};
pub use priorities::{
    prioritise, Contribution, Criterion, Normalisation, PriorityParams, PriorityRow,
    ValidPriorityParams,
};
pub use quantile::quantile_type7;
pub use strength::{
    cluster_lqs, eco_stars, uscmp_strength, EcoParams, EcoStars, LqBase, UscmpParams, UscmpStrength,
};
pub use typology::{cluster_profiles, ClusterProfile, Quadrant, TypologyParams};
pub use views::{
    cluster_view, prioritisation_view, region_profile_view, ClusterRegionSeries, ClusterView,
    ClusterViewParams, RegionProfileParams, RegionProfileView,
};
