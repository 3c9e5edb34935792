//! The per-row hot path: one parsed record (CSV or spreadsheet row) → cells in the [`Builder`].
//! No allocation per row except for new codes.

use super::assemble::Builder;
use super::layout::{is_total_code, is_total_label, Plan};
use super::number::{parse_num, parse_year, Num};
use super::suppression::{marker_index, trim_bytes, SUPPRESSION_MARKERS};
use super::{IngestReport, Layout, SuppressionCount};
use crate::error::{Error, ErrorCode, Location, Result, Warning};

/// A record's fields as bytes (UTF-8).
pub(crate) trait Fields {
    fn count(&self) -> usize;
    fn field(&self, c: usize) -> &[u8];
}

/// Fields of a csv_core record: `data` with field `ends`.
pub(crate) struct CsvFields<'a> {
    pub data: &'a [u8],
    pub ends: &'a [usize],
}

impl Fields for CsvFields<'_> {
    fn count(&self) -> usize {
        self.ends.len()
    }
    fn field(&self, c: usize) -> &[u8] {
        let start = match c {
            0 => 0,
            _ => self.ends.get(c - 1).copied().unwrap_or(0),
        };
        let end = self.ends.get(c).copied().unwrap_or(start);
        self.data.get(start..end).unwrap_or(&[])
    }
}

/// Fields of one raw line with no quotes: `ends[c]` is the offset of the delimiter (or the line's
/// end) after field `c`.
pub(crate) struct LineFields<'a> {
    pub line: &'a [u8],
    pub ends: &'a [usize],
}

impl Fields for LineFields<'_> {
    fn count(&self) -> usize {
        self.ends.len()
    }
    fn field(&self, c: usize) -> &[u8] {
        let start = match c {
            0 => 0,
            _ => self.ends.get(c - 1).map_or(0, |e| e + 1),
        };
        let end = self.ends.get(c).copied().unwrap_or(start);
        self.line.get(start..end).unwrap_or(&[])
    }
}

impl Fields for [String] {
    fn count(&self) -> usize {
        self.len()
    }
    fn field(&self, c: usize) -> &[u8] {
        self.get(c).map_or(&[], |s| s.as_bytes())
    }
}

fn text(b: &[u8]) -> &str {
    std::str::from_utf8(b).unwrap_or("")
}

/// Applies a [`Plan`] to each record.
pub(crate) struct Processor {
    pub plan: Plan,
    pub builder: Builder,
    pub report: IngestReport,
    vals: Vec<f64>,
    /// `[year_idx][measure][marker]` counts.
    suppressed: Vec<Vec<[u64; SUPPRESSION_MARKERS.len()]>>,
    total_rows_skipped: Vec<u64>,
    pub data_rows: u64,
    pub max_rows: u64,
    sheet: Option<String>,
    /// Builders of other parts of the file, read in parallel and taken in by [`Processor::absorb`].
    parts: Vec<Builder>,
    /// `data_rows` when `parts` were last checked for cells given twice.
    parts_checked_at: Option<u64>,
    /// Wide: the industry index of each entry of `plan.wide` (`None` = total column).
    wide_idx: Vec<Option<u32>>,
    file: String,
}

impl Processor {
    pub fn new(
        plan: Plan,
        name: &str,
        sheet: Option<String>,
        max_rows: u64,
        max_cells: u64,
    ) -> Self {
        let builder = Builder::new(name, sheet.clone(), plan.measure_names(), max_cells);
        let mut p = Processor {
            vals: vec![f64::NAN; plan.measures.len().max(1)],
            plan,
            builder,
            report: IngestReport {
                file: name.to_string(),
                ..Default::default()
            },
            suppressed: Vec::new(),
            total_rows_skipped: Vec::new(),
            data_rows: 0,
            max_rows,
            sheet,
            wide_idx: Vec::new(),
            parts: Vec::new(),
            parts_checked_at: None,
            file: name.to_string(),
        };
        if p.plan.layout == Layout::Wide {
            for (_, code, iname, is_total) in &p.plan.wide {
                let idx = if *is_total {
                    None
                } else {
                    let n = iname.clone();
                    Some(p.builder.industries.get_or_insert(
                        code.as_bytes(),
                        p.plan.header_line,
                        || n,
                    ))
                };
                p.wide_idx.push(idx);
            }
        }
        p
    }

    fn loc(&self, line: u64, c: Option<usize>) -> Location {
        let mut l = Location::file(self.file.clone()).with_row(line);
        if let Some(s) = &self.sheet {
            l = l.with_sheet(s.clone());
        }
        if let Some(c) = c {
            l = l.with_column(self.plan.column_name(c));
        }
        l
    }

    /// One record at source line `line` (already past the header and title row).
    pub fn record<F: Fields + ?Sized>(&mut self, f: &F, line: u64) -> Result<()> {
        let n = self.plan.headers.len();
        let count = f.count();
        if count != n {
            let blank = (0..count).all(|c| trim_bytes(f.field(c)).is_empty());
            if blank {
                return Ok(());
            }
            // Trailing empty fields (an extra delimiter at the end of the line) are harmless.
            let extra_blank = count > n && (n..count).all(|c| trim_bytes(f.field(c)).is_empty());
            if !extra_blank {
                return Err(Error::new(
                    ErrorCode::RaggedRow,
                    format!("this row has {count} fields but the header has {n}"),
                )
                .at(self.loc(line, None)));
            }
        } else if (0..count).all(|c| trim_bytes(f.field(c)).is_empty()) {
            return Ok(());
        }
        self.data_rows += 1;
        if self.data_rows > self.max_rows {
            return Err(Error::new(
                ErrorCode::TooLarge,
                format!("more than {} data rows (max_rows)", self.max_rows),
            )
            .at(self.loc(line, None)));
        }
        // Region.
        // Codes stay bytes on this path (valid UTF-8: the text was decoded and split at ASCII
        // delimiters); they become strings once, when first seen.
        let region_code: &[u8] = match self.plan.region {
            Some(c) => trim_bytes(f.field(c)),
            None => b"reference",
        };
        let label = |p: &Plan| -> bool {
            is_total_code(region_code)
                || (region_code.is_empty()
                    && p.region_name
                        .is_some_and(|c| is_total_label(text(f.field(c)))))
        };
        if label(&self.plan) {
            self.total_rows_skipped.push(line);
            return Ok(());
        }
        if region_code.is_empty() {
            return Err(Error::new(ErrorCode::EmptyCode, "the region code is empty")
                .at(self.loc(line, self.plan.region)));
        }
        let rn = self.plan.region_name;
        let r = self.builder.regions.get_or_insert(region_code, line, || {
            rn.map(|c| text(trim_bytes(f.field(c))).to_string())
                .unwrap_or_default()
        });
        // Year.
        let year = match self.plan.year {
            Some(c) => {
                let b = f.field(c);
                parse_year(b).ok_or_else(|| {
                    Error::new(
                        ErrorCode::BadYear,
                        format!("'{}' is not a year (four digits expected)", text(b).trim()),
                    )
                    .at(self.loc(line, Some(c)).with_value(text(b).trim()))
                })?
            }
            None => self.plan.fixed_year,
        };
        let y = self.builder.year_index(year);
        while self.suppressed.len() <= y {
            let m = self.builder.measures.len();
            self.suppressed
                .push(vec![[0u64; SUPPRESSION_MARKERS.len()]; m]);
        }
        match self.plan.layout {
            Layout::Long => {
                let Some(ic) = self.plan.industry else {
                    return Err(Error::new(ErrorCode::Internal, "no industry column"));
                };
                let icode = trim_bytes(f.field(ic));
                if icode.is_empty() {
                    return Err(
                        Error::new(ErrorCode::EmptyCode, "the industry code is empty")
                            .at(self.loc(line, Some(ic))),
                    );
                }
                let i = if self.plan.totals.iter().any(|t| t.as_bytes() == icode) {
                    None
                } else {
                    let inc = self.plan.industry_name;
                    Some(self.builder.industries.get_or_insert(icode, line, || {
                        inc.map(|c| text(trim_bytes(f.field(c))).to_string())
                            .unwrap_or_default()
                    }))
                };
                for k in 0..self.plan.measures.len() {
                    let c = self.plan.measures.get(k).map_or(0, |m| m.0);
                    let v = self.cell(f.field(c), line, c, y, k)?;
                    if let Some(slot) = self.vals.get_mut(k) {
                        *slot = v;
                    }
                }
                let vals = std::mem::take(&mut self.vals);
                let res = self.builder.put(r, i, y, &vals, line);
                self.vals = vals;
                res?;
            }
            Layout::Wide => {
                for k in 0..self.plan.wide.len() {
                    let (c, is_total) = self.plan.wide.get(k).map_or((0, false), |w| (w.0, w.3));
                    let v = self.cell(f.field(c), line, c, y, 0)?;
                    let i = if is_total {
                        None
                    } else {
                        self.wide_idx.get(k).copied().flatten()
                    };
                    if v.is_nan() && i.is_some() {
                        // A blank wide cell is "not published": nothing to store, nothing to clash.
                        continue;
                    }
                    self.builder.put(r, i, y, &[v], line)?;
                }
            }
        }
        Ok(())
    }

    /// Parse one measure cell: a marker → NaN (counted), else a number (or a located error).
    fn cell(&mut self, b: &[u8], line: u64, c: usize, y: usize, k: usize) -> Result<f64> {
        match parse_num(b, self.plan.decimal_comma) {
            Num::Ok(v) => {
                if v < 0.0 && !self.plan.allow_negative {
                    return Err(Error::new(
                        ErrorCode::NegativeValue,
                        format!(
                            "negative value {} (employment, establishments and payroll cannot be negative; set allow_negative to accept it)",
                            text(b).trim()
                        ),
                    )
                    .at(self.loc(line, Some(c)).with_value(text(b).trim())));
                }
                Ok(v)
            }
            Num::Overflow => Err(Error::new(
                ErrorCode::NonNumeric,
                format!("'{}' is outside the range of numbers", text(b).trim()),
            )
            .at(self.loc(line, Some(c)).with_value(text(b).trim()))),
            Num::NotNumber => match marker_index(b) {
                Some(mk) => {
                    if let Some(slot) = self
                        .suppressed
                        .get_mut(y)
                        .and_then(|v| v.get_mut(k))
                        .and_then(|a| a.get_mut(mk))
                    {
                        *slot += 1;
                    }
                    Ok(f64::NAN)
                }
                None => {
                    let hint = if self.plan.decimal_comma {
                        " (this file was read with decimal comma)"
                    } else {
                        " (this file was read with decimal point; set decimal_comma if needed)"
                    };
                    let t = text(b).trim();
                    Err(Error::new(
                        ErrorCode::NonNumeric,
                        format!("'{t}' is not a number or a known suppression marker{hint}"),
                    )
                    .at(self.loc(line, Some(c)).with_value(
                        if t.is_empty() && !b.is_empty() {
                            String::from_utf8_lossy(b).into_owned()
                        } else {
                            t.to_string()
                        },
                    )))
                }
            },
        }
    }

    #[cfg(not(target_arch = "wasm32"))] // used by the native parallel reader
    /// Take in the rows another processor (same plan) read from another part of the file.
    pub fn absorb(&mut self, other: Processor) -> Result<()> {
        self.data_rows += other.data_rows;
        if self.data_rows > self.max_rows {
            return Err(Error::new(
                ErrorCode::TooLarge,
                format!("more than {} data rows (max_rows)", self.max_rows),
            )
            .at(self.loc(self.plan.header_line, None)));
        }
        for (oy, per_m) in other.suppressed.iter().enumerate() {
            let year = other.builder.year_list().get(oy).copied().unwrap_or(0);
            let y = self.builder.year_index(year);
            while self.suppressed.len() <= y {
                let m = self.builder.measures.len();
                self.suppressed
                    .push(vec![[0u64; SUPPRESSION_MARKERS.len()]; m]);
            }
            if let Some(mine) = self.suppressed.get_mut(y) {
                for (a, b) in mine.iter_mut().zip(per_m) {
                    for (x, n) in a.iter_mut().zip(b) {
                        *x += n;
                    }
                }
            }
        }
        self.total_rows_skipped.extend(other.total_rows_skipped);
        self.total_rows_skipped.sort_unstable();
        self.parts.push(other.builder);
        Ok(())
    }

    #[cfg(not(target_arch = "wasm32"))] // used by the native parallel reader
    /// The earliest cell given both by this processor and by an absorbed one.
    pub fn cross_part_duplicate(&mut self) -> Option<Error> {
        let parts = std::mem::take(&mut self.parts);
        let e = self.builder.cross_part_duplicate(&parts);
        self.parts = parts;
        self.parts_checked_at = Some(self.data_rows);
        e
    }

    /// Close: counts, warnings, the panel.
    pub fn finish(mut self) -> Result<(crate::panel::Panel, IngestReport)> {
        if self.data_rows == 0 || self.builder.n_years() == 0 {
            let what = if self.total_rows_skipped.is_empty() {
                "the file has a header but no data rows"
            } else {
                "the file has no data rows besides a totals row"
            };
            return Err(
                Error::new(ErrorCode::NoData, what).at(self.loc(self.plan.header_line, None))
            );
        }
        let mut report = std::mem::take(&mut self.report);
        report.rows_read = self.data_rows;
        let years_first_seen: Vec<i32> = self.builder.year_list();
        let measures = self.builder.measures.clone();
        for (y, per_m) in self.suppressed.iter().enumerate() {
            for (k, counts) in per_m.iter().enumerate() {
                for (mk, n) in counts.iter().enumerate() {
                    if *n == 0 {
                        continue;
                    }
                    let label = super::suppression::marker_label(
                        SUPPRESSION_MARKERS.get(mk).copied().unwrap_or(""),
                    );
                    *report.suppressed.entry(label.to_string()).or_default() += n;
                    report.suppressed_total += n;
                    report.suppressed_cells.push(SuppressionCount {
                        measure: measures.get(k).cloned().unwrap_or_default(),
                        year: years_first_seen.get(y).copied().unwrap_or(0),
                        marker: label.to_string(),
                        count: *n,
                    });
                }
            }
        }
        report
            .suppressed_cells
            .sort_by(|a, b| (a.year, &a.measure, &a.marker).cmp(&(b.year, &b.measure, &b.marker)));
        if let Some(first) = self.total_rows_skipped.first() {
            let rows: Vec<String> = self
                .total_rows_skipped
                .iter()
                .map(|r| r.to_string())
                .collect();
            report.warnings.push(
                Warning::new(
                    "W_TOTALS_ROW_SKIPPED",
                    format!(
                        "{} totals row(s) skipped (row {}): they are not regions",
                        rows.len(),
                        rows.join(", ")
                    ),
                )
                .at(self.loc(*first, None)),
            );
            report.total_rows_skipped = self.total_rows_skipped.clone();
        }
        if report.suppressed_total > 0 {
            let parts: Vec<String> = report
                .suppressed
                .iter()
                .map(|(k, v)| format!("{v} × {k}"))
                .collect();
            report.warnings.push(Warning::new(
                "W_SUPPRESSED",
                format!(
                    "{} suppressed or empty cells are treated as missing, not zero ({})",
                    report.suppressed_total,
                    parts.join(", ")
                ),
            ));
        }
        let parts = std::mem::take(&mut self.parts);
        // Checked already, unless rows were read (sequentially) after the parts were taken in.
        let check = self.parts_checked_at != Some(self.data_rows);
        let panel = self.builder.finish_parts(parts, check, &mut report)?;
        Ok((panel, report))
    }
}
