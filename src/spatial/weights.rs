//! The spatial weights matrix: sparse neighbour lists with weights, transforms, summary,
//! islands, connected components and higher-order contiguity.

use crate::error::{Error, ErrorCode, Location, Result};
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// How weights are scaled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Transform {
    /// Every neighbour weighs 1 (`B`).
    Binary,
    /// Each row sums to 1 (`R`, the default of esda and GeoDa for Moran and LISA).
    #[default]
    Row,
    /// The weights as built (inverse distance) or imported (GWT).
    Original,
}

impl Transform {
    /// Parse `r`/`row`, `b`/`binary`, `o`/`original`.
    pub fn parse(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "r" | "row" => Ok(Transform::Row),
            "b" | "binary" => Ok(Transform::Binary),
            "o" | "v" | "original" => Ok(Transform::Original),
            _ => Err(Error::new(
                ErrorCode::InvalidParameter,
                format!("unknown weights transform '{s}' (use r, b or original)"),
            )
            .at(Location::default().with_value(s))),
        }
    }
}

/// Sparse spatial weights over regions `ids`: `neighbours[i]` (ascending indices) with
/// `weights[i]` in the same order. Self-neighbours only when added by
/// [`SpatialWeights::with_self`] (Getis-Ord G*).
#[derive(Debug, Clone, PartialEq)]
pub struct SpatialWeights {
    pub ids: Vec<String>,
    pub neighbours: Vec<Vec<usize>>,
    /// Current weights (after [`Self::transform`]).
    pub weights: Vec<Vec<f64>>,
    /// Weights as built, before any transform.
    base: Vec<Vec<f64>>,
    pub transform: Transform,
    /// `queen`, `rook`, `knn:4`, `band:0.62`, `idw:…`, `gal`, `gwt`, ….
    pub kind: String,
}

/// Summary statistics of a weights matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeightsSummary {
    pub n: usize,
    /// Directed neighbour entries (the sum of cardinalities).
    pub links: usize,
    pub mean_neighbours: f64,
    pub min_neighbours: usize,
    pub max_neighbours: usize,
    /// `[cardinality, number of regions]`, ascending.
    pub histogram: Vec<[usize; 2]>,
    /// Ids of regions without neighbours.
    pub islands: Vec<String>,
    /// Number of connected components (islands count as one each).
    pub components: usize,
    /// Component number of each region (0 = the largest).
    pub component_of: Vec<usize>,
    /// Percentage of non-zero cells in the n × n matrix.
    pub pct_nonzero: f64,
    pub symmetric: bool,
    /// Sum of weights, `S0`.
    pub s0: f64,
    pub transform: Transform,
    pub kind: String,
}

impl SpatialWeights {
    /// Build from neighbour lists and base weights (`None` = binary). Neighbour lists are sorted
    /// ascending and deduplicated; self-links are dropped.
    ///
    /// # Errors
    /// `E_INVALID_PARAMETER` when lengths disagree or an index is out of range.
    pub fn new(
        ids: Vec<String>,
        neighbours: Vec<Vec<usize>>,
        base: Option<Vec<Vec<f64>>>,
        kind: impl Into<String>,
    ) -> Result<Self> {
        let n = ids.len();
        if neighbours.len() != n || base.as_ref().is_some_and(|b| b.len() != n) {
            return Err(Error::new(
                ErrorCode::InvalidParameter,
                format!("weights for {n} regions need {n} neighbour lists"),
            ));
        }
        let mut nb_out = Vec::with_capacity(n);
        let mut w_out = Vec::with_capacity(n);
        for (i, nb) in neighbours.into_iter().enumerate() {
            let ws: Vec<f64> = match &base {
                Some(b) => b.get(i).cloned().unwrap_or_default(),
                None => vec![1.0; nb.len()],
            };
            if ws.len() != nb.len() {
                return Err(Error::new(
                    ErrorCode::InvalidParameter,
                    format!(
                        "region {i}: {} neighbours but {} weights",
                        nb.len(),
                        ws.len()
                    ),
                ));
            }
            let mut pairs: Vec<(usize, f64)> =
                nb.into_iter().zip(ws).filter(|(j, _)| *j != i).collect();
            if let Some((j, _)) = pairs.iter().find(|(j, _)| *j >= n) {
                return Err(Error::new(
                    ErrorCode::InvalidParameter,
                    format!("neighbour index {j} out of range for {n} regions"),
                ));
            }
            pairs.sort_by_key(|(j, _)| *j);
            pairs.dedup_by_key(|(j, _)| *j);
            nb_out.push(pairs.iter().map(|(j, _)| *j).collect());
            w_out.push(pairs.iter().map(|(_, w)| *w).collect());
        }
        let is_binary = base.is_none();
        Ok(SpatialWeights {
            ids,
            neighbours: nb_out,
            weights: w_out.clone(),
            base: w_out,
            transform: if is_binary {
                Transform::Binary
            } else {
                Transform::Original
            },
            kind: kind.into(),
        })
    }

    pub fn n(&self) -> usize {
        self.ids.len()
    }

    /// Cardinality of each region.
    pub fn cardinalities(&self) -> Vec<usize> {
        self.neighbours.iter().map(Vec::len).collect()
    }

    /// Indices of regions with no neighbours.
    pub fn island_indices(&self) -> Vec<usize> {
        self.neighbours
            .iter()
            .enumerate()
            .filter(|(_, nb)| nb.is_empty())
            .map(|(i, _)| i)
            .collect()
    }

    /// Re-scale from the base weights: binary (1), row-standardised (each non-empty row sums to
    /// 1; islands stay empty) or original. Returns self for chaining.
    pub fn transform(mut self, t: Transform) -> Self {
        self.weights = self
            .base
            .iter()
            .map(|row| match t {
                Transform::Binary => vec![1.0; row.len()],
                Transform::Original => row.clone(),
                Transform::Row => {
                    let s: f64 = row.iter().sum();
                    if s == 0.0 {
                        vec![0.0; row.len()]
                    } else {
                        row.iter().map(|w| w / s).collect()
                    }
                }
            })
            .collect();
        self.transform = t;
        self
    }

    /// The same structure with each region its own neighbour (base weight 1), re-transformed:
    /// the weights of Getis-Ord G* (esda `fill_diagonal(w, 1)` before the transform).
    pub fn with_self(&self) -> Self {
        let mut nb = self.neighbours.clone();
        let mut base = self.base.clone();
        for (i, (n, b)) in nb.iter_mut().zip(base.iter_mut()).enumerate() {
            let pos = n.partition_point(|&j| j < i);
            if n.get(pos) != Some(&i) {
                n.insert(pos, i);
                b.insert(pos, 1.0);
            }
        }
        let w = SpatialWeights {
            ids: self.ids.clone(),
            neighbours: nb,
            weights: Vec::new(),
            base,
            transform: self.transform,
            kind: format!("{}+self", self.kind),
        };
        w.transform(self.transform)
    }

    /// Weight of the link i → j, 0 when absent.
    pub fn weight(&self, i: usize, j: usize) -> f64 {
        let (Some(nb), Some(ws)) = (self.neighbours.get(i), self.weights.get(i)) else {
            return 0.0;
        };
        nb.binary_search(&j)
            .ok()
            .and_then(|k| ws.get(k).copied())
            .unwrap_or(0.0)
    }

    /// Spatial lag `(W y)_i = Σ_j w_ij y_j`.
    pub fn lag(&self, y: &[f64]) -> Vec<f64> {
        self.neighbours
            .iter()
            .zip(&self.weights)
            .map(|(nb, ws)| {
                nb.iter()
                    .zip(ws)
                    .map(|(&j, w)| w * y.get(j).copied().unwrap_or(0.0))
                    .sum()
            })
            .collect()
    }

    /// `S0 = Σ w_ij`, `S1 = ½ Σ (w_ij + w_ji)²`, `S2 = Σ_i (w_i· + w_·i)²`.
    pub fn s012(&self) -> (f64, f64, f64) {
        let n = self.n();
        let mut s0 = 0.0;
        let mut s1 = 0.0;
        let mut row = vec![0.0; n];
        let mut col = vec![0.0; n];
        for (i, (nb, ws)) in self.neighbours.iter().zip(&self.weights).enumerate() {
            for (&j, &w) in nb.iter().zip(ws) {
                s0 += w;
                let wji = self.weight(j, i);
                s1 += (w + wji) * (w + wji);
                // The ordered pair (j, i) has no link of its own: count (0 + w_ij)² for it.
                if self
                    .neighbours
                    .get(j)
                    .is_none_or(|v| v.binary_search(&i).is_err())
                {
                    s1 += w * w;
                }
                if let Some(r) = row.get_mut(i) {
                    *r += w;
                }
                if let Some(c) = col.get_mut(j) {
                    *c += w;
                }
            }
        }
        let s2 = row.iter().zip(&col).map(|(r, c)| (r + c) * (r + c)).sum();
        (s0, s1 / 2.0, s2)
    }

    /// Whether w_ij = w_ji for every pair (within 1e-12).
    pub fn is_symmetric(&self) -> bool {
        self.neighbours
            .iter()
            .zip(&self.weights)
            .enumerate()
            .all(|(i, (nb, ws))| {
                nb.iter()
                    .zip(ws)
                    .all(|(&j, &w)| (self.weight(j, i) - w).abs() <= 1e-12 * w.abs().max(1.0))
            })
    }

    /// Connected components of the undirected neighbour graph, numbered by decreasing size
    /// (ties by lowest member index). Returns `(count, component_of)`.
    pub fn components(&self) -> (usize, Vec<usize>) {
        let n = self.n();
        let mut und: Vec<Vec<usize>> = self.neighbours.clone();
        for (i, nb) in self.neighbours.iter().enumerate() {
            for &j in nb {
                if let Some(v) = und.get_mut(j) {
                    v.push(i);
                }
            }
        }
        let mut comp = vec![usize::MAX; n];
        let mut sizes: Vec<(usize, usize)> = Vec::new(); // (size, first)
        let mut queue = VecDeque::new();
        for s in 0..n {
            if comp.get(s) != Some(&usize::MAX) {
                continue;
            }
            let c = sizes.len();
            let mut size = 0;
            queue.push_back(s);
            if let Some(x) = comp.get_mut(s) {
                *x = c;
            }
            while let Some(u) = queue.pop_front() {
                size += 1;
                for &v in und.get(u).map(|v| v.as_slice()).unwrap_or(&[]) {
                    if let Some(x) = comp.get_mut(v) {
                        if *x == usize::MAX {
                            *x = c;
                            queue.push_back(v);
                        }
                    }
                }
            }
            sizes.push((size, s));
        }
        let mut order: Vec<usize> = (0..sizes.len()).collect();
        order.sort_by(|&a, &b| {
            let (sa, fa) = sizes.get(a).copied().unwrap_or((0, 0));
            let (sb, fb) = sizes.get(b).copied().unwrap_or((0, 0));
            sb.cmp(&sa).then(fa.cmp(&fb))
        });
        let mut rank = vec![0; sizes.len()];
        for (r, &c) in order.iter().enumerate() {
            if let Some(x) = rank.get_mut(c) {
                *x = r;
            }
        }
        (
            sizes.len(),
            comp.iter()
                .map(|&c| rank.get(c).copied().unwrap_or(0))
                .collect(),
        )
    }

    /// Summary: n, links, neighbour counts, histogram, islands, components.
    ///
    /// # Examples
    /// ```
    /// use agglo::spatial::SpatialWeights;
    /// let w = SpatialWeights::new(
    ///     vec!["a".into(), "b".into(), "c".into()],
    ///     vec![vec![1], vec![0], vec![]],
    ///     None,
    ///     "custom",
    /// ).unwrap();
    /// let s = w.summary();
    /// assert_eq!(s.links, 2);
    /// assert_eq!(s.islands, vec!["c"]);
    /// assert_eq!(s.components, 2);
    /// ```
    pub fn summary(&self) -> WeightsSummary {
        let card = self.cardinalities();
        let n = self.n();
        let links: usize = card.iter().sum();
        let max = card.iter().copied().max().unwrap_or(0);
        let mut hist = vec![0usize; max + 1];
        for &c in &card {
            if let Some(h) = hist.get_mut(c) {
                *h += 1;
            }
        }
        let (components, component_of) = self.components();
        WeightsSummary {
            n,
            links,
            mean_neighbours: if n == 0 { 0.0 } else { links as f64 / n as f64 },
            min_neighbours: card.iter().copied().min().unwrap_or(0),
            max_neighbours: max,
            histogram: hist
                .iter()
                .enumerate()
                .filter(|(_, c)| **c > 0)
                .map(|(k, c)| [k, *c])
                .collect(),
            islands: self
                .island_indices()
                .iter()
                .filter_map(|&i| self.ids.get(i).cloned())
                .collect(),
            components,
            component_of,
            pct_nonzero: if n == 0 {
                0.0
            } else {
                100.0 * links as f64 / (n as f64 * n as f64)
            },
            symmetric: self.is_symmetric(),
            s0: self.s012().0,
            transform: self.transform,
            kind: self.kind.clone(),
        }
    }

    /// Higher-order contiguity: regions exactly `order` steps away on the (directed) neighbour
    /// graph (shortest path), or within `order` steps when `cumulative`. Binary weights.
    ///
    /// # Errors
    /// `E_INVALID_PARAMETER` when `order` is 0.
    ///
    /// # Complexity
    /// O(n · (average ball size)).
    pub fn higher_order(&self, order: usize, cumulative: bool) -> Result<SpatialWeights> {
        if order == 0 {
            return Err(Error::new(
                ErrorCode::InvalidParameter,
                "the contiguity order must be at least 1",
            ));
        }
        let n = self.n();
        let mut dist = vec![usize::MAX; n];
        let mut out = Vec::with_capacity(n);
        for s in 0..n {
            let mut touched = vec![s];
            if let Some(d) = dist.get_mut(s) {
                *d = 0;
            }
            let mut frontier = vec![s];
            for step in 1..=order {
                let mut next = Vec::new();
                for &u in &frontier {
                    for &v in self.neighbours.get(u).map(|v| v.as_slice()).unwrap_or(&[]) {
                        if let Some(d) = dist.get_mut(v) {
                            if *d == usize::MAX {
                                *d = step;
                                touched.push(v);
                                next.push(v);
                            }
                        }
                    }
                }
                frontier = next;
            }
            let mut nb: Vec<usize> = touched
                .iter()
                .copied()
                .filter(|&v| {
                    let d = dist.get(v).copied().unwrap_or(0);
                    v != s && (d == order || (cumulative && d >= 1 && d <= order))
                })
                .collect();
            nb.sort_unstable();
            for &v in &touched {
                if let Some(d) = dist.get_mut(v) {
                    *d = usize::MAX;
                }
            }
            out.push(nb);
        }
        let kind = format!(
            "{}^{}{}",
            self.kind,
            order,
            if cumulative { "c" } else { "" }
        );
        SpatialWeights::new(self.ids.clone(), out, None, kind)
    }

    /// The weights restricted to the regions where `keep` is true (links to dropped regions are
    /// removed; the transform is re-applied).
    pub fn subset(&self, keep: &[bool]) -> Result<SpatialWeights> {
        let mut new_index = vec![usize::MAX; self.n()];
        let mut ids = Vec::new();
        for (i, id) in self.ids.iter().enumerate() {
            if keep.get(i).copied().unwrap_or(false) {
                if let Some(x) = new_index.get_mut(i) {
                    *x = ids.len();
                }
                ids.push(id.clone());
            }
        }
        let mut nb = Vec::with_capacity(ids.len());
        let mut base = Vec::with_capacity(ids.len());
        for (i, (ns, bs)) in self.neighbours.iter().zip(&self.base).enumerate() {
            if !keep.get(i).copied().unwrap_or(false) {
                continue;
            }
            let (a, b): (Vec<usize>, Vec<f64>) = ns
                .iter()
                .zip(bs)
                .filter_map(|(&j, &w)| {
                    let nj = new_index.get(j).copied().unwrap_or(usize::MAX);
                    (nj != usize::MAX).then_some((nj, w))
                })
                .unzip();
            nb.push(a);
            base.push(b);
        }
        let w = SpatialWeights::new(ids, nb, Some(base), self.kind.clone())?;
        Ok(w.transform(self.transform))
    }

    /// Reorder the weights to follow `ids`. Regions of `ids` absent from the weights (a GWT
    /// omits islands) become islands and are returned.
    ///
    /// # Errors
    /// `E_UNKNOWN_REGION` naming a region of the weights that is not in `ids`.
    pub fn reorder(&self, ids: &[String]) -> Result<(SpatialWeights, Vec<String>)> {
        let pos: std::collections::HashMap<&str, usize> = ids
            .iter()
            .enumerate()
            .map(|(k, s)| (s.as_str(), k))
            .collect();
        if let Some(id) = self.ids.iter().find(|id| !pos.contains_key(id.as_str())) {
            return Err(Error::new(
                ErrorCode::UnknownRegion,
                format!("region '{id}' of the weights is not among the regions"),
            )
            .at(Location::default().with_region(id.clone())));
        }
        let mine: std::collections::HashSet<&str> = self.ids.iter().map(|s| s.as_str()).collect();
        let missing: Vec<String> = ids
            .iter()
            .filter(|id| !mine.contains(id.as_str()))
            .cloned()
            .collect();
        let mut nb = vec![Vec::new(); ids.len()];
        let mut base = vec![Vec::new(); ids.len()];
        for (i, (ns, bs)) in self.neighbours.iter().zip(&self.base).enumerate() {
            let ni = self
                .ids
                .get(i)
                .and_then(|id| pos.get(id.as_str()))
                .copied()
                .unwrap_or(0);
            let mapped: Vec<usize> = ns
                .iter()
                .map(|&j| {
                    self.ids
                        .get(j)
                        .and_then(|id| pos.get(id.as_str()))
                        .copied()
                        .unwrap_or(0)
                })
                .collect();
            if let (Some(a), Some(b)) = (nb.get_mut(ni), base.get_mut(ni)) {
                *a = mapped;
                *b = bs.clone();
            }
        }
        let w = SpatialWeights::new(ids.to_vec(), nb, Some(base), self.kind.clone())?;
        Ok((w.transform(self.transform), missing))
    }
}
