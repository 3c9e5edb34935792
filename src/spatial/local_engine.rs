//! Resumable conditional-randomisation engine shared by local Moran and local Getis-Ord.
//!
//! As in esda's `crand`, one matrix of random draws (R rows of k_max distinct indices from 0..n-1)
//! is generated once from the seed and shared by every region; region i maps draw j to
//! `j + (j >= i)`, so its own value is held fixed and the other n-1 are permuted. The work is
//! then a pure loop over regions that can be run in steps (progress and cancel between steps).

use super::permutation::{folded_p, random_ids, rng};
use crate::error::{Error, ErrorCode, Result};
use serde::Serialize;

/// Progress of a resumable job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// One optional value per region.
pub(crate) type PerRegion = Vec<Option<f64>>;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Sim {
    /// `(n-1) z_i Σ w z_perm / den`
    Moran { den: f64 },
    /// `Σ w y_perm / (Σy - y_i)`
    G { sum: f64 },
    /// `(w_ii y_i + Σ w y_perm) / Σy`
    GStar { sum: f64 },
}

#[derive(Debug, Clone)]
pub(crate) struct Engine {
    sim: Sim,
    /// Neighbours without self, and their weights.
    neighbours: Vec<Vec<usize>>,
    weights: Vec<Vec<f64>>,
    self_weight: Vec<f64>,
    values: Vec<f64>,
    observed: Vec<f64>,
    skip: Vec<bool>,
    rids: Vec<u32>,
    k_max: usize,
    /// Per permutation, prefix sums of the drawn values `values[r_t]` (k_max + 1 each) and the
    /// shift corrections `values[r_t + 1] - values[r_t]` (k_max each): for a row whose weights are
    /// all equal (binary, row-standardised), the simulated lag is
    /// `w (prefix[k] + Σ_{t<k, r_t >= i} diff[t])`, read sequentially instead of gathered.
    /// Stored transposed (draw position t major, permutation minor: `prefix_t[t * perms + p]`,
    /// `diff_t`, `rids_t` likewise) so a region with k neighbours streams k contiguous columns
    /// and the loop over permutations vectorises.
    prefix_t: Vec<f64>,
    diff_t: Vec<f64>,
    rids_t: Vec<u32>,
    /// Per-permutation shift corrections of the current region (reused, `perms` long).
    scratch: Vec<f64>,
    /// The common weight of each row when all its weights are equal.
    uniform: Vec<Option<f64>>,
    pub perms: usize,
    next: usize,
    pub larger: Vec<usize>,
    pub sum: Vec<f64>,
    pub sumsq: Vec<f64>,
}

impl Engine {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        sim: Sim,
        neighbours: Vec<Vec<usize>>,
        weights: Vec<Vec<f64>>,
        self_weight: Vec<f64>,
        values: Vec<f64>,
        observed: Vec<f64>,
        skip: Vec<bool>,
        perms: usize,
        seed: u64,
    ) -> Self {
        let n = values.len();
        let k_max = neighbours.iter().map(Vec::len).max().unwrap_or(0);
        let mut r = rng(seed);
        let rids = if perms > 0 {
            random_ids(n.saturating_sub(1), k_max, perms, &mut r)
        } else {
            Vec::new()
        };
        let mut prefix_t = vec![0.0; perms * (k_max + 1)];
        let mut diff_t = vec![0.0; perms * k_max];
        let mut rids_t = vec![0u32; perms * k_max];
        for p in 0..perms {
            let row = rids.get(p * k_max..(p + 1) * k_max).unwrap_or(&[]);
            let mut acc = 0.0;
            for (t, &r) in row.iter().enumerate() {
                let a = values.get(r as usize).copied().unwrap_or(0.0);
                let b = values.get(r as usize + 1).copied().unwrap_or(0.0);
                acc += a;
                if let Some(x) = prefix_t.get_mut((t + 1) * perms + p) {
                    *x = acc;
                }
                if let Some(x) = diff_t.get_mut(t * perms + p) {
                    *x = b - a;
                }
                if let Some(x) = rids_t.get_mut(t * perms + p) {
                    *x = r;
                }
            }
        }
        let uniform = weights
            .iter()
            .map(|ws| match ws.first() {
                Some(&w0) if ws.iter().all(|&w| w == w0) => Some(w0),
                _ => None,
            })
            .collect();
        Engine {
            sim,
            prefix_t,
            diff_t,
            rids_t,
            scratch: vec![0.0; perms],
            uniform,
            neighbours,
            weights,
            self_weight,
            values,
            observed,
            skip,
            rids,
            k_max,
            perms,
            next: 0,
            larger: vec![0; n],
            sum: vec![0.0; n],
            sumsq: vec![0.0; n],
        }
    }

    pub(crate) fn total(&self) -> usize {
        self.values.len()
    }

    pub(crate) fn is_done(&self) -> bool {
        self.perms == 0 || self.next >= self.values.len()
    }

    /// Simulate up to `budget` more regions.
    pub(crate) fn step(&mut self, budget: usize) -> Progress {
        let n = self.values.len();
        if self.perms == 0 {
            self.next = n;
        }
        let end = (self.next + budget.max(1)).min(n);
        for i in self.next..end {
            if self.skip.get(i).copied().unwrap_or(true) {
                continue;
            }
            let (Some(nb), Some(ws)) = (self.neighbours.get(i), self.weights.get(i)) else {
                continue;
            };
            let k = nb.len();
            let vi = self.values.get(i).copied().unwrap_or(0.0);
            let obs = self.observed.get(i).copied().unwrap_or(0.0);
            let wii = self.self_weight.get(i).copied().unwrap_or(0.0);
            let (scale, offset) = match self.sim {
                Sim::Moran { den } => ((n as f64 - 1.0) * vi / den, 0.0),
                Sim::G { sum } => (1.0 / (sum - vi), 0.0),
                Sim::GStar { sum } => (1.0 / sum, wii * vi / sum),
            };
            // A draw of exactly the actual neighbour values reproduces the observed statistic up to
            // summation order: treat values within 1e-12 (relative) as ties, counted as ">=".
            let obs_tie = obs - 1e-12 * obs.abs();
            let (mut larger, mut s, mut s2) = (0usize, 0.0, 0.0);
            let mut tally = |v: f64| {
                if v >= obs_tie {
                    larger += 1;
                }
                s += v;
                s2 += v * v;
            };
            let km = self.k_max;
            if km == 0 {
                continue;
            }
            match self.uniform.get(i).copied().flatten() {
                Some(w) => {
                    // Column by column over the k draw positions: draws at or above i shift to the
                    // next value (branch-free, contiguous, vectorisable over permutations).
                    let perms = self.perms;
                    let corr = &mut self.scratch;
                    corr.iter_mut().for_each(|c| *c = 0.0);
                    let iu = i as u32;
                    for t in 0..k {
                        let cols = (
                            self.rids_t.get(t * perms..(t + 1) * perms),
                            self.diff_t.get(t * perms..(t + 1) * perms),
                        );
                        let (Some(r), Some(d)) = cols else { continue };
                        for ((c, &r), &dv) in corr.iter_mut().zip(r).zip(d) {
                            *c += if r >= iu { dv } else { 0.0 };
                        }
                    }
                    let base = self.prefix_t.get(k * perms..(k + 1) * perms).unwrap_or(&[]);
                    for (&b, &c) in base.iter().zip(corr.iter()) {
                        tally(w * (b + c) * scale + offset);
                    }
                }
                None => {
                    for row in self.rids.chunks_exact(km).take(self.perms) {
                        let mut acc = 0.0;
                        for (&r, &w) in row.iter().zip(ws).take(k) {
                            let j = r as usize;
                            let j = j + usize::from(j >= i);
                            acc += w * self.values.get(j).copied().unwrap_or(0.0);
                        }
                        tally(acc * scale + offset);
                    }
                }
            }
            if let Some(x) = self.larger.get_mut(i) {
                *x = larger;
            }
            if let Some(x) = self.sum.get_mut(i) {
                *x = s;
            }
            if let Some(x) = self.sumsq.get_mut(i) {
                *x = s2;
            }
        }
        self.next = end;
        Progress {
            done: self.next,
            total: n,
        }
    }

    /// Run to the end, reporting progress every `chunk` regions; `progress` returning false cancels.
    pub(crate) fn run(&mut self, progress: &mut dyn FnMut(usize, usize) -> bool) -> Result<()> {
        // About 2 million simulated lags between progress calls.
        let per_region = (self.perms * self.k_max.max(1)).max(1);
        let chunk = (2_000_000 / per_region).clamp(1, 4096);
        while !self.is_done() {
            let p = self.step(chunk);
            if !progress(p.done, p.total) {
                return Err(Error::new(ErrorCode::Cancelled, "cancelled"));
            }
        }
        Ok(())
    }

    /// Folded pseudo p-value, simulated mean and z per region (`None` when skipped or no
    /// permutations).
    pub(crate) fn results(&self) -> (PerRegion, PerRegion, PerRegion) {
        let r = self.perms as f64;
        let mut p = Vec::with_capacity(self.total());
        let mut m = Vec::with_capacity(self.total());
        let mut z = Vec::with_capacity(self.total());
        for i in 0..self.total() {
            if self.perms == 0 || self.skip.get(i).copied().unwrap_or(true) {
                p.push(None);
                m.push(None);
                z.push(None);
                continue;
            }
            let mean = self.sum.get(i).copied().unwrap_or(0.0) / r;
            let var = (self.sumsq.get(i).copied().unwrap_or(0.0) / r - mean * mean).max(0.0);
            let obs = self.observed.get(i).copied().unwrap_or(0.0);
            p.push(Some(folded_p(
                self.larger.get(i).copied().unwrap_or(0),
                self.perms,
            )));
            m.push(Some(mean));
            z.push(Some(if var > 0.0 {
                (obs - mean) / var.sqrt()
            } else {
                0.0
            }));
        }
        (p, m, z)
    }
}
