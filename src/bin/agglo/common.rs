//! Options and output shared by the subcommands.

use agglo::ingest::{load_panel, load_panel_from_reader, LoadOptions};
use agglo::panel::{Panel, Reference};
use agglo::{Error, ErrorCode, Location, Result, Warning};
use clap::ValueEnum;
use serde_json::Value;
use std::path::Path;

#[derive(Clone, Copy, Debug, Default, ValueEnum)]
pub enum Format {
    #[default]
    Json,
    Csv,
}

/// The data input options every panel subcommand accepts.
#[derive(clap::Args, Debug, Clone)]
pub struct DataArgs {
    /// Data file (CSV/TSV/XLSX; long or wide layout).
    #[arg(long)]
    pub data: String,
    /// Reference table (e.g. national totals by industry); default: the sum of the loaded regions.
    #[arg(long)]
    pub reference: Option<String>,
    #[arg(long)]
    pub region_col: Option<String>,
    #[arg(long)]
    pub industry_col: Option<String>,
    #[arg(long)]
    pub year_col: Option<String>,
    /// The measure column (default: employment, else the first numeric column).
    #[arg(long)]
    pub value_col: Option<String>,
    /// XLSX sheet (default: the first).
    #[arg(long)]
    pub sheet: Option<String>,
    /// Year of a table without a year column (default: from the sheet name, e.g. "Employment 2021").
    #[arg(long)]
    pub data_year: Option<i32>,
    /// Force the encoding of the data file (utf-8, utf-16le, windows-1252, …).
    #[arg(long)]
    pub encoding: Option<String>,
    /// More data files merged into the same panel (e.g. a wide sheet per year); repeatable. A cell
    /// given twice with different values is an error.
    #[arg(long = "add-data")]
    pub add_data: Vec<String>,
}

pub fn read_file(path: &str) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| {
        Error::new(ErrorCode::EmptyFile, format!("cannot read the file: {e}"))
            .at(Location::file(path))
    })
}

/// A sibling of `path` with another extension (`x.shp` → `x.dbf` or `x.DBF`), if it exists.
fn sibling(path: &str, ext: &str) -> Option<std::path::PathBuf> {
    let p = Path::new(path);
    [ext.to_ascii_lowercase(), ext.to_ascii_uppercase()]
        .iter()
        .map(|e| p.with_extension(e))
        .find(|c| c.is_file())
}

/// Boundaries from a file. A `.shp` is read with its sibling `.dbf` (attributes, required) and
/// optional `.cpg` (code page); `.prj` and `.shx` are not needed.
pub fn load_geometry(
    path: &str,
    opts: &agglo::ingest::boundaries::BoundaryOptions,
) -> Result<(agglo::ingest::boundaries::Boundaries, Vec<Warning>)> {
    use agglo::ingest::boundaries::{load_boundaries, load_shapefile_parts};
    let bytes = read_file(path)?;
    if !path.to_ascii_lowercase().ends_with(".shp") {
        return load_boundaries(&bytes, &file_name(path), opts);
    }
    let dbf = sibling(path, "dbf").ok_or_else(|| {
        Error::new(
            ErrorCode::ShapefileRead,
            format!(
                "{} is missing next to {}: a Shapefile needs its .dbf (the attributes with the region ids); put it beside the .shp or give the .zip",
                file_name(&Path::new(path).with_extension("dbf").to_string_lossy()),
                file_name(path)
            ),
        )
        .at(Location::file(file_name(path)))
    })?;
    let dbf_bytes = read_file(&dbf.to_string_lossy())?;
    let cpg = sibling(path, "cpg")
        .and_then(|c| std::fs::read(c).ok())
        .map(|b| String::from_utf8_lossy(&b).trim().to_string());
    load_shapefile_parts(&bytes, &dbf_bytes, cpg.as_deref(), &file_name(path), opts)
}

pub fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string())
}

/// A loaded panel, its optional reference panel, and the warnings so far.
pub struct Loaded {
    pub panel: Panel,
    pub reference: Option<(Panel, String)>,
    pub warnings: Vec<Warning>,
    /// The measure to analyse.
    pub measure: usize,
}

impl DataArgs {
    fn options(&self) -> LoadOptions {
        LoadOptions {
            region_col: self.region_col.clone(),
            industry_col: self.industry_col.clone(),
            year_col: self.year_col.clone(),
            sheet: self.sheet.clone(),
            year: self.data_year,
            encoding: self.encoding.clone(),
            ..Default::default()
        }
    }

    pub fn load(&self) -> Result<Loaded> {
        let opts = self.options();
        // Streamed from disk: memory stays near the size of the panel, not of the file.
        let file = std::fs::File::open(&self.data).map_err(|e| {
            Error::new(ErrorCode::EmptyFile, format!("cannot read the file: {e}"))
                .at(Location::file(self.data.clone()))
        })?;
        let (mut panel, report) = load_panel_from_reader(file, &file_name(&self.data), &opts)?;
        let mut warnings = report.warnings;
        for extra in &self.add_data {
            let (p, r) = load_panel(&read_file(extra)?, &file_name(extra), &opts)?;
            warnings.extend(r.warnings);
            panel = panel.merge(&p).map_err(|e| Error {
                location: Location {
                    file: Some(file_name(extra)),
                    ..e.location
                },
                ..e
            })?;
        }
        let measure = match &self.value_col {
            Some(v) => panel.measure_index(v)?,
            None => panel.default_measure(),
        };
        let reference = match &self.reference {
            Some(path) => {
                // The reference has no regions of its own in the usual national file: accept a table
                // without a region column by treating the whole file as one region.
                let ropts = LoadOptions {
                    reference: true,
                    year_col: self.year_col.clone(),
                    industry_col: self.industry_col.clone(),
                    ..Default::default()
                };
                let (rp, rr) = load_panel(&read_file(path)?, &file_name(path), &ropts)?;
                warnings.extend(rr.warnings);
                Some((rp, file_name(path)))
            }
            None => None,
        };
        Ok(Loaded {
            panel,
            reference,
            warnings,
            measure,
        })
    }
}

impl Loaded {
    /// The reference economy for year index `y`, with its warnings added.
    pub fn reference_for(&mut self, y: usize) -> Result<Reference> {
        match &self.reference {
            Some((rp, name)) => {
                let (r, w) = Reference::from_table(rp, name, &self.panel, self.measure, y)?;
                self.warnings.extend(w);
                Ok(r)
            }
            None => Ok(Reference::sum_of_regions(&self.panel, self.measure, y)),
        }
    }

    /// The year index of `--year`, or of the latest year in the data when absent.
    pub fn year_or_latest(&self, year: Option<i32>) -> Result<usize> {
        self.panel.year_or_latest(year)
    }

    /// Year indices selected by `--year` (all when absent).
    pub fn years(&self, year: Option<i32>) -> Result<Vec<usize>> {
        match year {
            Some(y) => Ok(vec![self.panel.year_index(y)?]),
            None => Ok((0..self.panel.years.len()).collect()),
        }
    }
}

/// Print a result: JSON as is; CSV from its `rows` array.
pub fn emit(value: &Value, format: Format) -> Result<()> {
    let text = match format {
        Format::Json => serde_json::to_string_pretty(value)
            .map_err(|e| Error::new(ErrorCode::Internal, e.to_string()))?,
        Format::Csv => {
            let rows = value
                .get("rows")
                .and_then(|r| r.as_array())
                .cloned()
                .unwrap_or_default();
            let csv = agglo::export::rows_to_csv(&rows)?;
            if let Some(w) = value.get("warnings").and_then(|w| w.as_array()) {
                for w in w {
                    eprintln!(
                        "warning: {}",
                        w.get("message").and_then(|m| m.as_str()).unwrap_or("")
                    );
                }
            }
            csv.trim_end().to_string()
        }
    };
    print_out(&format!("{text}\n"))
}

/// Write `text` to standard output. A reader that closed the pipe early (`agglo lq … | head`) ends
/// the program quietly; other write errors are reported.
pub fn print_out(text: &str) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => Err(Error::new(
            ErrorCode::Internal,
            format!("cannot write the output: {e}"),
        )),
    }
}

pub fn to_value<T: serde::Serialize>(v: &T) -> Result<Value> {
    serde_json::to_value(v).map_err(|e| Error::new(ErrorCode::Internal, e.to_string()))
}

/// Put `year` right after the first field (`region` / `industry`) of a flat row.
pub fn with_year(v: Value, year: i32) -> Value {
    match v {
        Value::Object(map) => {
            let mut out = serde_json::Map::new();
            let mut done = false;
            for (k, val) in map {
                out.insert(k, val);
                if !done {
                    out.insert("year".into(), Value::from(year));
                    done = true;
                }
            }
            Value::Object(out)
        }
        other => other,
    }
}

/// The index of the first measure whose name starts with `prefix` (case-insensitive).
pub fn measure_named(panel: &Panel, prefix: &str) -> Option<usize> {
    panel
        .measures
        .iter()
        .position(|m| m.to_ascii_lowercase().starts_with(prefix))
}
