// Styles of the cluster views (scoped to the explorer's shadow root, like every view's).
import { css } from 'lit';

export const clusterStyles = css`
  .cl-settings .controls { align-items: start; }
  label.check { max-width: 24em; }
  label.check > span:first-child { display: flex; gap: 0.4em; align-items: start; }
  .hint { font-size: 0.85rem; color: var(--agglo-muted); margin: 0.3em 0; }
  input[type='file'].visible-file { position: static; width: auto; height: auto; opacity: 1; overflow: visible; }
  input[type='number'] { font: inherit; width: 5em; padding: 0.15em; }
  svg.map path.region.highlight { stroke: var(--agglo-strong-line); stroke-width: 2.2; }
  svg.map .strong-mark { fill: var(--agglo-strong-line); stroke: var(--agglo-bg); stroke-width: 0.8; pointer-events: none; }
  svg.map .strong-mark-label { font-size: 11px; font-weight: 700; fill: #000; paint-order: stroke; stroke: #fff; stroke-width: 3px; pointer-events: none; }
  svg.chart.bars rect { fill: #0072b2; }
  svg.chart.bars .negative rect { fill: #d55e00; }
  svg.chart.bars .total rect { fill: var(--agglo-muted); }
  svg.chart.bars .zero { stroke: var(--agglo-fg); }
  svg.chart.lines .line { fill: none; stroke: var(--agglo-fg); stroke-width: 1.6; }
  svg.chart.lines .pt { fill: var(--agglo-fg); }
  svg.chart.lines .pt .cross { stroke: var(--agglo-fg); stroke-width: 1.6; fill: none; }
  svg.chart.lines .series-label { font-size: 11px; }
  .two { display: grid; grid-template-columns: 1fr 1fr; gap: 1em; }
  @media (max-width: 800px) { .two { grid-template-columns: 1fr; } }
  .criteria { display: grid; grid-template-columns: repeat(auto-fill, minmax(15em, 1fr)); gap: 0.4em 1em; }
  .criterion { display: flex; gap: 0.5em; align-items: center; }
  .criterion label { display: inline-flex; gap: 0.3em; align-items: center; }
  ul.series-key { margin: 0.3em 0; padding-left: 1.2em; font-size: 0.85rem; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  td.flag-strong { font-weight: 600; }
`;
