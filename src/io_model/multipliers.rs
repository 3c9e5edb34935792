//! Output and type-I employment multipliers from one transposed solve each.

use super::leontief::LeontiefModel;
use crate::error::{Error, ErrorCode, Location, Result};
use serde::Serialize;

/// Output multipliers per buying sector `j`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutputMultipliers {
    /// `m_j = sum_i L_ij` (includes the initial unit of output).
    pub total: Vec<f64>,
    /// First-round (direct) effect `sum_i a_ij`.
    pub direct: Vec<f64>,
    /// Indirect effect `m_j − sum_i a_ij` (total minus direct, as METHODS.md §5: it includes the
    /// initial unit of output).
    pub indirect: Vec<f64>,
}

/// Output multipliers: column sums of `L`, computed as `Lᵀ 1` with one transposed solve.
///
/// # Returns
/// Total, direct (`sum_i a_ij`) and indirect (`total − direct`, METHODS.md §5) effects per sector.
///
/// # Complexity
/// O(n²) after the factorisation.
///
/// # Reference
/// Miller & Blair (2009), §6.2.
///
/// # Examples
/// ```
/// use agglo::io_model::{IoTable, LeontiefModel, IoParams, output_multipliers};
/// let t = IoTable::from_flows(vec!["1".into(), "2".into()],
///     vec![150.0, 500.0, 200.0, 100.0], vec![1000.0, 2000.0], None).unwrap();
/// let m = output_multipliers(&LeontiefModel::new(&t, &IoParams::default()).unwrap());
/// assert!((m.total[0] - 1.5181518151815).abs() < 1e-12);
/// assert!((m.direct[0] - 0.35).abs() < 1e-15);
/// assert!((m.indirect[0] - (1.5181518151815 - 0.35)).abs() < 1e-12);
/// ```
pub fn output_multipliers(model: &LeontiefModel) -> OutputMultipliers {
    let total = model.solve_transpose(&vec![1.0; model.n]);
    let direct = model.a_column_sums();
    let indirect = total.iter().zip(&direct).map(|(t, d)| t - d).collect();
    OutputMultipliers {
        total,
        direct,
        indirect,
    }
}

/// Employment multipliers per sector `j`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EmploymentMultipliers {
    /// Employment per unit of output `e_i = emp_i / x_i`.
    pub coefficients: Vec<f64>,
    /// Jobs per unit of final demand for `j`: `sum_i e_i L_ij`.
    pub total: Vec<f64>,
    /// Type I: `total_j / e_j`; `None` where sector `j` has no employment (undefined).
    pub type_i: Vec<Option<f64>>,
}

/// Type-I employment multipliers `sum_i e_i L_ij / e_j` (one transposed solve `Lᵀ e`).
///
/// # Errors
/// `E_NOT_SQUARE` when `employment.len() != n`; `E_NEGATIVE_VALUE` naming a sector with negative
/// or non-finite employment.
///
/// # Reference
/// Miller & Blair (2009), §6.3.
pub fn employment_multipliers(
    model: &LeontiefModel,
    employment: &[f64],
) -> Result<EmploymentMultipliers> {
    if employment.len() != model.n {
        return Err(Error::new(
            ErrorCode::NotSquare,
            format!(
                "{} employment values for {} sectors",
                employment.len(),
                model.n
            ),
        ));
    }
    for (i, e) in employment.iter().enumerate() {
        if !(e.is_finite() && *e >= 0.0) {
            let s = model.sectors.get(i).cloned().unwrap_or_default();
            return Err(Error::new(
                ErrorCode::NegativeValue,
                format!("employment of sector '{s}' is {e}"),
            )
            .at(Location::default().with_industry(s)));
        }
    }
    let coefficients: Vec<f64> = employment
        .iter()
        .zip(&model.x)
        .map(|(e, x)| e / x)
        .collect();
    let total = model.solve_transpose(&coefficients);
    let type_i = total
        .iter()
        .zip(&coefficients)
        .map(|(t, e)| if *e > 0.0 { Some(t / e) } else { None })
        .collect();
    Ok(EmploymentMultipliers {
        coefficients,
        total,
        type_i,
    })
}
