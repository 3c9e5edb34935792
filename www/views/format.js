// Number formatting in the user's locale. Every view formats through here.
let forced = null;
const locale = () => forced || (typeof navigator !== 'undefined' && navigator.language) || 'en-US';

/** Use this locale for numbers instead of the browser's (the element's `locale` attribute). */
export function setLocale(tag) {
  forced = tag || null;
}

export function fmt(v, digits = 2) {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(v);
}

export function fmtInt(v) {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: 0 }).format(v);
}

export function fmtPct(v, digits = 1) {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: digits }).format(v);
}
