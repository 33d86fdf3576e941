import type {Analysis, CompareMode} from '../../core/analysis-types.js';
import {formatBytes} from '../format/bytes.js';
import {displayCommand} from '../format/command.js';
import type {ListCursor} from '../state/ui-state.js';
import {seg, type Line} from './line.js';
import type {Theme} from './theme.js';

/** dive's compare range (its GetCompareIndexes with start 0): the base below, and the layers whose changes show. */
export function compareRange(layer: number, mode: CompareMode): {base: [number, number]; top: [number, number]} {
	if (layer === 0) return {base: [0, 0], top: [0, 0]};
	if (mode === 'layer') return {base: [0, layer - 1], top: [layer, layer]};
	return {base: [0, 0], top: [1, layer]};
}

export const compareMarks = {base: '○', top: '●', none: ' '} as const;

export function layersHeader(analysis: Analysis): Line {
	const digits = String(Math.max(0, analysis.layers.length - 1)).length;
	return [seg(`  ${' '.repeat(Math.max(0, digits - 1))}#     Size  Reclaim  Command`, {bold: true})];
}

/** The rows of the layers pane in the window of `height` rows starting at `list.top` (a position in `order`). */
export function layersLines(analysis: Analysis, order: readonly number[], list: ListCursor, mode: CompareMode, height: number, theme: Theme): Line[] {
	const range = compareRange(list.cursor, mode);
	const digits = String(Math.max(0, analysis.layers.length - 1)).length;
	const lines: Line[] = [];
	for (const index of order.slice(list.top, list.top + height)) {
		const layer = analysis.layers[index]!;
		const selected = layer.index === list.cursor;
		const inTop = layer.index >= range.top[0] && layer.index <= range.top[1];
		const inBase = layer.index >= range.base[0] && layer.index <= range.base[1];
		const mark = inTop ? compareMarks.top : inBase ? compareMarks.base : compareMarks.none;
		// Reclaim: bytes this layer stores that a later layer hides (blank when none), so the worst layer stands out.
		// The column adds up to the image's Reclaimable figure (dive's Wasted counts every copy, the kept one too).
		const reclaim = layer.reclaimableBytes > 0 ? formatBytes(layer.reclaimableBytes) : '';
		lines.push([
			seg(selected ? '▶' : ' ', selected ? theme.selected : undefined),
			seg(mark, inTop ? theme.compareTop : inBase ? theme.compareBase : undefined),
			seg(` ${String(layer.index).padStart(digits)} ${formatBytes(layer.sizeBytes).padStart(8)} `, selected ? theme.selected : undefined),
			seg(reclaim.padStart(8), selected ? theme.selected : theme.diff('removed')),
			seg(`  ${displayCommand(layer.command) || '(no command)'}`, selected ? theme.selected : undefined),
		]);
	}
	return lines;
}
