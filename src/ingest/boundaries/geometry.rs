//! Ring closing, coordinate checks and the self-intersection sweep shared by every format.

use crate::error::{Error, ErrorCode, Location, Result, Warning};
use geo::{Coord, LineString, MultiPolygon, Polygon};

/// Build a validated multipolygon from raw polygons (rings of positions).
///
/// Returns the geometry, whether any polygon has crossing edges, and whether the whole geometry
/// collapsed (every ring degenerate: kept as one zero-area ring, so the region still exists).
pub(crate) fn build(
    polygons: &[Vec<Vec<Coord<f64>>>],
    loc: &Location,
    geographic: bool,
    warnings: &mut Vec<Warning>,
) -> Result<(MultiPolygon<f64>, bool, bool)> {
    if polygons.iter().all(|p| p.iter().all(|r| r.is_empty())) {
        return Err(Error::new(
            ErrorCode::GeometryEmpty,
            "the geometry is empty (no coordinates)",
        )
        .at(loc.clone()));
    }
    let mut out = Vec::with_capacity(polygons.len());
    let mut crossing = false;
    let mut collapsed: Option<Vec<Coord<f64>>> = None;
    for (pk, poly) in polygons.iter().enumerate() {
        let mut rings = Vec::with_capacity(poly.len());
        for (rk, ring) in poly.iter().enumerate() {
            let what = format!("polygon {} ring {}", pk + 1, rk + 1);
            for (vk, c) in ring.iter().enumerate() {
                if !c.x.is_finite() || !c.y.is_finite() {
                    return Err(Error::new(
                        ErrorCode::GeometryInvalid,
                        format!("{what} position {} is not a finite number", vk + 1),
                    )
                    .at(loc.clone().with_value(format!("[{}, {}]", c.x, c.y))));
                }
                if geographic && (c.x.abs() > 180.0 || c.y.abs() > 90.0) {
                    return Err(Error::new(
                        ErrorCode::GeometryInvalid,
                        format!(
                            "{what} position {} is outside longitude/latitude range; GeoJSON must be WGS84 lon/lat (set the 'projected' option for projected coordinates)",
                            vk + 1
                        ),
                    )
                    .at(loc.clone().with_value(format!("[{}, {}]", c.x, c.y))));
                }
            }
            let mut r: Vec<Coord<f64>> = Vec::with_capacity(ring.len() + 1);
            for c in ring {
                // Consecutive duplicates (common after quantisation) carry no geometry.
                if r.last() != Some(c) {
                    r.push(*c);
                }
            }
            if r.is_empty() {
                continue;
            }
            if r.first() != r.last() {
                if let Some(first) = r.first().copied() {
                    r.push(first);
                }
                warnings.push(
                    Warning::new(
                        "W_UNCLOSED_RING",
                        format!("{what} was not closed; closed it"),
                    )
                    .at(loc.clone()),
                );
            }
            if r.len() < 4 {
                // Simplified real data (us-atlas' Delaware) has slivers that collapsed to a line:
                // drop them; an outer ring that collapses drops its polygon.
                warnings.push(
                    Warning::new(
                        "W_DEGENERATE_RING",
                        format!(
                            "{what} has {} distinct position(s) (a ring needs 3); dropped",
                            r.len().saturating_sub(1)
                        ),
                    )
                    .at(loc.clone()),
                );
                if rk == 0 {
                    if collapsed.is_none() {
                        collapsed = Some(r);
                    }
                    break;
                }
                continue;
            }
            rings.push(LineString::from(r));
        }
        let mut it = rings.into_iter();
        let Some(ext) = it.next() else { continue };
        let p = Polygon::new(ext, it.collect());
        crossing |= has_crossing(&p);
        out.push(p);
    }
    if out.is_empty() {
        if let Some(r) = collapsed {
            // Simplification can collapse a whole small region (us-atlas 10m: Falls Church city,
            // 51610). Keep it as a zero-area ring of 4 positions so it is still a region (it can
            // touch its neighbours' vertices) rather than failing the whole file.
            let distinct: Vec<Coord<f64>> = r
                .iter()
                .take(r.len().saturating_sub(1).max(1))
                .copied()
                .collect();
            let mut ring = distinct.clone();
            while ring.len() < 3 {
                if let Some(l) = ring.last().copied() {
                    ring.push(l);
                }
            }
            if let Some(f) = distinct.first().copied() {
                ring.push(f);
            }
            warnings.push(
                Warning::new(
                    "W_DEGENERATE_GEOMETRY",
                    "every ring collapsed to fewer than 3 distinct positions (over-simplified?); kept as a zero-area region and flagged",
                )
                .at(loc.clone()),
            );
            return Ok((
                MultiPolygon(vec![Polygon::new(LineString::from(ring), vec![])]),
                false,
                true,
            ));
        }
        return Err(Error::new(
            ErrorCode::GeometryEmpty,
            "the geometry has no ring with at least 3 distinct positions",
        )
        .at(loc.clone()));
    }
    Ok((MultiPolygon(out), crossing, false))
}

fn orient(a: Coord<f64>, b: Coord<f64>, c: Coord<f64>) -> f64 {
    (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
}

/// Whether two edges of the polygon (any of its rings) properly cross: each segment's endpoints lie
/// strictly on opposite sides of the other. Touching at a vertex is not counted (common in
/// real data and harmless for contiguity). Sweep over segments sorted by min x.
pub(crate) fn has_crossing(p: &Polygon<f64>) -> bool {
    let mut segs: Vec<(Coord<f64>, Coord<f64>)> = Vec::new();
    for ring in std::iter::once(p.exterior()).chain(p.interiors()) {
        for w in ring.0.windows(2) {
            if let [a, b] = w {
                segs.push((*a, *b));
            }
        }
    }
    segs.sort_by(|s, t| s.0.x.min(s.1.x).total_cmp(&t.0.x.min(t.1.x)));
    for (k, s) in segs.iter().enumerate() {
        let smax = s.0.x.max(s.1.x);
        for t in segs.iter().skip(k + 1) {
            if t.0.x.min(t.1.x) > smax {
                break;
            }
            let (ymin_s, ymax_s) = (s.0.y.min(s.1.y), s.0.y.max(s.1.y));
            if t.0.y.min(t.1.y) > ymax_s || t.0.y.max(t.1.y) < ymin_s {
                continue;
            }
            let d1 = orient(s.0, s.1, t.0);
            let d2 = orient(s.0, s.1, t.1);
            let d3 = orient(t.0, t.1, s.0);
            let d4 = orient(t.0, t.1, s.1);
            if ((d1 > 0.0 && d2 < 0.0) || (d1 < 0.0 && d2 > 0.0))
                && ((d3 > 0.0 && d4 < 0.0) || (d3 < 0.0 && d4 > 0.0))
            {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn bowtie_crosses_square_does_not() {
        let sq = Polygon::new(
            LineString::from(vec![
                (0.0, 0.0),
                (1.0, 0.0),
                (1.0, 1.0),
                (0.0, 1.0),
                (0.0, 0.0),
            ]),
            vec![],
        );
        assert!(!has_crossing(&sq));
        let bow = Polygon::new(
            LineString::from(vec![
                (0.0, 0.0),
                (1.0, 1.0),
                (1.0, 0.0),
                (0.0, 1.0),
                (0.0, 0.0),
            ]),
            vec![],
        );
        assert!(has_crossing(&bow));
    }
}
