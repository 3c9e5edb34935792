//! `agglo io`: technical coefficients, (optionally) the Leontief inverse, output multipliers,
//! Rasmussen-Hirschman linkages and key sectors.

use crate::common::{file_name, read_file, to_value, Format};
use agglo::ingest::{load_panel, LoadOptions};
use agglo::io_model::{
    employment_multipliers, ghosh, hypothetical_extraction, make_use_from_grids,
    output_multipliers, parse_crosswalk, parse_io_table, rasmussen_linkages, read_grid,
    table_sector_employment, value_added_multipliers, CrosswalkOptions, ForwardMethod, IoParams,
    IoTable, IoTableOptions, LeontiefModel, LinkageParams, NegativeFlowRule,
};
use agglo::{Error, ErrorCode, Result, Warning};
use clap::ValueEnum;
use serde_json::{json, Value};

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Forward {
    Ghosh,
    LeontiefRow,
}

/// Options shared by `io` and `gaps` for reading the table.
#[derive(clap::Args, Debug, Clone)]
pub struct TableArgs {
    /// Square inter-industry flow table (CSV or XLSX: rows = sellers, columns = buyers, same order).
    #[arg(long, required_unless_present_all = ["make", "use_table"])]
    pub table: Option<String>,
    /// Make table (industry × commodity), with --use: industry-technology assumption.
    #[arg(long, requires = "use_table", conflicts_with = "table")]
    pub make: Option<String>,
    /// Use table (commodity × industry, plus final-demand columns).
    #[arg(
        long = "use",
        id = "use_table",
        requires = "make",
        conflicts_with = "table"
    )]
    pub use_table: Option<String>,
    /// Reject negative flows instead of warning.
    #[arg(long)]
    pub strict_negative: bool,
    /// Sheet of an XLSX flow table, or of XLSX Make and Use tables (e.g. the year of a BEA
    /// workbook; default: the first; `agglo io` also accepts `--sheet`).
    #[arg(long)]
    pub table_sheet: Option<String>,
}

impl TableArgs {
    pub fn load(&self) -> Result<(IoTable, LeontiefModel, Vec<Warning>)> {
        let (table, mut warnings) = match (&self.table, &self.make, &self.use_table) {
            (Some(t), _, _) => parse_io_table(
                &read_file(t)?,
                &file_name(t),
                &IoTableOptions {
                    sheet: self.table_sheet.clone(),
                    ..Default::default()
                },
            )?,
            (None, Some(m), Some(u)) => {
                let sheet = self.table_sheet.as_deref();
                make_use_from_grids(
                    &read_grid(&read_file(m)?, &file_name(m), sheet)?,
                    &read_grid(&read_file(u)?, &file_name(u), sheet)?,
                )?
            }
            _ => {
                return Err(Error::new(
                    ErrorCode::InvalidParameter,
                    "give --table, or --make with --use",
                ))
            }
        };
        let params = IoParams {
            negative_flows: if self.strict_negative {
                NegativeFlowRule::Error
            } else {
                NegativeFlowRule::Warn
            },
            ..Default::default()
        };
        let model = LeontiefModel::new(&table, &params)?;
        warnings.extend(model.warnings.iter().cloned());
        Ok((table, model, warnings))
    }
}

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub table: TableArgs,
    /// Sheet of the XLSX table(s) (same as --table-sheet).
    #[arg(long, conflicts_with = "table_sheet")]
    pub sheet: Option<String>,
    /// Also output the full Leontief inverse `l`, the Ghosh allocation coefficients `b` and inverse
    /// `g`, and the hypothetical-extraction linkages.
    #[arg(long)]
    pub full: bool,
    /// Employment by industry (e.g. national CBP, summed over its regions) for type-I employment
    /// multipliers when the table has no employment row; needs --crosswalk.
    #[arg(long, requires = "crosswalk")]
    pub employment_data: Option<String>,
    /// Crosswalk from the employment data's industry codes to the table's sectors.
    #[arg(long)]
    pub crosswalk: Option<String>,
    /// Year of the employment data (default: the latest).
    #[arg(long)]
    pub year: Option<i32>,
    /// Forward linkage from the Ghosh inverse (default) or from Leontief row sums.
    #[arg(long, value_enum, default_value_t = Forward::Ghosh)]
    pub forward: Forward,
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
}

fn rows_of(v: &[f64], n: usize) -> Vec<Vec<f64>> {
    v.chunks(n.max(1)).map(|c| c.to_vec()).collect()
}

pub fn run(mut a: Args) -> Result<(Value, Format)> {
    if a.sheet.is_some() {
        a.table.table_sheet = a.sheet.take();
    }
    let (table, model, warnings) = a.table.load()?;
    let n = table.n;
    let om = output_multipliers(&model);
    let lp = LinkageParams {
        forward: match a.forward {
            Forward::Ghosh => ForwardMethod::Ghosh,
            Forward::LeontiefRow => ForwardMethod::LeontiefRow,
        },
    };
    let lk = rasmussen_linkages(&model, &lp);
    let key: Vec<Value> = lk.key_sector.iter().map(to_value).collect::<Result<_>>()?;
    if let Format::Csv = a.format {
        let rows: Vec<Value> = (0..n)
            .map(|i| {
                json!({
                    "sector": table.sectors[i], "name": table.names[i], "output": table.x[i],
                    "output_multiplier": om.total[i], "direct": om.direct[i], "indirect": om.indirect[i],
                    "backward_linkage": lk.backward[i], "forward_linkage": lk.forward[i], "key_sector": key[i],
                })
            })
            .collect();
        return Ok((json!({ "rows": rows, "warnings": warnings }), a.format));
    }
    let mut out = json!({
        "sectors": table.sectors,
        "names": table.names,
        "output": table.x,
        "a": rows_of(&model.a, n),
        "output_multipliers": om,
        "backward_linkage": lk.backward,
        "forward_linkage": lk.forward,
        "forward_method": lk.forward_method,
        "key_sector": key,
        "linkages": lk,
    });
    let mut warnings = warnings;
    let from_data = match (&table.employment, &a.employment_data, &a.crosswalk) {
        (None, Some(path), Some(cw)) => {
            let (e, w) = data_employment(&table, path, cw, a.year)?;
            warnings.extend(w);
            Some(e)
        }
        _ => None,
    };
    if let Some(emp) = table.employment.as_ref().or(from_data.as_ref()) {
        out["employment_multipliers"] = to_value(&employment_multipliers(&model, emp)?)?;
    }
    if let Some(va) = &table.value_added {
        out["value_added_multipliers"] = to_value(&value_added_multipliers(&model, va)?)?;
    }
    if a.full {
        out["l"] = json!(rows_of(&model.inverse(), n));
        let gh = ghosh(&model);
        out["b"] = json!(rows_of(&gh.b, n));
        out["g"] = json!(rows_of(&gh.g, n));
        out["extraction"] = to_value(&hypothetical_extraction(&model, None)?)?;
    }
    out["warnings"] = to_value(&warnings)?;
    Ok((out, a.format))
}

/// Employment by IO sector from a data file (a national table without regions, or summed over its
/// regions) through the crosswalk.
fn data_employment(
    table: &IoTable,
    path: &str,
    crosswalk: &str,
    year: Option<i32>,
) -> Result<(Vec<f64>, Vec<Warning>)> {
    let opts = LoadOptions {
        reference: true,
        ..Default::default()
    };
    let (panel, report) = load_panel(&read_file(path)?, &file_name(path), &opts)?;
    let y = panel.year_or_latest(year)?;
    let cw = parse_crosswalk(
        &read_file(crosswalk)?,
        &file_name(crosswalk),
        &CrosswalkOptions::default(),
    )?;
    let (e, w) = table_sector_employment(
        table,
        &panel,
        &file_name(path),
        panel.default_measure(),
        y,
        &cw,
    );
    let mut warnings = report.warnings;
    warnings.extend(w);
    Ok((e, warnings))
}
