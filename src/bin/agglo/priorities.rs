//! `agglo priorities`: rank one region's clusters by a weighted score over chosen criteria.

use crate::clusters::{DefArgs, ExtraArgs};
use crate::common::{measure_named, to_value, DataArgs, Format};
use agglo::clusters::{
    cluster_profiles, prioritise, Criterion, Normalisation, PriorityParams, TypologyParams,
};
use agglo::{Error, ErrorCode, Result};
use clap::ValueEnum;
use serde_json::{json, Map, Value};

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Norm {
    Minmax,
    Rank,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub defs: DefArgs,
    /// The region whose clusters are ranked.
    #[arg(long)]
    pub region: String,
    /// Criteria: growth, lq, size, job_creation, wages, focus, competitive, multiplier and
    /// local_supplier (with --io-table and --crosswalk, or --external).
    #[arg(long, value_delimiter = ',', default_value = "growth,lq,size")]
    pub criteria: Vec<String>,
    /// One weight per criterion.
    #[arg(long, value_delimiter = ',', default_value = "0.4,0.3,0.3")]
    pub weights: Vec<f64>,
    #[arg(long, value_enum, default_value_t = Norm::Minmax)]
    pub normalise: Norm,
    /// Start year of growth (default: the first year).
    #[arg(long = "from")]
    pub from: Option<i32>,
    /// Year of the profile (default: the last year).
    #[arg(long = "to")]
    pub to: Option<i32>,
    /// Externally computed criteria (`multiplier`, `local_supplier`): a CSV with columns
    /// `cluster,criterion,value`.
    #[arg(long)]
    pub external: Option<String>,
    /// Only traded clusters.
    #[arg(long)]
    pub traded_only: bool,
    /// IO table, crosswalk, boundaries: `multiplier` and `local_supplier` criteria come from the
    /// IO table (FLQ-regionalised) when given.
    #[command(flatten)]
    pub extra: ExtraArgs,
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
}

pub fn run(a: Args) -> Result<(Value, Format)> {
    let mut loaded = a.data.load()?;
    let criteria: Vec<Criterion> = a
        .criteria
        .iter()
        .map(|c| Criterion::parse(c))
        .collect::<Result<_>>()?;
    let params = PriorityParams {
        criteria,
        weights: a.weights.clone(),
        normalisation: match a.normalise {
            Norm::Minmax => Normalisation::MinMax,
            Norm::Rank => Normalisation::Rank,
        },
        external: match &a.external {
            Some(path) => read_external(path)?,
            None => Default::default(),
        },
    };
    params.validate()?;
    loaded.panel.region_index(&a.region)?;
    let cl = a.defs.load(&mut loaded)?;
    let p = &cl.cp.panel;
    let m = loaded.measure;
    let to =
        a.to.or_else(|| p.years.last().copied())
            .ok_or_else(|| Error::new(ErrorCode::NoData, "no years"))?;
    let from = a
        .from
        .or_else(|| p.years.first().copied())
        .filter(|f| *f < to);
    let y = p.year_index(to)?;
    let mut warnings = Vec::new();
    let reference = cl.reference_for(m, y, &mut warnings)?;
    let typology = a.extra.typology(
        TypologyParams {
            from_year: from,
            establishments: measure_named(p, "estab").filter(|x| *x != m),
            payroll: measure_named(p, "payroll").filter(|x| *x != m),
            base: a.defs.base.into(),
            ..TypologyParams::new(to, m)
        },
        &p.measures,
    );
    let (profiles, w) = cluster_profiles(&loaded.panel, &cl.cp, reference.as_ref(), &typology)?;
    warnings.extend(w);
    let mut profiles: Vec<_> = profiles
        .into_iter()
        .filter(|x| x.region == a.region)
        .collect();
    a.extra.apply(
        &mut loaded,
        &cl,
        y,
        a.defs.base.into(),
        &mut profiles,
        &mut warnings,
    )?;
    let mine: Vec<_> = profiles
        .into_iter()
        .filter(|x| x.region == a.region && (!a.traded_only || x.traded))
        .collect();
    let ranked = prioritise(&mine, &params)?;
    let mut rows = Vec::new();
    for r in &ranked {
        let mut o = Map::new();
        o.insert("rank".into(), json!(r.rank));
        o.insert("region".into(), json!(r.region));
        o.insert("cluster".into(), json!(r.cluster));
        o.insert("cluster_name".into(), json!(r.cluster_name));
        o.insert("score".into(), json!(r.score));
        for c in &r.contributions {
            let k = c.criterion.as_str();
            o.insert(format!("raw_{k}"), json!(c.raw));
            o.insert(format!("normalised_{k}"), json!(c.normalised));
            o.insert(format!("contribution_{k}"), json!(c.contribution));
        }
        rows.push(Value::Object(o));
    }
    loaded.warnings.extend(warnings);
    Ok((
        json!({ "rows": rows, "warnings": loaded.warnings, "params": to_value(&params)? }),
        a.format,
    ))
}

type External = std::collections::BTreeMap<String, std::collections::BTreeMap<String, f64>>;

fn read_external(path: &str) -> Result<External> {
    let bytes = crate::common::read_file(path)?;
    let mut rdr = csv::ReaderBuilder::new().from_reader(bytes.as_slice());
    let mut out = External::new();
    for (k, rec) in rdr.records().enumerate() {
        let row = k as u64 + 2;
        let at = || agglo::Location::file(crate::common::file_name(path)).with_row(row);
        let rec = rec.map_err(|e| Error::new(ErrorCode::CsvSyntax, e.to_string()).at(at()))?;
        let (Some(cluster), Some(criterion), Some(value)) = (rec.get(0), rec.get(1), rec.get(2))
        else {
            return Err(
                Error::new(ErrorCode::RaggedRow, "expected cluster,criterion,value").at(at()),
            );
        };
        let c = Criterion::parse(criterion).map_err(|e| e.at(at().with_column("criterion")))?;
        let v: f64 = value.trim().parse().map_err(|_| {
            Error::new(ErrorCode::NonNumeric, format!("'{value}' is not a number"))
                .at(at().with_column("value").with_value(value))
        })?;
        out.entry(c.as_str().to_string())
            .or_default()
            .insert(cluster.trim().to_string(), v);
    }
    Ok(out)
}
