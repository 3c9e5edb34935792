// Type declarations for the `agglo` ES module.

export type Source = string | URL | File | Blob | ArrayBuffer | Uint8Array;

export type Role = 'region_code' | 'region_name' | 'industry_code' | 'industry_name' | 'year' | 'measure' | 'flag' | 'ignore';

export interface LoadOptions {
  roles?: { column: string; role: Role }[];
  regionCol?: string;
  industryCol?: string;
  yearCol?: string;
  valueCols?: string[];
  layout?: 'long' | 'wide';
  sheet?: string;
  year?: number;
  totalCodes?: string[];
  allowNegative?: boolean;
}

export interface IngestReport {
  file: string;
  rows_read: number;
  cells_loaded: number;
  suppressed: Record<string, number>;
  suppressed_total: number;
  warnings: { code: string; message: string; location?: Record<string, unknown> }[];
}

export interface Panel {
  readonly regions: string[];
  readonly regionNames: string[];
  readonly industries: string[];
  readonly industryNames: string[];
  readonly years: number[];
  readonly measures: string[];
  readonly report: IngestReport;
}

export interface LqRow {
  region: string;
  industry: string;
  year: number;
  value: number;
  share_region: number;
  share_reference: number;
  lq: number;
}

export interface PortfolioPoint {
  region: string;
  lq: number;
  value_start: number;
  value_end: number;
  growth: number;
  cagr: number;
  quadrant: 'star' | 'emerging' | 'mature' | 'transforming';
}

export interface Portfolio {
  year_start: number;
  year_end: number;
  reference_growth: number;
  points: PortfolioPoint[];
  warnings: { code: string; message: string }[];
}

/** Errors carry a stable code (`E_NON_NUMERIC`, …) and the location in the input. */
export interface AggloError extends Error {
  code: string;
  location: { file?: string; sheet?: string; row?: number; column?: string; value?: string; region?: string; industry?: string } | null;
}

export function loadPanel(source: Source, options?: LoadOptions): Promise<Panel>;
export function loadReference(panel: Panel, source: Source, options?: LoadOptions): Promise<Panel>;
export function inspect(source: Source, options?: LoadOptions): Promise<unknown>;
export function locationQuotients(panel: Panel, options?: { year?: number; industry?: string; measure?: string; reference?: 'auto' | 'sum' }): Promise<LqRow[]>;
export function portfolio(panel: Panel, options: { industry: string; yearStart?: number; year?: number; measure?: string }): Promise<Portfolio>;
export function loadBoundaries(panel: Panel, source: Source, options?: { idField?: string; nameField?: string; object?: string }): Promise<{ geojson: string; summary: unknown; join: unknown; warnings: unknown[] }>;
export function close(panel: Panel): void;

export interface Warning { code: string; message: string; location?: Record<string, unknown> }
export type KeySector = 'key' | 'backward_oriented' | 'forward_oriented' | 'weak';

/** A square flow table, or a Make/Use pair (industry-technology assumption). */
export type IoSources = { table: Source } | { make: Source; use: Source };

export interface InputOutput {
  sectors: string[];
  names: string[];
  output: number[];
  output_multipliers: { direct: number[]; indirect: number[]; total: number[] };
  backward_linkage: number[];
  forward_linkage: number[];
  forward_method: 'ghosh' | 'leontief_row';
  key_sector: KeySector[];
  /** Hypothetical extraction per sector; null above 1 500 sectors. */
  extraction: { total_linkage: number; share_of_output: number }[] | null;
  /** When the table has an employment row; type I is null where a sector has no employment. */
  employment_multipliers?: { total: number[]; type_i: (number | null)[] };
  /** When the table has a value-added row: value added per unit of output and type-I multipliers. */
  value_added_multipliers?: { coefficients: number[]; type_i: (number | null)[] };
  warnings: Warning[];
}

export interface SupplierGapRow {
  rank: number;
  sector: string;
  sector_name: string;
  requirement: number;
  local_supply: number;
  local_share: number;
  gap: number;
  regional_lq: number | null;
  regional_employment: number;
}

export interface SupplierGaps {
  region: string;
  year: number;
  cluster: { code: string; name: string; industries_in_region: string[] };
  method: 'flq' | 'slq';
  delta: number;
  lambda: number | null;
  reference: string;
  total_requirement: number;
  total_local_supply: number;
  total_gap: number;
  cluster_output: { sector: string; output: number }[];
  /** Ranked: the largest requirement not met locally first. */
  rows: SupplierGapRow[];
  regional_multipliers: { sector: string; name: string; national: number; regional: number; slq: number | null; regional_employment: number }[];
  warnings: Warning[];
}

export interface NetworkNode {
  id: string;
  degree: number;
  strength: number;
  /** Null when the graph is too large for exact paths. */
  betweenness: number | null;
  closeness: number | null;
  pagerank: number;
  /** Weighted; null when undefined (no edges) or not converged. */
  eigenvector: number | null;
  community: number | null;
  component: number;
  articulation_point: boolean;
  group?: string;
  brokerage?: Record<string, number>;
}

export interface Network {
  directed: boolean;
  n_nodes: number;
  n_edges: number;
  density: number;
  modularity: number | null;
  n_communities: number | null;
  n_components: number;
  nodes: NetworkNode[];
  edges: { source: string; target: string; weight: number }[];
  bridges: { source: string; target: string }[];
  warnings: Warning[];
}

export function inputOutput(sources: IoSources, options?: { forward?: 'ghosh' | 'leontief_row' }): Promise<InputOutput>;
export function supplierGaps(
  panel: Panel,
  options: IoSources & {
    crosswalk: Source;
    region: string;
    cluster?: string;
    industries?: string[];
    /** Cluster definitions (CSV); default the US Cluster Mapping definitions. */
    definitions?: Source;
    method?: 'flq' | 'slq';
    delta?: number;
    year?: number;
    measure?: string;
    reference?: 'auto' | 'sum';
  },
): Promise<SupplierGaps>;
export function analyseNetwork(
  files: { edges: Source; nodes?: Source },
  options?: {
    sourceCol?: string;
    targetCol?: string;
    weightCol?: string;
    groupCol?: string;
    directed?: boolean;
    duplicates?: 'sum' | 'max' | 'error';
    selfLoops?: 'drop' | 'error';
    backbone?: { kind: 'threshold' | 'percentile'; value: number } | { kind: 'maximum_spanning_tree' } | { kind: 'disparity'; alpha: number };
    communities?: 'louvain' | 'leiden' | 'none';
    resolution?: number;
    seed?: number;
    distance?: 'inverse' | 'weight' | 'unweighted';
    onProgress?: (p: { phase: string; done: number; total: number }) => void;
    signal?: AbortSignal;
  },
): Promise<Network>;
