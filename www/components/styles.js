import { css } from 'lit';

// Theming: every colour and font is a custom property, so an embedding page can restyle the element
// from outside the shadow root; named parts (::part) expose the main blocks.
export const styles = css`
  :host {
    --agglo-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    --agglo-fg: #1b1b1b;
    --agglo-bg: #ffffff;
    --agglo-muted: #555;
    --agglo-accent: #005ea2;
    --agglo-accent-fg: #ffffff;
    --agglo-border: #6b6b6b;
    --agglo-panel: #f7f7f7;
    --agglo-focus: #d54309;
    --agglo-error: #b50909;
    --agglo-error-bg: #fbeaea;
    --agglo-error-fg: #5c0000;
    --agglo-line: #4d4d4d; /* region borders, marker outlines */
    --agglo-strong-line: #000000; /* selected / highlighted outlines */
    --agglo-rule: #d0d0d0; /* table rules */
    --agglo-grid: #d9d9d9; /* chart grid lines */
    --agglo-highlight-bg: #fff3c4; /* selected table rows */
    --agglo-drop-bg: #e8f1fa;
    --agglo-tooltip-bg: #1b1b1b;
    --agglo-tooltip-fg: #ffffff;
    --agglo-alert: #b50909; /* key sectors, supplier gaps, islands */
    display: block;
    font-family: var(--agglo-font);
    color: var(--agglo-fg);
    background: var(--agglo-bg);
    line-height: 1.4;
  }
  :host([theme='dark']) {
    --agglo-fg: #f0f0f0;
    --agglo-bg: #1b1b1b;
    --agglo-muted: #c8c8c8;
    --agglo-accent: #73b3e7;
    --agglo-accent-fg: #1b1b1b;
    --agglo-border: #a9aeb1;
    --agglo-panel: #2d2e2f;
    --agglo-focus: #ffbe2e;
    --agglo-error: #ff8a80;
    --agglo-error-bg: #3d1212;
    --agglo-error-fg: #ffd6d1;
    --agglo-line: #8a8a8a;
    --agglo-strong-line: #ffffff;
    --agglo-rule: #5c5c5c;
    --agglo-grid: #4a4a4a;
    --agglo-highlight-bg: #4d4100;
    --agglo-drop-bg: #1f3a52;
    --agglo-tooltip-bg: #f0f0f0;
    --agglo-tooltip-fg: #1b1b1b;
    --agglo-alert: #ff6b5e;
  }
  * { box-sizing: border-box; }
  h1 { font-size: 1.5rem; margin: 0.2em 0; }
  h1 .sub { font-weight: normal; color: var(--agglo-muted); font-size: 1rem; }
  h2 { font-size: 1.1rem; margin: 0 0 0.5em; }
  h3 { font-size: 1rem; margin: 0 0 0.3em; }
  .privacy { margin: 0; color: var(--agglo-muted); }
  .drop { border: 2px dashed var(--agglo-border); border-radius: 8px; padding: 1em; margin: 0.8em 0; display: flex; flex-wrap: wrap; gap: 0.6em; align-items: center; }
  label.inline { display: inline-flex; gap: 0.4em; align-items: center; }
  .drop.over { background: var(--agglo-drop-bg); }
  .drop p { margin: 0; flex-basis: 100%; }
  input[type='file'] { position: absolute; width: 1px; height: 1px; opacity: 0; overflow: hidden; }
  input[type='file']:focus-visible + * { outline: 3px solid var(--agglo-focus); }
  .button { font: inherit; display: inline-block; padding: 0.4em 0.9em; border: 1px solid var(--agglo-border); border-radius: 4px; background: var(--agglo-bg); color: var(--agglo-fg); cursor: pointer; }
  .button.primary { background: var(--agglo-accent); color: var(--agglo-accent-fg); border-color: var(--agglo-accent); }
  button.link { font: inherit; background: none; border: none; color: var(--agglo-accent); text-decoration: underline; cursor: pointer; padding: 0; }
  :focus-visible { outline: 3px solid var(--agglo-focus); outline-offset: 2px; }
  .status { min-height: 1.5em; }
  .busy { display: flex; gap: 0.6em; align-items: center; }
  .error { border-left: 4px solid var(--agglo-error); padding: 0.4em 0.8em; background: var(--agglo-error-bg); color: var(--agglo-error-fg); margin: 0.4em 0; }
  .controls { display: flex; flex-wrap: wrap; gap: 1em; align-items: end; margin: 0.8em 0; }
  .controls label { display: flex; flex-direction: column; font-size: 0.9rem; }
  select { font: inherit; padding: 0.2em; max-width: 28em; }
  .reference { margin: 0; flex-basis: 100%; }
  .grid { display: grid; grid-template-columns: minmax(0, 2fr) minmax(16em, 1fr); gap: 1em; }
  @media (max-width: 800px) { .grid { grid-template-columns: 1fr; } }
  .panel { background: var(--agglo-panel); border-radius: 6px; padding: 0.8em; margin-bottom: 1em; position: relative; }
  svg.map { width: 100%; height: auto; max-height: 70vh; display: block; }
  svg.map path.region { stroke: var(--agglo-line); stroke-width: 0.6; cursor: pointer; }
  svg.map path.region:hover, svg.map path.region:focus-visible { stroke: var(--agglo-focus); stroke-width: 2.5; outline: none; }
  svg.map path.region.selected { stroke: var(--agglo-strong-line); stroke-width: 2.5; }
  .legend { display: flex; flex-wrap: wrap; gap: 0.3em 1em; font-size: 0.85rem; margin-top: 0.4em; }
  .legend-title { flex-basis: 100%; font-weight: 600; }
  .legend-item { display: inline-flex; align-items: center; gap: 0.3em; }
  .swatch { display: inline-block; width: 1.1em; height: 1.1em; border: 1px solid var(--agglo-border); }
  .tooltip { position: absolute; transform: translate(-50%, -110%); background: var(--agglo-tooltip-bg); color: var(--agglo-tooltip-fg); padding: 0.3em 0.6em; border-radius: 4px; pointer-events: none; font-size: 0.85rem; white-space: nowrap; }
  .join { font-size: 0.85rem; color: var(--agglo-muted); }
  table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
  caption { text-align: left; font-weight: 600; padding: 0.3em 0; }
  th, td { padding: 0.25em 0.5em; border-bottom: 1px solid var(--agglo-rule); text-align: left; }
  .num { text-align: right; font-variant-numeric: tabular-nums; }
  th button.sort { font: inherit; font-weight: 600; background: none; border: none; cursor: pointer; padding: 0; color: var(--agglo-fg); }
  tr.selected { background: var(--agglo-highlight-bg); }
  .table-wrap { max-height: 28em; overflow: auto; }
  .code { color: var(--agglo-muted); font-weight: normal; }
  dl { display: grid; grid-template-columns: auto auto; gap: 0.2em 1em; }
  dd { margin: 0; text-align: right; }
  svg.chart { width: 100%; max-width: 900px; height: auto; display: block; background: var(--agglo-bg); }
  svg.chart .grid { stroke: var(--agglo-grid); }
  svg.chart text { font-size: 11px; fill: var(--agglo-fg); }
  svg.chart .axis-label { font-size: 12px; }
  svg.chart .quadrant-line { stroke: var(--agglo-fg); stroke-dasharray: 4 3; }
  svg.chart .quadrant-name { font-size: 12px; font-weight: 600; fill: var(--agglo-muted); }
  svg.chart .bubble { fill-opacity: 0.75; stroke: var(--agglo-fg); stroke-width: 0.8; cursor: pointer; }
  svg.chart .bubble.selected { stroke-width: 3; }
  svg.chart .bubble:focus-visible { outline: none; stroke: var(--agglo-focus); stroke-width: 3; }
  .summary { margin: 0 0 0.5em; }
  .toolbar { display: flex; flex-wrap: wrap; gap: 0.4em; margin-bottom: 0.8em; }
  .restore { border: 2px solid var(--agglo-accent); border-radius: 6px; padding: 0.6em; margin: 0.6em 0; display: flex; gap: 0.6em; align-items: center; flex-wrap: wrap; }
  .export-buttons { display: inline-flex; gap: 0.8em; margin: 0 0.6em; font-size: 0.9rem; font-weight: normal; }
  .toolbar .export-buttons { margin: 0; gap: 0.4em; font-size: inherit; }
  .export-scratch { position: absolute; left: -10000px; top: 0; width: 900px; }
  .print-profile, .print-sheet { display: none; }
  @media print {
    /* Paper is light whatever the screen theme. */
    :host { --agglo-fg: #1b1b1b; --agglo-bg: #ffffff; --agglo-muted: #555; --agglo-panel: #ffffff; --agglo-line: #4d4d4d; --agglo-strong-line: #000; --agglo-rule: #d0d0d0; --agglo-grid: #d9d9d9; }
    .load, .controls, .toolbar, .tabs, .status, .restore, .detail, .table-wrap, details, header .privacy, .export-buttons { display: none !important; }
    .print-profile { display: block; }
    .grid { display: block; }
    .panel { background: none; break-inside: avoid; }
    /* A view's one-page sheet (e.g. the cluster profile) replaces everything else. */
    header:has(~ main .print-sheet), #tabpanel:has(> .print-sheet) > :not(.print-sheet) { display: none !important; }
    .print-sheet { display: block; font-size: 10pt; }
    .print-sheet h1 { font-size: 16pt; margin: 0 0 0.2em; }
    .print-sheet .sheet-lede { margin: 0 0 0.4em; }
    .print-sheet .sheet-figures { display: grid; grid-template-columns: repeat(5, auto); grid-auto-flow: column; grid-template-rows: auto auto; gap: 0 1.2em; margin: 0 0 0.4em; }
    .print-sheet .sheet-figures dt { font-size: 8pt; color: var(--agglo-muted); }
    .print-sheet .sheet-figures dt::first-letter { text-transform: uppercase; }
    .print-sheet svg.map path.region:hover { stroke: var(--agglo-line); stroke-width: 0.6; }
    .print-sheet .sheet-figures dd { margin: 0; text-align: left; font-weight: 700; }
    .print-sheet .sheet-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 1em; align-items: start; }
    .print-sheet figure { margin: 0; break-inside: avoid; }
    .print-sheet svg.map { max-height: 90mm; }
    .print-sheet .legend { font-size: 8pt; }
    .print-sheet figcaption { font-size: 8pt; color: var(--agglo-muted); }
    .print-sheet .sheet-table { font-size: 9pt; margin-top: 0.4em; break-inside: avoid; }
    .print-sheet .sheet-table th, .print-sheet .sheet-table td { padding: 0.1em 0.4em; }
    .print-sheet .sheet-note, .print-sheet .source { font-size: 8pt; color: var(--agglo-muted); }
  }
  .tabs { display: flex; gap: 0.2em; border-bottom: 2px solid var(--agglo-border); margin-bottom: 0.8em; flex-wrap: wrap; }
  .tabs [role='tab'] { font: inherit; padding: 0.4em 0.9em; border: 1px solid var(--agglo-border); border-bottom: none; background: var(--agglo-bg); color: var(--agglo-fg); border-radius: 4px 4px 0 0; cursor: pointer; }
  .tabs [role='tab'][aria-selected='true'] { background: var(--agglo-accent); color: var(--agglo-accent-fg); }
  dialog { max-width: 52em; width: 95vw; border: 1px solid var(--agglo-border); border-radius: 8px; }
  dialog::backdrop { background: rgb(0 0 0 / 0.4); }
  fieldset { border: 1px solid var(--agglo-rule); margin-bottom: 0.8em; }
  dialog { background: var(--agglo-bg); color: var(--agglo-fg); }
  .dialog-buttons { display: flex; justify-content: flex-end; gap: 0.6em; margin-top: 0.8em; }
  @media (prefers-reduced-motion: reduce) { * { transition: none !important; animation: none !important; } }
`;
