/** The report's stylesheet: a dark, terminal-like page; colours of changes and layers come in as CSS variables. */
export const pageStyle = String.raw`
:root { color-scheme: dark; --bg: #0d1117; --panel: #161b22; --line: #30363d; --text: #e6edf3; --dim: #8b949e; --accent: #39c5cf; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); font: 14px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; }
header, section { margin: 0 auto; max-width: 1280px; padding: 12px 20px; }
h1 { font-size: 20px; margin: 8px 0 2px; }
h2 { font-size: 16px; margin: 0 0 10px; color: var(--accent); }
.sub { color: var(--dim); }
section { border-top: 1px solid var(--line); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 8px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; }
.card .label { color: var(--dim); font-size: 12px; }
.card .value { font-size: 18px; font-weight: bold; }
.card .exact { color: var(--dim); font-size: 12px; }
.status-pass { color: var(--added); font-weight: bold; }
.status-fail { color: var(--removed); font-weight: bold; }
.status-skip, .status-other { color: var(--dim); font-weight: bold; }
.kind-added { color: var(--added); }
.kind-modified, .kind-changed { color: var(--modified); }
.kind-removed { color: var(--removed); }
.layer { display: grid; grid-template-columns: 44px minmax(120px, 2fr) 86px minmax(160px, 3fr); gap: 8px; align-items: center; padding: 3px 4px; border-radius: 4px; cursor: pointer; }
.layer:hover, .layer:focus { background: var(--panel); outline: none; }
.layer.selected { background: #1f2a37; box-shadow: inset 3px 0 0 var(--accent); }
.layer .bar { position: relative; height: 16px; background: #21262d; border-radius: 3px; overflow: hidden; }
.layer .fill { position: absolute; left: 0; top: 0; bottom: 0; }
.layer .waste { position: absolute; top: 0; bottom: 0; background: repeating-linear-gradient(45deg, var(--removed) 0 3px, #5a1e1e 3px 6px); }
.layer .size { text-align: right; }
.layer .cmd { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; color: var(--dim); }
.layer-details { grid-column: 1 / -1; background: var(--panel); border: 1px solid var(--line); border-radius: 4px; padding: 6px 10px; cursor: auto; }
.layer-details pre { white-space: pre-wrap; word-break: break-all; margin: 4px 0; color: var(--text); }
.legend-waste { display: inline-block; width: 14px; height: 10px; background: repeating-linear-gradient(45deg, var(--removed) 0 3px, #5a1e1e 3px 6px); vertical-align: middle; }
.toolbar { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; margin-bottom: 8px; }
.toggle button, .crumbs button, .more { background: var(--panel); color: var(--text); border: 1px solid var(--line); border-radius: 4px; padding: 3px 8px; font: inherit; cursor: pointer; }
.toggle button[aria-pressed="true"] { background: #1f6feb; border-color: #1f6feb; }
.crumbs { display: flex; gap: 2px; align-items: center; flex-wrap: wrap; }
.crumbs button { border: none; background: none; color: var(--accent); padding: 0 2px; }
.crumbs .current { font-weight: bold; padding: 0 2px; }
#treemap { display: block; width: 100%; height: 560px; background: #010409; border: 1px solid var(--line); border-radius: 4px; }
#treemap rect.leaf { stroke: #010409; stroke-width: 0.5; cursor: zoom-in; }
#treemap rect.leaf.dim { opacity: 0.18; }
#treemap rect.leaf.hl { stroke: #ffffff; stroke-width: 1; }
#treemap rect.dir { fill: none; stroke: #e6edf3; stroke-opacity: 0.55; stroke-width: 1; pointer-events: none; }
#treemap rect.dir.depth-2 { stroke-opacity: 0.25; }
#treemap text { fill: #fff; font-size: 11px; pointer-events: none; paint-order: stroke; stroke: #000; stroke-width: 2px; stroke-opacity: 0.6; }
.empty { color: var(--dim); padding: 20px; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; margin-top: 8px; font-size: 12px; }
.legend span.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; vertical-align: -1px; margin-right: 4px; }
.legend .item { cursor: pointer; }
.legend .item.selected { text-decoration: underline; }
#tooltip { position: fixed; pointer-events: none; background: #000c; border: 1px solid var(--line); border-radius: 4px; padding: 6px 8px; max-width: 520px; font-size: 12px; display: none; z-index: 10; word-break: break-all; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid #21262d; }
th { color: var(--dim); cursor: pointer; user-select: none; white-space: nowrap; }
th[aria-sort="ascending"]::after { content: " \25B2"; }
th[aria-sort="descending"]::after { content: " \25BC"; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.path { word-break: break-all; }
.table-tools { display: flex; gap: 12px; align-items: center; margin: 6px 0; }
.table-tools input { background: var(--panel); color: var(--text); border: 1px solid var(--line); border-radius: 4px; padding: 4px 8px; font: inherit; width: 340px; }
.table-count { color: var(--dim); }
.tables { display: grid; grid-template-columns: 1fr; gap: 18px; }
footer { max-width: 1280px; margin: 0 auto; padding: 12px 20px 30px; color: var(--dim); border-top: 1px solid var(--line); }
`;
