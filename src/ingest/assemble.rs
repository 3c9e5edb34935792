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

/// A code of up to 7 bytes packed with its length into one `u64` (the length in the top byte, so
/// no longer code and no `u64::MAX` collides): compared and hashed as one integer.
fn short_key(code: &[u8]) -> Option<u64> {
    (code.len() <= 7).then(|| {
        code.iter()
            .fold(code.len() as u64, |acc, b| (acc << 8) | u64::from(*b))
            << (8 * (7 - code.len()))
    })
}

/// Codes in first-seen order, with a one-entry cache for the common sorted input. Codes come as
/// bytes (fields of valid UTF-8 split at ASCII delimiters): short ones (FIPS, NAICS, NUTS) are
/// looked up as one integer, without a string comparison.
#[derive(Default)]
pub(crate) struct Interner {
    short: FnvMap<u64, u32>,
    long: FnvMap<Box<[u8]>, u32>,
    /// `short_key` of each code, `u64::MAX` for longer codes.
    keys: Vec<u64>,
    pub codes: Vec<String>,
    pub names: Vec<String>,
    /// The source line where each code was first seen: parts of a file loaded in parallel are
    /// merged back into file order with it.
    first_lines: Vec<u64>,
    last: Option<usize>,
}

impl Interner {
    fn is_at(&self, k: usize, code: &[u8], key: Option<u64>) -> bool {
        match key {
            Some(key) => self.keys.get(k) == Some(&key),
            None => self.codes.get(k).is_some_and(|c| c.as_bytes() == code),
        }
    }

    /// Index of `code`, first seen at `line`; `name` is asked for only when the code is new.
    pub fn get_or_insert(&mut self, code: &[u8], line: u64, name: impl FnOnce() -> String) -> u32 {
        let key = short_key(code);
        if let Some(k) = self.last {
            if self.is_at(k, code, key) {
                return k as u32;
            }
            // Sorted long files list the same codes in the same order within each region: the
            // code after the last one is the likeliest next.
            if self.is_at(k + 1, code, key) {
                self.last = Some(k + 1);
                return (k + 1) as u32;
            }
        }
        let found = match key {
            Some(key) => self.short.get(&key),
            None => self.long.get(code),
        };
        let idx = match found {
            Some(i) => *i,
            None => {
                let i = self.codes.len() as u32;
                match key {
                    Some(key) => self.short.insert(key, i),
                    None => self.long.insert(code.into(), i),
                };
                self.keys.push(key.unwrap_or(u64::MAX));
                self.codes.push(String::from_utf8_lossy(code).into_owned());
                self.names.push(name());
                self.first_lines.push(line);
                i
            }
        };
        self.last = Some(idx as usize);
        idx
    }
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Index of another interner's code `k` here (inserted if new, keeping the earlier first line).
    fn adopt(&mut self, other: &Interner, k: usize) -> u32 {
        let code = other.codes.get(k).map_or(&[][..], |c| c.as_bytes());
        let line = other.first_lines.get(k).copied().unwrap_or(u64::MAX);
        let idx = self.get_or_insert(code, line, || {
            other.names.get(k).cloned().unwrap_or_default()
        });
        if let Some(l) = self.first_lines.get_mut(idx as usize) {
            *l = (*l).min(line);
        }
        idx
    }

    /// Sort codes into first-seen order; returns `new_index[old_index]` (identity when the codes
    /// were interned in file order, as a sequential load does).
    fn sort_by_first_seen(&mut self) -> Vec<usize> {
        let n = self.codes.len();
        let mut order: Vec<usize> = (0..n).collect();
        if self.first_lines.windows(2).all(|w| w.first() <= w.get(1)) {
            return order;
        }
        order.sort_by_key(|&k| self.first_lines.get(k).copied().unwrap_or(u64::MAX));
        let take = |v: &mut Vec<String>| -> Vec<String> {
            let mut old: Vec<Option<String>> = std::mem::take(v).into_iter().map(Some).collect();
            order
                .iter()
                .map(|&k| old.get_mut(k).and_then(Option::take).unwrap_or_default())
                .collect()
        };
        self.codes = take(&mut self.codes);
        self.names = take(&mut self.names);
        let mut new_index = vec![0; n];
        for (new, &old) in order.iter().enumerate() {
            if let Some(slot) = new_index.get_mut(old) {
                *slot = new;
            }
        }
        new_index
    }
}

/// Cell values of one row, `[i * m + k]` for industry `i`, measure `k`. Counts (employment,
/// establishments) are whole numbers, so a row starts as `u16` and widens to `u32`, then `f64`, at
/// its first value that does not fit (the maximum of each integer type marks a missing cell). The
/// store then costs a quarter to a half of the final `f64` panel.
enum Vals {
    U16(Vec<u16>),
    U32(Vec<u32>),
    F64(Vec<f64>),
}

impl Default for Vals {
    fn default() -> Self {
        Vals::U16(Vec::new())
    }
}

fn fits(vals: &[f64], max: f64) -> bool {
    vals.iter()
        .all(|x| x.is_nan() || (x.fract() == 0.0 && *x >= 0.0 && *x < max))
}

impl Vals {
    fn len(&self) -> usize {
        match self {
            Vals::U16(v) => v.len(),
            Vals::U32(v) => v.len(),
            Vals::F64(v) => v.len(),
        }
    }
    fn grow(&mut self, n: usize, frontier: bool) {
        match self {
            Vals::U16(v) => grow(v, n, u16::MAX, frontier),
            Vals::U32(v) => grow(v, n, u32::MAX, frontier),
            Vals::F64(v) => grow(v, n, f64::NAN, frontier),
        }
    }
    fn widen(&mut self, vals: &[f64]) {
        if let Vals::U16(v) = self {
            if !fits(vals, f64::from(u16::MAX)) {
                let w: Vec<u32> = v
                    .iter()
                    .map(|u| {
                        if *u == u16::MAX {
                            u32::MAX
                        } else {
                            u32::from(*u)
                        }
                    })
                    .collect();
                *self = Vals::U32(w);
            }
        }
        if let Vals::U32(v) = self {
            if !fits(vals, f64::from(u32::MAX)) {
                let w: Vec<f64> = (0..v.len()).map(|k| Vals::get_u32(v, k)).collect();
                *self = Vals::F64(w);
            }
        }
    }
    fn get_u32(v: &[u32], at: usize) -> f64 {
        match v.get(at) {
            Some(u) if *u != u32::MAX => f64::from(*u),
            _ => f64::NAN,
        }
    }
    fn set(&mut self, at: usize, vals: &[f64]) {
        self.widen(vals);
        match self {
            Vals::U16(v) => {
                if let Some(dst) = v.get_mut(at..at + vals.len()) {
                    for (d, x) in dst.iter_mut().zip(vals) {
                        *d = if x.is_nan() { u16::MAX } else { *x as u16 };
                    }
                }
            }
            Vals::U32(v) => {
                if let Some(dst) = v.get_mut(at..at + vals.len()) {
                    for (d, x) in dst.iter_mut().zip(vals) {
                        *d = if x.is_nan() { u32::MAX } else { *x as u32 };
                    }
                }
            }
            Vals::F64(v) => {
                if let Some(dst) = v.get_mut(at..at + vals.len()) {
                    dst.copy_from_slice(vals);
                }
            }
        }
    }
    fn get(&self, at: usize) -> f64 {
        match self {
            Vals::U16(v) => match v.get(at) {
                Some(u) if *u != u16::MAX => f64::from(*u),
                _ => f64::NAN,
            },
            Vals::U32(v) => Vals::get_u32(v, at),
            Vals::F64(v) => v.get(at).copied().unwrap_or(f64::NAN),
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

/// Source line of each cell of a row, for naming both rows of a duplicate. Rows of a sorted file
/// span few lines, so lines are kept as `u16` offsets from the row's first line (0 = not given) and
/// widened to `u32` only when a row's lines lie far apart.
enum Lines {
    Delta { base: u64, d: Vec<u16> },
    Full(Vec<u32>),
}

impl Default for Lines {
    fn default() -> Self {
        Lines::Delta {
            base: 0,
            d: Vec::new(),
        }
    }
}

impl Lines {
    fn len(&self) -> usize {
        match self {
            Lines::Delta { d, .. } => d.len(),
            Lines::Full(v) => v.len(),
        }
    }
    fn grow(&mut self, n: usize, frontier: bool) {
        match self {
            Lines::Delta { d, .. } => grow(d, n, 0, frontier),
            Lines::Full(v) => grow(v, n, 0, frontier),
        }
    }
    /// The line of cell `i`, if given.
    fn get(&self, i: usize) -> Option<u64> {
        match self {
            Lines::Delta { base, d } => match d.get(i) {
                Some(0) | None => None,
                Some(x) => Some(base + u64::from(*x) - 1),
            },
            Lines::Full(v) => v.get(i).copied().filter(|x| *x != 0).map(u64::from),
        }
    }
    fn set(&mut self, i: usize, line: u64) {
        if let Lines::Delta { base, d } = self {
            if *base == 0 {
                *base = line;
            }
            let fits = line >= *base && line - *base < u64::from(u16::MAX) - 1;
            if !fits {
                let b = *base;
                let full: Vec<u32> = d
                    .iter()
                    .map(|x| {
                        if *x == 0 {
                            0
                        } else {
                            u32::try_from(b + u64::from(*x) - 1).unwrap_or(u32::MAX)
                        }
                    })
                    .collect();
                *self = Lines::Full(full);
            }
        }
        match self {
            Lines::Delta { base, d } => {
                if let Some(slot) = d.get_mut(i) {
                    *slot = u16::try_from(line - *base + 1).unwrap_or(u16::MAX);
                }
            }
            Lines::Full(v) => {
                if let Some(slot) = v.get_mut(i) {
                    *slot = u32::try_from(line).unwrap_or(u32::MAX);
                }
            }
        }
    }
}

#[derive(Default)]
struct RowStore {
    vals: Vals,
    lines: Lines,
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

    /// `E_TOO_LARGE` when `regions × industries × years × measures` passes `max_cells` (at the
    /// source line that made it so, when known).
    fn check_size(&self, line: Option<u64>) -> Result<()> {
        let m = self.measures.len();
        let n_ind = self.industries.len();
        let cells = (self.regions.len() as u64)
            .saturating_mul(n_ind.max(1) as u64)
            .saturating_mul(self.years.len() as u64)
            .saturating_mul(m as u64);
        if cells <= self.max_cells {
            return Ok(());
        }
        let e = Error::new(
            ErrorCode::TooLarge,
            format!(
                "the panel would have more than {} cells ({} regions × {} industries × {} years × {} measures); raise max_cells or load fewer columns",
                self.max_cells,
                self.regions.len(),
                n_ind,
                self.years.len(),
                m
            ),
        );
        Err(match line {
            Some(l) => e.at(self.loc(l)),
            None => e.at(Location::file(self.file.clone())),
        })
    }

    /// Store one cell group (all measures) of region `r`, industry `i` (`None` = the region's
    /// all-industry total), year index `y`, from source line `line`.
    pub fn put(&mut self, r: u32, i: Option<u32>, y: usize, vals: &[f64], line: u64) -> Result<()> {
        let m = self.measures.len();
        let n_ind = self.industries.len();
        self.check_size(Some(line))?;
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
            // Parts of a file loaded in parallel meet out of order: name the earlier row first.
            let (first, this) = (first.min(this), first.max(this));
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
                    row.lines.grow(n, frontier);
                    row.vals.grow(n * m, frontier);
                }
                if let Some(first) = row.lines.get(iu) {
                    let ind = self.industries.codes.get(iu).cloned().unwrap_or_default();
                    return Err(dup(first, line, self, &ind));
                }
                row.lines.set(iu, line);
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

    /// Index maps of each part (this builder first, the identity) into the merged codes; codes
    /// new to this builder are added.
    fn part_maps(&mut self, parts: &[Builder]) -> Vec<PartMap> {
        let mut maps: Vec<PartMap> = vec![PartMap {
            years: (0..self.years.len()).collect(),
            regions: (0..self.regions.len()).collect(),
            industries: (0..self.industries.len()).collect(),
        }];
        for part in parts {
            maps.push(PartMap {
                years: part.years.iter().map(|y| self.year_index(*y)).collect(),
                regions: (0..part.regions.len())
                    .map(|k| self.regions.adopt(&part.regions, k) as usize)
                    .collect(),
                industries: (0..part.industries.len())
                    .map(|k| self.industries.adopt(&part.industries, k) as usize)
                    .collect(),
            });
        }
        maps
    }

    #[cfg(not(target_arch = "wasm32"))] // used by the native parallel reader
    /// The earliest cell (by its later row) that this builder and `parts` both give.
    pub fn cross_part_duplicate(&mut self, parts: &[Builder]) -> Option<Error> {
        if parts.is_empty() {
            return None;
        }
        let maps = self.part_maps(parts);
        let mut all: Vec<&Builder> = vec![&*self];
        all.extend(parts.iter());
        cross_part_duplicate(self, &all, &maps)
    }

    /// Scatter into the dense panel (years ascending) and count the loaded cells, together with
    /// the builders of other parts of the same file (same plan, read in parallel): codes are merged in first-seen order, and a cell given in two parts is a
    /// duplicate naming both rows, as in a sequential read. The parts are scattered straight into
    /// the panel, so the peak memory is the sequential one.
    pub fn finish_parts(
        mut self,
        mut parts: Vec<Builder>,
        check_duplicates: bool,
        report: &mut IngestReport,
    ) -> Result<Panel> {
        let maps = self.part_maps(&parts);
        let m = self.measures.len();
        if !parts.is_empty() {
            self.check_size(None)?;
            if check_duplicates {
                let mut all: Vec<&Builder> = vec![&self];
                all.extend(parts.iter());
                if let Some(e) = cross_part_duplicate(&self, &all, &maps) {
                    return Err(e);
                }
            }
        }
        for b in std::iter::once(&mut self).chain(parts.iter_mut()) {
            for yr in b.rows.iter_mut() {
                for row in yr.iter_mut() {
                    row.lines = Lines::default();
                }
            }
        }
        let mut order: Vec<usize> = (0..self.years.len()).collect();
        order.sort_by_key(|&k| self.years.get(k).copied().unwrap_or(0));
        let sorted: Vec<i32> = order
            .iter()
            .filter_map(|&k| self.years.get(k).copied())
            .collect();
        let mut year_at = vec![0; order.len()];
        for (new_y, &old_y) in order.iter().enumerate() {
            if let Some(slot) = year_at.get_mut(old_y) {
                *slot = new_y;
            }
        }
        let region_at = self.regions.sort_by_first_seen();
        let industry_at = self.industries.sort_by_first_seen();
        let mut panel = Panel::new(
            std::mem::take(&mut self.regions.codes),
            std::mem::take(&mut self.regions.names),
            std::mem::take(&mut self.industries.codes),
            std::mem::take(&mut self.industries.names),
            sorted,
            std::mem::take(&mut self.measures),
        );
        let mut loaded = 0u64;
        let own_rows = std::mem::take(&mut self.rows);
        let sources =
            std::iter::once(own_rows).chain(parts.iter_mut().map(|p| std::mem::take(&mut p.rows)));
        for (rows, map) in sources.zip(&maps) {
            for (py, year_rows) in rows.into_iter().enumerate() {
                let y = map
                    .years
                    .get(py)
                    .and_then(|k| year_at.get(*k))
                    .copied()
                    .unwrap_or(0);
                for (pr, row) in year_rows.into_iter().enumerate() {
                    let r = map
                        .regions
                        .get(pr)
                        .and_then(|k| region_at.get(*k))
                        .copied()
                        .unwrap_or(pr);
                    let n = row.vals.len() / m.max(1);
                    for pi in 0..n {
                        let i = map
                            .industries
                            .get(pi)
                            .and_then(|k| industry_at.get(*k))
                            .copied()
                            .unwrap_or(pi);
                        for k in 0..m {
                            let v = row.vals.get(pi * m + k);
                            if !v.is_nan() {
                                loaded += 1;
                                panel.set(k, y, r, i, v)?;
                            }
                        }
                    }
                    if let Some((t, _)) = row.total {
                        for (k, v) in t.iter().enumerate() {
                            panel.set_region_total(k, y, r, *v)?;
                        }
                    }
                }
            }
        }
        report.cells_loaded = loaded;
        Ok(panel)
    }
}

/// Where a part's year, region and industry indices land among the merged codes (before the
/// file-order sort).
#[derive(Clone)]
struct PartMap {
    years: Vec<usize>,
    regions: Vec<usize>,
    industries: Vec<usize>,
}

/// The earliest cell (by its later row) that two parts both give, as a duplicate-row error.
fn cross_part_duplicate(merged: &Builder, parts: &[&Builder], maps: &[PartMap]) -> Option<Error> {
    let (ny, nr, ni) = (
        merged.years.len(),
        merged.regions.len(),
        merged.industries.len() + 1, // the last slot: the region's all-industry total
    );
    let mut seen = vec![0u64; (ny * nr * ni).div_ceil(64)];
    // cell -> (part, line) of each occurrence, only for cells seen twice.
    let mut clashes: Vec<(usize, u64)> = Vec::new();
    let mut first_seen: Vec<(usize, u64)> = Vec::new();
    let mut clash_cells: Vec<usize> = Vec::new();
    for (p, (b, map)) in parts.iter().zip(maps).enumerate() {
        for (py, year_rows) in b.rows.iter().enumerate() {
            let y = map.years.get(py).copied().unwrap_or(0);
            for (pr, row) in year_rows.iter().enumerate() {
                let r = map.regions.get(pr).copied().unwrap_or(0);
                let mut visit = |i: usize, line: u64| {
                    let cell = (y * nr + r) * ni + i;
                    let (w, bit) = (cell / 64, 1u64 << (cell % 64));
                    if let Some(word) = seen.get_mut(w) {
                        if *word & bit != 0 {
                            clash_cells.push(cell);
                            clashes.push((p, line));
                        } else {
                            *word |= bit;
                        }
                    }
                };
                if let Some((_, line)) = &row.total {
                    visit(ni - 1, *line);
                }
                for pi in 0..row.lines.len() {
                    if let Some(line) = row.lines.get(pi) {
                        visit(map.industries.get(pi).copied().unwrap_or(0), line);
                    }
                }
            }
        }
    }
    // The clash with the earliest later row; find the other row of the pair.
    let (k, _) = clashes
        .iter()
        .enumerate()
        .min_by_key(|(_, (_, line))| *line)?;
    let cell = *clash_cells.get(k)?;
    let (_, this) = *clashes.get(k)?;
    let (y, r, i) = (cell / (nr * ni), (cell / ni) % nr, cell % ni);
    for (p, (b, map)) in parts.iter().zip(maps).enumerate() {
        let py = map.years.iter().position(|v| *v == y);
        let pr = map.regions.iter().position(|v| *v == r);
        let (Some(py), Some(pr)) = (py, pr) else {
            continue;
        };
        let Some(row) = b.rows.get(py).and_then(|rows| rows.get(pr)) else {
            continue;
        };
        let line = if i == ni - 1 {
            row.total.as_ref().map(|(_, l)| *l)
        } else {
            map.industries
                .iter()
                .position(|v| *v == i)
                .and_then(|pi| row.lines.get(pi))
        };
        if let Some(line) = line.filter(|l| *l != this) {
            first_seen.push((p, line));
        }
    }
    let first = first_seen.iter().map(|(_, l)| *l).min()?;
    let (first, this) = (first.min(this), first.max(this));
    let year = merged.years.get(y).copied().unwrap_or(0);
    let region = merged.regions.codes.get(r).cloned().unwrap_or_default();
    let ind = if i == ni - 1 {
        "total".to_string()
    } else {
        merged.industries.codes.get(i).cloned().unwrap_or_default()
    };
    Some(
        Error::new(
            ErrorCode::DuplicateRow,
            format!("rows {first} and {this} both give region '{region}', industry '{ind}', year {year}"),
        )
        .at(merged.loc(this).with_region(region).with_industry(ind)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_far_apart_and_values_widening() {
        let mut l = Lines::default();
        l.grow(4, false);
        l.set(1, 100);
        l.set(2, 101);
        assert!(matches!(l, Lines::Delta { .. }));
        l.set(3, 90_000);
        l.set(0, 50);
        assert_eq!(
            (l.get(0), l.get(1), l.get(2), l.get(3)),
            (Some(50), Some(100), Some(101), Some(90_000))
        );
        let mut v = Vals::default();
        v.grow(6, false);
        v.set(0, &[3.0, f64::NAN]);
        assert!(matches!(v, Vals::U16(_)));
        v.set(2, &[70_000.0, 1.0]);
        assert!(matches!(v, Vals::U32(_)));
        v.set(4, &[2.5, 65_535.0]);
        assert!(matches!(v, Vals::F64(_)));
        assert_eq!(
            (v.get(0), v.get(2), v.get(3), v.get(4), v.get(5)),
            (3.0, 70_000.0, 1.0, 2.5, 65_535.0)
        );
        assert!(v.get(1).is_nan());
    }

    #[test]
    fn duplicate_names_both_rows() {
        let mut b = Builder::new("f.csv", None, vec!["e".into()], 1000);
        let r = b.regions.get_or_insert(b"A", 2, String::new);
        let i = b.industries.get_or_insert(b"x", 2, String::new);
        let y = b.year_index(2020);
        b.put(r, Some(i), y, &[1.0], 2).unwrap();
        let e = b.put(r, Some(i), y, &[1.0], 70_002).unwrap_err();
        assert_eq!(e.code, ErrorCode::DuplicateRow);
        assert!(e.message.contains("rows 2 and 70002"), "{}", e.message);
    }
}
