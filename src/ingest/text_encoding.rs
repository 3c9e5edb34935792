//! The text encodings agency spreadsheets come in: UTF-8, UTF-16 (LE/BE) and Windows-1252 (what
//! Excel's "CSV" writes on Western-European Windows; ISO-8859-1 and ASCII labels map to it, as in
//! the WHATWG Encoding Standard).
//!
//! Why not `encoding_rs`: its streaming decoder dispatches over every encoding, which links all the
//! CJK tables into the wasm module (~150 KB gzipped, a third of the first-load budget) for encodings
//! our users do not send. These four decoders are small, streaming (chunks may split a UTF-8 sequence,
//! a UTF-16 code unit or a surrogate pair anywhere) and report the byte offset of malformed input.

/// A supported encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

/// Windows-1252 bytes 0x80–0x9F (the rest is Latin-1). Undefined bytes map to the C1 control of the
/// same value, as the WHATWG decoder does.
const W1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{2C6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}', '\u{8F}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}', '\u{178}',
];

impl TextEncoding {
    /// The WHATWG name (`UTF-8`, `UTF-16LE`, `UTF-16BE`, `windows-1252`).
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
            TextEncoding::Windows1252 => "windows-1252",
        }
    }

    /// The encoding a label names (case-insensitive WHATWG labels of the four encodings).
    ///
    /// ```
    /// use agglo::ingest::TextEncoding;
    /// assert_eq!(TextEncoding::for_label(" Latin1 "), Some(TextEncoding::Windows1252));
    /// assert_eq!(TextEncoding::for_label("utf-16"), Some(TextEncoding::Utf16Le));
    /// assert_eq!(TextEncoding::for_label("shift_jis"), None);
    /// ```
    pub fn for_label(label: &str) -> Option<Self> {
        match label.trim().to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" | "unicode-1-1-utf-8" | "unicode11utf8" | "unicode20utf8"
            | "x-unicode20utf8" => Some(TextEncoding::Utf8),
            "utf-16" | "utf-16le" | "unicode" | "unicodefeff" | "ucs-2" | "csunicode"
            | "iso-10646-ucs-2" => Some(TextEncoding::Utf16Le),
            "utf-16be" | "unicodefffe" => Some(TextEncoding::Utf16Be),
            "windows-1252" | "cp1252" | "x-cp1252" | "latin1" | "l1" | "iso-8859-1"
            | "iso8859-1" | "iso_8859-1" | "iso88591" | "iso-ir-100" | "ibm819" | "cp819"
            | "csisolatin1" | "ascii" | "us-ascii" | "ansi_x3.4-1968" | "iso_8859-1:1987" => {
                Some(TextEncoding::Windows1252)
            }
            _ => None,
        }
    }

    /// The encoding a byte-order mark announces, with the mark's length.
    ///
    /// ```
    /// use agglo::ingest::TextEncoding;
    /// assert_eq!(TextEncoding::for_bom(b"\xFF\xFEa\x00"), Some((TextEncoding::Utf16Le, 2)));
    /// assert_eq!(TextEncoding::for_bom(b"abc"), None);
    /// ```
    pub fn for_bom(bytes: &[u8]) -> Option<(Self, usize)> {
        match bytes {
            [0xEF, 0xBB, 0xBF, ..] => Some((TextEncoding::Utf8, 3)),
            [0xFF, 0xFE, ..] => Some((TextEncoding::Utf16Le, 2)),
            [0xFE, 0xFF, ..] => Some((TextEncoding::Utf16Be, 2)),
            _ => None,
        }
    }

    /// A streaming decoder (BOM not handled: strip it before).
    pub fn new_decoder(self) -> TextDecoder {
        TextDecoder {
            encoding: self,
            pending: Vec::with_capacity(4),
            high_surrogate: None,
            consumed: 0,
        }
    }

    #[cfg(not(target_arch = "wasm32"))] // used by the native parallel reader
    /// A streaming decoder for the part of a stream that starts `consumed` bytes in (error
    /// offsets count from the stream's start). The part must start on a character boundary.
    pub(crate) fn new_decoder_at(self, consumed: u64) -> TextDecoder {
        let mut d = self.new_decoder();
        d.consumed = consumed;
        d
    }

    /// Decode a complete buffer (no BOM handling); `Err(offset)` at the first malformed byte.
    pub fn decode(self, bytes: &[u8]) -> Result<String, u64> {
        let mut d = self.new_decoder();
        let mut s = String::with_capacity(bytes.len());
        d.decode(bytes, &mut s, true)?;
        Ok(s)
    }

    /// Decode as much of a (possibly truncated) sample as is well-formed, replacing nothing:
    /// decoding stops at the first malformed byte.
    pub fn decode_lossy_prefix(self, bytes: &[u8]) -> String {
        let mut d = self.new_decoder();
        let mut s = String::with_capacity(bytes.len());
        let _ = d.decode(bytes, &mut s, false);
        s
    }
}

/// A streaming decoder to UTF-8.
#[derive(Debug, Clone)]
pub struct TextDecoder {
    encoding: TextEncoding,
    /// Bytes of an incomplete sequence carried over from the previous chunk.
    pending: Vec<u8>,
    /// A UTF-16 high surrogate waiting for its low half.
    high_surrogate: Option<u16>,
    /// Bytes consumed before the current chunk (for error offsets).
    consumed: u64,
}

impl TextDecoder {
    pub fn encoding(&self) -> TextEncoding {
        self.encoding
    }

    #[cfg(not(target_arch = "wasm32"))] // used by the native parallel reader
    /// Bytes decoded so far.
    pub(crate) fn consumed(&self) -> u64 {
        self.consumed
    }

    #[cfg(not(target_arch = "wasm32"))] // used by the native parallel reader
    /// Account for `n` bytes decoded elsewhere (by a parallel part), at a character boundary.
    pub(crate) fn skip_ahead(&mut self, n: u64) {
        self.consumed += n;
    }

    /// Decode `src`, appending to `dst`. `last` = no more input follows (an incomplete sequence at
    /// the end is then malformed). On malformed input returns `Err(byte offset in the stream)`.
    pub fn decode(&mut self, src: &[u8], dst: &mut String, last: bool) -> Result<(), u64> {
        let start = self.consumed;
        let r = match self.encoding {
            TextEncoding::Windows1252 => {
                dst.extend(src.iter().map(|&b| {
                    match b {
                        0x80..=0x9F => W1252_HIGH
                            .get(usize::from(b - 0x80))
                            .copied()
                            .unwrap_or('\u{FFFD}'),
                        _ => char::from(b),
                    }
                }));
                Ok(())
            }
            TextEncoding::Utf8 => self.utf8(src, dst, last),
            TextEncoding::Utf16Le | TextEncoding::Utf16Be => self.utf16(src, dst, last),
        };
        self.consumed = start + src.len() as u64;
        r
    }

    fn utf8(&mut self, src: &[u8], dst: &mut String, last: bool) -> Result<(), u64> {
        let mut src = src;
        let mut base = self.consumed; // stream offset of src[0]
        if let Some(&lead) = self.pending.first() {
            let carried = self.pending.len() as u64;
            let need = match lead {
                0xC2..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xF4 => 4,
                _ => return Err(base - carried),
            };
            let missing = need - self.pending.len();
            if src.len() < missing {
                self.pending.extend_from_slice(src);
                return if last { Err(base - carried) } else { Ok(()) };
            }
            let mut seq = std::mem::take(&mut self.pending);
            seq.extend_from_slice(src.get(..missing).unwrap_or(&[]));
            match std::str::from_utf8(&seq) {
                Ok(s) => dst.push_str(s),
                Err(_) => return Err(base - carried),
            }
            src = src.get(missing..).unwrap_or(&[]);
            base += missing as u64;
        }
        self.utf8_plain(src, dst, last, base)
    }

    fn utf8_plain(
        &mut self,
        src: &[u8],
        dst: &mut String,
        last: bool,
        base: u64,
    ) -> Result<(), u64> {
        match std::str::from_utf8(src) {
            Ok(s) => {
                dst.push_str(s);
                Ok(())
            }
            Err(e) => {
                let ok = e.valid_up_to();
                dst.push_str(std::str::from_utf8(src.get(..ok).unwrap_or(&[])).unwrap_or(""));
                match e.error_len() {
                    Some(_) => Err(base + ok as u64),
                    None if last => Err(base + ok as u64),
                    None => {
                        self.pending = src.get(ok..).unwrap_or(&[]).to_vec();
                        Ok(())
                    }
                }
            }
        }
    }

    fn utf16(&mut self, src: &[u8], dst: &mut String, last: bool) -> Result<(), u64> {
        let le = self.encoding == TextEncoding::Utf16Le;
        let mut pos = self.consumed - self.pending.len() as u64;
        let mut bytes = std::mem::take(&mut self.pending);
        bytes.extend_from_slice(src);
        let mut units = bytes.chunks_exact(2);
        for pair in units.by_ref() {
            let (a, b) = (
                pair.first().copied().unwrap_or(0),
                pair.get(1).copied().unwrap_or(0),
            );
            let u = if le {
                u16::from_le_bytes([a, b])
            } else {
                u16::from_be_bytes([a, b])
            };
            match (self.high_surrogate.take(), u) {
                (None, 0xD800..=0xDBFF) => self.high_surrogate = Some(u),
                (None, 0xDC00..=0xDFFF) => return Err(pos),
                (None, _) => dst.push(char::from_u32(u32::from(u)).unwrap_or('\u{FFFD}')),
                (Some(h), 0xDC00..=0xDFFF) => {
                    let c = 0x10000 + ((u32::from(h) - 0xD800) << 10) + (u32::from(u) - 0xDC00);
                    dst.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                }
                (Some(_), _) => return Err(pos.saturating_sub(2)),
            }
            pos += 2;
        }
        self.pending = units.remainder().to_vec();
        if last && (!self.pending.is_empty() || self.high_surrogate.is_some()) {
            return Err(pos);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunked(enc: TextEncoding, bytes: &[u8], size: usize) -> Result<String, u64> {
        let mut d = enc.new_decoder();
        let mut s = String::new();
        let n = bytes.chunks(size).count();
        for (k, c) in bytes.chunks(size).enumerate() {
            d.decode(c, &mut s, k + 1 == n)?;
        }
        Ok(s)
    }

    #[test]
    fn utf8_split_anywhere() {
        let text = "Köln;Besançon;€ 1.234,5;𝄞 music\n";
        for size in 1..8 {
            assert_eq!(
                chunked(TextEncoding::Utf8, text.as_bytes(), size).unwrap(),
                text,
                "chunk {size}"
            );
        }
    }

    #[test]
    fn utf16_both_orders_split_anywhere() {
        let text = "Köln,𝄞,€\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        for size in 1..7 {
            assert_eq!(chunked(TextEncoding::Utf16Le, &le, size).unwrap(), text);
            assert_eq!(chunked(TextEncoding::Utf16Be, &be, size).unwrap(), text);
        }
    }

    #[test]
    fn windows_1252_high_half() {
        assert_eq!(
            TextEncoding::Windows1252
                .decode(b"K\xF6ln \x80 \x93x\x94")
                .unwrap(),
            "Köln € “x”"
        );
    }

    #[test]
    fn malformed_offsets() {
        assert_eq!(TextEncoding::Utf8.decode(b"ab\xFFcd"), Err(2));
        assert_eq!(chunked(TextEncoding::Utf8, b"abc\xC3", 2), Err(3));
        // lone low surrogate at unit 1 (bytes 2-3)
        assert_eq!(TextEncoding::Utf16Le.decode(&[0x61, 0, 0x00, 0xDC]), Err(2));
        // odd trailing byte
        assert_eq!(TextEncoding::Utf16Le.decode(&[0x61, 0, 0x62]), Err(2));
    }
}
