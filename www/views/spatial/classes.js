// Map classes of the spatial view: LISA clusters, significance, Gi* hot/cold spots and neighbour
// counts. Every class has a colour AND a pattern (and significant regions a text label on the map),
// so no class is told by colour alone. The numbers come from the core; this only sorts them into
// the classes the map draws.
import { nothing, svg } from 'lit';

// Colours: ColorBrewer RdBu-style as GeoDa's LISA map, checked for colour-blind separation by the
// patterns they carry.
export const CLASSES = {
  lisa: [
    { key: 'HH', label: 'High–High (hot cluster)', colour: '#d7191c', pattern: 'stripes', short: 'HH' },
    { key: 'LL', label: 'Low–Low (cold cluster)', colour: '#2c7bb6', pattern: 'dots', short: 'LL' },
    { key: 'LH', label: 'Low–High (low outlier)', colour: '#abd9e9', pattern: 'back', short: 'LH' },
    { key: 'HL', label: 'High–Low (high outlier)', colour: '#fdae61', pattern: 'cross', short: 'HL' },
    { key: 'not_significant', label: 'Not significant', colour: '#eeeeee', pattern: null },
    { key: 'island', label: 'Island (no neighbours, not tested)', colour: '#ffffff', pattern: 'island', short: 'isl' },
    { key: 'excluded', label: 'Excluded (no published value)', colour: '#bdbdbd', pattern: 'excluded' },
  ],
  significance: [
    { key: 'p001', label: 'p ≤ 0.001 (***)', colour: '#005a32', pattern: 'dots-light', short: '***' },
    { key: 'p01', label: 'p ≤ 0.01 (**)', colour: '#238b45', pattern: 'stripes-light', short: '**' },
    { key: 'palpha', label: 'significant at the chosen level (*)', colour: '#a1d99b', pattern: 'back', short: '*' },
    { key: 'not_significant', label: 'Not significant', colour: '#eeeeee', pattern: null },
    { key: 'island', label: 'Island (no neighbours, not tested)', colour: '#ffffff', pattern: 'island', short: 'isl' },
    { key: 'excluded', label: 'Excluded (no published value)', colour: '#bdbdbd', pattern: 'excluded' },
  ],
  gistar: [
    { key: 'hot99', label: 'Hot spot, p ≤ 0.01', colour: '#b2182b', pattern: 'stripes', short: 'H' },
    { key: 'hot', label: 'Hot spot', colour: '#ef8a62', pattern: 'stripes', short: 'h' },
    { key: 'cold', label: 'Cold spot', colour: '#67a9cf', pattern: 'dots', short: 'c' },
    { key: 'cold99', label: 'Cold spot, p ≤ 0.01', colour: '#2166ac', pattern: 'dots', short: 'C' },
    { key: 'not_significant', label: 'Not significant', colour: '#eeeeee', pattern: null },
    { key: 'island', label: 'Island (no neighbours, not tested)', colour: '#ffffff', pattern: 'island', short: 'isl' },
    { key: 'excluded', label: 'Excluded (no published value)', colour: '#bdbdbd', pattern: 'excluded' },
  ],
  weights: [
    { key: 'n0', label: 'Island: no neighbours', colour: '#ffffff', pattern: 'island', short: 'isl' },
    { key: 'n1', label: '1–2 neighbours', colour: '#ffffcc', pattern: null },
    { key: 'n3', label: '3–4 neighbours', colour: '#a1dab4', pattern: null },
    { key: 'n5', label: '5–6 neighbours', colour: '#41b6c4', pattern: null },
    { key: 'n7', label: '7–8 neighbours', colour: '#2c7fb8', pattern: null },
    { key: 'n9', label: '9 or more neighbours', colour: '#253494', pattern: null },
    { key: 'excluded', label: 'Excluded (no published value)', colour: '#bdbdbd', pattern: 'excluded' },
  ],
};

const byKey = Object.fromEntries(Object.entries(CLASSES).map(([m, list]) => [m, Object.fromEntries(list.map((c) => [c.key, c]))]));

export function classInfo(mode, key) {
  return byKey[mode][key];
}

export const patternId = (mode, key) => `sp-${mode}-${key}`;

/** The fill of a class: its pattern (which paints the colour underneath) or the plain colour. */
export function fillOf(mode, key) {
  const c = byKey[mode][key];
  return c.pattern ? `url(#${patternId(mode, key)})` : c.colour;
}

function marks(kind, ink) {
  switch (kind) {
    case 'stripes':
    case 'stripes-light':
      return svg`<line x1="0" y1="0" x2="0" y2="6" stroke=${ink} stroke-width="1.6"></line>`;
    case 'back':
      return svg`<line x1="0" y1="0" x2="6" y2="6" stroke=${ink} stroke-width="1"></line><line x1="-3" y1="3" x2="3" y2="9" stroke=${ink} stroke-width="1"></line><line x1="3" y1="-3" x2="9" y2="3" stroke=${ink} stroke-width="1"></line>`;
    case 'dots':
    case 'dots-light':
      return svg`<circle cx="3" cy="3" r="1.3" fill=${ink}></circle>`;
    case 'cross':
      return svg`<path d="M0 3H6M3 0V6" stroke=${ink} stroke-width="1"></path>`;
    case 'island':
      return svg`<path d="M1 1L5 5M5 1L1 5" stroke="#b50909" stroke-width="1"></path>`;
    case 'excluded':
      return svg`<line x1="0" y1="6" x2="6" y2="0" stroke="#ffffff" stroke-width="1.2"></line>`;
    default:
      return '';
  }
}

/** SVG <pattern> elements for every patterned class (ids from `patternId`). */
export function patternDefs() {
  const out = [];
  for (const [mode, list] of Object.entries(CLASSES)) {
    for (const c of list) {
      if (!c.pattern) continue;
      const ink = c.pattern.endsWith('-light') || ['HH', 'LL', 'hot99', 'cold99', 'p001', 'p01'].includes(c.key) ? '#ffffff' : '#1b1b1b';
      const rotate = c.pattern.startsWith('stripes') ? 'rotate(45)' : nothing;
      out.push(svg`<pattern id=${patternId(mode, c.key)} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform=${rotate}>
        <rect width="6" height="6" fill=${c.colour}></rect>${marks(c.pattern, ink)}
      </pattern>`);
    }
  }
  return out;
}

/** Significance class of one region: by its pseudo p-value, when significant after adjustment. */
export function significanceClass(cluster, significant, p) {
  if (cluster === 'island') return 'island';
  if (!significant) return 'not_significant';
  if (p <= 0.001) return 'p001';
  if (p <= 0.01) return 'p01';
  return 'palpha';
}

export function gistarClass(spot, p) {
  if (spot === 'island') return 'island';
  if (spot === 'hot') return p <= 0.01 ? 'hot99' : 'hot';
  if (spot === 'cold') return p <= 0.01 ? 'cold99' : 'cold';
  return 'not_significant';
}

export function weightsClass(card) {
  if (card === 0) return 'n0';
  if (card <= 2) return 'n1';
  if (card <= 4) return 'n3';
  if (card <= 6) return 'n5';
  if (card <= 8) return 'n7';
  return 'n9';
}
