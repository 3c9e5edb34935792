//! `agglo boundaries`: what a boundary file holds (ids, names, properties to choose the id from,
//! flagged geometry) and how it joins the data's region codes; `--geojson` prints the normalised
//! FeatureCollection the map draws.

use crate::common::{file_name, print_out, read_file, to_value, Format};
use agglo::ingest::boundaries::{join_report, to_geojson, BoundaryOptions};
use agglo::ingest::{load_panel, LoadOptions};
use agglo::Result;
use serde_json::{json, Value};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// GeoJSON, TopoJSON or zipped Shapefile.
    #[arg(long)]
    pub geometry: String,
    #[arg(long)]
    pub id_field: Option<String>,
    #[arg(long)]
    pub name_field: Option<String>,
    /// TopoJSON object (default: the first).
    #[arg(long)]
    pub object: Option<String>,
    #[arg(long)]
    pub projected: bool,
    /// Data file whose region codes are joined (and used to propose the id property).
    #[arg(long)]
    pub data: Option<String>,
    #[arg(long)]
    pub region_col: Option<String>,
    /// Print the normalised GeoJSON instead of the summary.
    #[arg(long)]
    pub geojson: bool,
}

pub fn run(a: Args) -> Result<(Value, Format)> {
    let mut warnings = Vec::new();
    let codes = match &a.data {
        Some(d) => {
            let opts = LoadOptions {
                region_col: a.region_col.clone(),
                ..Default::default()
            };
            let (p, r) = load_panel(&read_file(d)?, &file_name(d), &opts)?;
            warnings.extend(r.warnings);
            Some(p.regions)
        }
        None => None,
    };
    let opts = BoundaryOptions {
        id_field: a.id_field.clone(),
        name_field: a.name_field.clone(),
        object: a.object.clone(),
        region_codes: codes.clone(),
        projected: a.projected,
    };
    let (b, w) = crate::common::load_geometry(&a.geometry, &opts)?;
    warnings.extend(w);
    if a.geojson {
        print_out(&format!("{}\n", to_geojson(&b)))?;
        return Ok((Value::Null, Format::Json));
    }
    let join = codes.map(|c| join_report(&b, &c));
    Ok((
        json!({
            "summary": to_value(&b.summary())?,
            "join": to_value(&join)?,
            "warnings": warnings,
        }),
        Format::Json,
    ))
}
