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

/**
 * Clone an SVG element into a standalone document with inline presentation attributes, a title
 * and a footer (legend lines and source note).
 * @returns {{svg: string, width: number, height: number}}
 */
export function standaloneSvg(svgEl, { title, footer = [], background = '#ffffff', color = '#1b1b1b' }) {
  const vb = svgEl.viewBox.baseVal;
  const width = vb.width;
  const top = 28;
  const height = vb.height + top + 18 * footer.length + 10;
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
  const t = document.createElementNS(SVG_NS, 'text');
  t.setAttribute('x', '8');
  t.setAttribute('y', '20');
  t.setAttribute('font-family', 'sans-serif');
  t.setAttribute('font-size', '15');
  t.setAttribute('font-weight', 'bold');
  t.setAttribute('fill', color);
  t.textContent = title;
  out.append(t);
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
  footer.forEach((line, k) => {
    const f = document.createElementNS(SVG_NS, 'text');
    f.setAttribute('x', '8');
    f.setAttribute('y', String(top + vb.height + 18 * (k + 1)));
    f.setAttribute('font-family', 'sans-serif');
    f.setAttribute('font-size', '12');
    f.setAttribute('fill', color);
    f.textContent = line;
    out.append(f);
  });
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
