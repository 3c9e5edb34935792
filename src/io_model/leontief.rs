//! Technical coefficients and the Leontief model factorised once: `A = Z diag(x)⁻¹`, one LU of
//! `I − A`, solves with `L = (I − A)⁻¹` and its transpose without forming `L`.

use super::table::IoTable;
use crate::error::{Error, ErrorCode, Location, Result, Warning};
use faer::dyn_stack::{MemBuffer, MemStack};
use faer::linalg::lu::partial_pivoting::{factor, solve};
use faer::perm::PermRef;
use faer::{Mat, Par};
use serde::{Deserialize, Serialize};

/// What to do with negative flows (published tables carry a few: scrap, used goods, subsidies).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NegativeFlowRule {
    /// Accept them and report each as a located warning (default: the BEA tables have two).
    #[default]
    Warn,
    /// Reject the table with `E_NEGATIVE_FLOW` naming the sectors.
    Error,
}

/// Parameters of the Leontief model (validated in [`LeontiefModel::new`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IoParams {
    pub negative_flows: NegativeFlowRule,
    /// A pivot of `I − A` smaller than this (relative to the largest) is singular. Default 1e-12.
    pub singular_tolerance: f64,
}

impl Default for IoParams {
    fn default() -> Self {
        IoParams {
            negative_flows: NegativeFlowRule::Warn,
            singular_tolerance: 1e-12,
        }
    }
}

/// The factorised Leontief model. `a` is row-major (`a[i * n + j]`: input from `i` per unit of
/// `j`'s output).
#[derive(Debug)]
pub struct LeontiefModel {
    pub n: usize,
    pub sectors: Vec<String>,
    pub a: Vec<f64>,
    pub x: Vec<f64>,
    pub warnings: Vec<Warning>,
    /// `Mᵀ = (I − A)ᵀ` factorised in place: unit lower `L` below the diagonal, `U` on and above
    /// it (one n × n buffer: faer's `PartialPivLu` would copy the matrix and split it into two).
    lu: Mat<f64>,
    /// Row permutation of the factorisation, forward and inverse.
    perm_fwd: Vec<usize>,
    perm_bwd: Vec<usize>,
}

fn list(v: &[String], max: usize) -> String {
    let mut s = v.iter().take(max).cloned().collect::<Vec<_>>().join(", ");
    if v.len() > max {
        s.push_str(&format!(" and {} more", v.len() - max));
    }
    s
}

impl LeontiefModel {
    /// Technical coefficients `a_ij = z_ij / x_j` and one LU factorisation of `I − A`.
    ///
    /// # Errors
    /// * `E_ZERO_OUTPUT` naming every sector with output `x_j <= 0` (or not finite);
    /// * `E_NEGATIVE_FLOW` naming the flows when [`NegativeFlowRule::Error`];
    /// * `E_COLUMN_SUM_TOO_LARGE` naming every sector whose inputs per unit of output `sum_i a_ij >= 1`
    ///   (it would need more than a unit of inputs per unit of output);
    /// * `E_SINGULAR_MATRIX` naming the sector at which elimination met a zero pivot.
    ///
    /// # Complexity
    /// O(n³) for the factorisation (about 1 s for n = 4 000 natively), O(n²) memory.
    ///
    /// # Examples
    /// ```
    /// use agglo::io_model::{IoTable, LeontiefModel, IoParams};
    /// // Miller & Blair (2009) §2.3.
    /// let t = IoTable::from_flows(vec!["1".into(), "2".into()],
    ///     vec![150.0, 500.0, 200.0, 100.0], vec![1000.0, 2000.0], None).unwrap();
    /// let m = LeontiefModel::new(&t, &IoParams::default()).unwrap();
    /// assert!((m.a[1] - 0.25).abs() < 1e-15);
    /// let x = m.solve(&[350.0, 1700.0]);
    /// assert!((x[0] - 1000.0).abs() < 1e-9 && (x[1] - 2000.0).abs() < 1e-9);
    /// ```
    pub fn new(table: &IoTable, params: &IoParams) -> Result<Self> {
        let n = table.n;
        if n == 0 {
            return Err(Error::new(ErrorCode::NoData, "the table has no sectors"));
        }
        let name = |i: usize| {
            table
                .sectors
                .get(i)
                .cloned()
                .unwrap_or_else(|| i.to_string())
        };
        let bad: Vec<String> = (0..n)
            .filter(|j| !table.x.get(*j).is_some_and(|x| *x > 0.0 && x.is_finite()))
            .map(|j| {
                format!(
                    "{} ({})",
                    name(j),
                    table.x.get(j).copied().unwrap_or(f64::NAN)
                )
            })
            .collect();
        if !bad.is_empty() {
            return Err(Error::new(
                ErrorCode::ZeroOutput,
                format!("sectors with zero, negative or missing total output cannot have coefficients: {}; remove them or supply their output", list(&bad, 10)),
            )
            .at(Location::default().with_industry(bad.first().cloned().unwrap_or_default())));
        }
        let mut warnings = Vec::new();
        let mut neg = Vec::new();
        for (k, z) in table.z.iter().enumerate() {
            if *z < 0.0 {
                neg.push(format!("{} → {} ({z})", name(k / n), name(k % n)));
            }
            if !z.is_finite() {
                return Err(Error::new(
                    ErrorCode::NonNumeric,
                    format!("flow {} → {} is not finite", name(k / n), name(k % n)),
                )
                .at(Location::default()
                    .with_industry(name(k / n))
                    .with_column(name(k % n))));
            }
        }
        if !neg.is_empty() {
            match params.negative_flows {
                NegativeFlowRule::Error => {
                    return Err(Error::new(
                        ErrorCode::NegativeFlow,
                        format!(
                            "negative inter-industry flows (seller → buyer): {}",
                            list(&neg, 10)
                        ),
                    )
                    .at(
                        Location::default().with_industry(neg.first().cloned().unwrap_or_default())
                    ))
                }
                NegativeFlowRule::Warn => warnings.push(Warning::new(
                    "W_NEGATIVE_FLOW",
                    format!(
                        "negative inter-industry flows kept (seller → buyer): {}",
                        list(&neg, 10)
                    ),
                )),
            }
        }
        let mut a = table.z.clone();
        for row in a.chunks_exact_mut(n) {
            for (v, x) in row.iter_mut().zip(&table.x) {
                *v /= x;
            }
        }
        Self::from_coefficients(table.sectors.clone(), a, table.x.clone(), params, warnings)
    }

    /// Factorise a given coefficient matrix (e.g. a regionalised one).
    ///
    /// # Errors
    /// `E_NOT_SQUARE` on length mismatch; `E_COLUMN_SUM_TOO_LARGE`, `E_SINGULAR_MATRIX` as in [`Self::new`].
    pub fn from_coefficients(
        sectors: Vec<String>,
        a: Vec<f64>,
        x: Vec<f64>,
        params: &IoParams,
        mut warnings: Vec<Warning>,
    ) -> Result<Self> {
        let n = sectors.len();
        if a.len() != n * n || x.len() != n {
            return Err(Error::new(
                ErrorCode::NotSquare,
                format!(
                    "{n} sectors need {} coefficients and {n} outputs; got {} and {}",
                    n * n,
                    a.len(),
                    x.len()
                ),
            ));
        }
        if !(params.singular_tolerance >= 0.0 && params.singular_tolerance < 1.0) {
            return Err(Error::new(
                ErrorCode::InvalidParameter,
                format!(
                    "singular_tolerance must be in [0, 1); got {}",
                    params.singular_tolerance
                ),
            ));
        }
        let name = |i: usize| sectors.get(i).cloned().unwrap_or_else(|| i.to_string());
        let colsum = column_sums(&a, n);
        let over: Vec<String> = colsum
            .iter()
            .enumerate()
            .filter(|(_, s)| **s >= 1.0 || !s.is_finite())
            .map(|(j, s)| format!("{} ({s:.6})", name(j)))
            .collect();
        if !over.is_empty() {
            return Err(Error::new(
                ErrorCode::ColumnSumTooLarge,
                format!("inputs per unit of output (column sums of A) must be below 1; these sectors reach or exceed it: {}. Check their total output and units", list(&over, 10)),
            )
            .at(Location::default().with_industry(over.first().cloned().unwrap_or_default())));
        }
        // Factorise Mᵀ = (I − A)ᵀ: its column-major layout is A's row-major one, so filling it is a
        // sequential read (a strided fill costs more than the LU at n = 4 000). Solves with M are
        // transposed solves with this factor and vice versa.
        let mt = Mat::<f64>::from_fn(n, n, |i, j| {
            let v = a.get(j * n + i).copied().unwrap_or(0.0);
            if i == j {
                1.0 - v
            } else {
                -v
            }
        });
        // Blocked, recursive LU with partial pivoting, in place and sequential (one thread, as
        // the benchmark peers).
        let mut lu = mt;
        let mut perm_fwd = vec![0usize; n];
        let mut perm_bwd = vec![0usize; n];
        let _ = factor::lu_in_place(
            lu.as_mut(),
            &mut perm_fwd,
            &mut perm_bwd,
            Par::Seq,
            MemStack::new(&mut MemBuffer::new(
                factor::lu_in_place_scratch::<usize, f64>(n, n, Par::Seq, Default::default()),
            )),
            Default::default(),
        );
        let mut umax = 0.0f64;
        for k in 0..n {
            umax = umax.max(lu.get(k, k).abs());
        }
        for k in 0..n {
            let p = lu.get(k, k).abs();
            if p.is_nan() || p <= params.singular_tolerance * umax.max(1.0) {
                return Err(Error::new(
                    ErrorCode::SingularMatrix,
                    format!("I − A is singular or nearly so: elimination found a zero pivot ({p:.3e}) at sector '{}' — its inputs are a combination of other sectors'", name(k)),
                )
                .at(Location::default().with_industry(name(k))));
            }
        }
        if colsum.iter().any(|s| *s < 0.0) {
            let negc: Vec<String> = colsum
                .iter()
                .enumerate()
                .filter(|(_, s)| **s < 0.0)
                .map(|(j, s)| format!("{} ({s:.6})", name(j)))
                .collect();
            warnings.push(Warning::new(
                "W_NEGATIVE_COLUMN_SUM",
                format!(
                    "sectors with negative total input coefficients: {}",
                    list(&negc, 10)
                ),
            ));
        }
        Ok(LeontiefModel {
            n,
            sectors,
            a,
            x,
            warnings,
            lu,
            perm_fwd,
            perm_bwd,
        })
    }

    fn perm(&self) -> PermRef<'_, usize> {
        PermRef::new_checked(&self.perm_fwd, &self.perm_bwd, self.n)
    }

    /// `M⁻¹ B`, or `M⁻ᵀ B` when `transpose`, in place (M = (I − A)ᵀ, the factorised matrix).
    fn solve_factor(&self, m: &mut Mat<f64>, transpose: bool) {
        let k = m.ncols();
        let mut buf = MemBuffer::new(if transpose {
            solve::solve_transpose_in_place_scratch::<usize, f64>(self.n, k, Par::Seq)
        } else {
            solve::solve_in_place_scratch::<usize, f64>(self.n, k, Par::Seq)
        });
        let (lu, perm, stack) = (self.lu.as_ref(), self.perm(), MemStack::new(&mut buf));
        if transpose {
            solve::solve_transpose_in_place(lu, lu, perm, m.as_mut(), Par::Seq, stack);
        } else {
            solve::solve_in_place(lu, lu, perm, m.as_mut(), Par::Seq, stack);
        }
    }

    fn to_mat(&self, rhs: &[f64], k: usize) -> Mat<f64> {
        let n = self.n;
        Mat::<f64>::from_fn(n, k, |i, c| rhs.get(c * n + i).copied().unwrap_or(0.0))
    }

    fn from_mat(m: &Mat<f64>) -> Vec<f64> {
        let (r, c) = (m.nrows(), m.ncols());
        let mut out = Vec::with_capacity(r * c);
        for j in 0..c {
            for i in 0..r {
                out.push(*m.get(i, j));
            }
        }
        out
    }

    /// `L b` for one vector `b` (length n): e.g. output `x = L f` from final demand.
    pub fn solve(&self, b: &[f64]) -> Vec<f64> {
        let mut m = self.to_mat(b, 1);
        self.solve_factor(&mut m, true);
        Self::from_mat(&m)
    }

    /// `Lᵀ b`, i.e. the row vector `bᵀ L`: with `b = 1` the column sums of `L` (output multipliers).
    pub fn solve_transpose(&self, b: &[f64]) -> Vec<f64> {
        let mut m = self.to_mat(b, 1);
        self.solve_factor(&mut m, false);
        Self::from_mat(&m)
    }

    /// `L B` for `k` right-hand sides stored column after column (`b[c * n + i]`); result likewise.
    pub fn solve_many(&self, b: &[f64], k: usize) -> Vec<f64> {
        let mut m = self.to_mat(b, k);
        self.solve_factor(&mut m, true);
        Self::from_mat(&m)
    }

    /// The full Leontief inverse `L = (I − A)⁻¹`, row-major. O(n³) time, n² memory: call only when
    /// the matrix itself is wanted.
    #[doc(alias = "leontief_inverse")]
    pub fn inverse(&self) -> Vec<f64> {
        // The inverse of Mᵀ is Lᵀ, whose column-major storage is L row-major: solve Mᵀ X = I.
        let n = self.n;
        let mut inv = Mat::<f64>::identity(n, n);
        self.solve_factor(&mut inv, false);
        let mut out = Vec::with_capacity(n * n);
        for i in 0..n {
            out.extend_from_slice(inv.col_as_slice(i));
        }
        out
    }

    /// Column sums of A (direct backward linkage).
    pub fn a_column_sums(&self) -> Vec<f64> {
        column_sums(&self.a, self.n)
    }
}

fn column_sums(a: &[f64], n: usize) -> Vec<f64> {
    let mut s = vec![0.0; n];
    for row in a.chunks_exact(n.max(1)) {
        for (c, v) in s.iter_mut().zip(row) {
            *c += *v;
        }
    }
    s
}

/// The Leontief inverse `L = (I − A)⁻¹` of a table, row-major (convenience for small tables).
///
/// # Errors
/// As [`LeontiefModel::new`].
pub fn leontief_inverse(table: &IoTable, params: &IoParams) -> Result<Vec<f64>> {
    Ok(LeontiefModel::new(table, params)?.inverse())
}
