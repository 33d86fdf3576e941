import type {Hint, HintReport} from '../../core/hints/hint-types.js';
import {kindAdvice, type HintKind} from '../../core/hints/hint-types.js';
import {formatBytes, formatCount} from '../format/bytes.js';
import {fitPath} from './details-view.js';
import {fit, seg, wrap, type Line, type Style} from './line.js';
import type {Theme} from './theme.js';

const severityTag = {high: 'HIGH', warn: 'warn', info: 'info'} as const;

function severityStyle(hint: Hint, theme: Theme): Style | undefined {
	return hint.severity === 'high' ? theme.error : hint.severity === 'warn' ? theme.diff('modified') : theme.dim;
}

/** Lines the Hints view gives the selected hint's explanation (below the list). */
export function hintDetailsHeight(rows: number): number {
	return Math.max(3, Math.min(10, Math.floor(rows / 2)));
}

/** Hints listed at once in a view of `rows` lines: a summary line, the list, a rule, the details. */
export function hintListRows(rows: number): number {
	return Math.max(1, rows - 2 - hintDetailsHeight(rows));
}

const plural = (count: number, one: string) => `${formatCount(count)} ${one}${count === 1 ? '' : 's'}`;

/** `3 hints · 1.9 MB could be saved · 1 secret shipped`. */
export function hintsHeadline(report: HintReport): string {
	if (report.hints.length === 0) return 'No hints: nothing wasted that layerlens can explain, and no secrets found.';
	const secrets = report.hints.filter(hint => hint.kind === 'secret').length;
	const parts = [plural(report.hints.length, 'hint'), `${formatBytes(report.savableBytes)} could be saved`];
	if (secrets > 0) parts.push(`${plural(secrets, 'secret')} shipped`);
	return parts.join(' · ');
}

/** One row of the list: `▶ HIGH secret             1.2 kB  L4   /root/.ssh/id_rsa`. */
export function hintRow(hint: Hint, width: number, selected: boolean, theme: Theme): Line {
	const style = selected ? theme.selected : undefined;
	const head = ` ${formatBytes(hint.bytes).padStart(8)}  ${`L${hint.layer}`.padEnd(4)} `;
	const more = hint.count > 1 ? ` +${formatCount(hint.count - 1)}` : '';
	const kindWidth = width >= 70 ? 17 : 12;
	const used = 2 + 5 + kindWidth + head.length;
	return [
		seg(selected ? '▶ ' : '  ', style),
		seg(`${severityTag[hint.severity]} `, style ?? severityStyle(hint, theme)),
		seg(fit(hint.kind, kindWidth).padEnd(kindWidth), style ?? theme.label),
		seg(head, style),
		seg(`${fitPath(hint.paths[0] ?? '', Math.max(1, width - used - more.length))}${more}`, style),
	];
}

/** What the selected hint says: its message, its fix, its layers and paths, cut to `height` lines. */
export function hintDetailLines(hint: Hint, width: number, height: number, theme: Theme): Line[] {
	const lines: Line[] = wrap(hint.message, width).map(text => [seg(text)]);
	wrap(`Fix: ${hint.fix}`, width).forEach((text, i) => lines.push(i === 0 ? [seg('Fix: ', theme.label), seg(text.slice(5), theme.accent)] : [seg(text, theme.accent)]));
	lines.push([seg(`Layers ${hint.layers.join(', ')} · ${plural(hint.count, 'path')} · ${formatBytes(hint.bytes)}`, theme.dim)]);
	const room = height - lines.length;
	if (room > 0) {
		const shown = hint.paths.slice(0, hint.count > room ? room - 1 : room);
		for (const path of shown) lines.push([seg(`  ${fitPath(path, width - 2)}`)]);
		if (hint.count > shown.length) lines.push([seg(`  … ${formatCount(hint.count - shown.length)} more`, theme.dim)]);
	}
	return lines.slice(0, height);
}

/** The whole Hints view for a window of `rows` lines: headline, the list from `top`, a rule, the selected hint. */
export function hintsLines(report: HintReport, list: {cursor: number; top: number}, width: number, rows: number, theme: Theme): Line[] {
	const lines: Line[] = [[seg(fit(hintsHeadline(report), width), theme.label)]];
	if (report.hints.length === 0) return lines;
	const listRows = hintListRows(rows);
	report.hints.slice(list.top, list.top + listRows).forEach((hint, offset) => lines.push(hintRow(hint, width, list.top + offset === list.cursor, theme)));
	const selected = report.hints[list.cursor];
	if (!selected) return lines;
	lines.push([seg('─'.repeat(Math.max(1, width)), theme.dim)]);
	lines.push(...hintDetailLines(selected, width, hintDetailsHeight(rows), theme));
	return lines;
}

/** The waste kind that costs the most, if any costs anything. */
function topWaste(report: HintReport): [HintKind, number] | undefined {
	const waste = (Object.entries(report.totals) as Array<[HintKind, number]>).filter(([kind, bytes]) => kind !== 'secret' && bytes > 0);
	return waste.sort((a, b) => b[1] - a[1])[0];
}

/** The image details' one line: what could be saved, the biggest cause and how, secrets, and the key to see all. */
export function hintSummaryText(report: HintReport, key: string): string {
	const secrets = report.hints.filter(hint => hint.kind === 'secret').length;
	const top = topWaste(report);
	const parts: string[] = [];
	if (secrets > 0) parts.push(`${plural(secrets, 'secret')} shipped!`);
	if (top) parts.push(`save ${formatBytes(report.savableBytes)}, most by ${top[0]} (${formatBytes(top[1])}): ${kindAdvice[top[0]]}`);
	if (parts.length === 0) return 'none';
	return key ? `${parts.join(' · ')} (${key})` : parts.join(' · ');
}

/** The hints that concern one layer, for its details: the kinds in one line, then each hint's message and fix. */
export function layerHintLines(report: HintReport, layer: number, width: number, theme: Theme): {summary: Line; lines: Line[]} | undefined {
	const hints = report.hints.filter(hint => hint.layers.includes(layer));
	if (hints.length === 0) return undefined;
	const kinds = hints.map(hint => `${hint.kind} ${formatBytes(hint.bytes)}`);
	const high = hints.some(hint => hint.severity === 'high');
	const summary: Line = [seg('Hints: ', theme.label), seg(fit(kinds.join(', '), Math.max(1, width - 7)), high ? theme.error : undefined)];
	const lines: Line[] = [];
	for (const hint of hints) {
		lines.push([seg(fit(`${severityTag[hint.severity]} ${hint.kind} ${formatBytes(hint.bytes)}`, width), severityStyle(hint, theme))]);
		for (const text of wrap(hint.message, width - 2)) lines.push([seg(`  ${text}`)]);
		for (const text of wrap(`Fix: ${hint.fix}`, width - 2)) lines.push([seg(`  ${text}`, theme.accent)]);
	}
	return {summary, lines};
}
