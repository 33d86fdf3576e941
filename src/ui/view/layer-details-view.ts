import type {ChangeTotals, LayerAnalysis} from '../../core/analysis-types.js';
import {formatBytes, formatCount} from '../format/bytes.js';
import type {HintReport} from '../../core/hints/hint-types.js';
import {fitMiddle, readingText} from './details-view.js';
import {layerHintLines} from './hints-view.js';
import {displayWidth, seg, wrap, type Line} from './line.js';
import type {Theme} from './theme.js';

/** At most this many hidden files are listed per layer (largest first); a line says how many more there are. */
export const hiddenListLimit = 100;

/** One row of a layer's hidden-files list: a file, or a directory standing for the hidden files right inside it. */
export type HiddenRow = {
	readonly path: string;
	readonly bytes: number;
	/** The later layer that hides them; undefined when different files are hidden by different layers. */
	readonly hiddenBy: number | undefined;
	/** 1 for a file; for a directory, how many hidden files it stands for. */
	readonly files: number;
};

const rowsOf = new WeakMap<LayerAnalysis, readonly HiddenRow[]>();

function parentOf(path: string): string {
	const slash = path.lastIndexOf('/');
	return slash <= 0 ? '/' : path.slice(0, slash);
}

/**
The rows of a layer's hidden-files list, largest first. Up to `hiddenListLimit` files are listed one by one; beyond
that (a layer that hides thousands of small files, like a reinstalled node_modules) they are grouped by the
directory that holds them, so the rows name the places that matter and a short path keeps its useful prefix.
*/
export function hiddenRows(layer: LayerAnalysis): readonly HiddenRow[] {
	let rows = rowsOf.get(layer);
	if (rows) return rows;
	if (layer.hidden.length <= hiddenListLimit) {
		rows = layer.hidden.map(item => ({path: item.path, bytes: item.bytes, hiddenBy: item.hiddenBy, files: 1}));
	} else {
		const groups = new Map<string, {bytes: number; files: number; hiddenBy: number | undefined; first: string}>();
		for (const item of layer.hidden) {
			const dir = parentOf(item.path);
			const group = groups.get(dir);
			if (!group) groups.set(dir, {bytes: item.bytes, files: 1, hiddenBy: item.hiddenBy, first: item.path});
			else {
				group.bytes += item.bytes;
				group.files += 1;
				if (group.hiddenBy !== item.hiddenBy) group.hiddenBy = undefined;
			}
		}
		rows = [...groups]
			.map(([dir, group]) => ({path: group.files === 1 ? group.first : dir, bytes: group.bytes, hiddenBy: group.hiddenBy, files: group.files}))
			.sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
	}
	rowsOf.set(layer, rows);
	return rows;
}

/** The lines of the layer details pane and where its list of hidden files sits among them. */
export type LayerDetails = {
	readonly lines: Line[];
	/** Index of the first hidden-file line. */
	readonly hiddenStart: number;
	/** Hidden-file lines (each selectable); 0 when the layer has none. */
	readonly hiddenRows: number;
};

function totals(label: string, value: ChangeTotals, marker: string): string {
	const files = value.count === 1 ? 'path' : 'paths';
	return `${marker} ${label} ${formatCount(value.count)} ${files}, ${formatBytes(value.bytes)}`;
}

/** `1.2 MB (1,154,361 B)`; just `6 B` when the short form is already exact. */
function sizeText(bytes: number): string {
	const short = formatBytes(bytes);
	return short === `${bytes} B` ? short : `${short} (${formatCount(bytes)} B)`;
}

/** `→ hidden by layer 9` where the pane is wide, `→ layer 9` or just `→ 9` where it is not (the same for every row). */
function hiddenBy(layer: number | undefined, width: number): string {
	if (layer === undefined) return width >= 60 ? ' → hidden by several layers' : ' → several';
	return width >= 60 ? ` → hidden by layer ${layer}` : width >= 40 ? ` → layer ${layer}` : ` → ${layer}`;
}

/**
One hidden file: `▶  6.4 kB  /root/example/somefile1.txt → hidden by layer 4` (shorter when narrow); a directory row
says how many files it stands for: `▶   12 MB  /app/node_modules/lodash/ (612 files) → layer 9`.
*/
export function hiddenLine(item: HiddenRow, width: number, selected: boolean, theme: Theme): Line {
	const head = ` ${formatBytes(item.bytes).padStart(6)}  `;
	const suffix = hiddenBy(item.hiddenBy, width);
	const count = item.files > 1 ? ` (${formatCount(item.files)} files)` : '';
	const name = item.files > 1 ? `${item.path === '/' ? '' : item.path}/` : item.path;
	const style = selected ? theme.selected : undefined;
	return [
		seg(selected ? '▶' : ' ', style),
		seg(head, style ?? theme.diff('removed')),
		seg(fitMiddle(name, Math.max(1, width - 1 - head.length - suffix.length - count.length)), style),
		seg(count, style ?? theme.dim),
		seg(suffix, style ?? theme.dim),
	];
}

/** The first text that fits `width` columns after a label, else the last (shortest) one. */
function longestFitting(width: number, label: string, texts: readonly string[]): string {
	return texts.find(text => label.length + displayWidth(text) <= width) ?? texts.at(-1)!;
}

/** A labelled value on one line when it fits; else, like the command, the label and the value wrapped below it. */
function labelled(label: string, value: string, width: number, theme: Theme): Line[] {
	if (Math.max(8, label.length + 1) + displayWidth(value) <= width) return [[seg(label.padEnd(8), theme.label), seg(value)]];
	return [[seg(label, theme.label)], ...wrap(value, width).map(text => [seg(text)])];
}

/**
Every line of the layer details pane (the pane scrolls over them), the most useful first: what the layer changes,
what it stores that later layers hide (the reclaimable bytes, then those files, largest first), then its size,
command, id and digest. The pane marks the selected hidden file itself (`hiddenLine`).
*/
export function layerDetails(layer: LayerAnalysis | undefined, width: number, theme: Theme, hints?: HintReport, reading = false): LayerDetails {
	if (!layer) return {lines: [], hiddenStart: 0, hiddenRows: 0};
	const layerHints = hints ? layerHintLines(hints, layer.index, width, theme) : undefined;
	const hiddenCount = layer.hidden.length;
	const reclaim = formatBytes(layer.reclaimableBytes);
	const files = `${formatCount(hiddenCount)} ${hiddenCount === 1 ? 'file' : 'files'}`;
	const entries = `${formatCount(layer.entryCount)} ${layer.entryCount === 1 ? 'entry' : 'entries'}`;
	const lines: Line[] = [
		[seg(totals('added   ', layer.added, '+'), theme.diff('added'))],
		[seg(totals('modified', layer.modified, '~'), theme.diff('modified'))],
		[seg(totals('removed ', layer.removed, '-'), theme.diff('removed'))],
		[
			seg('Reclaimable: ', theme.label),
			// What a layer stores that later layers hide is known once they are read.
			reading
				? seg(longestFitting(width, 'Reclaimable: ', [`${readingText} (needs the layers above)`, readingText]), theme.dim)
				: layer.reclaimableBytes > 0
				? seg(longestFitting(width, 'Reclaimable: ', [`${reclaim} in ${files} hidden later`, `${reclaim} in ${files}`, reclaim]), theme.diff('removed'))
				: seg('none'),
		],
	];
	const hiddenStart = lines.length;
	const rows = hiddenRows(layer);
	if (rows.length > 0 && rows.length !== hiddenCount) lines.push([seg('  grouped by directory, largest first:', theme.dim)]);
	const listStart = lines.length;
	const shown = rows.slice(0, hiddenListLimit);
	for (const item of shown) lines.push(hiddenLine(item, width, false, theme));
	if (rows.length > shown.length) {
		const rest = rows.slice(shown.length);
		const files = rest.reduce((sum, item) => sum + item.files, 0);
		lines.push([seg(`  … ${formatCount(files)} more files, ${formatBytes(rest.reduce((sum, item) => sum + item.bytes, 0))}`, theme.dim)]);
	}
	if (layerHints) lines.push(layerHints.summary, ...layerHints.lines);
	lines.push(...labelled('Size:', longestFitting(width, 'Size:   ', [`${sizeText(layer.sizeBytes)}, ${entries}`, `${formatBytes(layer.sizeBytes)}, ${entries}`]), width, theme));
	lines.push([seg('Command:', theme.label)]);
	for (const text of wrap(layer.createdBy || layer.command || '(none)', width)) lines.push([seg(text)]);
	lines.push(...labelled('Id:', layer.id || '(none)', width, theme), ...labelled('Digest:', layer.diffId || '(none)', width, theme));
	return {lines, hiddenStart: shown.length > 0 ? listStart : hiddenStart, hiddenRows: shown.length};
}
