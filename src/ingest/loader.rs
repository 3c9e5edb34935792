//! The push-style streaming loader: bytes in chunks (split anywhere: inside a quoted field, a UTF-8
//! sequence or a UTF-16 code unit) → panel. [`super::load_panel`] and
//! [`super::load_panel_from_reader`] are thin wrappers around it.
//!
//! The first 64 KiB are buffered to sniff the encoding, delimiter, header row, layout, roles and
//! decimal style; from then on each chunk is decoded (`text_encoding`), split (csv_core) and processed
//! row by row with no per-row allocation.

use super::layout::{make_plan, Plan};
use super::rows::{CsvFields, LineFields, Processor};
use super::sniff::{
    detect_delimiter, detect_header, is_blank, sniff_kind, split_sample, Kind, SNIFF_BYTES,
};
use super::text_encoding::{TextDecoder, TextEncoding};
use super::{FormatInfo, IngestReport, LoadOptions, Table};
use crate::error::{Error, ErrorCode, Location, Result};
use crate::panel::Panel;

/// Default limit on the dense panel size (`regions × industries × years × measures` values, 8
/// bytes each): 2^28 values = 2 GiB.
pub const DEFAULT_MAX_CELLS: u64 = 1 << 28;

/// How far a [`LongLoader`] has got.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Progress {
    /// Raw bytes pushed so far.
    pub bytes: u64,
    /// Data rows processed so far.
    pub rows: u64,
}

/// The result of sniffing a decoded text sample.
pub(crate) struct TextSniff {
    pub delimiter: u8,
    pub records: Vec<(u64, Vec<String>)>,
    pub header_idx: usize,
}

/// Delimiter and header of a decoded sample. Errors: `E_EMPTY_FILE` (only blank lines),
/// `E_NO_HEADER`.
pub(crate) fn sniff_text(
    sample: &str,
    complete: bool,
    opts: &LoadOptions,
    name: &str,
) -> Result<TextSniff> {
    if sample.contains('\0') {
        return Err(Error::new(
            ErrorCode::BinaryFile,
            "the decoded text contains NUL characters: the file is binary, not a text table",
        )
        .at(Location::file(name)));
    }
    let delimiter = match opts.delimiter {
        Some(c) if c.is_ascii() => c as u8,
        Some(c) => {
            return Err(Error::new(
                ErrorCode::InvalidParameter,
                format!("delimiter '{c}' must be one ASCII character"),
            ))
        }
        None => detect_delimiter(sample, complete),
    };
    let mut records = split_sample(sample, delimiter, complete);
    if records.iter().all(|(_, f)| is_blank(f)) {
        return Err(Error::new(
            ErrorCode::EmptyFile,
            "the file has no content (only blank lines or spaces)",
        )
        .at(Location::file(name)));
    }
    let header_idx = detect_header(&records).ok_or_else(|| {
        Error::new(
            ErrorCode::NoHeader,
            "no header row was found: no row has at least two named columns",
        )
        .at(Location::file(name).with_row(1))
    })?;
    if let Some((_, h)) = records.get_mut(header_idx) {
        for f in h.iter_mut() {
            *f = f.trim_start_matches('\u{feff}').trim().to_string();
        }
    }
    Ok(TextSniff {
        delimiter,
        records,
        header_idx,
    })
}

/// Plan from a sniffed sample.
pub(crate) fn plan_from_sniff(
    s: &TextSniff,
    opts: &LoadOptions,
    name: &str,
    sheet: Option<&str>,
) -> Result<Plan> {
    let (line, headers) = s
        .records
        .get(s.header_idx)
        .cloned()
        .unwrap_or((1, Vec::new()));
    let rest = s.records.get(s.header_idx + 1..).unwrap_or(&[]);
    make_plan(headers, line, rest, opts, name, sheet, s.delimiter == b';')
}

pub(crate) struct TextState {
    decoder: TextDecoder,
    /// Byte-order-mark bytes still to drop from the head of the stream.
    skip: usize,
    dec_buf: String,
    csv: csv_core::Reader,
    out: Vec<u8>,
    ends: Vec<usize>,
    outlen: usize,
    endlen: usize,
    nl: u64,
    last_byte: u8,
    rec_idx: usize,
    header_idx: usize,
    names_line: Option<u64>,
    raw_decoded: u64,
    /// csv_core is between records, so whole plain lines may bypass it (see [`TextState::plain_lines`]).
    at_record_start: bool,
    delimiter: u8,
    /// Field ends of the current plain line.
    line_ends: Vec<usize>,
    proc: Processor,
    format: FormatInfo,
    name: String,
}

impl TextState {
    /// A state at the start of the text: nothing read yet.
    fn new(
        decoder: TextDecoder,
        delimiter: u8,
        header_idx: usize,
        names_line: Option<u64>,
        proc: Processor,
        format: FormatInfo,
        name: String,
    ) -> Self {
        TextState {
            decoder,
            skip: 0,
            dec_buf: String::with_capacity(64 * 1024),
            csv: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            out: vec![0u8; 4096],
            ends: vec![0usize; 256],
            outlen: 0,
            endlen: 0,
            nl: 0,
            last_byte: 0,
            rec_idx: 0,
            header_idx,
            names_line,
            raw_decoded: 0,
            at_record_start: true,
            delimiter,
            line_ends: Vec::with_capacity(64),
            proc,
            format,
            name,
        }
    }

    #[cfg(not(target_arch = "wasm32"))] // used by the native parallel reader
    /// Between records, in an ASCII-compatible encoding: a file may be cut at any newline here
    /// and its parts read by [`TextState::fork`]s.
    pub(crate) fn can_fork(&self) -> bool {
        self.at_record_start
            && self.outlen == 0
            && self.skip == 0
            && matches!(
                self.decoder.encoding(),
                TextEncoding::Utf8 | TextEncoding::Windows1252
            )
    }

    #[cfg(not(target_arch = "wasm32"))] // used by the native parallel reader
    /// A fresh state (same plan, empty panel) for parts of the file after this one's position,
    /// given to it by [`TextState::push_part`].
    pub(crate) fn fork(&self) -> TextState {
        let proc = Processor::new(
            self.proc.plan.clone(),
            &self.name,
            None,
            self.proc.max_rows,
            self.proc.builder.max_cells,
        );
        let mut t = TextState::new(
            self.decoder
                .encoding()
                .new_decoder_at(self.decoder.consumed()),
            self.delimiter,
            self.header_idx,
            self.names_line,
            proc,
            self.format.clone(),
            self.name.clone(),
        );
        // Past the header, at the start of a line.
        t.nl = self.nl;
        t.last_byte = b'\n';
        t.rec_idx = self.header_idx + 1;
        t.raw_decoded = self.raw_decoded;
        t
    }

    #[cfg(not(target_arch = "wasm32"))] // used by the native parallel reader
    /// Read the next part of a fork's share of the file: whole lines that start after line
    /// `lines_before` and at decoded byte `offset`, in file order.
    pub(crate) fn push_part(&mut self, bytes: &[u8], lines_before: u64, offset: u64) -> Result<()> {
        // Forks read parts in turn: jump over the lines and bytes the others read.
        let at = self.decoder.consumed();
        self.decoder.skip_ahead(offset.saturating_sub(at));
        self.nl = lines_before;
        self.push_raw(bytes, false)
    }

    #[cfg(not(target_arch = "wasm32"))] // used by the native parallel reader
    /// Take in a fork's rows.
    pub(crate) fn absorb(&mut self, fork: TextState) -> Result<()> {
        self.proc.absorb(fork.proc)
    }

    #[cfg(not(target_arch = "wasm32"))] // used by the native parallel reader
    /// The earliest cell that two parts (this state and absorbed forks) both give.
    pub(crate) fn cross_part_duplicate(&mut self) -> Option<Error> {
        self.proc.cross_part_duplicate()
    }

    #[cfg(not(target_arch = "wasm32"))] // used by the native parallel reader
    /// Account for `lines` lines and `bytes` bytes read by forks.
    pub(crate) fn skip_ahead(&mut self, lines: u64, bytes: u64) {
        self.nl += lines;
        self.decoder.skip_ahead(bytes);
        self.last_byte = b'\n';
    }

    #[cfg(not(target_arch = "wasm32"))] // used by the native parallel reader
    /// Lines and decoded bytes so far.
    pub(crate) fn position(&self) -> (u64, u64) {
        (self.nl, self.decoder.consumed())
    }

    fn push_raw(&mut self, chunk: &[u8], last: bool) -> Result<()> {
        let mut src = chunk;
        if self.skip > 0 {
            let k = self.skip.min(src.len());
            src = src.get(k..).unwrap_or(&[]);
            self.skip -= k;
            self.raw_decoded += k as u64;
        }
        let mut buf = std::mem::take(&mut self.dec_buf);
        buf.clear();
        let decoded = self.decoder.decode(src, &mut buf, last);
        // Feed what decoded before reporting a malformed sequence, so the row number is right.
        let fed = self.feed(buf.as_bytes(), false);
        self.dec_buf = buf;
        fed?;
        if let Err(at) = decoded {
            let at = at + self.raw_decoded;
            return Err(Error::new(
                ErrorCode::Encoding,
                format!(
                    "invalid {} byte sequence at byte {at}; the file mixes encodings (set the encoding option, e.g. windows-1252)",
                    self.format.encoding
                ),
            )
            .at(Location::file(self.name.clone()).with_row(self.nl + 1)));
        }
        if last {
            self.feed(&[], true)?;
        }
        Ok(())
    }

    /// The fast path: while csv_core is between records, each complete line without a quote or a
    /// carriage return inside is split at the delimiter directly (one byte loop, no state machine,
    /// no copy). A line it cannot take (quoted fields, bare `\r`) and the incomplete last line go
    /// to csv_core, which then owns the input until it returns a record. Returns the input left.
    fn plain_lines<'a>(&mut self, mut input: &'a [u8]) -> Result<&'a [u8]> {
        while self.at_record_start {
            let Some(pos) = memchr::memchr(b'\n', input) else {
                break;
            };
            let raw = input.get(..pos).unwrap_or(&[]);
            let line = raw.strip_suffix(b"\r").unwrap_or(raw);
            let mut ends = std::mem::take(&mut self.line_ends);
            ends.clear();
            let mut plain = true;
            for (k, b) in line.iter().enumerate() {
                if *b == self.delimiter {
                    ends.push(k);
                } else if *b == b'"' || *b == b'\r' {
                    plain = false;
                    break;
                }
            }
            if !plain {
                self.line_ends = ends;
                break;
            }
            ends.push(line.len());
            input = input.get(pos + 1..).unwrap_or(&[]);
            self.nl += 1;
            self.last_byte = b'\n';
            let r = if line.is_empty() {
                Ok(()) // csv_core skips empty lines too: not a record
            } else {
                let line_no = self.nl;
                self.dispatch(&LineFields { line, ends: &ends }, line_no)
            };
            self.line_ends = ends;
            r?;
        }
        Ok(input)
    }

    /// Split decoded UTF-8 into records. `eof` = no more input follows.
    fn feed(&mut self, mut input: &[u8], eof: bool) -> Result<()> {
        if input.is_empty() && !eof {
            return Ok(());
        }
        loop {
            input = self.plain_lines(input)?;
            let (res, nin, nout, nend) = {
                let out = self.out.get_mut(self.outlen..).unwrap_or(&mut []);
                let ends = self.ends.get_mut(self.endlen..).unwrap_or(&mut []);
                self.csv.read_record(input, out, ends)
            };
            let consumed = input.get(..nin).unwrap_or(&[]);
            self.nl += consumed.iter().filter(|b| **b == b'\n').count() as u64;
            if let Some(b) = consumed.last() {
                self.last_byte = *b;
            }
            input = input.get(nin..).unwrap_or(&[]);
            self.outlen += nout;
            self.endlen += nend;
            if nin > 0 {
                self.at_record_start = false;
            }
            match res {
                csv_core::ReadRecordResult::InputEmpty => {
                    if !eof {
                        return Ok(());
                    }
                }
                csv_core::ReadRecordResult::OutputFull => {
                    let n = (self.out.len() * 2).max(1024);
                    self.out.resize(n, 0);
                }
                csv_core::ReadRecordResult::OutputEndsFull => {
                    let n = (self.ends.len() * 2).max(64);
                    self.ends.resize(n, 0);
                }
                csv_core::ReadRecordResult::Record => {
                    let r = self.record(eof && input.is_empty());
                    self.outlen = 0;
                    self.endlen = 0;
                    self.at_record_start = true;
                    r?;
                }
                csv_core::ReadRecordResult::End => return Ok(()),
            }
        }
    }

    fn record(&mut self, at_eof: bool) -> Result<()> {
        let data = self.out.get(..self.outlen).unwrap_or(&[]);
        let inner = data.iter().filter(|b| **b == b'\n').count() as u64;
        let ended_nl = u64::from(self.last_byte == b'\n' && !at_eof);
        let line = (self.nl - ended_nl).saturating_sub(inner) + 1;
        if at_eof && data.iter().any(|b| *b == b'\n' || *b == b'\r') {
            return Err(Error::new(
                ErrorCode::CsvSyntax,
                "unterminated quoted field: a quote opened in this row is never closed",
            )
            .at(Location::file(self.name.clone()).with_row(line)));
        }
        let f = CsvFields {
            data,
            ends: self.ends.get(..self.endlen).unwrap_or(&[]),
        };
        Self::dispatch_to(
            &mut self.rec_idx,
            self.header_idx,
            self.names_line,
            &mut self.proc,
            &f,
            line,
        )
    }

    /// One record: skipped up to the header (and a names row), else processed.
    fn dispatch<F: super::rows::Fields + ?Sized>(&mut self, f: &F, line: u64) -> Result<()> {
        Self::dispatch_to(
            &mut self.rec_idx,
            self.header_idx,
            self.names_line,
            &mut self.proc,
            f,
            line,
        )
    }

    fn dispatch_to<F: super::rows::Fields + ?Sized>(
        rec_idx: &mut usize,
        header_idx: usize,
        names_line: Option<u64>,
        proc: &mut Processor,
        f: &F,
        line: u64,
    ) -> Result<()> {
        let idx = *rec_idx;
        *rec_idx += 1;
        if idx <= header_idx || names_line == Some(line) {
            return Ok(());
        }
        proc.record(f, line)
    }
}

enum Stage {
    Sniff(Vec<u8>),
    Zip(Vec<u8>),
    Text(Box<TextState>),
    Failed,
}

/// Push-style loader for long or wide delimited text (and, buffered whole, XLSX).
///
/// ```
/// use agglo::ingest::{LongLoader, LoadOptions};
/// let csv = b"region,industry,year,employment\nA,x,2021,10\nA,y,2021,(D)\nB,x,2021,5\n";
/// let mut l = LongLoader::new(LoadOptions::default(), "t.csv");
/// for chunk in csv.chunks(7) {
///     l.push(chunk).unwrap();
/// }
/// let (panel, report) = l.finish().unwrap();
/// assert_eq!(panel.regions, ["A", "B"]);
/// assert_eq!(panel.get(0, 0, 1, 0), Some(5.0));
/// assert_eq!(report.suppressed_total, 1);
/// ```
pub struct LongLoader {
    opts: LoadOptions,
    name: String,
    bytes: u64,
    max_bytes: u64,
    stage: Stage,
}

impl LongLoader {
    /// A loader for file `name` (used in error locations).
    pub fn new(opts: LoadOptions, name: &str) -> Self {
        LongLoader {
            max_bytes: opts.max_bytes.unwrap_or(u64::MAX),
            opts,
            name: name.to_string(),
            bytes: 0,
            stage: Stage::Sniff(Vec::new()),
        }
    }

    /// Bytes and rows so far.
    pub fn progress(&self) -> Progress {
        Progress {
            bytes: self.bytes,
            rows: match &self.stage {
                Stage::Text(t) => t.proc.data_rows,
                _ => 0,
            },
        }
    }

    /// The detected format, once the first 64 KiB (or the whole file) have been sniffed.
    pub fn format(&self) -> Option<&FormatInfo> {
        match &self.stage {
            Stage::Text(t) => Some(&t.format),
            _ => None,
        }
    }

    #[cfg(not(target_arch = "wasm32"))] // used by the native parallel reader
    /// The text state, once sniffed.
    pub(crate) fn text_mut(&mut self) -> Option<&mut TextState> {
        match &mut self.stage {
            Stage::Text(t) => Some(t),
            _ => None,
        }
    }

    /// Count `n` more bytes of input (pushed, or read by forks) against the size limit.
    pub(crate) fn count_bytes(&mut self, n: u64) -> Result<()> {
        self.bytes += n;
        if self.bytes > self.max_bytes {
            self.stage = Stage::Failed;
            return Err(Error::new(
                ErrorCode::TooLarge,
                format!(
                    "the file is larger than the limit of {} bytes (max_bytes)",
                    self.max_bytes
                ),
            )
            .at(Location::file(self.name.clone())));
        }
        Ok(())
    }

    /// Feed the next chunk. Errors are final: after one, the loader refuses further input.
    pub fn push(&mut self, chunk: &[u8]) -> Result<()> {
        let r = self.push_inner(chunk);
        if r.is_err() {
            self.stage = Stage::Failed;
        }
        r
    }

    fn push_inner(&mut self, chunk: &[u8]) -> Result<()> {
        self.count_bytes(chunk.len() as u64)?;
        match &mut self.stage {
            Stage::Sniff(buf) => {
                buf.extend_from_slice(chunk);
                // Enough to see the header and some rows, even when rows are very long (wide
                // files with thousands of columns).
                if buf.len() >= SNIFF_BYTES
                    && (buf.len() >= 64 * SNIFF_BYTES
                        || buf.iter().filter(|b| **b == b'\n').count() >= 40)
                {
                    let buf = std::mem::take(buf);
                    self.start(buf, false)?;
                }
                Ok(())
            }
            Stage::Zip(buf) => {
                buf.extend_from_slice(chunk);
                Ok(())
            }
            Stage::Text(t) => t.push_raw(chunk, false),
            Stage::Failed => Err(failed()),
        }
    }

    fn start(&mut self, buf: Vec<u8>, complete: bool) -> Result<()> {
        let forced = self.opts.encoding.clone();
        match sniff_kind(&buf, &self.name, forced.as_deref())? {
            Kind::Zip => {
                self.stage = Stage::Zip(buf);
                Ok(())
            }
            Kind::Text { encoding, bom } => {
                let sample = decode_sample(encoding, buf.get(bom..).unwrap_or(&[]), complete);
                let sn = sniff_text(&sample, complete, &self.opts, &self.name)?;
                drop(sample);
                let plan = plan_from_sniff(&sn, &self.opts, &self.name, None)?;
                let format = FormatInfo {
                    kind: "csv".into(),
                    encoding: encoding.name().to_string(),
                    delimiter: Some(char::from(sn.delimiter)),
                    decimal_comma: plan.decimal_comma,
                    bom: bom > 0,
                    header_row: plan.header_line,
                    sheet: None,
                    sheets: Vec::new(),
                };
                let names_line = plan.names_line;
                let proc = Processor::new(
                    plan,
                    &self.name,
                    None,
                    self.opts.max_rows.unwrap_or(u64::MAX),
                    self.opts.max_cells.unwrap_or(DEFAULT_MAX_CELLS),
                );
                let mut st = TextState::new(
                    encoding.new_decoder(),
                    sn.delimiter,
                    sn.header_idx,
                    names_line,
                    proc,
                    format,
                    self.name.clone(),
                );
                st.skip = bom;
                self.stage = Stage::Text(Box::new(st));
                if let Stage::Text(t) = &mut self.stage {
                    t.push_raw(&buf, complete)?;
                }
                Ok(())
            }
        }
    }

    /// End of input: the panel and the report.
    pub fn finish(mut self) -> Result<(Panel, IngestReport)> {
        let stage = std::mem::replace(&mut self.stage, Stage::Failed);
        match stage {
            Stage::Sniff(buf) => {
                if buf.is_empty() {
                    return Err(
                        Error::new(ErrorCode::EmptyFile, "the file is empty (0 bytes)")
                            .at(Location::file(self.name.clone())),
                    );
                }
                self.start(buf, true)?;
                match std::mem::replace(&mut self.stage, Stage::Failed) {
                    Stage::Text(t) => finish_text(*t),
                    Stage::Zip(buf) => load_zip(&buf, &self.name, &self.opts),
                    _ => Err(failed()),
                }
            }
            Stage::Zip(buf) => load_zip(&buf, &self.name, &self.opts),
            Stage::Text(mut t) => {
                t.push_raw(&[], true)?;
                finish_text(*t)
            }
            Stage::Failed => Err(failed()),
        }
    }
}

fn finish_text(t: TextState) -> Result<(Panel, IngestReport)> {
    let format = t.format.clone();
    let layout = t.proc.plan.layout;
    let (panel, mut report) = t.proc.finish()?;
    report.format = Some(format);
    report.layout = Some(layout);
    Ok((panel, report))
}

fn failed() -> Error {
    Error::new(
        ErrorCode::InvalidParameter,
        "this loader already failed; start a new one",
    )
}

/// Decode a raw sample (BOM already removed) to text; a sequence cut at the end is dropped.
pub(crate) fn decode_sample(enc: TextEncoding, raw: &[u8], _complete: bool) -> String {
    enc.decode_lossy_prefix(raw)
}

/// Load a workbook held whole in memory.
pub(crate) fn load_zip(
    bytes: &[u8],
    name: &str,
    opts: &LoadOptions,
) -> Result<(Panel, IngestReport)> {
    let table = super::xlsx_to_table(bytes, opts.sheet.as_deref()).map_err(|mut e| {
        e.location.file = Some(name.to_string());
        e
    })?;
    super::load_table(&table, name, opts)
}

/// Header and plan of a grid.
pub(crate) fn grid_plan(table: &Table, name: &str, opts: &LoadOptions) -> Result<(usize, Plan)> {
    let sheet = table.sheet.as_deref();
    let with_sheet = |l: Location| match sheet {
        Some(s) => l.with_sheet(s),
        None => l,
    };
    let sample: Vec<(u64, Vec<String>)> = table
        .rows
        .iter()
        .take(200)
        .enumerate()
        .map(|(k, r)| (table.first_row + k as u64, r.clone()))
        .collect();
    if sample.iter().all(|(_, f)| is_blank(f)) {
        return Err(Error::new(ErrorCode::EmptyFile, "the sheet has no content")
            .at(with_sheet(Location::file(name))));
    }
    let h = detect_header(&sample).ok_or_else(|| {
        Error::new(
            ErrorCode::NoHeader,
            "no header row was found: no row has at least two named columns",
        )
        .at(with_sheet(Location::file(name)))
    })?;
    let (line, headers) = sample.get(h).cloned().unwrap_or((1, Vec::new()));
    let headers = headers.into_iter().map(|s| s.trim().to_string()).collect();
    let rest = sample.get(h + 1..).unwrap_or(&[]);
    let plan = make_plan(headers, line, rest, opts, name, sheet, false)?;
    Ok((h, plan))
}
