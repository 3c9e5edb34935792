//! Spatial statistics (METHODS.md §7): weights from polygons and points, global and local
//! autocorrelation, hot spots, and groups of hot regions that cross administrative borders.
//!
//! * Weights: [`queen`], [`rook`] (vertex / edge hashing with a snapping tolerance, TopoJSON
//!   shared arcs, R-tree fallback), [`knn`], [`distance_band`], [`inverse_distance`] on
//!   [`centroids`]; [`SpatialWeights`] with transforms, [`SpatialWeights::summary`],
//!   [`SpatialWeights::higher_order`]; GeoDa [`read_gal`] / [`write_gal`] / [`read_gwt`] /
//!   [`write_gwt`]; [`WeightsSpec`] + [`build_weights`] for the CLI and the page.
//! * Global: [`moran`], [`geary`], [`general_g`].
//! * Local: [`local_moran`] ([`LocalMoranJob`] resumable), [`getis_ord_local`] ([`LocalGJob`]).
//! * Hot spots: [`hotspot_groups`], [`admin_by_prefix`]; values from a panel:
//!   [`indicator_values`].
//!
//! Conventions: statistics use the weights as given (choose the transform when building; esda and
//! GeoDa default to row-standardised); values must be complete (align first); islands take part
//! in global statistics with a zero lag (esda) and are excluded and flagged in local ones; every
//! permutation routine takes a seed (default 12345) and 999 permutations by default.

mod area;
mod contiguity;
mod distance;
mod gal;
mod geary;
mod general_g;
mod getis_ord;
mod hotspots;
mod indicator_values;
mod local_engine;
mod local_moran;
mod moran;
mod permutation;
mod spec;
mod weights;
pub mod workloads;

pub use area::{densities, region_areas_km2, AreaMethod};
pub use contiguity::{contiguity_from_polygons, queen, rook, Contiguity, ContiguityParams};
pub use distance::{centroids, distance_band, inverse_distance, knn};
pub use gal::{read_gal, read_gwt, write_gal, write_gwt};
pub use geary::{geary, Geary};
pub use general_g::{general_g, GeneralG};
pub use getis_ord::{getis_ord_local, LocalG, LocalGJob, Spot};
pub use hotspots::{admin_by_prefix, hotspot_groups, HotspotGroup};
pub use indicator_values::{
    indicator_values, Indicator, IndicatorSpec, IndicatorValues, MissingPolicy,
};
pub use local_engine::Progress;
pub use local_moran::{local_moran, Cluster, LocalMoran, LocalMoranJob, Quadrant};
pub use moran::{moran, Moran};
pub use permutation::{
    significance, Adjust, PermutationParams, DEFAULT_PERMUTATIONS, DEFAULT_SEED,
};
pub use spec::{build_weights, WeightsSpec};
pub use weights::{SpatialWeights, Transform, WeightsSummary};
