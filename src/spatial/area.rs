//! Land area of the boundary regions (for densities: value per km²).

use geo::orient::{Direction, Orient};
use geo::{Area, GeodesicArea, MultiPolygon};
use serde::Serialize;

/// How [`region_areas_km2`] measured the areas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AreaMethod {
    /// Every coordinate is a longitude/latitude: geodesic area on the WGS84 ellipsoid (Karney 2013).
    Geodesic,
    /// Some coordinate lies outside the longitude/latitude range: planar area, coordinates
    /// taken as metres (a projected CRS such as UTM or an Albers equal-area projection).
    PlanarMetres,
}

/// Area in km² of each region (the polygons' area, holes removed).
///
/// Formula: geodesic area on WGS84 (Karney 2013, `geo::GeodesicArea`) when every coordinate is
/// within ±180° / ±90°, else the planar shoelace area divided by 10⁶ (coordinates in metres).
/// Rings are first oriented (exterior counter-clockwise, holes clockwise) so the result does not
/// depend on the file's winding order.
///
/// Arguments: the regions' geometries (`Boundaries::geometries`). Returns the areas (same order)
/// and the method used. No errors: an empty or collapsed geometry has area 0 (a density over it
/// is undefined, see [`densities`]).
///
/// Complexity: O(vertices).
///
/// ```
/// use agglo::spatial::{region_areas_km2, AreaMethod};
/// use geo::{polygon, MultiPolygon};
/// // A 2 km × 3 km rectangle in projected metres.
/// let r = polygon![(x: 500_000.0, y: 0.0), (x: 502_000.0, y: 0.0), (x: 502_000.0, y: 3_000.0), (x: 500_000.0, y: 3_000.0)];
/// let (a, how) = region_areas_km2(&[MultiPolygon(vec![r])]);
/// assert_eq!(how, AreaMethod::PlanarMetres);
/// assert!((a[0] - 6.0).abs() < 1e-12);
/// ```
#[doc(alias = "st_area")]
pub fn region_areas_km2(geometries: &[MultiPolygon<f64>]) -> (Vec<f64>, AreaMethod) {
    use geo::CoordsIter;
    let geographic = geometries.iter().all(|g| {
        g.coords_iter()
            .all(|c| c.x.abs() <= 180.0 && c.y.abs() <= 90.0)
    });
    let areas = geometries
        .iter()
        .map(|g| {
            let g = g.orient(Direction::Default);
            if geographic {
                // Signed, per polygon: well below half the globe, so |signed| is the area.
                g.0.iter()
                    .map(|p| p.geodesic_area_signed().abs())
                    .sum::<f64>()
                    / 1e6
            } else {
                g.unsigned_area() / 1e6
            }
        })
        .collect();
    let how = if geographic {
        AreaMethod::Geodesic
    } else {
        AreaMethod::PlanarMetres
    };
    (areas, how)
}

/// Density `value / area` per region (e.g. employees per km²); `None` where the value is missing
/// or the area is not positive. Returns the densities and the indices of regions dropped for a
/// zero area.
///
/// ```
/// let (d, zero) = agglo::spatial::densities(&[Some(10.0), Some(4.0), None], &[2.0, 0.0, 1.0]);
/// assert_eq!(d, vec![Some(5.0), None, None]);
/// assert_eq!(zero, vec![1]);
/// ```
pub fn densities(values: &[Option<f64>], areas_km2: &[f64]) -> (Vec<Option<f64>>, Vec<usize>) {
    let mut zero = Vec::new();
    let d = values
        .iter()
        .zip(areas_km2)
        .enumerate()
        .map(|(k, (v, a))| {
            let v = (*v)?;
            if *a > 0.0 && a.is_finite() {
                Some(v / a)
            } else {
                zero.push(k);
                None
            }
        })
        .collect();
    (d, zero)
}
