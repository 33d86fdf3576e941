import type {ChangeKind} from '../../core/analysis-types.js';
import type {ColorName} from '../../ui/view/line.js';
import {diffColors} from '../../ui/view/theme.js';

/** The terminal's named colours as a dark terminal theme shows them. */
const cssColor: Record<ColorName, string> = {
	green: '#3fb950',
	red: '#f85149',
	yellow: '#d29922',
	magenta: '#bc8cff',
	cyan: '#39c5cf',
	blue: '#58a6ff',
	gray: '#8b949e',
};

/** added / modified / removed in the explorer's colours. */
export function changeColors(): Record<ChangeKind, string> {
	const of = (kind: ChangeKind) => cssColor[diffColors[kind] ?? 'gray'];
	return {added: of('added'), modified: of('modified'), removed: of('removed')};
}

/**
Layer colours of the treemap, cycling: no pure green, yellow or red, which mean added, modified and removed
elsewhere in the report.
*/
export const layerPalette: readonly string[] = [
	'#4e79a7',
	'#f28e2b',
	'#76b7b2',
	'#b07aa1',
	'#9c755f',
	'#ff9da7',
	'#a0cbe8',
	'#ffbe7d',
	'#d4a6c8',
	'#d7b5a6',
	'#6b8fd6',
	'#c9a26b',
];
