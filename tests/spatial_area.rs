#![allow(clippy::unwrap_used, clippy::indexing_slicing)]
//! Region areas (km²) and densities, against hand computations.

use agglo::spatial::{densities, region_areas_km2, AreaMethod};
use geo::{Coord, LineString, MultiPolygon, Polygon};

/// Area (m²) of the WGS84 zone between the equator and latitude `phi` over `dlambda` radians
/// of longitude: b²·Δλ/2 · [sinφ/(1−e²sin²φ) + (1/(2e))·ln((1+e sinφ)/(1−e sinφ))].
fn zone(phi_deg: f64, dlambda: f64) -> f64 {
    let a = 6_378_137.0_f64;
    let f = 1.0 / 298.257_223_563;
    let b = a * (1.0 - f);
    let e2 = f * (2.0 - f);
    let e = e2.sqrt();
    let s = phi_deg.to_radians().sin();
    b * b * dlambda / 2.0
        * (s / (1.0 - e2 * s * s) + (1.0 / (2.0 * e)) * ((1.0 + e * s) / (1.0 - e * s)).ln())
}

/// A lon/lat cell [x0, x1] × [y0, y1] whose parallels are densified (so its edges follow them).
fn cell(x0: f64, x1: f64, y0: f64, y1: f64, clockwise: bool) -> LineString<f64> {
    let n = 2000;
    let mut c = Vec::new();
    for k in 0..=n {
        c.push(Coord {
            x: x0 + (x1 - x0) * k as f64 / n as f64,
            y: y0,
        });
    }
    for k in 0..=n {
        c.push(Coord {
            x: x1 - (x1 - x0) * k as f64 / n as f64,
            y: y1,
        });
    }
    c.push(Coord { x: x0, y: y0 });
    if clockwise {
        c.reverse();
    }
    LineString(c)
}

#[test]
fn geodesic_cell_matches_the_ellipsoid_zone_formula() {
    // 1° × 1° at 34–35° N (Georgia's latitude), wound either way.
    let expect = (zone(35.0, 1f64.to_radians()) - zone(34.0, 1f64.to_radians())) / 1e6;
    for cw in [false, true] {
        let g = MultiPolygon(vec![Polygon::new(
            cell(-85.0, -84.0, 34.0, 35.0, cw),
            vec![],
        )]);
        let (a, how) = region_areas_km2(&[g]);
        assert_eq!(how, AreaMethod::Geodesic);
        assert!(
            (a[0] - expect).abs() / expect < 1e-6,
            "{} vs {expect}",
            a[0]
        );
    }
    // About 110.95 km (a degree of latitude) × 91.8 km (a degree of longitude at 34.5° N).
    assert!((expect - 10_185.0).abs() < 10.0, "{expect}");
}

#[test]
fn holes_are_removed_and_parts_added() {
    let outer = cell(0.0, 2.0, 0.0, 2.0, false);
    let hole = cell(0.5, 1.5, 0.5, 1.5, false); // wound like the exterior: orientation is fixed
    let island = Polygon::new(cell(3.0, 4.0, 0.0, 1.0, true), vec![]);
    let g = MultiPolygon(vec![Polygon::new(outer, vec![hole]), island]);
    let d1 = 1f64.to_radians();
    let expect = (zone(2.0, 2.0 * d1) - (zone(1.5, d1) - zone(0.5, d1)) + zone(1.0, d1)) / 1e6;
    let (a, _) = region_areas_km2(&[g]);
    assert!(
        (a[0] - expect).abs() / expect < 1e-6,
        "{} vs {expect}",
        a[0]
    );
}

#[test]
fn projected_coordinates_are_planar_metres() {
    let r = LineString::from(vec![
        (400_000.0, 3_700_000.0),
        (404_000.0, 3_700_000.0),
        (404_000.0, 3_702_500.0),
        (400_000.0, 3_702_500.0),
        (400_000.0, 3_700_000.0),
    ]);
    let empty = MultiPolygon::<f64>(vec![]);
    let (a, how) = region_areas_km2(&[MultiPolygon(vec![Polygon::new(r, vec![])]), empty]);
    assert_eq!(how, AreaMethod::PlanarMetres);
    assert_eq!(a, vec![10.0, 0.0]);
}

#[test]
fn densities_divide_and_drop_zero_areas() {
    let (d, zero) = densities(
        &[Some(1500.0), Some(0.0), Some(3.0), None],
        &[600.0, 10.0, 0.0, 5.0],
    );
    assert_eq!(d, vec![Some(2.5), Some(0.0), None, None]);
    assert_eq!(zero, vec![2]);
}

#[test]
fn georgia_counties_add_up_to_the_state() {
    use agglo::ingest::boundaries::{load_boundaries, BoundaryOptions};
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/ga_counties.topojson"
    ))
    .unwrap();
    let (b, _) =
        load_boundaries(&bytes, "ga_counties.topojson", &BoundaryOptions::default()).unwrap();
    let (a, how) = region_areas_km2(&b.geometries);
    assert_eq!(how, AreaMethod::Geodesic);
    let total: f64 = a.iter().sum();
    let whitfield = a[b.ids.iter().position(|id| id == "13313").unwrap()];
    // Census 2020: Georgia's land area 148 959 km², land and water 153 910 km²; the sample's
    // (simplified, shoreline-clipped) counties fall between.
    assert!(total > 148_959.0 && total < 153_910.0, "{total}");
    // Whitfield County: 290.5 sq mi of land = 752.4 km² (simplified outline: within 2 %).
    assert!((whitfield - 752.4).abs() / 752.4 < 0.02, "{whitfield}");
}
