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
