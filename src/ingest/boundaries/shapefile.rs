//! A minimal ESRI Shapefile reader: polygon `.shp` records (types 5, 15, 25) and `.dbf`
//! attributes, from a zip archive or from the parts. Outer rings are clockwise, holes
//! counter-clockwise (the ESRI convention); a hole is attached to the outer ring that contains it.

use super::{finish, Boundaries, BoundaryOptions, RawCollection, RawFeature};
use crate::error::{Error, ErrorCode, Location, Result, Warning};
use crate::ingest::TextEncoding;
use geo::Coord;
use serde_json::{Map, Number, Value};
#[cfg(feature = "xlsx")]
use std::io::Read;

/// Load boundaries from the bytes of a `.shp` and its `.dbf` given separately (the browser's
/// multi-file picker). `cpg` is the optional code-page file's text (`UTF-8`, `1252`, …).
///
/// # Errors
/// As [`super::load_boundaries`]; `E_SHAPEFILE_READ` when a part is truncated or the record counts
/// of `.shp` and `.dbf` differ.
pub fn load_shapefile_parts(
    shp: &[u8],
    dbf: &[u8],
    cpg: Option<&str>,
    file_name: &str,
    opts: &BoundaryOptions,
) -> Result<(Boundaries, Vec<Warning>)> {
    let mut warnings = Vec::new();
    let raw = read_parts(shp, Some(dbf), cpg, file_name, &mut warnings)?;
    finish(raw, file_name, opts, warnings)
}

/// The parts of a Shapefile (`(file name, bytes)`: `.shp`, `.dbf`, optional `.cpg`, `.prj`) as one
/// zip archive, stored without compression, so the page can keep a Shapefile chosen as separate
/// files as one file (sessions, choosing another id property) and read it back with
/// [`super::load_boundaries`].
///
/// # Errors
/// `E_SHAPEFILE_READ` when a part is 4 GiB or larger (no zip64).
///
/// # Complexity
/// O(total bytes).
///
/// # Examples
/// ```
/// let zip = agglo::ingest::boundaries::shapefile_zip(&[("a.cpg", b"UTF-8")]).unwrap();
/// assert_eq!(&zip[..4], b"PK\x03\x04");
/// assert_eq!(zip.len(), 30 + 5 + 5 + 46 + 5 + 22);
/// ```
pub fn shapefile_zip(parts: &[(&str, &[u8])]) -> Result<Vec<u8>> {
    let u32_of = |n: usize, what: &str| {
        u32::try_from(n).map_err(|_| {
            err(
                what,
                format!("{what} is too large to bundle ({n} bytes; at most 4 GiB)"),
            )
        })
    };
    let mut out = Vec::new();
    let mut central = Vec::new();
    // 1980-01-01 00:00, the earliest DOS date.
    let (time, date) = (0u16, 0x21u16);
    for (name, bytes) in parts {
        let offset = u32_of(out.len(), name)?;
        let size = u32_of(bytes.len(), name)?;
        let crc = crc32(bytes);
        let name_len = u16::try_from(name.len()).map_err(|_| err(name, "file name too long"))?;
        let common = |v: &mut Vec<u8>| {
            for x in [0u16, 0, time, date] {
                v.extend_from_slice(&x.to_le_bytes()); // flags, method (stored), time, date
            }
            v.extend_from_slice(&crc.to_le_bytes());
            v.extend_from_slice(&size.to_le_bytes());
            v.extend_from_slice(&size.to_le_bytes());
            v.extend_from_slice(&name_len.to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes()); // extra field length
        };
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&10u16.to_le_bytes()); // version needed: 1.0
        common(&mut out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(bytes);
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // version made by
        central.extend_from_slice(&10u16.to_le_bytes());
        common(&mut central);
        for x in [0u16, 0, 0] {
            central.extend_from_slice(&x.to_le_bytes()); // comment length, disk, internal attributes
        }
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let cd_offset = u32_of(out.len(), "the archive")?;
    let cd_size = u32_of(central.len(), "the archive")?;
    let n = u16::try_from(parts.len()).map_err(|_| err("the archive", "too many files"))?;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    for x in [0u16, 0, n, n] {
        out.extend_from_slice(&x.to_le_bytes());
    }
    out.extend_from_slice(&cd_size.to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    Ok(out)
}

/// CRC-32 (IEEE, reflected, as zip uses), table-driven.
fn crc32(bytes: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (i, slot) in (0u32..).zip(table.iter_mut()) {
        let mut c = i;
        for _ in 0..8 {
            c = if c & 1 == 1 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *slot = c;
    }
    let mut crc = !0u32;
    for &b in bytes {
        let idx = ((crc ^ u32::from(b)) & 0xFF) as usize;
        crc = table.get(idx).copied().unwrap_or(0) ^ (crc >> 8);
    }
    !crc
}

fn err(file: &str, msg: impl Into<String>) -> Error {
    Error::new(ErrorCode::ShapefileRead, msg).at(Location::file(file))
}

/// Without the `xlsx` feature (the main wasm module) zip archives are opened by the lazily loaded
/// extras module, which converts them to GeoJSON first.
#[cfg(not(feature = "xlsx"))]
pub(crate) fn read_zip(
    _bytes: &[u8],
    file: &str,
    _warnings: &mut Vec<Warning>,
) -> Result<RawCollection> {
    Err(Error::new(
        ErrorCode::XlsxUnavailable,
        "zip archives are read by the extras module, which this build does not include",
    )
    .at(Location::file(file)))
}

#[cfg(feature = "xlsx")]
pub(crate) fn read_zip(
    bytes: &[u8],
    file: &str,
    warnings: &mut Vec<Warning>,
) -> Result<RawCollection> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        err(
            file,
            format!("cannot read the zip archive (truncated or not a zip?): {e}"),
        )
    })?;
    let mut shp: Vec<(String, Vec<u8>)> = Vec::new();
    let (mut dbf, mut cpg) = (Vec::new(), Vec::new());
    for k in 0..zip.len() {
        let mut entry = zip
            .by_index(k)
            .map_err(|e| err(file, format!("zip entry {}: {e}", k + 1)))?;
        let name = entry
            .name()
            .map_err(|e| err(file, format!("zip entry {}: {e}", k + 1)))?
            .to_string();
        let lower = name.to_ascii_lowercase();
        if lower.starts_with("__macosx/") || entry.is_dir() {
            continue;
        }
        let kind = [".shp", ".dbf", ".cpg"]
            .into_iter()
            .find(|e| lower.ends_with(e));
        if let Some(kind) = kind {
            let mut buf = Vec::new();
            entry.read_to_end(&mut buf).map_err(|e| {
                Error::new(
                    ErrorCode::ShapefileRead,
                    format!("cannot decompress '{name}' (truncated archive?): {e}"),
                )
                .at(Location::file(file).with_value(name.clone()))
            })?;
            let stem = name.get(..name.len() - 4).unwrap_or("").to_string();
            match kind {
                ".shp" => shp.push((stem, buf)),
                ".dbf" => dbf.push((stem, buf)),
                _ => cpg.push((stem, buf)),
            }
        }
    }
    let Some((stem, shp_bytes)) = shp.first() else {
        return Err(err(file, "the zip archive contains no .shp file"));
    };
    if shp.len() > 1 {
        warnings.push(
            Warning::new(
                "W_SEVERAL_SHAPEFILES",
                format!(
                    "the archive holds {} .shp files; read '{stem}.shp'",
                    shp.len()
                ),
            )
            .at(Location::file(file)),
        );
    }
    let dbf_bytes = dbf
        .iter()
        .find(|(s, _)| s == stem)
        .map(|(_, b)| b.as_slice());
    if dbf_bytes.is_none() {
        return Err(err(
            file,
            format!("the archive has '{stem}.shp' but no '{stem}.dbf'"),
        ));
    }
    let cpg_text = cpg
        .iter()
        .find(|(s, _)| s == stem)
        .map(|(_, b)| String::from_utf8_lossy(b).trim().to_string());
    read_parts(shp_bytes, dbf_bytes, cpg_text.as_deref(), file, warnings)
}

fn be_i32(b: &[u8], at: usize) -> Option<i32> {
    Some(i32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}
fn le_i32(b: &[u8], at: usize) -> Option<i32> {
    Some(i32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}
fn le_f64(b: &[u8], at: usize) -> Option<f64> {
    Some(f64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}
fn le_u16(b: &[u8], at: usize) -> Option<usize> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?) as usize)
}
fn le_u32(b: &[u8], at: usize) -> Option<usize> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?) as usize)
}

pub(crate) fn read_parts(
    shp: &[u8],
    dbf: Option<&[u8]>,
    cpg: Option<&str>,
    file: &str,
    _warnings: &mut Vec<Warning>,
) -> Result<RawCollection> {
    if be_i32(shp, 0) != Some(9994) || shp.len() < 100 {
        return Err(err(file, "not a .shp file (bad header)"));
    }
    let mut shapes = Vec::new();
    let mut at = 100usize;
    while at < shp.len() {
        let k = shapes.len();
        let rec_loc = || Location::file(file).with_row(k as u64 + 1);
        let len = be_i32(shp, at + 4).ok_or_else(|| {
            Error::new(
                ErrorCode::ShapefileRead,
                format!("the .shp is truncated in the header of record {}", k + 1),
            )
            .at(rec_loc())
        })?;
        let start = at + 8;
        let end = start + (len.max(0) as usize) * 2;
        let content = shp.get(start..end).ok_or_else(|| {
            Error::new(
                ErrorCode::ShapefileRead,
                format!("the .shp is truncated in record {}", k + 1),
            )
            .at(rec_loc())
        })?;
        shapes.push(polygon_record(content, &rec_loc())?);
        at = end;
    }
    let records = match dbf {
        Some(d) => read_dbf(d, cpg, file)?,
        None => (1..=shapes.len())
            .map(|k| {
                let mut m = Map::new();
                m.insert("record".into(), Value::Number(Number::from(k as u64)));
                m
            })
            .collect(),
    };
    if records.len() != shapes.len() {
        return Err(err(
            file,
            format!(
                "the .shp has {} records but the .dbf has {}",
                shapes.len(),
                records.len()
            ),
        ));
    }
    let features = shapes
        .into_iter()
        .zip(records)
        .map(|(polygons, properties)| RawFeature {
            id: None,
            properties,
            polygons,
            arcs: Vec::new(),
        })
        .collect();
    Ok(RawCollection {
        format: "shapefile",
        features,
        objects: Vec::new(),
        topology: false,
        geographic: false,
    })
}

type Rings = Vec<Vec<Coord<f64>>>;

fn polygon_record(c: &[u8], loc: &Location) -> Result<Vec<Rings>> {
    let trunc =
        || Error::new(ErrorCode::ShapefileRead, "the polygon record is truncated").at(loc.clone());
    let kind = le_i32(c, 0).ok_or_else(trunc)?;
    match kind {
        0 => {
            return Err(
                Error::new(ErrorCode::GeometryEmpty, "null shape (no geometry)").at(loc.clone()),
            )
        }
        5 | 15 | 25 => {}
        other => {
            return Err(Error::new(
                ErrorCode::GeometryInvalid,
                format!("shape type {other} is not a polygon (5, 15 or 25)"),
            )
            .at(loc.clone().with_value(other.to_string())))
        }
    }
    let nparts = le_i32(c, 36).ok_or_else(trunc)?.max(0) as usize;
    let npoints = le_i32(c, 40).ok_or_else(trunc)?.max(0) as usize;
    let parts: Vec<usize> = (0..nparts)
        .map(|p| {
            le_i32(c, 44 + 4 * p)
                .map(|v| v.max(0) as usize)
                .ok_or_else(trunc)
        })
        .collect::<Result<_>>()?;
    let pts_at = 44 + 4 * nparts;
    let pts: Vec<Coord<f64>> = (0..npoints)
        .map(|p| {
            Ok(Coord {
                x: le_f64(c, pts_at + 16 * p).ok_or_else(trunc)?,
                y: le_f64(c, pts_at + 16 * p + 8).ok_or_else(trunc)?,
            })
        })
        .collect::<Result<_>>()?;
    let mut rings = Vec::with_capacity(nparts);
    for (p, &s) in parts.iter().enumerate() {
        let e = parts.get(p + 1).copied().unwrap_or(npoints);
        rings.push(pts.get(s..e).ok_or_else(trunc)?.to_vec());
    }
    Ok(group_rings(rings))
}

fn signed_area(r: &[Coord<f64>]) -> f64 {
    r.windows(2)
        .map(|w| match w {
            [a, b] => a.x * b.y - b.x * a.y,
            _ => 0.0,
        })
        .sum::<f64>()
        / 2.0
}

fn inside(p: Coord<f64>, ring: &[Coord<f64>]) -> bool {
    let mut c = false;
    for w in ring.windows(2) {
        if let [a, b] = w {
            if (a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x {
                c = !c;
            }
        }
    }
    c
}

/// Clockwise rings start polygons; counter-clockwise rings become holes of the outer ring that
/// contains them (or outer rings themselves when none does, or when the file has no clockwise
/// ring at all).
fn group_rings(rings: Vec<Vec<Coord<f64>>>) -> Vec<Rings> {
    let (outer, holes): (Vec<_>, Vec<_>) = rings.into_iter().partition(|r| signed_area(r) <= 0.0);
    if outer.is_empty() {
        return holes.into_iter().map(|r| vec![r]).collect();
    }
    let mut polys: Vec<Rings> = outer.into_iter().map(|r| vec![r]).collect();
    for h in holes {
        let probe = h.first().copied();
        let target = probe.and_then(|p| {
            polys
                .iter()
                .position(|poly| poly.first().is_some_and(|ext| inside(p, ext)))
        });
        match target.and_then(|t| polys.get_mut(t)) {
            Some(poly) => poly.push(h),
            None => polys.push(vec![h]),
        }
    }
    polys
}

fn read_dbf(d: &[u8], cpg: Option<&str>, file: &str) -> Result<Vec<Map<String, Value>>> {
    let bad = |m: &str| err(file, format!("the .dbf {m}"));
    let n = le_u32(d, 4).ok_or_else(|| bad("is truncated (header)"))?;
    let header_len = le_u16(d, 8).ok_or_else(|| bad("is truncated (header)"))?;
    let rec_len = le_u16(d, 10).ok_or_else(|| bad("is truncated (header)"))?;
    struct Field {
        name: String,
        kind: u8,
        len: usize,
        decimals: u8,
    }
    let mut fields = Vec::new();
    let mut at = 32;
    while d.get(at).is_some_and(|b| *b != 0x0d) && at + 32 <= header_len {
        let desc = d
            .get(at..at + 32)
            .ok_or_else(|| bad("is truncated (field descriptors)"))?;
        let raw_name = desc.get(..11).unwrap_or(&[]);
        let end = raw_name
            .iter()
            .position(|b| *b == 0)
            .unwrap_or(raw_name.len());
        fields.push(Field {
            name: String::from_utf8_lossy(raw_name.get(..end).unwrap_or(&[]))
                .trim()
                .to_string(),
            kind: desc.get(11).copied().unwrap_or(b'C'),
            len: desc.get(16).copied().unwrap_or(0) as usize,
            decimals: desc.get(17).copied().unwrap_or(0),
        });
        at += 32;
    }
    let encoding = cpg.and_then(|c| {
        let c = c.trim();
        let label = if c.chars().all(|ch| ch.is_ascii_digit()) {
            format!("windows-{c}")
        } else {
            c.to_string()
        };
        encoding_for_label(&label)
    });
    let decode = |b: &[u8]| -> String {
        match encoding {
            Some(enc) => enc.decode_lossy_prefix(b),
            None => match std::str::from_utf8(b) {
                Ok(s) => s.to_string(),
                Err(_) => TextEncoding::Windows1252.decode_lossy_prefix(b),
            },
        }
    };
    let mut out = Vec::with_capacity(n);
    for r in 0..n {
        let start = header_len + r * rec_len;
        let rec = d.get(start..start + rec_len).ok_or_else(|| {
            Error::new(
                ErrorCode::ShapefileRead,
                format!("the .dbf is truncated in record {}", r + 1),
            )
            .at(Location::file(file).with_row(r as u64 + 1))
        })?;
        let mut m = Map::new();
        let mut pos = 1; // deletion flag
        for f in &fields {
            let raw = rec.get(pos..pos + f.len).unwrap_or(&[]);
            pos += f.len;
            let text = decode(raw).trim().to_string();
            let v = match f.kind {
                _ if text.is_empty() => Value::Null,
                b'N' | b'F' => {
                    if f.decimals == 0 {
                        if let Ok(i) = text.parse::<i64>() {
                            Value::Number(Number::from(i))
                        } else {
                            num_or_text(&text)
                        }
                    } else {
                        num_or_text(&text)
                    }
                }
                b'L' => match text.as_str() {
                    "T" | "t" | "Y" | "y" => Value::Bool(true),
                    "F" | "f" | "N" | "n" => Value::Bool(false),
                    _ => Value::Null,
                },
                _ => Value::String(text),
            };
            m.insert(f.name.clone(), v);
        }
        out.push(m);
    }
    Ok(out)
}

fn num_or_text(t: &str) -> Value {
    t.parse::<f64>()
        .ok()
        .and_then(Number::from_f64)
        .map(Value::Number)
        .unwrap_or_else(|| Value::String(t.to_string()))
}

/// The encoding a `.cpg` names (UTF-8, UTF-16, Windows-1252 and its aliases such as `1252`,
/// `latin1`, `ISO-8859-1`); others fall back to UTF-8 / Windows-1252 detection per value.
fn encoding_for_label(label: &str) -> Option<TextEncoding> {
    TextEncoding::for_label(label)
}
