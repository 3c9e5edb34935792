//! `agglo linkage`: the industry linkage graph of an input-output table, of co-location across the
//! loaded regions, or of relatedness (proximity), then backbone, communities and centralities as
//! `agglo graph`.

use crate::common::{file_name, read_file, DataArgs, Format};
use crate::graph::{analyse, AnalysisArgs};
use crate::io::TableArgs;
use agglo::graph::{
    colocation_graph, io_linkage_graph, relatedness_graph, ColocationMeasure, ColocationParams,
    Graph, IoGraphMethod, IoGraphParams,
};
use agglo::io_model::{parse_crosswalk, CrosswalkOptions};
use agglo::panel::{MatrixView, Reference};
use agglo::{Result, Warning};
use clap::{Subcommand, ValueEnum};
use serde_json::Value;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum IoMethod {
    /// w_ij = max(a_ij, a_ji).
    MaxCoefficient,
    /// Feser-Bergman: the largest of four correlations of purchase and sales patterns.
    FeserBergman,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Measure {
    /// Correlation of location quotients.
    Lq,
    /// Correlation of employment shares.
    Share,
    /// Ellison-Glaeser-Kerr coagglomeration index.
    Coagglomeration,
}

/// The year, level and analysis of a graph of the loaded data (co-location, relatedness).
#[derive(clap::Args, Debug)]
pub struct DataGraph {
    /// Year (default: the latest in the data).
    #[arg(long)]
    pub year: Option<i32>,
    #[command(flatten)]
    pub level: Level,
    #[command(flatten)]
    pub analysis: AnalysisArgs,
}

/// Nodes are clusters instead of industries.
#[derive(clap::Args, Debug)]
pub struct Level {
    /// Aggregate the industries to clusters first (definitions from `--definitions`): a graph of
    /// clusters.
    #[arg(long)]
    pub clusters: bool,
    #[command(flatten)]
    pub defs: crate::clusters::DefArgs,
}

#[derive(Subcommand, Debug)]
pub enum Source {
    /// Industries linked by input-output flows.
    Io {
        #[command(flatten)]
        table: TableArgs,
        #[arg(long, value_enum, default_value_t = IoMethod::MaxCoefficient)]
        method: IoMethod,
        /// Drop edges lighter than this.
        #[arg(long, default_value_t = 0.0)]
        min_weight: f64,
        /// Crosswalk from the data's industry codes to the table's sectors: `--definitions-out`
        /// then lists data codes (each in the cluster of its main sector), usable with NAICS data.
        #[arg(long)]
        crosswalk: Option<String>,
        #[command(flatten)]
        analysis: AnalysisArgs,
    },
    /// Industries linked by the correlation of their LQs (or shares) across the loaded regions.
    Colocation {
        #[command(flatten)]
        data: DataArgs,
        #[arg(long, value_enum, default_value_t = Measure::Lq)]
        measure: Measure,
        /// Keep correlations above this.
        #[arg(long, default_value_t = 0.3)]
        min_weight: f64,
        /// Least number of regions where both industries are observed.
        #[arg(long, default_value_t = 3)]
        min_regions: usize,
        #[command(flatten)]
        graph: DataGraph,
    },
    /// Industries linked by proximity (Hidalgo): how often regions specialise (LQ >= 1) in both.
    Relatedness {
        #[command(flatten)]
        data: DataArgs,
        /// Keep proximities above this.
        #[arg(long, default_value_t = 0.3)]
        min_weight: f64,
        #[command(flatten)]
        graph: DataGraph,
    },
}

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub source: Source,
}

/// An industry graph of the loaded data (`build` from the year's matrix, reference and industry
/// codes), then the analysis of `agglo graph`.
fn data_graph(
    data: &DataArgs,
    DataGraph {
        year,
        level,
        analysis,
    }: &DataGraph,
    build: impl FnOnce(&MatrixView<'_>, &Reference, &[String]) -> Result<(Graph, Vec<Warning>)>,
) -> Result<(Value, Format)> {
    let mut loaded = data.load()?;
    if level.clusters {
        crate::clusters::to_cluster_level(&mut loaded, &level.defs)?;
    }
    let y = loaded.year_or_latest(*year)?;
    let reference = loaded.reference_for(y)?;
    let p = &loaded.panel;
    let (g, w) = build(&p.matrix(loaded.measure, y), &reference, &p.industries)?;
    let names = g.names_from(&p.industries, &p.industry_names);
    let mut warnings = std::mem::take(&mut loaded.warnings);
    warnings.extend(w);
    analyse(g, Some(&names), None, warnings, analysis, None)
}

pub fn run(a: Args) -> Result<(Value, Format)> {
    match a.source {
        Source::Io {
            table,
            method,
            min_weight,
            crosswalk,
            analysis,
        } => {
            let (t, _model, warnings) = table.load()?;
            let cw = match &crosswalk {
                Some(p) => Some(parse_crosswalk(
                    &read_file(p)?,
                    &file_name(p),
                    &CrosswalkOptions::default(),
                )?),
                None => None,
            };
            let params = IoGraphParams {
                method: match method {
                    IoMethod::MaxCoefficient => IoGraphMethod::MaxCoefficient,
                    IoMethod::FeserBergman => IoGraphMethod::FeserBergman,
                },
                min_weight,
            };
            let g = io_linkage_graph(&t.sectors, &t.z, &t.x, &params)?;
            let names = g.names_from(&t.sectors, &t.names);
            analyse(g, Some(&names), None, warnings, &analysis, cw.as_ref())
        }
        Source::Colocation {
            data,
            measure,
            min_weight,
            min_regions,
            graph,
        } => {
            let params = ColocationParams {
                measure: match measure {
                    Measure::Lq => ColocationMeasure::Lq,
                    Measure::Share => ColocationMeasure::Share,
                    Measure::Coagglomeration => ColocationMeasure::Coagglomeration,
                },
                min_weight,
                min_regions,
            };
            data_graph(&data, &graph, |mx, r, codes| {
                colocation_graph(mx, r, codes, &params)
            })
        }
        Source::Relatedness {
            data,
            min_weight,
            graph,
        } => data_graph(&data, &graph, |mx, r, codes| {
            Ok((relatedness_graph(mx, r, codes, min_weight)?, vec![]))
        }),
    }
}
