//! `agglo inspect FILE`: how the file would be read – format (kind, encoding, delimiter, decimal
//! style, header row, sheets), layout (long / wide) and each column with its proposed role.

use crate::common::{file_name, read_file, to_value, Format};
use agglo::ingest::{inspect, Layout, LoadOptions};
use agglo::Result;
use serde_json::{json, Value};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The file to inspect (CSV/TSV/XLSX).
    pub file: String,
    /// XLSX sheet (default: the first).
    #[arg(long)]
    pub sheet: Option<String>,
    #[arg(long)]
    pub region_col: Option<String>,
    #[arg(long)]
    pub industry_col: Option<String>,
    #[arg(long)]
    pub year_col: Option<String>,
    /// Force the layout instead of detecting it.
    #[arg(long, value_parser = ["long", "wide"])]
    pub layout: Option<String>,
    /// Force the encoding (WHATWG label: utf-8, utf-16le, windows-1252, …).
    #[arg(long)]
    pub encoding: Option<String>,
    /// `json` prints everything; `csv` prints the column table (name, role, numeric share, samples).
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
}

pub fn run(a: Args) -> Result<(Value, Format)> {
    let opts = LoadOptions {
        sheet: a.sheet,
        region_col: a.region_col,
        industry_col: a.industry_col,
        year_col: a.year_col,
        layout: a.layout.as_deref().map(|l| {
            if l == "wide" {
                Layout::Wide
            } else {
                Layout::Long
            }
        }),
        encoding: a.encoding,
        ..Default::default()
    };
    let ins = inspect(&read_file(&a.file)?, &file_name(&a.file), &opts)?;
    let rows: Vec<Value> = ins
        .columns
        .iter()
        .map(|c| {
            json!({
                "column": c.name,
                "role": c.role,
                "numeric_share": c.numeric_share,
                "samples": c.samples.join(" | "),
            })
        })
        .collect();
    let mut v = to_value(&ins)?;
    if let Some(o) = v.as_object_mut() {
        o.insert("rows".into(), Value::Array(rows));
    }
    Ok((v, a.format))
}
