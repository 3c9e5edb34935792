//! Byte-level sniffing: empty, binary, XLSX (zip), encoding (BOM, UTF-16 without BOM, UTF-8 or
//! Windows-1252), then the delimiter of the decoded text.

use super::text_encoding::TextEncoding;
use crate::error::{Error, ErrorCode, Location, Result};
use TextEncoding::{
    Utf16Be as UTF_16BE, Utf16Le as UTF_16LE, Utf8 as UTF_8, Windows1252 as WINDOWS_1252,
};

/// How many raw bytes the sniffers look at (the streaming loader buffers this much first).
pub(crate) const SNIFF_BYTES: usize = 64 * 1024;

/// What the first bytes say the file is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    /// Delimited text in this encoding; `bom` = length of the byte-order mark.
    Text { encoding: TextEncoding, bom: usize },
    /// A zip container (XLSX).
    Zip,
}

const MAGIC: [(&[u8], &str); 10] = [
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"%PDF", "a PDF document"),
    (b"\x1F\x8B", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"7z\xBC\xAF", "a 7-zip archive"),
    (b"\x7FELF", "an executable"),
    (b"Rar!", "a RAR archive"),
    (b"\xFD7zXZ", "an xz archive"),
];

/// Classify the head of a file. `forced` is a user-given encoding label (e.g. `windows-1252`).
pub(crate) fn sniff_kind(head: &[u8], name: &str, forced: Option<&str>) -> Result<Kind> {
    let loc = || Location::file(name);
    if head.is_empty() {
        return Err(Error::new(ErrorCode::EmptyFile, "the file is empty (0 bytes)").at(loc()));
    }
    if head.starts_with(b"PK\x03\x04") {
        return Ok(Kind::Zip);
    }
    if head.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(Error::new(
            ErrorCode::UnknownFormat,
            "this is a legacy Excel .xls (or other OLE) file; save it as .xlsx or CSV",
        )
        .at(loc()));
    }
    for (magic, what) in MAGIC {
        if head.starts_with(magic) {
            return Err(Error::new(
                ErrorCode::BinaryFile,
                format!("this is {what}, not a table (CSV, TSV or XLSX)"),
            )
            .at(loc()));
        }
    }
    if let Some(label) = forced {
        let enc = TextEncoding::for_label(label).ok_or_else(|| {
            Error::new(
                ErrorCode::Encoding,
                format!("unknown encoding '{label}' (try utf-8, utf-16le, windows-1252)"),
            )
            .at(loc())
        })?;
        let bom = TextEncoding::for_bom(head)
            .filter(|(e, _)| *e == enc)
            .map_or(0, |(_, n)| n);
        return Ok(Kind::Text { encoding: enc, bom });
    }
    if let Some((enc, bom)) = TextEncoding::for_bom(head) {
        return Ok(Kind::Text { encoding: enc, bom });
    }
    // UTF-16 without BOM: text in the Latin range has a NUL in every other byte.
    let probe = head.get(..head.len().min(8192)).unwrap_or(head);
    let (mut even, mut odd) = (0usize, 0usize);
    for (k, b) in probe.iter().enumerate() {
        if *b == 0 {
            if k % 2 == 0 {
                even += 1
            } else {
                odd += 1
            }
        }
    }
    let half = probe.len() / 2;
    if even + odd > 0 {
        if half > 0 && odd * 10 >= half * 3 && even * 20 <= half {
            return Ok(Kind::Text {
                encoding: UTF_16LE,
                bom: 0,
            });
        }
        if half > 0 && even * 10 >= half * 3 && odd * 20 <= half {
            return Ok(Kind::Text {
                encoding: UTF_16BE,
                bom: 0,
            });
        }
        let first = probe.iter().position(|b| *b == 0).unwrap_or(0);
        return Err(Error::new(
            ErrorCode::BinaryFile,
            format!("the file contains NUL bytes (first at byte {first}): it is binary, not a text table"),
        )
        .at(loc()));
    }
    let control = probe
        .iter()
        .filter(|b| **b < 0x20 && !matches!(**b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1A))
        .count();
    if control * 100 > probe.len().max(1) {
        return Err(Error::new(
            ErrorCode::BinaryFile,
            format!(
                "{control} control bytes in the first {} bytes: the file is binary, not a text table",
                probe.len()
            ),
        )
        .at(loc()));
    }
    // Valid UTF-8 (a sequence cut at the end of the probe is fine) → UTF-8, else Windows-1252, the
    // encoding of Excel's "CSV" export on Western Windows.
    let enc = match std::str::from_utf8(head) {
        Ok(_) => UTF_8,
        Err(e) if e.error_len().is_none() => UTF_8,
        Err(_) => WINDOWS_1252,
    };
    Ok(Kind::Text {
        encoding: enc,
        bom: 0,
    })
}

/// Split complete records of a text sample with one delimiter. The last record is dropped when
/// `complete` is false (it may be cut). Returns (1-based line, fields).
pub(crate) fn split_sample(text: &str, delim: u8, complete: bool) -> Vec<(u64, Vec<String>)> {
    let mut rdr = csv_core::ReaderBuilder::new().delimiter(delim).build();
    let mut input = text.as_bytes();
    let mut out = vec![0u8; 4096];
    let mut ends = vec![0usize; 256];
    let (mut outlen, mut endlen) = (0usize, 0usize);
    let mut recs = Vec::new();
    let mut nl: u64 = 0;
    let mut last_byte = 0u8;
    let mut eof_sent = false;
    loop {
        let (res, nin, nout, nend) = rdr.read_record(
            input,
            out.get_mut(outlen..).unwrap_or(&mut []),
            ends.get_mut(endlen..).unwrap_or(&mut []),
        );
        let consumed = input.get(..nin).unwrap_or(&[]);
        nl += consumed.iter().filter(|b| **b == b'\n').count() as u64;
        if let Some(b) = consumed.last() {
            last_byte = *b;
        }
        input = input.get(nin..).unwrap_or(&[]);
        outlen += nout;
        endlen += nend;
        match res {
            csv_core::ReadRecordResult::Record => {
                let data = out.get(..outlen).unwrap_or(&[]);
                let mut fields = Vec::with_capacity(endlen);
                let mut start = 0usize;
                for &e in ends.get(..endlen).unwrap_or(&[]) {
                    let f = data.get(start..e).unwrap_or(&[]);
                    fields.push(String::from_utf8_lossy(f).into_owned());
                    start = e;
                }
                let inner = data.iter().filter(|b| **b == b'\n').count() as u64;
                let ended_nl = u64::from(last_byte == b'\n' && !eof_sent);
                let line = (nl - ended_nl).saturating_sub(inner) + 1;
                recs.push((line, fields));
                outlen = 0;
                endlen = 0;
            }
            csv_core::ReadRecordResult::InputEmpty => {
                if !complete {
                    break;
                }
                eof_sent = true;
            }
            csv_core::ReadRecordResult::End => break,
            csv_core::ReadRecordResult::OutputFull => {
                let n = out.len() * 2;
                out.resize(n, 0);
            }
            csv_core::ReadRecordResult::OutputEndsFull => {
                let n = ends.len() * 2;
                ends.resize(n, 0);
            }
        }
    }
    recs
}

/// Is a sample record blank (every field empty or whitespace)?
pub(crate) fn is_blank(fields: &[String]) -> bool {
    fields.iter().all(|f| f.trim().is_empty())
}

/// Choose the delimiter among `,` `;` tab `|`: the one whose records most consistently share a
/// field count above one (ties: more fields). Default `,`.
pub(crate) fn detect_delimiter(text: &str, complete: bool) -> u8 {
    let mut best = (b',', 0usize, 0usize);
    for d in [b',', b';', b'\t', b'|'] {
        let recs = split_sample(text, d, complete);
        let mut counts: Vec<usize> = recs
            .iter()
            .filter(|(_, f)| !is_blank(f))
            .take(200)
            .map(|(_, f)| f.len())
            .collect();
        counts.sort_unstable();
        // Mode of the field counts.
        let (mut mode, mut freq) = (0usize, 0usize);
        let mut k = 0usize;
        while k < counts.len() {
            let v = counts.get(k).copied().unwrap_or(0);
            let run = counts.iter().skip(k).take_while(|c| **c == v).count();
            if run > freq || (run == freq && v > mode) {
                mode = v;
                freq = run;
            }
            k += run.max(1);
        }
        if mode > 1 && (freq > best.1 || (freq == best.1 && mode > best.2)) {
            best = (d, freq, mode);
        }
    }
    best.0
}

/// The header: the first record with at least two non-empty cells and at least half as many as the
/// widest of the first 50 records. Title and note rows above it are skipped.
pub(crate) fn detect_header(recs: &[(u64, Vec<String>)]) -> Option<usize> {
    let nonempty = |f: &Vec<String>| f.iter().filter(|s| !s.trim().is_empty()).count();
    let widest = recs.iter().take(50).map(|(_, f)| nonempty(f)).max()?;
    let need = 2usize.max(widest.div_ceil(2));
    recs.iter().position(|(_, f)| nonempty(f) >= need)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters_and_header() {
        assert_eq!(detect_delimiter("a;b;c\n1,5;2;3\n4;5,5;6\n", true), b';');
        assert_eq!(detect_delimiter("a\tb\n1\t2\n", true), b'\t');
        assert_eq!(detect_delimiter("a|b|c\n\"x|y\"|2|3\n", true), b'|');
        assert_eq!(detect_delimiter("a,b\n1,2\n", true), b',');
        let recs = split_sample("Title\n\nNote: x\na,b,c\n1,2,3\n", b',', true);
        assert_eq!(recs.len(), 4);
        assert_eq!(recs[2].0, 4);
        assert_eq!(detect_header(&recs), Some(2));
        let recs = split_sample("a,\"x\ny\",c\n1,2,3", b',', true);
        assert_eq!(recs[1].0, 3);
    }

    #[test]
    fn kinds() {
        assert!(matches!(
            sniff_kind(b"a,b\n", "f", None),
            Ok(Kind::Text { bom: 0, .. })
        ));
        assert_eq!(
            sniff_kind(b"\x89PNG\r\n", "f", None).unwrap_err().code,
            ErrorCode::BinaryFile
        );
        let u16: Vec<u8> = "a,b\n1,2\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(
            sniff_kind(&u16, "f", None).unwrap(),
            Kind::Text {
                encoding: UTF_16LE,
                bom: 0
            }
        );
        assert_eq!(
            sniff_kind(b"K\xf6ln,1\n", "f", None).unwrap(),
            Kind::Text {
                encoding: WINDOWS_1252,
                bom: 0
            }
        );
    }
}
