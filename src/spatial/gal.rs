//! GeoDa's weights files: GAL (neighbour lists, binary) and GWT (weighted links).
//!
//! GAL: a header line (`n`, or `0 n shapefile id_field`), then per region a line `id k` followed by
//! a line with its k neighbour ids. GWT: a header `0 n shapefile id_field`, then one line
//! `id neighbour_id weight` per link.

use super::weights::SpatialWeights;
use crate::error::{Error, ErrorCode, Location, Result};
use std::collections::HashMap;
use std::fmt::Write;

fn perr(file: &str, line: usize, msg: impl Into<String>) -> Error {
    Error::new(ErrorCode::WeightsParse, msg).at(Location::file(file).with_row(line as u64))
}

/// Index of `id`, adding it in order of first appearance.
fn intern(id: &str, ids: &mut Vec<String>, pos: &mut HashMap<String, usize>) -> usize {
    if let Some(&k) = pos.get(id) {
        return k;
    }
    ids.push(id.to_string());
    pos.insert(id.to_string(), ids.len() - 1);
    ids.len() - 1
}

fn header_n(line: &str, file: &str) -> Result<usize> {
    let toks: Vec<&str> = line.split_whitespace().collect();
    let t = match toks.len() {
        1 => toks.first(),
        _ => toks.get(1),
    };
    t.and_then(|t| t.parse::<usize>().ok()).ok_or_else(|| {
        perr(
            file,
            1,
            format!("bad header '{line}': expected 'n' or '0 n shapefile id_field'"),
        )
    })
}

/// Read a GAL file. Regions are ordered as their `id k` lines appear; use
/// [`SpatialWeights::reorder`] to align with boundaries.
///
/// # Errors
/// `E_WEIGHTS_PARSE` with the 1-based line for a bad header, count or neighbour list.
///
/// # Examples
/// ```
/// let w = agglo::spatial::read_gal("3\n1 1\n2\n2 2\n1 3\n3 1\n2\n", "x.gal").unwrap();
/// assert_eq!(w.ids, vec!["1", "2", "3"]);
/// assert_eq!(w.neighbours, vec![vec![1], vec![0, 2], vec![1]]);
/// ```
pub fn read_gal(text: &str, file: &str) -> Result<SpatialWeights> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let (_, head) = lines
        .next()
        .ok_or_else(|| perr(file, 1, "the GAL file is empty"))?;
    let n = header_n(head, file)?;
    let mut ids = Vec::with_capacity(n);
    let mut pos = HashMap::new();
    let mut lists: Vec<(usize, Vec<String>, usize)> = Vec::with_capacity(n);
    while let Some((ln, l)) = lines.next() {
        let toks: Vec<&str> = l.split_whitespace().collect();
        let (Some(id), Some(k)) = (
            toks.first(),
            toks.get(1).and_then(|k| k.parse::<usize>().ok()),
        ) else {
            return Err(perr(
                file,
                ln + 1,
                format!("expected 'id count', found '{l}'"),
            ));
        };
        let i = intern(id, &mut ids, &mut pos);
        let nbs: Vec<String> = if k == 0 {
            Vec::new()
        } else {
            let (ln2, l2) = lines.next().ok_or_else(|| {
                perr(
                    file,
                    ln + 2,
                    format!("region '{id}': the neighbour line is missing"),
                )
            })?;
            let v: Vec<String> = l2.split_whitespace().map(str::to_string).collect();
            if v.len() != k {
                return Err(perr(
                    file,
                    ln2 + 1,
                    format!(
                        "region '{id}' should have {k} neighbours, the line lists {}",
                        v.len()
                    ),
                )
                .tap_region(id));
            }
            v
        };
        lists.push((i, nbs, ln + 1));
    }
    if ids.len() != n {
        return Err(perr(
            file,
            1,
            format!("the header says {n} regions, the file has {}", ids.len()),
        ));
    }
    let mut nb = vec![Vec::new(); n];
    for (i, list, ln) in lists {
        let mut v = Vec::with_capacity(list.len());
        for s in list {
            let j = pos.get(&s).copied().ok_or_else(|| {
                perr(
                    file,
                    ln + 1,
                    format!("neighbour '{s}' has no entry of its own"),
                )
                .tap_region(&s)
            })?;
            v.push(j);
        }
        if let Some(slot) = nb.get_mut(i) {
            *slot = v;
        }
    }
    SpatialWeights::new(ids, nb, None, "gal")
}

/// Read a GWT file (weights kept as given: transform `Original`).
///
/// # Errors
/// `E_WEIGHTS_PARSE` with the 1-based line.
pub fn read_gwt(text: &str, file: &str) -> Result<SpatialWeights> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let (_, head) = lines
        .next()
        .ok_or_else(|| perr(file, 1, "the GWT file is empty"))?;
    let n = header_n(head, file)?;
    let mut ids = Vec::with_capacity(n);
    let mut pos = HashMap::new();
    let mut links: Vec<(usize, usize, f64)> = Vec::new();
    for (ln, l) in lines {
        let t: Vec<&str> = l.split_whitespace().collect();
        let (Some(a), Some(b), Some(w)) = (
            t.first(),
            t.get(1),
            t.get(2).and_then(|w| w.parse::<f64>().ok()),
        ) else {
            return Err(perr(
                file,
                ln + 1,
                format!("expected 'id neighbour weight', found '{l}'"),
            ));
        };
        let i = intern(a, &mut ids, &mut pos);
        let j = intern(b, &mut ids, &mut pos);
        links.push((i, j, w));
    }
    if ids.len() > n {
        return Err(perr(
            file,
            1,
            format!("the header says {n} regions, the links name {}", ids.len()),
        ));
    }
    // Regions without links (islands) do not appear in a GWT: `reorder` adds them back.
    let n = ids.len();
    let mut nb = vec![Vec::new(); n];
    let mut ws = vec![Vec::new(); n];
    for (i, j, w) in links {
        if let (Some(a), Some(b)) = (nb.get_mut(i), ws.get_mut(i)) {
            a.push(j);
            b.push(w);
        }
    }
    SpatialWeights::new(ids, nb, Some(ws), "gwt")
}

/// Write GAL text (GeoDa header `0 n name id_field`).
pub fn write_gal(w: &SpatialWeights, name: &str, id_field: &str) -> String {
    let mut s = format!("0 {} {} {}\n", w.n(), name, id_field);
    for (id, nb) in w.ids.iter().zip(&w.neighbours) {
        let _ = writeln!(s, "{id} {}", nb.len());
        let names: Vec<&str> = nb
            .iter()
            .filter_map(|&j| w.ids.get(j).map(|x| x.as_str()))
            .collect();
        let _ = writeln!(s, "{}", names.join(" "));
    }
    s
}

/// Write GWT text with the current weights.
pub fn write_gwt(w: &SpatialWeights, name: &str, id_field: &str) -> String {
    let mut s = format!("0 {} {} {}\n", w.n(), name, id_field);
    for (i, (nb, ws)) in w.neighbours.iter().zip(&w.weights).enumerate() {
        for (&j, &x) in nb.iter().zip(ws) {
            let (a, b) = (
                w.ids.get(i).map(|s| s.as_str()).unwrap_or(""),
                w.ids.get(j).map(|s| s.as_str()).unwrap_or(""),
            );
            let _ = writeln!(s, "{a} {b} {x}");
        }
    }
    s
}

trait TapRegion {
    fn tap_region(self, r: &str) -> Self;
}
impl TapRegion for Error {
    fn tap_region(mut self, r: &str) -> Self {
        self.location = self.location.with_region(r);
        self
    }
}
