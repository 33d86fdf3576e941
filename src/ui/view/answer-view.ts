import type {Analysis} from '../../core/analysis-types.js';
import {formatBytes} from '../format/bytes.js';
import {worstLayer} from '../state/layer-order.js';
import {seg, type Line} from './line.js';
import type {Theme} from './theme.js';

/** The first text that fits `width` columns, else the last (shortest) one. */
function firstFitting(width: number, texts: readonly string[]): string {
	return texts.find(text => [...text].length <= width) ?? texts.at(-1)!;
}

/**
The answer line, always on screen above the status bar: which layer stores the most bytes that later layers hide,
and the key that goes there. `jumpKey` is the key label of the jump (empty when the user unbound it).
*/
export function answerLine(analysis: Analysis, jumpKey: string, width: number, theme: Theme, hintKey = ''): Line {
	// A shipped secret matters more than any byte count: it leads the line whenever there is one.
	const secrets = analysis.hints.hints.filter(hint => hint.kind === 'secret').length;
	if (secrets > 0) {
		const alert = `${secrets === 1 ? '1 secret' : `${secrets} secrets`} shipped!${hintKey ? ` (${hintKey})` : ''} `;
		return [seg(alert, {...theme.error, inverse: true}), seg(' '), ...answerLine({...analysis, hints: {...analysis.hints, hints: []}}, jumpKey, width - alert.length - 1, theme)];
	}
	const worst = worstLayer(analysis.layers);
	if (worst === undefined) return [seg('Nothing reclaimable: no layer stores a file that a later layer overwrites or deletes', theme.dim)];
	const layer = analysis.layers[worst]!;
	const bytes = formatBytes(layer.reclaimableBytes);
	const total = formatBytes(analysis.image.reclaimableBytes);
	const go = jumpKey ? ` · ${jumpKey} go there` : '';
	const head = 'Most reclaimable: ';
	const text = firstFitting(width - head.length, [
		`layer ${worst}, ${bytes} (of ${total} reclaimable in the image)${go}`,
		`layer ${worst}, ${bytes} (of ${total})${go}`,
		`layer ${worst}, ${bytes}${go}`,
		`layer ${worst}, ${bytes}`,
	]);
	return [seg(head, theme.label), seg(text, theme.diff('removed') ?? theme.accent)];
}
