//! Input-output model: tables (flows, Make/Use), the Leontief model, multipliers, linkages,
//! Ghosh, hypothetical extraction, regionalisation (SLQ/FLQ), supplier gaps. See `METHODS.md` §5.

mod cluster_members;
mod crosswalk;
mod extraction;
mod gaps;
mod ghosh;
mod grid;
mod leontief;
mod linkages;
mod make_use;
mod multipliers;
mod regional_multipliers;
mod regionalise;
mod synthetic;
mod table;

pub use cluster_members::{cluster_industries, members_of, read_definitions};
pub use crosswalk::{crosswalk_from_grid, parse_crosswalk, Crosswalk, CrosswalkOptions};
pub use extraction::{hypothetical_extraction, Extraction};
pub use gaps::{
    in_cluster, supplier_gaps, supplier_gaps_for_region, GapRow, RegionalGapAnalysis, SupplierGaps,
};
pub use ghosh::{ghosh, Ghosh};
pub use grid::{grid_from_rows, parse_grid, read_grid, Grid};
pub use leontief::{leontief_inverse, IoParams, LeontiefModel, NegativeFlowRule};
pub use linkages::{rasmussen_linkages, ForwardMethod, KeySector, LinkageParams, Linkages};
pub use make_use::{make_use_from_grids, parse_make_use};
pub use multipliers::{
    employment_multipliers, output_multipliers, value_added_multipliers, EmploymentMultipliers,
    OutputMultipliers, SatelliteMultipliers,
};
pub(crate) use regional_multipliers::reference_industry_total;
pub use regional_multipliers::{
    region_multipliers, sector_employment, table_sector_employment, RegionMultipliers,
};
pub use regionalise::{
    regional_multipliers, regionalise, RegionalCoefficients, RegionalMethod, RegionalParams,
    SectorEmployment,
};
pub use synthetic::{multipliers_and_linkages, splitmix_unit, synthetic_table};
pub use table::{io_table_from_grid, parse_io_table, IoTable, IoTableOptions};
