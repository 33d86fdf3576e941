import type {DiffKind} from '../../core/analysis-types.js';
import type {ColorName, Style} from './line.js';

/** Semantic styles. With colour off (NO_COLOR) only bold, dim and inverse remain; text markers carry the meaning. */
export type Theme = {
	readonly color: boolean;
	diff(kind: DiffKind): Style | undefined;
	readonly selected: Style;
	readonly title: Style;
	readonly focusedTitle: Style;
	readonly label: Style;
	readonly dim: Style;
	readonly error: Style;
	readonly keyOn: Style;
	readonly keyOff: Style;
	readonly compareBase: Style;
	readonly compareTop: Style;
	readonly accent: Style;
};

/** The colour of each kind of change; the HTML report reads the same table. */
export const diffColors: Record<DiffKind, ColorName | undefined> = {
	added: 'green',
	removed: 'red',
	modified: 'yellow',
	unmodified: undefined,
};

export function makeTheme(color: boolean): Theme {
	const c = (name: ColorName): ColorName | undefined => (color ? name : undefined);
	const style = (value: Style): Style => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Style;
	return {
		color,
		diff: kind => (color && diffColors[kind] ? {color: diffColors[kind]} : undefined),
		selected: {inverse: true, bold: true},
		title: {bold: true},
		focusedTitle: style({bold: true, color: c('cyan')}),
		label: {bold: true},
		dim: {dim: true},
		error: style({color: c('red'), bold: true}),
		keyOn: color ? {backgroundColor: 'magenta', bold: true} : {bold: true},
		keyOff: color ? {inverse: true} : {},
		compareBase: style({color: c('green')}),
		compareTop: style({color: c('magenta')}),
		accent: style({color: c('cyan')}),
	};
}
