//! Numbers in text cells: plain, thousands-separated, decimal comma; and the per-file decimal style.
//!
//! # Decimal style (detected once per file, from the measure columns of the sample)
//! Each sample cell votes: a cell with both `.` and `,` votes for the separator that comes last as the
//! decimal mark (`1.234,5` → comma, `1,234.5` → point); a single separator followed by other than
//! exactly three digits is a decimal mark (`12,5` → comma, `0.25` → point); a separator appearing
//! twice is a thousands separator (`1.234.567` → comma style). Cells like `1,234` or `1.234` are
//! ambiguous and do not vote. The majority wins; with no votes the style is decimal point, except in
//! `;`-delimited files, where the European convention (decimal comma, `.` for thousands) is assumed.
//! [`super::LoadOptions::decimal_comma`] overrides the detection.
//!
//! Once the style is fixed, a thousands separator must separate groups of exactly three digits, so a
//! stray `12,5` in a decimal-point file is rejected (`E_NON_NUMERIC`) instead of being read as 125.

/// Result of parsing one numeric cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Num {
    Ok(f64),
    NotNumber,
    /// Syntactically a number but outside the `f64` range (e.g. `1e400`).
    Overflow,
}

/// Parse a numeric cell: plain, thousands-separated (`1,234`) or decimal-comma (`1.234,5`) when
/// `decimal_comma` is set. `None` when it is not a finite number (`NaN`, `inf`, `12a`, `1e400`).
///
/// # Examples
/// ```
/// use agglo::ingest::parse_number;
/// assert_eq!(parse_number("1,234.5", false), Some(1234.5));
/// assert_eq!(parse_number("1.234,5", true), Some(1234.5));
/// assert_eq!(parse_number("12,5", false), None);
/// assert_eq!(parse_number("NaN", false), None);
/// ```
pub fn parse_number(s: &str, decimal_comma: bool) -> Option<f64> {
    match parse_num(s.as_bytes(), decimal_comma) {
        Num::Ok(v) => Some(v),
        _ => None,
    }
}

/// Allocation-free parse of a cell's bytes.
pub(crate) fn parse_num(b: &[u8], decimal_comma: bool) -> Num {
    let t = super::suppression::trim_bytes(b);
    if t.is_empty() {
        return Num::NotNumber;
    }
    // Fast path: plain non-negative integer of up to 15 digits (exact in f64).
    if t.len() <= 15 && t.iter().all(u8::is_ascii_digit) {
        let mut v: u64 = 0;
        for &c in t {
            v = v * 10 + u64::from(c - b'0');
        }
        return Num::Ok(v as f64);
    }
    let (dec, thou) = if decimal_comma {
        (b',', b'.')
    } else {
        (b'.', b',')
    };
    let mut buf = [0u8; 64];
    let mut n = 0usize;
    let mut push = |c: u8, n: &mut usize| -> bool {
        match buf.get_mut(*n) {
            Some(slot) => {
                *slot = c;
                *n += 1;
                true
            }
            None => false,
        }
    };
    let mut i = 0usize;
    let len = t.len();
    let at = |k: usize| t.get(k).copied().unwrap_or(0);
    if at(0) == b'+' || at(0) == b'-' {
        if !push(at(0), &mut n) {
            return Num::NotNumber;
        }
        i = 1;
    }
    // Integer part with optional grouping.
    let int_start = i;
    let mut group_len = 0usize;
    let mut grouped = false;
    let mut first_group = 0usize;
    while i < len {
        let c = at(i);
        if c.is_ascii_digit() {
            group_len += 1;
            if !push(c, &mut n) {
                return Num::NotNumber;
            }
        } else if c == thou || c == b' ' || c == b'\'' || (c == 0xC2 && at(i + 1) == 0xA0) {
            // A group separator needs digits on both sides and three-digit groups after the first.
            if group_len == 0 || (grouped && group_len != 3) {
                return Num::NotNumber;
            }
            if !grouped {
                first_group = group_len;
            }
            grouped = true;
            group_len = 0;
            if c == 0xC2 {
                i += 1;
            }
        } else {
            break;
        }
        i += 1;
    }
    if grouped && (group_len != 3 || first_group > 3) {
        return Num::NotNumber;
    }
    let int_digits = i - int_start;
    let mut frac_digits = 0usize;
    if i < len && at(i) == dec {
        if !push(b'.', &mut n) {
            return Num::NotNumber;
        }
        i += 1;
        while i < len && at(i).is_ascii_digit() {
            if !push(at(i), &mut n) {
                return Num::NotNumber;
            }
            frac_digits += 1;
            i += 1;
        }
    }
    if int_digits == 0 && frac_digits == 0 {
        return Num::NotNumber;
    }
    if i < len && (at(i) == b'e' || at(i) == b'E') {
        if !push(b'e', &mut n) {
            return Num::NotNumber;
        }
        i += 1;
        if i < len && (at(i) == b'+' || at(i) == b'-') {
            if !push(at(i), &mut n) {
                return Num::NotNumber;
            }
            i += 1;
        }
        let exp_start = i;
        while i < len && at(i).is_ascii_digit() {
            if !push(at(i), &mut n) {
                return Num::NotNumber;
            }
            i += 1;
        }
        if i == exp_start {
            return Num::NotNumber;
        }
    }
    if i != len {
        return Num::NotNumber;
    }
    let Some(s) = buf.get(..n).and_then(|s| std::str::from_utf8(s).ok()) else {
        return Num::NotNumber;
    };
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() => Num::Ok(v),
        Ok(_) => Num::Overflow,
        Err(_) => Num::NotNumber,
    }
}

/// Votes for the decimal style of a set of sample cells (see the module docs).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct DecimalVotes {
    pub comma: usize,
    pub point: usize,
}

impl DecimalVotes {
    pub fn add(&mut self, cell: &str) {
        let t = cell.trim();
        if t.is_empty() || !t.bytes().any(|c| c.is_ascii_digit()) {
            return;
        }
        if !t
            .bytes()
            .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b',' | b'-' | b'+' | b' '))
        {
            return;
        }
        let last_dot = t.rfind('.');
        let last_comma = t.rfind(',');
        let n_dot = t.matches('.').count();
        let n_comma = t.matches(',').count();
        match (last_dot, last_comma) {
            (Some(d), Some(c)) => {
                if c > d {
                    self.comma += 1
                } else {
                    self.point += 1
                }
            }
            (None, Some(c)) => {
                if n_comma > 1 {
                    self.point += 1
                } else if t.len() - c - 1 != 3 {
                    self.comma += 1
                }
            }
            (Some(d), None) => {
                if n_dot > 1 {
                    self.comma += 1
                } else if t.len() - d - 1 != 3 {
                    self.point += 1
                }
            }
            (None, None) => {}
        }
    }

    /// The decision; `semicolon` = the file is `;`-delimited (breaks a tie toward decimal comma).
    pub fn decimal_comma(&self, semicolon: bool) -> bool {
        if self.comma == self.point {
            semicolon
        } else {
            self.comma > self.point
        }
    }
}

/// A year cell: four digits (an integral spreadsheet number such as `2021` qualifies).
pub(crate) fn parse_year(b: &[u8]) -> Option<i32> {
    let t = super::suppression::trim_bytes(b);
    let t = t.strip_suffix(b".0").unwrap_or(t);
    if t.len() != 4 || !t.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let y = t
        .iter()
        .fold(0i32, |acc, &c| acc * 10 + i32::from(c - b'0'));
    (1000..=9999).contains(&y).then_some(y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles() {
        assert_eq!(parse_num(b"1234", false), Num::Ok(1234.0));
        assert_eq!(parse_num(b" 1,234,567.25 ", false), Num::Ok(1234567.25));
        assert_eq!(parse_num(b"1.234.567,25", true), Num::Ok(1234567.25));
        assert_eq!(parse_num(b"12,5", true), Num::Ok(12.5));
        assert_eq!(parse_num(b"12,5", false), Num::NotNumber);
        assert_eq!(parse_num(b"1,23", false), Num::NotNumber);
        assert_eq!(parse_num(b"1234,567", false), Num::NotNumber);
        assert_eq!(parse_num(b"-3.5e2", false), Num::Ok(-350.0));
        assert_eq!(parse_num(b"1e400", false), Num::Overflow);
        assert_eq!(parse_num(b"NaN", false), Num::NotNumber);
        assert_eq!(parse_num(b"inf", false), Num::NotNumber);
        assert_eq!(parse_num(b"12a", false), Num::NotNumber);
        assert_eq!(parse_num(b".5", false), Num::Ok(0.5));
        assert_eq!(parse_num(b"1 234", false), Num::Ok(1234.0));
        assert_eq!(parse_num("1\u{a0}234,5".as_bytes(), true), Num::Ok(1234.5));
        assert_eq!(parse_year(b"2021"), Some(2021));
        assert_eq!(parse_year(b"20x1"), None);
        assert_eq!(parse_year(b"21"), None);
    }

    #[test]
    fn votes() {
        let mut v = DecimalVotes::default();
        for c in ["1.234,5", "12,5", "1,234"] {
            v.add(c);
        }
        assert!(v.decimal_comma(false));
        let mut v = DecimalVotes::default();
        v.add("1,234");
        assert!(!v.decimal_comma(false));
        assert!(v.decimal_comma(true));
    }
}
