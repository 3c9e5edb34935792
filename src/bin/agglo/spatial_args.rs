//! Options shared by the spatial subcommands: the geometry, the weights, and where the values come
//! from (the geometry's properties, a plain table joined on a column, or an indicator of a panel).

use crate::common::{file_name, read_file};
use agglo::ingest::boundaries::{Boundaries, BoundaryOptions};
use agglo::ingest::{load_panel, parse_number, LoadOptions};
use agglo::panel::Reference;
use agglo::spatial::{
    build_weights, indicator_values, Adjust, ContiguityParams, Indicator, IndicatorSpec,
    MissingPolicy, PermutationParams, SpatialWeights, Transform, WeightsSpec,
};
use agglo::{Error, ErrorCode, Location, Result, Warning};
use serde_json::Value;

#[derive(clap::Args, Debug, Clone)]
pub struct GeoArgs {
    /// Boundaries: GeoJSON, TopoJSON, a zipped Shapefile, or a .shp with its .dbf beside it.
    #[arg(long)]
    pub geometry: String,
    /// Property holding the region id (default: proposed from the data / the feature id).
    #[arg(long)]
    pub id_field: Option<String>,
    /// TopoJSON object (default: the first).
    #[arg(long)]
    pub object: Option<String>,
    /// Accept projected (non lon/lat) coordinates in GeoJSON/TopoJSON.
    #[arg(long)]
    pub projected: bool,
    /// Snapping tolerance for contiguity, in coordinate units.
    #[arg(long, default_value_t = 0.0)]
    pub tolerance: f64,
    /// Geometric contiguity check for imperfect boundaries: islands (regions without neighbours
    /// after vertex hashing), all (every region: boundaries within --tolerance connect) or off.
    #[arg(long, default_value = "islands")]
    pub fallback: String,
    /// Weights transform: r (row-standardised) or b (binary).
    #[arg(long, default_value = "r")]
    pub transform: String,
}

impl GeoArgs {
    pub fn load(&self, codes: Option<Vec<String>>) -> Result<(Boundaries, Vec<Warning>)> {
        let opts = BoundaryOptions {
            id_field: self.id_field.clone(),
            object: self.object.clone(),
            projected: self.projected,
            region_codes: codes,
            ..Default::default()
        };
        crate::common::load_geometry(&self.geometry, &opts)
    }

    pub fn weights(&self, b: &Boundaries, spec: &str) -> Result<(SpatialWeights, Vec<Warning>)> {
        let lower = spec.to_ascii_lowercase();
        if lower.ends_with(".gal") || lower.ends_with(".gwt") {
            // GeoDa weights brought by the user, aligned to the boundary ids.
            let text = String::from_utf8_lossy(&read_file(spec)?).into_owned();
            let w = if lower.ends_with(".gal") {
                agglo::spatial::read_gal(&text, &file_name(spec))?
            } else {
                agglo::spatial::read_gwt(&text, &file_name(spec))?
            };
            let (w, missing) = w.reorder(&b.ids)?;
            let mut warnings = Vec::new();
            if !missing.is_empty() {
                warnings.push(Warning::new(
                    "W_ISLANDS",
                    format!(
                        "{} region(s) have no entry in {} and are islands",
                        missing.len(),
                        file_name(spec)
                    ),
                ));
            }
            let t = Transform::parse(&self.transform)?;
            return Ok((w.transform(t), warnings));
        }
        let p = ContiguityParams {
            tolerance: self.tolerance,
            ..Default::default()
        }
        .with_fallback(&self.fallback)?;
        build_weights(
            b,
            WeightsSpec::parse(spec)?,
            Transform::parse(&self.transform)?,
            &p,
        )
    }
}

#[derive(clap::Args, Debug, Clone)]
pub struct StatArgs {
    #[command(flatten)]
    pub geo: GeoArgs,
    /// queen, rook, knn:K, band:D, idw:D[:alpha], or a GeoDa .gal / .gwt file.
    #[arg(long, default_value = "queen")]
    pub weights: String,
    /// Values table (CSV) or panel (with --industry); omitted = the geometry's own properties.
    #[arg(long)]
    pub data: Option<String>,
    /// Column of --data holding the region id (default: the panel's region column).
    #[arg(long)]
    pub join_col: Option<String>,
    /// Column (of --data, or property of the geometry) with the values; with --industry, the
    /// panel's measure (default employment).
    #[arg(long)]
    pub value_col: Option<String>,
    /// Panel mode: the industry code whose indicator is analysed.
    #[arg(long)]
    pub industry: Option<String>,
    /// Panel mode: the year (default: the latest).
    #[arg(long)]
    pub year: Option<i32>,
    /// Panel mode: lq, value or share.
    #[arg(long, default_value = "lq")]
    pub indicator: String,
    /// Regions with a geometry but no value: zero (panel mode default) or exclude.
    #[arg(long)]
    pub missing: Option<String>,
    /// Panel mode: reference table (default: the sum of the loaded regions).
    #[arg(long)]
    pub reference: Option<String>,
    #[arg(long, default_value_t = agglo::spatial::DEFAULT_PERMUTATIONS)]
    pub permutations: usize,
    #[arg(long, default_value_t = agglo::spatial::DEFAULT_SEED)]
    pub seed: u64,
    /// Significance level.
    #[arg(long, default_value_t = 0.05)]
    pub alpha: f64,
    /// none, bonferroni or fdr.
    #[arg(long, default_value = "none")]
    pub adjust: String,
}

/// Everything a statistic needs, aligned: weights over the regions kept, their values.
pub struct Prepared {
    pub boundaries: Boundaries,
    pub weights: SpatialWeights,
    pub values: Vec<f64>,
    /// Industry values (employment) per kept region, in panel mode.
    pub totals: Option<Vec<f64>>,
    pub names: Vec<String>,
    pub warnings: Vec<Warning>,
    pub params: PermutationParams,
}

impl StatArgs {
    pub fn params(&self) -> Result<PermutationParams> {
        let p = PermutationParams {
            permutations: self.permutations,
            seed: self.seed,
            alpha: self.alpha,
            adjust: Adjust::parse(&self.adjust)?,
        };
        p.validate()?;
        Ok(p)
    }

    pub fn prepare(&self) -> Result<Prepared> {
        let params = self.params()?;
        let mut warnings = Vec::new();
        let (values, totals, b): (Vec<Option<f64>>, Option<Vec<f64>>, Boundaries) =
            match (&self.data, &self.industry) {
                (Some(data), Some(industry)) => {
                    let opts = LoadOptions {
                        region_col: self.join_col.clone(),
                        ..Default::default()
                    };
                    let (panel, rep) = load_panel(&read_file(data)?, &file_name(data), &opts)?;
                    warnings.extend(rep.warnings);
                    let (b, w) = self.geo.load(Some(panel.regions.clone()))?;
                    warnings.extend(w);
                    let m = match &self.value_col {
                        Some(v) => panel.measure_index(v)?,
                        None => panel.default_measure(),
                    };
                    let y = match self.year {
                        Some(y) => panel.year_index(y)?,
                        None => panel.years.len().saturating_sub(1),
                    };
                    let reference = match &self.reference {
                        Some(path) => {
                            let ropts = LoadOptions {
                                reference: true,
                                ..Default::default()
                            };
                            let (rp, rr) = load_panel(&read_file(path)?, &file_name(path), &ropts)?;
                            warnings.extend(rr.warnings);
                            let (r, w) =
                                Reference::from_table(&rp, &file_name(path), &panel, m, y)?;
                            warnings.extend(w);
                            r
                        }
                        None => Reference::sum_of_regions(&panel, m, y),
                    };
                    let missing = MissingPolicy::parse(self.missing.as_deref().unwrap_or("zero"))?;
                    let spec = IndicatorSpec {
                        measure: m,
                        year: y,
                        industry: industry.clone(),
                        indicator: Indicator::parse(&self.indicator)?,
                        missing,
                    };
                    let iv = indicator_values(&panel, &reference, &spec, &b.ids)?;
                    warnings.extend(iv.warnings);
                    (iv.values, Some(iv.industry_values), b)
                }
                (Some(data), None) => {
                    let (codes, vals) =
                        read_table(data, self.join_col.as_deref(), self.value_col.as_deref())?;
                    let (b, w) = self.geo.load(Some(codes.clone()))?;
                    warnings.extend(w);
                    let map: std::collections::HashMap<&str, f64> = codes
                        .iter()
                        .map(|s| s.as_str())
                        .zip(vals.iter().copied())
                        .collect();
                    (
                        b.ids
                            .iter()
                            .map(|id| map.get(id.as_str()).copied())
                            .collect(),
                        None,
                        b,
                    )
                }
                (None, _) => {
                    let col = self.value_col.clone().ok_or_else(|| {
                        Error::new(
                            ErrorCode::MissingColumn,
                            "name the value property with --value-col",
                        )
                    })?;
                    let (b, w) = self.geo.load(None)?;
                    warnings.extend(w);
                    let vals = b
                        .properties
                        .iter()
                        .map(|p| match p.get(&col) {
                            Some(Value::Number(n)) => n.as_f64(),
                            Some(Value::String(s)) => parse_number(s, false),
                            _ => None,
                        })
                        .collect();
                    if !b.properties.iter().any(|p| p.contains_key(&col)) {
                        return Err(Error::new(
                            ErrorCode::MissingColumn,
                            format!("no geometry property '{col}'"),
                        )
                        .at(Location::file(file_name(&self.geo.geometry)).with_column(col)));
                    }
                    (vals, None, b)
                }
            };
        let (w, ww) = self.geo.weights(&b, &self.weights)?;
        warnings.extend(ww);
        let missing_ids: Vec<&String> = b
            .ids
            .iter()
            .zip(&values)
            .filter(|(_, v)| v.is_none())
            .map(|(id, _)| id)
            .collect();
        let exclude = self.missing.as_deref() == Some("exclude") || self.industry.is_some();
        if !missing_ids.is_empty() && !exclude {
            let first = missing_ids
                .first()
                .map(|s| s.to_string())
                .unwrap_or_default();
            return Err(Error::new(
                ErrorCode::InsufficientData,
                format!(
                    "{} region(s) of the geometry have no value, first '{first}'; use --missing exclude to leave them out",
                    missing_ids.len()
                ),
            )
            .at(Location::default().with_region(first)));
        }
        let keep: Vec<bool> = values.iter().map(Option::is_some).collect();
        let (weights, values, totals, names) = if missing_ids.is_empty() {
            (
                w,
                values.into_iter().flatten().collect(),
                totals,
                b.names.clone(),
            )
        } else {
            warnings.push(Warning::new(
                "W_MISSING_EXCLUDED",
                format!(
                    "{} region(s) without a value are left out",
                    missing_ids.len()
                ),
            ));
            let pick = |v: &[String]| -> Vec<String> {
                v.iter()
                    .zip(&keep)
                    .filter(|(_, k)| **k)
                    .map(|(x, _)| x.clone())
                    .collect()
            };
            (
                w.subset(&keep)?,
                values.into_iter().flatten().collect(),
                totals.map(|t| {
                    t.iter()
                        .zip(&keep)
                        .filter(|(_, k)| **k)
                        .map(|(x, _)| *x)
                        .collect()
                }),
                pick(&b.names),
            )
        };
        Ok(Prepared {
            boundaries: b,
            weights,
            values,
            totals,
            names,
            warnings,
            params,
        })
    }
}

/// A plain CSV table: (region codes, values).
fn read_table(
    path: &str,
    join: Option<&str>,
    value: Option<&str>,
) -> Result<(Vec<String>, Vec<f64>)> {
    let name = file_name(path);
    let bytes = read_file(path)?;
    let text = String::from_utf8_lossy(&bytes);
    let mut rdr =
        csv::ReaderBuilder::new().from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| {
            Error::new(ErrorCode::CsvSyntax, e.to_string()).at(Location::file(&name).with_row(1))
        })?
        .iter()
        .map(|s| s.trim().to_string())
        .collect();
    let col = |c: Option<&str>, what: &str| -> Result<usize> {
        let c = c.ok_or_else(|| {
            Error::new(ErrorCode::MissingColumn, format!("name the {what} column"))
        })?;
        headers.iter().position(|h| h == c).ok_or_else(|| {
            Error::new(
                ErrorCode::MissingColumn,
                format!("no column '{c}'; the header has: {}", headers.join(", ")),
            )
            .at(Location::file(&name).with_row(1).with_column(c))
        })
    };
    let (jc, vc) = (col(join, "--join-col")?, col(value, "--value-col")?);
    let (mut codes, mut vals) = (Vec::new(), Vec::new());
    for (k, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| {
            Error::new(ErrorCode::RaggedRow, e.to_string())
                .at(Location::file(&name).with_row(k as u64 + 2))
        })?;
        let code = rec.get(jc).unwrap_or("").trim().to_string();
        let raw = rec.get(vc).unwrap_or("").trim();
        if agglo::ingest::is_suppression_marker(raw) {
            continue;
        }
        let v = parse_number(raw, false).ok_or_else(|| {
            Error::new(ErrorCode::NonNumeric, format!("'{raw}' is not a number")).at(
                Location::file(&name)
                    .with_row(k as u64 + 2)
                    .with_column(headers.get(vc).cloned().unwrap_or_default())
                    .with_value(raw),
            )
        })?;
        codes.push(code);
        vals.push(v);
    }
    Ok((codes, vals))
}

pub fn opt(v: Option<f64>) -> Value {
    v.map(Value::from).unwrap_or(Value::Null)
}
