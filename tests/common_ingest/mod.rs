//! Helpers shared by the ingest tests: writing one small table in many dialects, comparing panels.
#![allow(dead_code, clippy::unwrap_used, clippy::indexing_slicing)]

use agglo::panel::Panel;

/// How a table is written.
#[derive(Debug, Clone, Copy)]
pub struct Dialect {
    pub delimiter: char,
    pub decimal_comma: bool,
    pub thousands: bool,
    pub crlf: bool,
    pub title_rows: bool,
}

impl Default for Dialect {
    fn default() -> Self {
        Dialect {
            delimiter: ',',
            decimal_comma: false,
            thousands: false,
            crlf: false,
            title_rows: false,
        }
    }
}

/// How the text is encoded into bytes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Enc {
    Utf8,
    Utf8Bom,
    Utf16LeBom,
    Utf16BeBom,
    Utf16LeNoBom,
    Windows1252,
}

pub const ENCODINGS: [Enc; 6] = [
    Enc::Utf8,
    Enc::Utf8Bom,
    Enc::Utf16LeBom,
    Enc::Utf16BeBom,
    Enc::Utf16LeNoBom,
    Enc::Windows1252,
];

pub fn encode(text: &str, e: Enc) -> Vec<u8> {
    match e {
        Enc::Utf8 => text.as_bytes().to_vec(),
        Enc::Utf8Bom => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        Enc::Utf16LeBom => [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect(),
        Enc::Utf16BeBom => [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect(),
        Enc::Utf16LeNoBom => text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect(),
        Enc::Windows1252 => {
            let (b, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
            assert!(!unmappable);
            b.into_owned()
        }
    }
}

/// Format a non-negative number with `decimals` fractional digits in a dialect.
pub fn number(v: f64, decimals: usize, d: &Dialect) -> String {
    let s = format!("{v:.decimals$}");
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s.clone(), None),
    };
    let int = if d.thousands {
        let sep = if d.decimal_comma { '.' } else { ',' };
        let digits: Vec<char> = int.chars().collect();
        let mut out = String::new();
        for (k, c) in digits.iter().enumerate() {
            if k > 0 && (digits.len() - k) % 3 == 0 {
                out.push(sep);
            }
            out.push(*c);
        }
        out
    } else {
        int
    };
    match frac {
        Some(f) => format!("{int}{}{f}", if d.decimal_comma { ',' } else { '.' }),
        None => int,
    }
}

/// Write rows as delimited text, quoting where needed.
pub fn write(header: &[&str], rows: &[Vec<String>], d: &Dialect) -> String {
    let nl = if d.crlf { "\r\n" } else { "\n" };
    let q = |f: &str| -> String {
        if f.contains(d.delimiter) || f.contains('"') || f.contains('\n') || f.contains('\r') {
            format!("\"{}\"", f.replace('"', "\"\""))
        } else {
            f.to_string()
        }
    };
    let mut s = String::new();
    if d.title_rows {
        s.push_str(&q("Employment by region and industry"));
        s.push_str(nl);
        s.push_str(&q("Source: a test, 2024"));
        s.push_str(nl);
        s.push_str(nl);
    }
    let line = |fields: Vec<String>| -> String {
        fields
            .iter()
            .map(|f| q(f))
            .collect::<Vec<_>>()
            .join(&d.delimiter.to_string())
    };
    s.push_str(&line(header.iter().map(|h| h.to_string()).collect()));
    s.push_str(nl);
    for r in rows {
        s.push_str(&line(r.clone()));
        s.push_str(nl);
    }
    s
}

/// Panels equal in labels and every value (missing = missing).
pub fn assert_same_panel(a: &Panel, b: &Panel, what: &str) {
    assert_eq!(a.regions, b.regions, "{what}: regions");
    assert_eq!(a.region_names, b.region_names, "{what}: region names");
    assert_eq!(a.industries, b.industries, "{what}: industries");
    assert_eq!(a.industry_names, b.industry_names, "{what}: industry names");
    assert_eq!(a.years, b.years, "{what}: years");
    assert_eq!(a.measures, b.measures, "{what}: measures");
    for m in 0..a.measures.len() {
        for y in 0..a.years.len() {
            for r in 0..a.regions.len() {
                for i in 0..a.industries.len() {
                    assert_eq!(
                        a.get(m, y, r, i),
                        b.get(m, y, r, i),
                        "{what}: cell {m},{y},{r},{i}"
                    );
                }
            }
        }
    }
    assert_eq!(a.region_totals.len(), b.region_totals.len());
    for (x, y) in a.region_totals.iter().zip(&b.region_totals) {
        assert!(
            x == y || (x.is_nan() && y.is_nan()),
            "{what}: totals {x} vs {y}"
        );
    }
}
