//! Region boundaries: GeoJSON, TopoJSON and Shapefile bytes → validated [`Boundaries`].
//!
//! * [`load_boundaries`] reads a GeoJSON (FeatureCollection, Feature or a bare Polygon /
//!   MultiPolygon), a TopoJSON topology (one object, default the first) or a zipped Shapefile
//!   (`.shp` + `.dbf`, optional `.cpg`); [`load_shapefile_parts`] takes `.shp` and `.dbf` bytes
//!   given separately.
//! * [`join_report`] compares the boundary ids with the data's region codes.
//! * [`to_geojson`] writes a normalised FeatureCollection for the map renderer.
//!
//! # Locations
//! Errors and warnings about a feature point at it with [`Location`]: `row` is the 1-based feature
//! number (the position in the FeatureCollection, the TopoJSON object's `geometries`, or the
//! Shapefile record number), `region` is its id when known, `column` the property concerned and
//! `value` the offending value. Broken JSON is located by `row` = line and `column` = 1-based
//! character column, as `serde_json` reports them.
//!
//! # Validation
//! Geometries must be Polygon or MultiPolygon with finite coordinates; GeoJSON and TopoJSON must be
//! longitude/latitude (RFC 7946) unless [`BoundaryOptions::projected`] is set. Unclosed rings are
//! closed with a `W_UNCLOSED_RING` warning (us-atlas' `states` object has one for Illinois); a ring
//! with fewer than three distinct positions is dropped with `W_DEGENERATE_RING` (simplified data
//! has such slivers); a geometry whose every ring collapsed is kept as one zero-area ring with
//! `W_DEGENERATE_GEOMETRY` and flagged in [`Boundaries::degenerate`] (us-atlas 10m has one county
//! like that); a geometry without coordinates, empty or null is `E_GEOMETRY_EMPTY`. Polygons whose edges cross are kept, flagged in
//! [`Boundaries::self_intersecting`] and reported with `W_SELF_INTERSECTION` (weights built on them
//! still work; areas and centroids may be off).

mod geojson;
mod geometry;
mod shapefile;
mod topojson;

use crate::error::{Error, ErrorCode, Location, Result, Warning};
use geo::{Coord, LineString, MultiPolygon, Polygon};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

pub use shapefile::{load_shapefile_parts, shapefile_zip};

/// Options for [`load_boundaries`]; everything optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct BoundaryOptions {
    /// The property holding the region id. `id` means the property `id` when the features have
    /// one, else the feature-level `id` member. Default: proposed (see [`propose_id_field`]).
    pub id_field: Option<String>,
    /// The property holding a display name. Default: the first name-like property (`name`,
    /// `NAME`, `nuts_name`, …), if any.
    pub name_field: Option<String>,
    /// TopoJSON object to read. Default: the first object of the topology.
    pub object: Option<String>,
    /// The data's region codes, used only to propose the id property whose values match them.
    pub region_codes: Option<Vec<String>>,
    /// Accept coordinates outside longitude/latitude range in GeoJSON/TopoJSON (projected data).
    pub projected: bool,
}

/// One property of the features, as offered to the user when choosing the id.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PropertyInfo {
    /// Property name; `id` for the feature-level id member when no property has that name.
    pub name: String,
    /// The first few values as text.
    pub samples: Vec<String>,
    /// Every feature has a non-null value.
    pub complete: bool,
    /// No two features share a value.
    pub unique: bool,
    /// How many values are among the data's region codes (0 when none were given).
    pub matches: usize,
}

/// Validated boundaries: one multipolygon per region, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct Boundaries {
    /// Region ids from the chosen id property (text; leading zeros kept).
    pub ids: Vec<String>,
    /// Display names from the name property; empty strings when there is none.
    pub names: Vec<String>,
    pub geometries: Vec<MultiPolygon<f64>>,
    /// Each feature's properties as read.
    pub properties: Vec<Map<String, Value>>,
    /// The id property used (`id` may mean the feature-level id, see [`BoundaryOptions`]).
    pub id_field: String,
    pub name_field: Option<String>,
    /// Every property found, with samples, for the id chooser.
    pub available_properties: Vec<PropertyInfo>,
    /// `geojson`, `topojson` or `shapefile`.
    pub format: String,
    /// TopoJSON only: the topology objects and the one read.
    pub objects: Vec<String>,
    /// TopoJSON only: per region, the (non-negative) arc indices its rings use. Two regions that
    /// share an arc share an edge: exact rook neighbours.
    pub arcs: Option<Vec<Vec<usize>>>,
    /// Indices of regions with crossing edges (kept, flagged).
    pub self_intersecting: Vec<usize>,
    /// Indices of regions whose every ring collapsed (kept as a zero-area ring, flagged).
    pub degenerate: Vec<usize>,
}

/// Serializable summary of [`Boundaries`] (no coordinates), for the page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BoundarySummary {
    pub n: usize,
    pub format: String,
    pub id_field: String,
    pub name_field: Option<String>,
    pub ids: Vec<String>,
    pub names: Vec<String>,
    pub available_properties: Vec<PropertyInfo>,
    pub objects: Vec<String>,
    pub self_intersecting: Vec<String>,
    pub degenerate: Vec<String>,
    /// `[min_x, min_y, max_x, max_y]`.
    pub bbox: [f64; 4],
}

impl Boundaries {
    /// Number of regions.
    pub fn len(&self) -> usize {
        self.ids.len()
    }
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
    /// Index of a region id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.ids.iter().position(|x| x == id)
    }
    /// Summary without coordinates.
    pub fn summary(&self) -> BoundarySummary {
        let mut bbox = [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ];
        for g in &self.geometries {
            for p in &g.0 {
                for c in p.exterior().0.iter() {
                    bbox[0] = bbox[0].min(c.x);
                    bbox[1] = bbox[1].min(c.y);
                    bbox[2] = bbox[2].max(c.x);
                    bbox[3] = bbox[3].max(c.y);
                }
            }
        }
        BoundarySummary {
            n: self.len(),
            format: self.format.clone(),
            id_field: self.id_field.clone(),
            name_field: self.name_field.clone(),
            ids: self.ids.clone(),
            names: self.names.clone(),
            available_properties: self.available_properties.clone(),
            objects: self.objects.clone(),
            self_intersecting: self
                .self_intersecting
                .iter()
                .filter_map(|&k| self.ids.get(k).cloned())
                .collect(),
            degenerate: self
                .degenerate
                .iter()
                .filter_map(|&k| self.ids.get(k).cloned())
                .collect(),
            bbox,
        }
    }
}

/// A feature as read by a format reader, before ids are chosen.
#[derive(Debug, Clone)]
pub(crate) struct RawFeature {
    /// Feature-level id member (GeoJSON/TopoJSON), as text.
    pub id: Option<String>,
    pub properties: Map<String, Value>,
    /// Polygons → rings → positions, as read (rings may be unclosed).
    pub polygons: Vec<Vec<Vec<Coord<f64>>>>,
    /// TopoJSON arcs used.
    pub arcs: Vec<usize>,
}

pub(crate) struct RawCollection {
    pub format: &'static str,
    pub features: Vec<RawFeature>,
    pub objects: Vec<String>,
    pub topology: bool,
    /// Check longitude/latitude range.
    pub geographic: bool,
}

/// Location of feature `k` (0-based) in `file`.
pub(crate) fn feature_location(file: &str, k: usize, id: Option<&str>) -> Location {
    let l = Location::file(file).with_row(k as u64 + 1);
    match id {
        Some(id) => l.with_region(id),
        None => l,
    }
}

/// A JSON scalar as id text: strings as is (trimmed), integral numbers without a decimal point,
/// `None` for null, arrays and objects.
pub fn value_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Some(i.to_string())
            } else if let Some(u) = n.as_u64() {
                Some(u.to_string())
            } else {
                n.as_f64().map(|f| {
                    if f.fract() == 0.0 && f.abs() < 1e15 {
                        format!("{}", f as i64)
                    } else {
                        f.to_string()
                    }
                })
            }
        }
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Load boundaries from file bytes.
///
/// The format is detected from the content (a zip archive → Shapefile; JSON with
/// `"type": "Topology"` → TopoJSON; other JSON → GeoJSON), the file name only breaks ties.
///
/// # Arguments
/// * `bytes` the file, `file_name` for messages and format hints, `opts` see [`BoundaryOptions`].
///
/// # Returns
/// The boundaries and the warnings (closed rings, self-intersections, proposed id field).
///
/// # Errors
/// `E_GEOMETRY_PARSE` (broken JSON, located by line and column), `E_GEOMETRY_INVALID` (wrong
/// geometry type, non-numeric, NaN or out-of-range coordinate, degenerate ring),
/// `E_GEOMETRY_EMPTY`, `E_TOPOLOGY_PARSE` (bad arc index, missing object), `E_SHAPEFILE_READ`
/// (truncated zip or `.shp`/`.dbf`), `E_MISSING_ID_FIELD`, `E_DUPLICATE_ID`, `E_EMPTY_FILE`,
/// `E_UNKNOWN_FORMAT` — each located at the feature (see the module docs).
///
/// # Complexity
/// O(V log V) in the number of vertices V (the self-intersection sweep dominates).
///
/// # Examples
/// ```
/// use agglo::ingest::boundaries::{load_boundaries, BoundaryOptions};
/// let gj = br#"{"type":"FeatureCollection","features":[
///   {"type":"Feature","properties":{"fips":"01","name":"A"},
///    "geometry":{"type":"Polygon","coordinates":[[[0,0],[2,0],[2,1],[0,1],[0,0]]]}}]}"#;
/// let (b, _w) = load_boundaries(gj, "a.geojson", &BoundaryOptions::default()).unwrap();
/// assert_eq!(b.ids, vec!["01"]);
/// assert_eq!(b.names, vec!["A"]);
/// use geo::Area;
/// assert_eq!(b.geometries[0].unsigned_area(), 2.0);
/// ```
pub fn load_boundaries(
    bytes: &[u8],
    file_name: &str,
    opts: &BoundaryOptions,
) -> Result<(Boundaries, Vec<Warning>)> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(
            Error::new(ErrorCode::EmptyFile, "the boundary file is empty")
                .at(Location::file(file_name)),
        );
    }
    let mut warnings = Vec::new();
    let lower = file_name.to_ascii_lowercase();
    // The page converts a zipped Shapefile to GeoJSON in the extras module and loads that under
    // the zip's name: JSON content wins over the extension.
    let raw = if bytes.starts_with(b"PK")
        || (lower.ends_with(".zip") && strip_bom(bytes).first() != Some(&b'{'))
    {
        shapefile::read_zip(bytes, file_name, &mut warnings)?
    } else if bytes.len() >= 4 && bytes.get(..4) == Some(&[0u8, 0, 0x27, 0x0a][..]) {
        warnings.push(
            Warning::new(
                "W_NO_DBF",
                "a .shp without its .dbf has no attributes: ids are record numbers; upload the .zip or both files to use an id property",
            )
            .at(Location::file(file_name)),
        );
        shapefile::read_parts(bytes, None, None, file_name, &mut warnings)?
    } else if lower.ends_with(".dbf") || lower.ends_with(".shx") || lower.ends_with(".prj") {
        return Err(Error::new(
            ErrorCode::ShapefileRead,
            format!("{file_name} is only one part of a Shapefile: load it together with its .shp (and .dbf), or the .zip"),
        )
        .at(Location::file(file_name)));
    } else {
        let text = strip_bom(bytes);
        let value: Value =
            serde_json::from_slice(text).map_err(|e| json_error(e, text, file_name))?;
        let is_topo = value.get("type").and_then(Value::as_str) == Some("Topology");
        if is_topo {
            topojson::read(&value, file_name, opts.object.as_deref())?
        } else {
            geojson::read(&value, file_name)?
        }
    };
    finish(raw, file_name, opts, warnings)
}

fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

fn json_error(e: serde_json::Error, text: &[u8], file: &str) -> Error {
    let (line, col) = (e.line(), e.column());
    // serde_json reports NaN / Infinity tokens as a bare "expected value": name them.
    let offset = text
        .split(|b| *b == b'\n')
        .take(line.saturating_sub(1))
        .map(|l| l.len() + 1)
        .sum::<usize>()
        + col.saturating_sub(1);
    let rest = text.get(offset..).unwrap_or(&[]);
    let msg = if rest.starts_with(b"NaN")
        || rest.starts_with(b"Infinity")
        || rest.starts_with(b"-Infinity")
    {
        "a coordinate is NaN or Infinity, which JSON (and GeoJSON) does not allow".to_string()
    } else if e.is_eof() {
        format!("the JSON ends early (truncated file?): {e}")
    } else {
        format!("broken JSON: {e}")
    };
    Error::new(ErrorCode::GeometryParse, msg).at(Location::file(file)
        .with_row(line as u64)
        .with_column(col.to_string()))
}

/// Choose ids and names, validate geometry, build [`Boundaries`].
pub(crate) fn finish(
    raw: RawCollection,
    file: &str,
    opts: &BoundaryOptions,
    mut warnings: Vec<Warning>,
) -> Result<(Boundaries, Vec<Warning>)> {
    if raw.features.is_empty() {
        return Err(
            Error::new(ErrorCode::NoData, "the boundary file has no features")
                .at(Location::file(file)),
        );
    }
    let available = property_infos(&raw.features, opts.region_codes.as_deref());
    let id_field = match &opts.id_field {
        Some(f) => f.clone(),
        None => {
            let f = propose_id_field(&available);
            warnings.push(
                Warning::new(
                    "W_ID_FIELD_PROPOSED",
                    format!(
                        "region ids are taken from '{f}' (proposed); properties available: {}",
                        available
                            .iter()
                            .map(|p| p.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
                .at(Location::file(file).with_column(f.clone())),
            );
            f
        }
    };
    if !available.iter().any(|p| p.name == id_field) {
        return Err(Error::new(
            ErrorCode::MissingIdField,
            format!(
                "no feature has the id property '{id_field}'; properties available: {}",
                available
                    .iter()
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
        .at(Location::file(file).with_column(id_field)));
    }
    let name_field = match &opts.name_field {
        Some(f) => {
            if !available.iter().any(|p| &p.name == f) {
                return Err(Error::new(
                    ErrorCode::MissingColumn,
                    format!("no feature has the name property '{f}'"),
                )
                .at(Location::file(file).with_column(f.clone())));
            }
            Some(f.clone())
        }
        None => propose_name_field(&available, &id_field),
    };
    let n = raw.features.len();
    let mut ids = Vec::with_capacity(n);
    let mut names = Vec::with_capacity(n);
    let mut geometries = Vec::with_capacity(n);
    let mut properties = Vec::with_capacity(n);
    let mut arcs = Vec::with_capacity(n);
    let mut self_intersecting = Vec::new();
    let mut degenerate = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (k, f) in raw.features.into_iter().enumerate() {
        let id = field_value(&f, &id_field).ok_or_else(|| {
            Error::new(
                ErrorCode::MissingIdField,
                format!(
                    "feature {} has no value for the id property '{id_field}'",
                    k + 1
                ),
            )
            .at(feature_location(file, k, f.id.as_deref()).with_column(id_field.clone()))
        })?;
        if id.is_empty() {
            return Err(Error::new(
                ErrorCode::MissingIdField,
                format!("feature {} has an empty id in '{id_field}'", k + 1),
            )
            .at(feature_location(file, k, None).with_column(id_field.clone())));
        }
        if let Some(first) = seen.get(&id) {
            return Err(Error::new(
                ErrorCode::DuplicateId,
                format!(
                    "id '{id}' appears twice: features {} and {}",
                    first + 1,
                    k + 1
                ),
            )
            .at(feature_location(file, k, Some(&id))
                .with_column(id_field.clone())
                .with_value(id.clone())));
        }
        seen.insert(id.clone(), k);
        let loc = feature_location(file, k, Some(&id));
        let (mp, crossing, collapsed) = geometry::build(
            &f.polygons,
            &loc,
            raw.geographic && !opts.projected,
            &mut warnings,
        )?;
        if collapsed {
            degenerate.push(k);
        }
        if crossing {
            self_intersecting.push(k);
            warnings.push(
                Warning::new(
                    "W_SELF_INTERSECTION",
                    format!("region '{id}' has crossing edges; it is kept and flagged"),
                )
                .at(loc.clone()),
            );
        }
        names.push(
            name_field
                .as_ref()
                .and_then(|nf| field_value(&f, nf))
                .unwrap_or_default(),
        );
        ids.push(id);
        geometries.push(mp);
        properties.push(f.properties);
        arcs.push(f.arcs);
    }
    Ok((
        Boundaries {
            ids,
            names,
            geometries,
            properties,
            id_field,
            name_field,
            available_properties: available,
            format: raw.format.to_string(),
            objects: raw.objects,
            arcs: if raw.topology { Some(arcs) } else { None },
            self_intersecting,
            degenerate,
        },
        warnings,
    ))
}

/// The value of `field` for a feature: the property, or the feature-level id for `id`.
fn field_value(f: &RawFeature, field: &str) -> Option<String> {
    match f.properties.get(field) {
        Some(v) => value_text(v),
        None if field == "id" => f.id.clone(),
        None => None,
    }
}

fn property_infos(features: &[RawFeature], codes: Option<&[String]>) -> Vec<PropertyInfo> {
    let mut names: Vec<String> = Vec::new();
    let has_prop_id = features.iter().any(|f| f.properties.contains_key("id"));
    if !has_prop_id && features.iter().any(|f| f.id.is_some()) {
        names.push("id".to_string());
    }
    let mut seen: HashSet<String> = names.iter().cloned().collect();
    for f in features {
        for k in f.properties.keys() {
            if seen.insert(k.clone()) {
                names.push(k.clone());
            }
        }
    }
    let code_set: HashSet<&str> = codes.unwrap_or(&[]).iter().map(|s| s.as_str()).collect();
    names
        .into_iter()
        .map(|name| {
            let values: Vec<Option<String>> =
                features.iter().map(|f| field_value(f, &name)).collect();
            let present: Vec<&String> = values.iter().flatten().collect();
            let distinct: HashSet<&String> = present.iter().copied().collect();
            PropertyInfo {
                samples: present.iter().take(5).map(|s| (*s).clone()).collect(),
                complete: present.len() == features.len(),
                unique: distinct.len() == present.len(),
                matches: present
                    .iter()
                    .filter(|s| code_set.contains(s.as_str()))
                    .count(),
                name,
            }
        })
        .collect()
}

/// Propose the id property: the one whose values match most of the data's region codes; without
/// codes (or no match), the feature `id` when complete and unique, else the first complete and
/// unique property whose name looks like an identifier (`geoid`, `fips`, `*_id`, `*code*`, …),
/// else the first complete and unique property, else `id`.
pub fn propose_id_field(props: &[PropertyInfo]) -> String {
    let id_like = |name: &str| {
        let l = name.to_ascii_lowercase();
        [
            "geoid", "geo_id", "fips", "nuts_id", "polyid", "id", "code", "gid", "ags",
        ]
        .iter()
        .any(|k| l == *k)
            || l.ends_with("id")
            || l.contains("code")
            || l.contains("fips")
    };
    // Among equally good candidates: the feature id, then id-like names, then file order.
    let pick = |cands: Vec<&PropertyInfo>| -> Option<String> {
        cands
            .iter()
            .find(|p| p.name == "id")
            .or_else(|| cands.iter().find(|p| id_like(&p.name)))
            .or_else(|| cands.first())
            .map(|p| p.name.clone())
    };
    let best = props.iter().map(|p| p.matches).max().unwrap_or(0);
    if best > 0 {
        if let Some(f) = pick(props.iter().filter(|p| p.matches == best).collect()) {
            return f;
        }
    }
    pick(props.iter().filter(|p| p.complete && p.unique).collect())
        .unwrap_or_else(|| "id".to_string())
}

fn propose_name_field(props: &[PropertyInfo], id_field: &str) -> Option<String> {
    let exact = [
        "name",
        "namelsad",
        "nuts_name",
        "name_latn",
        "region_name",
        "county",
        "label",
    ];
    props
        .iter()
        .filter(|p| p.name != id_field)
        .find(|p| exact.contains(&p.name.to_ascii_lowercase().as_str()))
        .or_else(|| {
            props
                .iter()
                .filter(|p| p.name != id_field)
                .find(|p| p.name.to_ascii_lowercase().contains("name"))
        })
        .map(|p| p.name.clone())
}

/// How the boundary ids and the data's region codes join.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JoinReport {
    /// Regions with both data and geometry.
    pub matched: usize,
    /// Data region codes with no geometry (not drawn, excluded from spatial statistics).
    pub regions_without_geometry: Vec<String>,
    /// Boundary ids with no data row.
    pub geometry_without_data: Vec<String>,
    /// Their names, same order (empty when the boundaries have none).
    pub geometry_without_data_names: Vec<String>,
    /// Set when codes would join after removing leading zeros (e.g. data `1001`, map `01001`):
    /// the join itself is exact, this only tells the user how to fix the codes.
    pub hint: Option<String>,
}

/// Compare boundary ids with the data's region codes. Matching is exact (text equality); a hint
/// is added when ignoring leading zeros would have matched more.
///
/// # Complexity
/// O(n + m) expected.
///
/// # Examples
/// ```
/// use agglo::ingest::boundaries::{join_report, load_boundaries, BoundaryOptions};
/// let gj = br#"{"type":"FeatureCollection","features":[
///   {"type":"Feature","id":"01001","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},
///   {"type":"Feature","id":"01003","properties":{},"geometry":{"type":"Polygon","coordinates":[[[1,0],[2,0],[2,1],[1,0]]]}}]}"#;
/// let (b, _) = load_boundaries(gj, "x.geojson", &BoundaryOptions::default()).unwrap();
/// let r = join_report(&b, &["01001".to_string(), "1003".to_string()]);
/// assert_eq!(r.matched, 1);
/// assert_eq!(r.regions_without_geometry, vec!["1003"]);
/// assert!(r.hint.is_some());
/// ```
pub fn join_report(boundaries: &Boundaries, region_codes: &[String]) -> JoinReport {
    let ids: HashSet<&str> = boundaries.ids.iter().map(|s| s.as_str()).collect();
    let codes: HashSet<&str> = region_codes.iter().map(|s| s.as_str()).collect();
    let regions_without_geometry: Vec<String> = region_codes
        .iter()
        .filter(|c| !ids.contains(c.as_str()))
        .cloned()
        .collect();
    let mut geometry_without_data = Vec::new();
    let mut geometry_without_data_names = Vec::new();
    for (k, id) in boundaries.ids.iter().enumerate() {
        if !codes.contains(id.as_str()) {
            geometry_without_data.push(id.clone());
            geometry_without_data_names.push(boundaries.names.get(k).cloned().unwrap_or_default());
        }
    }
    let matched = region_codes
        .iter()
        .filter(|c| ids.contains(c.as_str()))
        .count();
    let strip = |s: &str| s.trim_start_matches('0').to_string();
    let stripped_ids: HashMap<String, &str> = boundaries
        .ids
        .iter()
        .map(|s| (strip(s), s.as_str()))
        .collect();
    let padded: Vec<(&String, &str)> = regions_without_geometry
        .iter()
        .filter_map(|c| stripped_ids.get(&strip(c)).map(|id| (c, *id)))
        .collect();
    let hint = padded.first().map(|(c, id)| {
        format!(
            "{} region code(s) would join if leading zeros were ignored (e.g. data '{c}' vs boundary '{id}'); read codes as text and pad them to the same width",
            padded.len()
        )
    });
    JoinReport {
        matched,
        regions_without_geometry,
        geometry_without_data,
        geometry_without_data_names,
        hint,
    }
}

/// A normalised GeoJSON FeatureCollection for the map: each feature has `id` = the chosen id,
/// `properties` = `{ "name": … }` and a Polygon (one part) or MultiPolygon geometry with closed
/// rings.
///
/// # Examples
/// ```
/// use agglo::ingest::boundaries::{load_boundaries, to_geojson, BoundaryOptions};
/// let gj = br#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1]]]}"#;
/// let (b, w) = load_boundaries(gj, "p.json", &BoundaryOptions::default()).unwrap();
/// assert!(w.iter().any(|w| w.code == "W_UNCLOSED_RING"));
/// let out: serde_json::Value = serde_json::from_str(&to_geojson(&b)).unwrap();
/// assert_eq!(out["features"][0]["id"], "1");
/// assert_eq!(out["features"][0]["geometry"]["coordinates"][0].as_array().unwrap().len(), 4);
/// ```
pub fn to_geojson(b: &Boundaries) -> String {
    let ring = |ls: &LineString<f64>| -> Value {
        Value::Array(ls.0.iter().map(|c| serde_json::json!([c.x, c.y])).collect())
    };
    let poly = |p: &Polygon<f64>| -> Value {
        let mut rings = vec![ring(p.exterior())];
        rings.extend(p.interiors().iter().map(ring));
        Value::Array(rings)
    };
    let features: Vec<Value> = b
        .ids
        .iter()
        .zip(&b.geometries)
        .enumerate()
        .map(|(k, (id, g))| {
            let geometry = if g.0.len() == 1 {
                serde_json::json!({"type": "Polygon", "coordinates": g.0.first().map(poly)})
            } else {
                serde_json::json!({"type": "MultiPolygon", "coordinates": g.0.iter().map(poly).collect::<Vec<_>>()})
            };
            serde_json::json!({
                "type": "Feature",
                "id": id,
                "properties": {"name": b.names.get(k).cloned().unwrap_or_default()},
                "geometry": geometry,
            })
        })
        .collect();
    serde_json::json!({"type": "FeatureCollection", "features": features}).to_string()
}
