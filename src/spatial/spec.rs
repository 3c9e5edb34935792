//! Weights chosen by a short text spec (`queen`, `rook`, `knn:K`, `band:D`, `idw:D[:alpha]`), the
//! one entry point the CLI and the wasm facade share.

use super::contiguity::{queen, rook, ContiguityParams};
use super::distance::{centroids, distance_band, inverse_distance, knn};
use super::weights::{SpatialWeights, Transform};
use crate::error::{Error, ErrorCode, Location, Result, Warning};
use crate::ingest::boundaries::Boundaries;
use serde::{Deserialize, Serialize};

/// A weights specification.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WeightsSpec {
    Queen,
    Rook,
    Knn { k: usize },
    Band { threshold: f64 },
    Idw { threshold: f64, alpha: f64 },
}

impl WeightsSpec {
    /// Parse `queen`, `rook`, `knn:K`, `band:D`, `idw:D` or `idw:D:ALPHA`.
    ///
    /// # Errors
    /// `E_INVALID_PARAMETER` naming the spec.
    ///
    /// # Examples
    /// ```
    /// use agglo::spatial::WeightsSpec;
    /// assert_eq!(WeightsSpec::parse("knn:4").unwrap(), WeightsSpec::Knn { k: 4 });
    /// assert!(WeightsSpec::parse("knn:x").is_err());
    /// ```
    pub fn parse(s: &str) -> Result<Self> {
        let bad = || {
            Error::new(
                ErrorCode::InvalidParameter,
                format!("unknown weights '{s}' (queen, rook, knn:K, band:D, idw:D[:alpha])"),
            )
            .at(Location::default().with_value(s))
        };
        let parts: Vec<&str> = s.trim().split(':').collect();
        let num = |k: usize| parts.get(k).and_then(|x| x.parse::<f64>().ok());
        match parts.first().map(|p| p.to_ascii_lowercase()).as_deref() {
            Some("queen") if parts.len() == 1 => Ok(WeightsSpec::Queen),
            Some("rook") if parts.len() == 1 => Ok(WeightsSpec::Rook),
            Some("knn") => parts
                .get(1)
                .and_then(|x| x.parse::<usize>().ok())
                .map(|k| WeightsSpec::Knn { k })
                .ok_or_else(bad),
            Some("band") => num(1)
                .map(|threshold| WeightsSpec::Band { threshold })
                .ok_or_else(bad),
            Some("idw") => num(1)
                .map(|threshold| WeightsSpec::Idw {
                    threshold,
                    alpha: num(2).unwrap_or(1.0),
                })
                .ok_or_else(bad),
            _ => Err(bad()),
        }
    }
}

/// Build weights over the boundaries (distance weights on area centroids) and apply `transform`.
///
/// # Errors
/// As the builders ([`queen`], [`rook`], [`knn`], [`distance_band`], [`inverse_distance`]).
pub fn build_weights(
    b: &Boundaries,
    spec: WeightsSpec,
    transform: Transform,
    contiguity: &ContiguityParams,
) -> Result<(SpatialWeights, Vec<Warning>)> {
    let (w, warnings) = match spec {
        WeightsSpec::Queen => queen(b, contiguity)?,
        WeightsSpec::Rook => rook(b, contiguity)?,
        WeightsSpec::Knn { k } => (knn(&b.ids, &centroids(b), k)?, Vec::new()),
        WeightsSpec::Band { threshold } => {
            let w = distance_band(&b.ids, &centroids(b), threshold)?;
            let isl = w.island_indices().len();
            let warn = if isl > 0 {
                vec![Warning::new(
                    "W_ISLANDS",
                    format!("{isl} region(s) have no neighbour within {threshold}"),
                )]
            } else {
                Vec::new()
            };
            (w, warn)
        }
        WeightsSpec::Idw { threshold, alpha } => (
            inverse_distance(&b.ids, &centroids(b), threshold, alpha)?,
            Vec::new(),
        ),
    };
    Ok((w.transform(transform), warnings))
}
