//! `agglo clusters`: map industries to clusters and report strength (US Cluster Mapping strong
//! clusters or European Cluster Observatory stars), typology profiles, or unmapped codes.

use crate::common::{file_name, measure_named, read_file, to_value, DataArgs, Format, Loaded};
use agglo::clusters::{
    aggregate_to_clusters, apply_typology_extras, cluster_definitions_from_table,
    cluster_io_indicators, cluster_profiles, cluster_spatial_extent, eco_stars,
    neighbours_for_regions, parse_cluster_definitions, size_classes_from_measures, uscmp_strength,
    ClusterPanel, ClusterProfile, DefinitionFilter, EcoParams, IoInputs, LqBase, TypologyParams,
    UscmpParams,
};
use agglo::ingest::xlsx_to_table;
use agglo::io_model::{parse_crosswalk, CrosswalkOptions, RegionalMethod, RegionalParams};
use agglo::panel::Reference;
use agglo::spatial::{build_weights, ContiguityParams, Transform, WeightsSpec};
use agglo::{Error, ErrorCode, Result};
use clap::ValueEnum;
use serde_json::{json, Value};

/// Where the cluster definitions come from (shared by `clusters`, `priorities`, `peers`).
#[derive(clap::Args, Debug, Clone)]
pub struct DefArgs {
    /// Cluster definitions CSV (industry code → cluster). Default: the US Cluster Mapping file
    /// `data/cluster_definitions_uscmp.csv` when it exists.
    #[arg(long)]
    pub definitions: Option<String>,
    /// Keep only definition rows of this `definition_set` (default DPS2016; `any` for all).
    #[arg(long, default_value = "DPS2016")]
    pub definition_set: String,
    /// Keep only definition rows of this NAICS vintage (default 2017; `any` for all).
    #[arg(long, default_value = "2017")]
    pub vintage: String,
    /// Sheet of an XLSX definitions file (default: the first).
    #[arg(long)]
    pub definitions_sheet: Option<String>,
    /// LQ base: all industries (default) or traded (traded clusters against traded employment,
    /// local against local, as the US Cluster Mapping Project does over all US counties).
    #[arg(long, value_enum, default_value_t = Base::All)]
    pub base: Base,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Base {
    Traded,
    All,
}

impl From<Base> for LqBase {
    fn from(b: Base) -> Self {
        match b {
            Base::Traded => LqBase::Traded,
            Base::All => LqBase::All,
        }
    }
}

/// A loaded panel aggregated to clusters, with its optional reference aggregated the same way.
pub struct Clustered {
    pub cp: ClusterPanel,
    pub reference: Option<(ClusterPanel, String)>,
}

impl DefArgs {
    pub fn load(&self, loaded: &mut Loaded) -> Result<Clustered> {
        let path = match &self.definitions {
            Some(p) => p.clone(),
            None => {
                let d = "data/cluster_definitions_uscmp.csv";
                if std::path::Path::new(d).exists() {
                    d.to_string()
                } else {
                    return Err(Error::new(
                        ErrorCode::MissingReference,
                        "no --definitions file given and data/cluster_definitions_uscmp.csv not found",
                    ));
                }
            }
        };
        let any = |s: &str| (!s.eq_ignore_ascii_case("any")).then(|| s.to_string());
        let filter = DefinitionFilter {
            definition_set: any(&self.definition_set),
            vintage: any(&self.vintage),
        };
        let bytes = read_file(&path)?;
        let lower = path.to_ascii_lowercase();
        let (defs, w) = if lower.ends_with(".xlsx") || lower.ends_with(".xlsm") {
            let table = xlsx_to_table(&bytes, self.definitions_sheet.as_deref())
                .map_err(|e| e.at(agglo::Location::file(file_name(&path))))?;
            cluster_definitions_from_table(&table, &file_name(&path), &filter)?
        } else {
            parse_cluster_definitions(&bytes, &file_name(&path), &filter)?
        };
        loaded.warnings.extend(w);
        let (cp, w) = aggregate_to_clusters(&loaded.panel, &defs)?;
        loaded.warnings.extend(w);
        let reference = match &loaded.reference {
            Some((rp, name)) => {
                let (rcp, _) = aggregate_to_clusters(rp, &defs)?;
                Some((rcp, name.clone()))
            }
            None => None,
        };
        Ok(Clustered { cp, reference })
    }
}

/// Replace a loaded industry panel (and its reference) by its cluster aggregation, so any panel
/// command runs at cluster level (`--clusters`).
pub fn to_cluster_level(loaded: &mut Loaded, defs: &DefArgs) -> Result<()> {
    let cl = defs.load(loaded)?;
    loaded.panel = cl.cp.panel;
    loaded.reference = cl.reference.map(|(rcp, name)| (rcp.panel, name));
    Ok(())
}

impl Clustered {
    /// The reference cluster totals of year index `y` (None = sum of the loaded regions).
    pub fn reference_for(
        &self,
        measure: usize,
        y: usize,
        warnings: &mut Vec<agglo::Warning>,
    ) -> Result<Option<Reference>> {
        match &self.reference {
            Some((rcp, name)) => {
                let (r, w) = Reference::from_table(&rcp.panel, name, &self.cp.panel, measure, y)?;
                warnings.extend(w);
                Ok(Some(r))
            }
            None => Ok(None),
        }
    }
}

/// Optional inputs of the typology dimensions that need more than the panel (shared by
/// `clusters --profile` and `priorities`).
#[derive(clap::Args, Debug, Clone)]
pub struct ExtraArgs {
    /// Input-output flow table (square CSV, e.g. data/bea_2017_summary_ixi_flows.csv) for depth,
    /// local-supplier linkage and the regional output multiplier; needs --crosswalk.
    #[arg(long = "io-table", requires = "crosswalk", conflicts_with = "io_make")]
    pub io_table: Option<String>,
    /// Or a Make table (industry × commodity) with --io-use (industry-technology assumption).
    #[arg(long = "io-make", requires_all = ["io_use", "crosswalk"])]
    pub io_make: Option<String>,
    /// Use table (commodity × industry) with --io-make.
    #[arg(long = "io-use", requires = "io_make")]
    pub io_use: Option<String>,
    /// Crosswalk from the data's industry codes to the IO table's sectors
    /// (e.g. data/bea_summary_to_naics.csv).
    #[arg(long)]
    pub crosswalk: Option<String>,
    /// Regionalisation of the IO table: flq (default) or slq.
    #[arg(long = "io-method", default_value = "flq")]
    pub io_method: String,
    /// Flegg's delta (FLQ).
    #[arg(long, default_value_t = 0.3)]
    pub delta: f64,
    /// Boundaries (GeoJSON, TopoJSON) for the spatial extent (queen contiguity).
    #[arg(long)]
    pub geometry: Option<String>,
    /// Property of the boundaries holding the region id (default: the feature id / proposed).
    #[arg(long)]
    pub id_field: Option<String>,
    /// SME threshold in employees (size classes below it are SMEs; default 250, the EU definition).
    #[arg(long, default_value_t = agglo::clusters::DEFAULT_SME_THRESHOLD)]
    pub sme_threshold: f64,
}

impl ExtraArgs {
    /// Typology parameters with the size classes recognised among the panel's measures.
    pub fn typology(&self, base: TypologyParams, measures: &[String]) -> TypologyParams {
        TypologyParams {
            size_classes: size_classes_from_measures(measures),
            sme_threshold: self.sme_threshold,
            ..base
        }
    }

    /// Fill depth, local-supplier linkage, multiplier (with an IO table) and spatial extent (with
    /// boundaries) into `profiles` of year `y`.
    pub fn apply(
        &self,
        loaded: &mut Loaded,
        cl: &Clustered,
        y: usize,
        base: LqBase,
        profiles: &mut [ClusterProfile],
        warnings: &mut Vec<agglo::Warning>,
    ) -> Result<()> {
        let m = loaded.measure;
        if self.crosswalk.is_some() && self.io_table.is_none() && self.io_make.is_none() {
            return Err(Error::new(
                ErrorCode::InvalidParameter,
                "--crosswalk needs an IO table (--io-table, or --io-make with --io-use)",
            ));
        }
        let io_rows = match (
            self.io_table.is_some() || self.io_make.is_some(),
            &self.crosswalk,
        ) {
            (true, Some(c)) => {
                let table_args = crate::io::TableArgs {
                    table: self.io_table.clone(),
                    make: self.io_make.clone(),
                    use_table: self.io_use.clone(),
                    strict_negative: false,
                    table_sheet: None,
                };
                let (table, model, w) = table_args.load()?;
                warnings.extend(w);
                let cw =
                    parse_crosswalk(&read_file(c)?, &file_name(c), &CrosswalkOptions::default())?;
                let method = match self.io_method.to_ascii_lowercase().as_str() {
                    "slq" => RegionalMethod::Slq,
                    "flq" => RegionalMethod::Flq,
                    other => {
                        return Err(Error::new(
                            ErrorCode::InvalidParameter,
                            format!("--io-method must be flq or slq, not '{other}'"),
                        ))
                    }
                };
                let reference = loaded.reference_for(y)?;
                let wanted: Vec<usize> = {
                    let mut v: Vec<usize> = profiles
                        .iter()
                        .filter_map(|p| loaded.panel.region_index(&p.region).ok())
                        .collect();
                    v.sort_unstable();
                    v.dedup();
                    v
                };
                let (rows, w) = cluster_io_indicators(
                    &loaded.panel,
                    &cl.cp,
                    m,
                    y,
                    &reference,
                    &IoInputs {
                        table: &table,
                        model: &model,
                        crosswalk: &cw,
                        params: RegionalParams {
                            method,
                            delta: self.delta,
                        },
                    },
                    Some(&wanted),
                )?;
                warnings.extend(w);
                Some(rows)
            }
            _ => None,
        };
        let extent = match &self.geometry {
            Some(g) => {
                let (b, w) = crate::spatial_args::GeoArgs {
                    geometry: g.clone(),
                    id_field: self.id_field.clone(),
                    object: None,
                    projected: false,
                    tolerance: 0.0,
                    fallback: "islands".into(),
                    transform: "b".into(),
                }
                .load(Some(loaded.panel.regions.clone()))?;
                warnings.extend(w);
                let (wts, w) = build_weights(
                    &b,
                    WeightsSpec::Queen,
                    Transform::Binary,
                    &ContiguityParams::default(),
                )?;
                warnings.extend(w);
                let nb = neighbours_for_regions(&cl.cp.panel.regions, &wts.ids, &wts.neighbours);
                let reference = cl.reference_for(m, y, warnings)?;
                Some(cluster_spatial_extent(
                    &cl.cp,
                    &nb,
                    m,
                    measure_named(&cl.cp.panel, "estab").filter(|x| *x != m),
                    y,
                    base,
                    reference.as_ref(),
                )?)
            }
            None => None,
        };
        apply_typology_extras(profiles, io_rows.as_deref(), extent.as_deref());
        Ok(())
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Strength {
    Uscmp,
    Eco,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub defs: DefArgs,
    #[arg(long, value_enum, default_value_t = Strength::Uscmp)]
    pub strength: Strength,
    /// Only this year (default: every year).
    #[arg(long)]
    pub year: Option<i32>,
    /// Typology profiles (size, LQ, focus, growth, breadth, ...) instead of strength; growth from
    /// `--from`.
    #[arg(long)]
    pub profile: bool,
    /// Start year for the profile's growth fields.
    #[arg(long = "from")]
    pub from: Option<i32>,
    /// List the data's industry codes that no cluster takes.
    #[arg(long)]
    pub unmapped: bool,
    #[command(flatten)]
    pub extra: ExtraArgs,
    /// ECO size star: top share of regions by employment.
    #[arg(long, default_value_t = 0.10)]
    pub size_top: f64,
    /// ECO specialisation star: LQ threshold.
    #[arg(long, default_value_t = 2.0)]
    pub lq_threshold: f64,
    /// ECO focus star: top share of regions by focus.
    #[arg(long, default_value_t = 0.10)]
    pub focus_top: f64,
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
}

pub fn run(a: Args) -> Result<(Value, Format)> {
    let mut loaded = a.data.load()?;
    let cl = a.defs.load(&mut loaded)?;
    let p = &cl.cp.panel;
    let m = loaded.measure;
    let est = measure_named(p, "estab").filter(|x| *x != m);
    let pay = measure_named(p, "payroll").filter(|x| *x != m);
    let mut rows = Vec::new();
    let mut warnings = Vec::new();
    if a.unmapped {
        for u in &cl.cp.unmapped {
            rows.push(to_value(u)?);
        }
    } else {
        for y in loaded.years(a.year)? {
            let reference = cl.reference_for(m, y, &mut warnings)?;
            if a.profile {
                let typology = a.extra.typology(
                    TypologyParams {
                        from_year: a.from.filter(|f| *f < p.years[y]),
                        establishments: est,
                        payroll: pay,
                        base: a.defs.base.into(),
                        ..TypologyParams::new(p.years[y], m)
                    },
                    &p.measures,
                );
                let (mut res, w) =
                    cluster_profiles(&loaded.panel, &cl.cp, reference.as_ref(), &typology)?;
                warnings.extend(w);
                a.extra.apply(
                    &mut loaded,
                    &cl,
                    y,
                    a.defs.base.into(),
                    &mut res,
                    &mut warnings,
                )?;
                for r in &res {
                    rows.push(to_value(r)?);
                }
                continue;
            }
            match a.strength {
                Strength::Uscmp => {
                    let (res, w) = uscmp_strength(
                        &cl.cp,
                        y,
                        reference.as_ref(),
                        &UscmpParams {
                            base: a.defs.base.into(),
                            employment: m,
                            establishments: est,
                            ..Default::default()
                        },
                    )?;
                    warnings.extend(w);
                    for r in &res {
                        rows.push(to_value(r)?);
                    }
                }
                Strength::Eco => {
                    let res = eco_stars(
                        &cl.cp,
                        y,
                        reference.as_ref(),
                        &EcoParams {
                            employment: m,
                            size_top_share: a.size_top,
                            lq_threshold: a.lq_threshold,
                            focus_top_share: a.focus_top,
                        },
                    )?;
                    for r in &res {
                        rows.push(to_value(r)?);
                    }
                }
            }
        }
    }
    // Identical warnings repeat per year; keep one of each.
    warnings.dedup_by(|x, y| x.message == y.message);
    loaded.warnings.extend(warnings);
    Ok((
        json!({ "rows": rows, "warnings": loaded.warnings, "mapped_share": cl.cp.mapped_share }),
        a.format,
    ))
}
