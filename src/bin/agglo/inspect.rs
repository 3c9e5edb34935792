//! `agglo inspect FILE`

use crate::common::{file_name, read_file, to_value, Format};
use agglo::ingest::{inspect, LoadOptions};
use agglo::Result;
use serde_json::Value;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The file to inspect.
    pub file: String,
    /// XLSX sheet (default: the first).
    #[arg(long)]
    pub sheet: Option<String>,
}

pub fn run(a: Args) -> Result<(Value, Format)> {
    let opts = LoadOptions {
        sheet: a.sheet,
        ..Default::default()
    };
    let ins = inspect(&read_file(&a.file)?, &file_name(&a.file), &opts)?;
    Ok((to_value(&ins)?, Format::Json))
}
