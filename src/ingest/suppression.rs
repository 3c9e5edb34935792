//! Suppression and missing-value markers. A marked cell is missing (`NaN` in the panel), never zero.
//!
//! Markers (after trimming): empty, `(D)` / `D` (US Census: withheld to avoid disclosure), `x` / `X` /
//! `(X)` (not applicable / suppressed), `..` and `:` (Eurostat, OECD: not available), `-`, `c`
//! (confidential, Eurostat / ONS), `(S)` (suppressed: quality), `NA`, `(NA)`.

/// The recognised markers; the empty cell is reported as `(blank)`.
pub const SUPPRESSION_MARKERS: [&str; 14] = [
    "", "(D)", "D", "x", "X", "(X)", "..", ":", "-", "c", "(S)", "NA", "(NA)", "n/a",
];

/// The name under which a marker is counted in [`super::IngestReport::suppressed`].
pub fn marker_label(s: &str) -> &'static str {
    let t = s.trim();
    if t.is_empty() {
        return "(blank)";
    }
    SUPPRESSION_MARKERS
        .iter()
        .find(|m| **m == t)
        .copied()
        .unwrap_or("(other)")
}

/// Whether a cell is a suppression / missing marker (never a zero).
///
/// # Examples
/// ```
/// use agglo::ingest::is_suppression_marker;
/// assert!(is_suppression_marker(" (D) "));
/// assert!(is_suppression_marker(""));
/// assert!(!is_suppression_marker("0"));
/// ```
pub fn is_suppression_marker(s: &str) -> bool {
    SUPPRESSION_MARKERS.contains(&s.trim())
}

/// Byte version for the hot path: the index into [`SUPPRESSION_MARKERS`] when `b` is a marker.
pub(crate) fn marker_index(b: &[u8]) -> Option<usize> {
    let t = trim_bytes(b);
    if t.len() > 4 {
        return None;
    }
    SUPPRESSION_MARKERS.iter().position(|m| m.as_bytes() == t)
}

/// Trim ASCII whitespace and non-breaking spaces (U+00A0, as UTF-8 `C2 A0`).
pub(crate) fn trim_bytes(mut b: &[u8]) -> &[u8] {
    loop {
        match b {
            [c, rest @ ..] if c.is_ascii_whitespace() => b = rest,
            [0xC2, 0xA0, rest @ ..] => b = rest,
            [rest @ .., c] if c.is_ascii_whitespace() => b = rest,
            [rest @ .., 0xC2, 0xA0] => b = rest,
            _ => return b,
        }
    }
}
