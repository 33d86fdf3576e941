import {displayText} from '../../format/display-text.js';
import {changeColors, layerPalette} from './page-colors.js';
import {pageScript} from './page-script.js';
import {pageStyle} from './page-style.js';
import {reportData, defaultTreemapBudget} from './report-data.js';
import type {ReportInput} from './report-input.js';

export type RenderOptions = {
	/** d3-hierarchy's browser build (UMD, defines `window.d3`), inlined so the page needs no network. */
	readonly treemapLibrary: string;
	/** Treemap nodes kept before small files are merged. */
	readonly budget?: number;
};

/**
The HTML report as a stream of chunks: one self-contained page (styles, d3-hierarchy, data and script inline).
Pure: the caller writes the chunks wherever it likes. The Content-Security-Policy forbids every fetch, so the page
works from file:// and as a downloaded artifact, and cannot leak anything.
*/
export function* renderHtmlReport(input: ReportInput, options: RenderOptions): Generator<string> {
	const data = reportData(input, options.budget ?? defaultTreemapBudget);
	const colors = changeColors();
	const title = `layerlens report: ${displayText(data.image.name)}`;
	yield '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n';
	yield '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; script-src \'unsafe-inline\'; style-src \'unsafe-inline\'; img-src data:">\n';
	yield '<meta name="viewport" content="width=device-width, initial-scale=1">\n';
	yield `<title>${escapeHtml(title)}</title>\n`;
	yield `<style>:root { --added: ${colors.added}; --modified: ${colors.modified}; --removed: ${colors.removed}; }${pageStyle}</style>\n`;
	yield '</head>\n<body>\n';
	yield staticMarkup;
	yield `<script type="application/json" id="report-palette">${scriptJson(layerPalette)}</script>\n`;
	yield '<script type="application/json" id="report-data">{';
	let first = true;
	for (const [key, value] of Object.entries(data)) {
		yield `${first ? '' : ','}${JSON.stringify(key)}:${scriptJson(value)}`;
		first = false;
	}
	yield '}</script>\n';
	yield `<script>${scriptSafe(options.treemapLibrary)}</script>\n`;
	yield `<script>${pageScript}</script>\n`;
	yield '</body>\n</html>\n';
}

const staticMarkup = `<header>
<h1>layerlens report: <span id="image-name"></span></h1>
<div id="image-meta" class="sub"></div>
</header>
<section id="summary"><h2>Summary</h2><div id="summary-cards" class="cards"></div><div id="ci" hidden></div></section>
<section id="layers"><h2>Layers</h2>
<p class="sub">Bar: the layer's size; <span class="legend-waste"></span> its reclaimable part (bytes later layers hide). Click a layer for its command and to highlight its files in the treemap.</p>
<div id="layer-list"></div></section>
<section id="treemap-section"><h2>Treemap</h2>
<div class="toolbar"><div id="mode" class="toggle" role="group" aria-label="Treemap contents"><button type="button" data-mode="files" aria-pressed="true">Final filesystem</button> <button type="button" data-mode="waste" aria-pressed="false">Wasted bytes</button></div>
<nav id="crumbs" class="crumbs" aria-label="Breadcrumbs"></nav></div>
<p id="treemap-caption" class="sub"></p>
<svg id="treemap" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Treemap"></svg>
<div id="treemap-empty" class="empty" hidden></div>
<div id="legend" class="legend"></div></section>
<section id="waste"><h2>Wasted and hidden files</h2><div class="tables">
<div><h3>Inefficient files (dive): paths stored in more than one layer</h3><div id="inefficient-table"></div></div>
<div><h3>Reclaimable (layerlens): copies that later layers overwrite or delete</h3><div id="reclaimable-table"></div></div>
</div></section>
<section id="hints" hidden><h2>Hints</h2></section>
<section id="diff" hidden><h2>Comparison</h2></section>
<div id="tooltip" role="tooltip"></div>
<footer id="footer">Written by layerlens. One self-contained file: it loads nothing from the network.</footer>
`;

/** JSON that can sit inside a `<script>` element: no `<` at all, so no `</script>` or `<!--`. */
function scriptJson(value: unknown): string {
	return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** A script's code with any `</script` defused (d3's build has none; this keeps it so whatever the version). */
function scriptSafe(code: string): string {
	return code.replace(/<\/(script)/gi, '<\\/$1');
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, ch => `&#${ch.charCodeAt(0)};`);
}
