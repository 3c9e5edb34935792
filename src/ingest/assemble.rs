//! From parsed rows to the dense panel, without materialising rows as strings.
//!
//! Codes are interned (one `String` per distinct region / industry), and each (year, region) keeps
//! a growable row of values indexed by industry, plus the source line of each cell for the
//! duplicate check. This is the "compact record" store scattered straight into place: it costs about
//! the size of the final panel (plus 4 bytes per cell for line numbers, freed before the panel is
//! allocated), so the peak is about twice the panel rather than panel + one record per input row.

use super::IngestReport;
use crate::error::{Error, ErrorCode, Location, Result};
use crate::panel::Panel;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a: codes are short, SipHash's DoS resistance buys nothing here.
#[derive(Default)]
pub(crate) struct Fnv(u64);
impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}
type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// Codes in first-seen order, with a one-entry cache for the common sorted input.
#[derive(Default)]
pub(crate) struct Interner {
    map: FnvMap<Box<str>, u32>,
    pub codes: Vec<String>,
    pub names: Vec<String>,
    last: Option<(usize, u32)>,
}

impl Interner {
    /// Index of `code`; `name` is asked for only when the code is new.
    pub fn get_or_insert(&mut self, code: &str, name: impl FnOnce() -> String) -> u32 {
        if let Some((k, idx)) = self.last {
            if self.codes.get(k).is_some_and(|c| c == code) {
                return idx;
            }
        }
        let idx = match self.map.get(code) {
            Some(i) => *i,
            None => {
                let i = self.codes.len() as u32;
                self.map.insert(code.into(), i);
                self.codes.push(code.to_string());
                self.names.push(name());
                i
            }
        };
        self.last = Some((idx as usize, idx));
        idx
    }
    pub fn len(&self) -> usize {
        self.codes.len()
    }
}

/// Cell values of one row, `[i * m + k]` for industry `i`, measure `k`. Counts (employment,
/// establishments) are whole numbers, so a row starts as `u32` (half the memory; `u32::MAX` =
/// missing) and turns into `f64` at its first value that is not a whole number in range.
enum Vals {
    Int(Vec<u32>),
    Float(Vec<f64>),
}

const INT_NAN: u32 = u32::MAX;

impl Default for Vals {
    fn default() -> Self {
        Vals::Int(Vec::new())
    }
}

impl Vals {
    fn len(&self) -> usize {
        match self {
            Vals::Int(v) => v.len(),
            Vals::Float(v) => v.len(),
        }
    }
    fn grow(&mut self, n: usize, frontier: bool) {
        match self {
            Vals::Int(v) => grow(v, n, INT_NAN, frontier),
            Vals::Float(v) => grow(v, n, f64::NAN, frontier),
        }
    }
    fn set(&mut self, at: usize, vals: &[f64]) {
        if let Vals::Int(v) = self {
            let fits = vals
                .iter()
                .all(|x| x.is_nan() || (x.fract() == 0.0 && *x >= 0.0 && *x < f64::from(INT_NAN)));
            if !fits {
                let f: Vec<f64> = v
                    .iter()
                    .map(|u| {
                        if *u == INT_NAN {
                            f64::NAN
                        } else {
                            f64::from(*u)
                        }
                    })
                    .collect();
                *self = Vals::Float(f);
            }
        }
        match self {
            Vals::Int(v) => {
                if let Some(dst) = v.get_mut(at..at + vals.len()) {
                    for (d, x) in dst.iter_mut().zip(vals) {
                        *d = if x.is_nan() { INT_NAN } else { *x as u32 };
                    }
                }
            }
            Vals::Float(v) => {
                if let Some(dst) = v.get_mut(at..at + vals.len()) {
                    dst.copy_from_slice(vals);
                }
            }
        }
    }
    fn get(&self, at: usize) -> f64 {
        match self {
            Vals::Int(v) => match v.get(at) {
                Some(u) if *u != INT_NAN => f64::from(*u),
                _ => f64::NAN,
            },
            Vals::Float(v) => v.get(at).copied().unwrap_or(f64::NAN),
        }
    }
}

/// Grow a row once to the number of industries known so far (not by doubling, which would waste
/// up to half of every row); the row at the frontier of new industries grows amortised.
fn grow<T: Copy>(v: &mut Vec<T>, n: usize, fill: T, frontier: bool) {
    if v.len() >= n {
        return;
    }
    if frontier {
        v.reserve(n - v.len());
    } else {
        v.reserve_exact(n - v.len());
    }
    v.resize(n, fill);
}

#[derive(Default)]
struct RowStore {
    vals: Vals,
    /// Source line of each industry cell; 0 = not given.
    lines: Vec<u32>,
    /// Data-given all-industry total (`m` values) and its line.
    total: Option<(Vec<f64>, u64)>,
}

/// Accumulates cells; [`Builder::finish`] makes the panel.
pub(crate) struct Builder {
    pub file: String,
    pub sheet: Option<String>,
    pub regions: Interner,
    pub industries: Interner,
    pub measures: Vec<String>,
    years: Vec<i32>,
    last_year: Option<(i32, usize)>,
    /// `rows[year_idx][region_idx]`.
    rows: Vec<Vec<RowStore>>,
    /// Limit on `regions × industries × years × measures`.
    pub max_cells: u64,
}

impl Builder {
    pub fn new(file: &str, sheet: Option<String>, measures: Vec<String>, max_cells: u64) -> Self {
        Builder {
            file: file.to_string(),
            sheet,
            regions: Interner::default(),
            industries: Interner::default(),
            measures,
            years: Vec::new(),
            last_year: None,
            rows: Vec::new(),
            max_cells,
        }
    }

    fn loc(&self, line: u64) -> Location {
        let l = Location::file(self.file.clone()).with_row(line);
        match &self.sheet {
            Some(s) => l.with_sheet(s.clone()),
            None => l,
        }
    }

    pub fn year_index(&mut self, y: i32) -> usize {
        if let Some((ly, k)) = self.last_year {
            if ly == y {
                return k;
            }
        }
        let k = match self.years.iter().position(|v| *v == y) {
            Some(k) => k,
            None => {
                self.years.push(y);
                self.rows.push(Vec::new());
                self.years.len() - 1
            }
        };
        self.last_year = Some((y, k));
        k
    }

    /// Store one cell group (all measures) of region `r`, industry `i` (`None` = the region's
    /// all-industry total), year index `y`, from source line `line`.
    pub fn put(&mut self, r: u32, i: Option<u32>, y: usize, vals: &[f64], line: u64) -> Result<()> {
        let m = self.measures.len();
        let n_ind = self.industries.len();
        let cells = (self.regions.len() as u64)
            .saturating_mul(n_ind.max(1) as u64)
            .saturating_mul(self.years.len() as u64)
            .saturating_mul(m as u64);
        if cells > self.max_cells {
            return Err(Error::new(
                ErrorCode::TooLarge,
                format!(
                    "the panel would have more than {} cells ({} regions × {} industries × {} years × {} measures); raise max_cells or load fewer columns",
                    self.max_cells,
                    self.regions.len(),
                    n_ind,
                    self.years.len(),
                    m
                ),
            )
            .at(self.loc(line)));
        }
        let Some(year_rows) = self.rows.get_mut(y) else {
            return Err(Error::new(ErrorCode::Internal, "year index out of range"));
        };
        let ru = r as usize;
        if year_rows.len() <= ru {
            year_rows.resize_with(ru + 1, RowStore::default);
        }
        let Some(row) = year_rows.get_mut(ru) else {
            return Err(Error::new(ErrorCode::Internal, "region index out of range"));
        };
        let dup = |first: u64, this: u64, b: &Builder, ind: &str| -> Error {
            let year = b.years.get(y).copied().unwrap_or(0);
            let region = b.regions.codes.get(ru).cloned().unwrap_or_default();
            Error::new(
                ErrorCode::DuplicateRow,
                format!(
                    "rows {first} and {this} both give region '{region}', industry '{ind}', year {year}"
                ),
            )
            .at(b.loc(this).with_region(region).with_industry(ind.to_string()))
        };
        match i {
            None => {
                if let Some((_, first)) = &row.total {
                    let first = *first;
                    return Err(dup(first, line, self, "total"));
                }
                row.total = Some((vals.to_vec(), line));
            }
            Some(i) => {
                let iu = i as usize;
                if row.lines.len() <= iu {
                    let n = (iu + 1).max(n_ind);
                    let frontier = iu + 1 == n_ind;
                    grow(&mut row.lines, n, 0, frontier);
                    row.vals.grow(n * m, frontier);
                }
                let first = row.lines.get(iu).copied().unwrap_or(0);
                if first != 0 {
                    let ind = self.industries.codes.get(iu).cloned().unwrap_or_default();
                    return Err(dup(u64::from(first), line, self, &ind));
                }
                if let Some(slot) = row.lines.get_mut(iu) {
                    *slot = u32::try_from(line).unwrap_or(u32::MAX);
                }
                row.vals.set(iu * m, vals.get(..m).unwrap_or(&[]));
            }
        }
        Ok(())
    }

    /// Years in first-seen order (the order of year indices).
    pub fn year_list(&self) -> Vec<i32> {
        self.years.clone()
    }

    pub fn n_years(&self) -> usize {
        self.years.len()
    }

    /// Scatter into the dense panel (years ascending) and count the loaded cells.
    pub fn finish(mut self, report: &mut IngestReport) -> Result<Panel> {
        for yr in self.rows.iter_mut() {
            for row in yr.iter_mut() {
                row.lines = Vec::new();
            }
        }
        let mut order: Vec<usize> = (0..self.years.len()).collect();
        order.sort_by_key(|&k| self.years.get(k).copied().unwrap_or(0));
        let sorted: Vec<i32> = order
            .iter()
            .filter_map(|&k| self.years.get(k).copied())
            .collect();
        let m = self.measures.len();
        let mut panel = Panel::new(
            std::mem::take(&mut self.regions.codes),
            std::mem::take(&mut self.regions.names),
            std::mem::take(&mut self.industries.codes),
            std::mem::take(&mut self.industries.names),
            sorted,
            std::mem::take(&mut self.measures),
        );
        let mut loaded = 0u64;
        for (new_y, &old_y) in order.iter().enumerate() {
            let Some(rows) = self.rows.get_mut(old_y) else {
                continue;
            };
            for (r, row) in rows.iter_mut().enumerate() {
                let row = std::mem::take(row);
                let n = row.vals.len() / m.max(1);
                for i in 0..n {
                    for k in 0..m {
                        let v = row.vals.get(i * m + k);
                        if !v.is_nan() {
                            loaded += 1;
                            panel.set(k, new_y, r, i, v)?;
                        }
                    }
                }
                if let Some((t, _)) = row.total {
                    for (k, v) in t.iter().enumerate() {
                        panel.set_region_total(k, new_y, r, *v)?;
                    }
                }
            }
        }
        report.cells_loaded = loaded;
        Ok(panel)
    }
}
