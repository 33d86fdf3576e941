import type {Analysis} from '../../core/analysis-types.js';
import {formatBytes} from '../format/bytes.js';
import {hintSummaryText} from './hints-view.js';
import {fit, fitStart, seg, wrap, type Line, type Segment} from './line.js';
import type {Theme} from './theme.js';

function percent(ratio: number): string {
	if (Number.isNaN(ratio)) return 'n/a';
	if (!Number.isFinite(ratio)) return '∞ %';
	return `${(ratio * 100).toFixed(2)} %`;
}

/** What a figure that needs every layer says while the image is still being read. */
export const readingText = 'reading…';

const readingPairs = ['Total', 'User', 'Efficiency', 'Wasted', 'User wasted', 'Reclaimable'];

/** The summary above the wasted-files table, packed into as few lines as `width` allows. */
export function imageSummaryLines(analysis: Analysis, width: number, theme: Theme, hintKey = 'w', reading = false): Line[] {
	const {image} = analysis;
	// While the image is read, every figure here needs layers not read yet.
	const pairs: [string, string][] = reading ? readingPairs.map((label): [string, string] => [label, readingText]) : [
		['Total', formatBytes(image.sizeBytes)],
		['User', formatBytes(image.userSizeBytes)],
		['Efficiency', percent(image.efficiencyScore)],
		// The two waste figures say what they count: dive's counts every copy of a path stored twice, the kept one too;
		// reclaimable is what deleting the hidden copies would actually save (the help spells both out).
		['Wasted', `${formatBytes(image.wastedBytes)} (every copy)`],
		['User wasted', percent(image.userWastedPercent)],
		['Reclaimable', `${formatBytes(image.reclaimableBytes)} (savable)`],
	];
	const lines: Line[] = [];
	let current: Segment[] = [];
	let used = 0;
	for (const [label, value] of pairs) {
		const length = label.length + 2 + value.length;
		if (current.length > 0 && used + 2 + length > width) {
			lines.push(current);
			current = [];
			used = 0;
		}
		if (current.length > 0) {
			current.push(seg('  '));
			used += 2;
		}
		current.push(seg(`${label}: `, theme.label), seg(value));
		used += length;
	}
	if (current.length > 0) lines.push(current);
	if (reading) {
		lines.push([seg('Hints: ', theme.label), seg(readingText, theme.dim)]);
		return lines;
	}
	// What could be saved and how, in one line (the Hints view has the rest).
	const hints = hintSummaryText(analysis.hints, hintKey);
	const secrets = analysis.hints.totals.secret > 0 || analysis.hints.hints.some(hint => hint.kind === 'secret');
	// One sentence, wrapped over at most three lines where the column is narrow.
	const wrapped = wrap(`Hints: ${hints}`, Math.max(8, width));
	const shown = wrapped.slice(0, 3);
	if (wrapped.length > 3) shown[2] = fit(`${shown[2]!} ${wrapped.slice(3).join(' ')}`, Math.max(8, width));
	const style = secrets ? theme.error : undefined;
	shown.forEach((text, i) => lines.push(i === 0 ? [seg('Hints: ', theme.label), seg(text.slice(7), style)] : [seg(text, style)]));
	return lines;
}

const narrowTable = 50;

export function wastedHeader(width: number): Line {
	const text = width < narrowTable ? `  ${'#'.padStart(2)}  ${'Space'.padStart(7)}  Path` : `  ${'Count'.padStart(5)}  ${'Total Space'.padStart(11)}  Path`;
	return [seg(text, {bold: true})];
}

/** Cuts a path on the left so its end (the file name) stays: `…ample/somefile1.txt`. */
export function fitPath(path: string, width: number): string {
	return fitStart(path, width);
}

/** Cuts a path in the middle so both its top directories and its end stay: `/app/node_…/alpha/f1.js`. */
export function fitMiddle(path: string, width: number): string {
	const chars = [...path];
	if (chars.length <= width) return path;
	if (width <= 1) return '…';
	const head = Math.floor((width - 1) * 0.4);
	return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - (width - 1 - head)).join('')}`;
}

/** The window of the inefficient-files table (dive's list: count, total space of every copy, path). */
export function wastedLines(analysis: Analysis, list: {cursor: number; top: number}, height: number, width: number, focused: boolean, theme: Theme): Line[] {
	const narrow = width < narrowTable;
	return analysis.inefficiencies.slice(list.top, list.top + height).map((item, offset) => {
		const selected = focused && list.top + offset === list.cursor;
		const head = narrow
			? ` ${String(item.count).padStart(2)}  ${formatBytes(item.cumulativeBytes).padStart(7)}  `
			: ` ${String(item.count).padStart(5)}  ${formatBytes(item.cumulativeBytes).padStart(11)}  `;
		const text = head + fitPath(item.path, width - 1 - head.length);
		return [seg(selected ? '▶' : ' ', selected ? theme.selected : undefined), seg(text, selected ? theme.selected : undefined)];
	});
}
