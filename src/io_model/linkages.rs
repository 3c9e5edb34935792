//! Rasmussen-Hirschman backward and forward linkages and key-sector quadrants.

use super::leontief::LeontiefModel;
use serde::{Deserialize, Serialize};

/// Which matrix the forward linkage reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ForwardMethod {
    /// Row sums of the Ghosh inverse `G` (supply-driven; default, Miller & Blair §12.2).
    #[default]
    Ghosh,
    /// Row sums of the Leontief inverse (Rasmussen's "sensitivity of dispersion").
    LeontiefRow,
}

/// Key-sector quadrant of a sector (Miller & Blair 2009, §12.2.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KeySector {
    /// `BL >= 1` and `FL >= 1`: generally dependent on other sectors, a key sector.
    Key,
    /// `BL >= 1`, `FL < 1`: strong backward linkage (dependent on inter-industry supply).
    BackwardOriented,
    /// `BL < 1`, `FL >= 1`: strong forward linkage (dependent on inter-industry demand).
    ForwardOriented,
    /// Both below 1: generally independent.
    Weak,
}

impl KeySector {
    /// A label for tables and chart legends.
    pub fn label(self) -> &'static str {
        match self {
            KeySector::Key => "Key sector (strong backward and forward linkages)",
            KeySector::BackwardOriented => "Backward-oriented (strong backward linkage)",
            KeySector::ForwardOriented => "Forward-oriented (strong forward linkage)",
            KeySector::Weak => "Weak linkages (generally independent)",
        }
    }
    /// Quadrant from normalised linkages.
    pub fn classify(bl: f64, fl: f64) -> Self {
        match (bl >= 1.0, fl >= 1.0) {
            (true, true) => KeySector::Key,
            (true, false) => KeySector::BackwardOriented,
            (false, true) => KeySector::ForwardOriented,
            (false, false) => KeySector::Weak,
        }
    }
}

/// Linkage parameters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LinkageParams {
    pub forward: ForwardMethod,
}

/// Backward and forward linkages per sector.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Linkages {
    /// Direct backward linkage: column sums of `A`.
    pub backward_direct: Vec<f64>,
    /// Total backward linkage: column sums of `L`.
    pub backward_total: Vec<f64>,
    /// Rasmussen-normalised backward index `BL_j` (mean 1).
    pub backward: Vec<f64>,
    /// Direct forward linkage: row sums of the Ghosh `B = diag(x)⁻¹ Z` (or of `A` for the Leontief-row variant).
    pub forward_direct: Vec<f64>,
    /// Total forward linkage: row sums of `G` (or of `L`).
    pub forward_total: Vec<f64>,
    /// Normalised forward index `FL_i` (mean 1).
    pub forward: Vec<f64>,
    pub forward_method: ForwardMethod,
    pub key_sector: Vec<KeySector>,
}

fn normalise(v: &[f64]) -> Vec<f64> {
    let n = v.len() as f64;
    let mean = v.iter().sum::<f64>() / n;
    v.iter().map(|x| x / mean).collect()
}

/// Rasmussen-Hirschman linkages.
///
/// `BL_j = (1/n sum_i L_ij) / (1/n² sum_ij L_ij)`; forward from Ghosh
/// `FL_i = (1/n sum_j G_ij) / (1/n² sum G)` with `G = diag(x)⁻¹ L diag(x)`, so that the row sums of
/// `G` are `(L x)_i / x_i`: two solves, `L` never formed. The Leontief-row variant uses `L 1`.
///
/// # Complexity
/// O(n²) after the factorisation.
///
/// # Reference
/// Rasmussen (1956); Hirschman (1958); Miller & Blair (2009) §12.2.
///
/// # Examples
/// ```
/// use agglo::io_model::*;
/// let t = IoTable::from_flows(vec!["1".into(), "2".into()],
///     vec![150.0, 500.0, 200.0, 100.0], vec![1000.0, 2000.0], None).unwrap();
/// let l = rasmussen_linkages(&LeontiefModel::new(&t, &IoParams::default()).unwrap(), &LinkageParams::default());
/// assert!((l.backward[0] - 1.0222222222222).abs() < 1e-12);
/// assert!((l.forward[0] - 1.2083333333333).abs() < 1e-12);
/// assert_eq!(l.key_sector[0], KeySector::Key);
/// ```
#[doc(alias = "rasmussen")]
pub fn rasmussen_linkages(model: &LeontiefModel, params: &LinkageParams) -> Linkages {
    let n = model.n;
    let backward_total = model.solve_transpose(&vec![1.0; n]);
    let backward_direct = model.a_column_sums();
    let backward = normalise(&backward_total);
    let (forward_direct, forward_total) = match params.forward {
        ForwardMethod::Ghosh => {
            let lx = model.solve(&model.x);
            let total = lx.iter().zip(&model.x).map(|(l, x)| l / x).collect();
            // B row sums: sum_j z_ij / x_i = sum_j a_ij x_j / x_i.
            let direct = (0..n)
                .map(|i| {
                    let xi = model.x.get(i).copied().unwrap_or(1.0);
                    model
                        .a
                        .iter()
                        .skip(i * n)
                        .take(n)
                        .zip(&model.x)
                        .map(|(a, x)| a * x)
                        .sum::<f64>()
                        / xi
                })
                .collect();
            (direct, total)
        }
        ForwardMethod::LeontiefRow => {
            let total = model.solve(&vec![1.0; n]);
            let direct = (0..n)
                .map(|i| model.a.iter().skip(i * n).take(n).sum())
                .collect();
            (direct, total)
        }
    };
    let forward = normalise(&forward_total);
    let key_sector = backward
        .iter()
        .zip(&forward)
        .map(|(b, f)| KeySector::classify(*b, *f))
        .collect();
    Linkages {
        backward_direct,
        backward_total,
        backward,
        forward_direct,
        forward_total,
        forward,
        forward_method: params.forward,
        key_sector,
    }
}
