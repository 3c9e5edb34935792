// Export a rendered map or chart as a standalone SVG (with title, legend, source note and its CSS)
// or as a PNG drawn on a canvas from the same SVG shapes. No image is loaded from a URL, so this
// works under a CSP whose img-src is only 'self'.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Computed paint of an element, so the exported file needs no stylesheet. */
function paint(el) {
  const cs = getComputedStyle(el);
  return {
    fill: cs.fill && cs.fill !== 'none' ? cs.fill : el.getAttribute('fill') ?? 'none',
    stroke: cs.stroke && cs.stroke !== 'none' ? cs.stroke : 'none',
    strokeWidth: parseFloat(cs.strokeWidth) || 1,
    opacity: parseFloat(cs.fillOpacity ?? '1'),
    dash: cs.strokeDasharray && cs.strokeDasharray !== 'none' ? cs.strokeDasharray : null,
    font: `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`,
    anchor: el.getAttribute('text-anchor') ?? 'start',
  };
}

/** Split a line into lines of at most `max` characters, at spaces where possible. */
function wrap(line, max) {
  const out = [];
  let cur = '';
  for (const word of String(line).split(' ')) {
    if (cur && cur.length + 1 + word.length > max) {
      out.push(cur);
      cur = '';
    }
    cur = cur ? `${cur} ${word}` : word;
    while (cur.length > max) {
      out.push(cur.slice(0, max));
      cur = cur.slice(max);
    }
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * Clone an SVG element into a standalone document with inline presentation attributes, a title,
 * a legend (colour swatches with their labels) and a footer (notes and the source note); long
 * lines are wrapped to the drawing's width.
 * @param {SVGSVGElement} svgEl
 * @param {object} p
 * @param {string} p.title
 * @param {{title?: string, items: {fill?: string|null, label: string}[]}} [p.legend]
 * @param {string[]} [p.footer]  lines under the legend
 * @param {string} [p.background]  page colour (the theme's background)
 * @param {string} [p.color]       text colour (the theme's foreground)
 * @returns {{svg: string, width: number, height: number, node: SVGSVGElement}}
 */
export function standaloneSvg(svgEl, { title, legend = null, footer = [], background = '#ffffff', color = '#1b1b1b' }) {
  const vb = svgEl.viewBox.baseVal;
  const width = vb.width;
  const titleLines = wrap(title, Math.max(20, Math.floor((width - 16) / 8.4)));
  const top = 8 + 19 * titleLines.length;
  // Legend rows: swatch (12) + gap + label, flowing left to right.
  const placed = [];
  let lx = 8;
  let row = legend ? 1 : 0;
  for (const it of legend?.items ?? []) {
    const w = (it.fill ? 18 : 0) + 6.6 * it.label.length + 14;
    if (lx > 8 && lx + w > width - 8) {
      lx = 8;
      row++;
    }
    placed.push({ ...it, x: lx, row });
    lx += w;
  }
  const legendRows = legend ? row + 1 : 0;
  const notes = footer.flatMap((l) => wrap(l, Math.max(20, Math.floor((width - 16) / 6.6))));
  const body = top + vb.height + 6;
  const height = body + 18 * legendRows + 18 * notes.length + 10;
  const out = document.createElementNS(SVG_NS, 'svg');
  out.setAttribute('xmlns', SVG_NS);
  out.setAttribute('width', String(width));
  out.setAttribute('height', String(height));
  out.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', String(width));
  bg.setAttribute('height', String(height));
  bg.setAttribute('fill', background);
  out.append(bg);
  const text = (x, y, content, attrs = {}) => {
    const t = document.createElementNS(SVG_NS, 'text');
    t.setAttribute('x', String(x));
    t.setAttribute('y', String(y));
    t.setAttribute('font-family', 'sans-serif');
    t.setAttribute('font-size', '12');
    t.setAttribute('fill', color);
    for (const [k, v] of Object.entries(attrs)) t.setAttribute(k, v);
    t.textContent = content;
    out.append(t);
  };
  titleLines.forEach((l, k) => text(8, 20 + 19 * k, l, { 'font-size': '15', 'font-weight': 'bold' }));
  if (legend) text(8, body + 12, `Legend${legend.title ? `: ${legend.title}` : ''}`, { 'font-weight': 'bold' });
  for (const it of placed) {
    const y = body + 18 * it.row;
    if (it.fill) {
      const r = document.createElementNS(SVG_NS, 'rect');
      r.setAttribute('x', String(it.x));
      r.setAttribute('y', String(y + 2));
      r.setAttribute('width', '12');
      r.setAttribute('height', '12');
      r.setAttribute('fill', it.fill);
      r.setAttribute('stroke', color);
      r.setAttribute('stroke-width', '0.5');
      out.append(r);
    }
    text(it.x + (it.fill ? 18 : 0), y + 12, it.label);
  }
  const g = document.createElementNS(SVG_NS, 'g');
  g.setAttribute('transform', `translate(0 ${top})`);
  for (const el of svgEl.querySelectorAll('path, circle, rect, line, text')) {
    const p = paint(el);
    const c = el.cloneNode(true);
    c.removeAttribute('class');
    c.removeAttribute('tabindex');
    c.removeAttribute('role');
    c.removeAttribute('aria-label');
    c.removeAttribute('aria-pressed');
    if (el.tagName !== 'text') {
      c.setAttribute('fill', p.fill);
      c.setAttribute('fill-opacity', String(p.opacity));
      c.setAttribute('stroke', p.stroke);
      c.setAttribute('stroke-width', String(p.strokeWidth));
      if (p.dash) c.setAttribute('stroke-dasharray', p.dash);
    } else {
      c.setAttribute('font-family', 'sans-serif');
      c.setAttribute('fill', p.fill === 'none' ? color : p.fill);
    }
    const parentT = el.closest('g[transform]');
    if (parentT && parentT !== svgEl && !c.getAttribute('transform')) c.setAttribute('transform', parentT.getAttribute('transform'));
    g.append(c);
  }
  out.append(g);
  notes.forEach((line, k) => text(8, body + 18 * legendRows + 18 * (k + 1) - 4, line));
  return { svg: new XMLSerializer().serializeToString(out), width, height, node: out };
}

/** Draw the standalone SVG's shapes on a canvas (scale 2) and return a PNG blob. */
export async function svgToPng({ node, width, height }) {
  const scale = 2;
  const canvas = document.createElement('canvas');
  canvas.width = width * scale;
  canvas.height = height * scale;
  const ctx = canvas.getContext('2d');
  ctx.scale(scale, scale);
  const walk = (el, transform) => {
    for (const c of el.children) {
      ctx.save();
      const tr = c.getAttribute('transform') ?? transform;
      const m = tr && /translate\(([-\d.]+)[ ,]+([-\d.]+)\)/.exec(tr);
      if (m) ctx.translate(Number(m[1]), Number(m[2]));
      const fill = c.getAttribute('fill');
      const stroke = c.getAttribute('stroke');
      ctx.lineWidth = Number(c.getAttribute('stroke-width') ?? 1);
      ctx.globalAlpha = Number(c.getAttribute('fill-opacity') ?? 1);
      const dash = c.getAttribute('stroke-dasharray');
      ctx.setLineDash(dash ? dash.split(/[ ,]+/).map(Number) : []);
      const num = (a) => Number(c.getAttribute(a) ?? 0);
      let path = null;
      if (c.tagName === 'path') path = new Path2D(c.getAttribute('d') ?? '');
      else if (c.tagName === 'rect') {
        path = new Path2D();
        path.rect(num('x'), num('y'), num('width'), num('height'));
      } else if (c.tagName === 'circle') {
        path = new Path2D();
        path.arc(num('cx'), num('cy'), num('r'), 0, 2 * Math.PI);
      } else if (c.tagName === 'line') {
        path = new Path2D();
        path.moveTo(num('x1'), num('y1'));
        path.lineTo(num('x2'), num('y2'));
      } else if (c.tagName === 'text') {
        ctx.globalAlpha = 1;
        ctx.fillStyle = fill && fill !== 'none' ? fill : '#1b1b1b';
        ctx.font = `${c.getAttribute('font-weight') ?? 'normal'} ${c.getAttribute('font-size') ?? 11}px sans-serif`;
        const anchor = c.getAttribute('text-anchor');
        ctx.textAlign = anchor === 'middle' ? 'center' : anchor === 'end' ? 'right' : 'left';
        ctx.fillText(c.textContent ?? '', num('x'), num('y'));
      } else if (c.tagName === 'g') walk(c, null);
      if (path) {
        if (fill && fill !== 'none') {
          ctx.fillStyle = fill;
          ctx.fill(path);
        }
        if (stroke && stroke !== 'none') {
          ctx.globalAlpha = 1;
          ctx.strokeStyle = stroke;
          ctx.stroke(path);
        }
      }
      ctx.restore();
    }
  };
  walk(node, null);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}
