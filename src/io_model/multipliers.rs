//! Output, type-I employment and value-added multipliers from one transposed solve each.

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

/// Multipliers of a satellite row (employment, value added) per sector `j`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SatelliteMultipliers {
    /// Satellite value per unit of output `e_i = v_i / x_i` (jobs, or value added, per unit).
    pub coefficients: Vec<f64>,
    /// Per unit of final demand for `j`: `sum_i e_i L_ij`.
    pub total: Vec<f64>,
    /// Type I: `total_j / e_j`; `None` where sector `j` has none (undefined).
    pub type_i: Vec<Option<f64>>,
}

/// Type-I employment multipliers (jobs per unit of output and per unit of final demand).
pub type EmploymentMultipliers = SatelliteMultipliers;

/// `e = v / x`, `total = Lᵀ e` (one transposed solve), `type I = total / e`; `v` checked finite
/// (and non-negative unless `allow_negative`), one value per sector.
fn satellite(
    model: &LeontiefModel,
    values: &[f64],
    what: &str,
    allow_negative: bool,
) -> Result<SatelliteMultipliers> {
    if values.len() != model.n {
        return Err(Error::new(
            ErrorCode::NotSquare,
            format!("{} {what} values for {} sectors", values.len(), model.n),
        ));
    }
    for (i, e) in values.iter().enumerate() {
        if !(e.is_finite() && (allow_negative || *e >= 0.0)) {
            let s = model.sectors.get(i).cloned().unwrap_or_default();
            return Err(Error::new(
                ErrorCode::NegativeValue,
                format!("{what} of sector '{s}' is {e}"),
            )
            .at(Location::default().with_industry(s)));
        }
    }
    let coefficients: Vec<f64> = values.iter().zip(&model.x).map(|(e, x)| e / x).collect();
    let total = model.solve_transpose(&coefficients);
    let type_i = total
        .iter()
        .zip(&coefficients)
        .map(|(t, e)| if *e != 0.0 { Some(t / e) } else { None })
        .collect();
    Ok(SatelliteMultipliers {
        coefficients,
        total,
        type_i,
    })
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
    satellite(model, employment, "employment", false)
}

/// Value-added multipliers: value added per unit of output `v_j = VA_j / x_j`, per unit of final
/// demand `sum_i v_i L_ij` (1 for every sector when value added closes the columns, `1ᵀ(I − A) =
/// v`), and type I `sum_i v_i L_ij / v_j`. Negative value added (subsidies above output) is
/// allowed.
///
/// # Errors
/// `E_NOT_SQUARE` when `value_added.len() != n`; `E_NEGATIVE_VALUE` naming a sector whose value is
/// not finite.
///
/// # Reference
/// Miller & Blair (2009), §6.3 (income and value-added multipliers).
pub fn value_added_multipliers(
    model: &LeontiefModel,
    value_added: &[f64],
) -> Result<SatelliteMultipliers> {
    satellite(model, value_added, "value added", true)
}
