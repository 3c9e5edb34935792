//! The benchmark workloads as pure functions, so the native bench (`benches/spatial.rs`), the wasm
//! bench and the Python peers (`bench/spatial/peer_*.py`) run exactly the same work.

use super::contiguity::{contiguity_from_polygons, Contiguity, ContiguityParams};
use super::local_moran::{local_moran, LocalMoran};
use super::permutation::PermutationParams;
use super::weights::{SpatialWeights, Transform};
use crate::error::Result;
use geo::{LineString, MultiPolygon, Polygon};

/// A `rows × cols` lattice of unit squares, ids `r_c` in row-major order.
pub fn lattice(rows: usize, cols: usize) -> (Vec<String>, Vec<MultiPolygon<f64>>) {
    let mut ids = Vec::with_capacity(rows * cols);
    let mut polys = Vec::with_capacity(rows * cols);
    for r in 0..rows {
        for c in 0..cols {
            let (x, y) = (c as f64, r as f64);
            ids.push(format!("{r}_{c}"));
            polys.push(MultiPolygon(vec![Polygon::new(
                LineString::from(vec![
                    (x, y),
                    (x + 1.0, y),
                    (x + 1.0, y + 1.0),
                    (x, y + 1.0),
                    (x, y),
                ]),
                vec![],
            )]));
        }
    }
    (ids, polys)
}

/// Deterministic values for the benchmarks: `y_i = (7919 i + 13) mod 1009` (the peers use the same
/// formula).
///
/// ```
/// assert_eq!(agglo::spatial::workloads::bench_values(3), vec![13.0, 869.0, 716.0]);
/// ```
pub fn bench_values(n: usize) -> Vec<f64> {
    (0..n).map(|i| ((7919 * i + 13) % 1009) as f64).collect()
}

/// Queen weights by exact vertex hashing (no fallback), row-standardised.
pub fn queen_weights(ids: &[String], polys: &[MultiPolygon<f64>]) -> Result<SpatialWeights> {
    let p = ContiguityParams {
        fallback: false,
        ..Default::default()
    };
    Ok(contiguity_from_polygons(ids, polys, Contiguity::Queen, &p)?
        .0
        .transform(Transform::Row))
}

/// LISA with `permutations` (seed 12345), no progress reporting.
pub fn lisa(w: &SpatialWeights, y: &[f64], permutations: usize) -> Result<LocalMoran> {
    let p = PermutationParams {
        permutations,
        ..Default::default()
    };
    local_moran(w, y, &p, &mut |_, _| true)
}
