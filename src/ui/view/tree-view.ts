import type {CompareMode} from '../../core/analysis-types.js';
import {isOnlyChanged} from '../state/tree-actions.js';
import type {TreeState} from '../state/ui-state.js';
import {attributesHeader, attributesText, diffMarkers, treeText, type AttributeWidth} from '../tree/tree-line.js';
import type {TreeRows} from '../tree/tree-rows.js';
import {fitPath} from './details-view.js';
import {seg, type Line} from './line.js';
import type {Theme} from './theme.js';

/** How much of the attributes column fits in a tree pane `width` columns wide. */
export function attributeWidth(width: number, wanted: boolean): AttributeWidth {
	if (!wanted) return 'none';
	if (width >= 70) return 'full';
	if (width >= 36) return 'size';
	return 'none';
}

/**
The tree pane's title: the mode, the sort order and whatever hides rows (kinds toggled off), so the state that
changes what is visible shows at every width, not only where the status bar has room for its toggles.
*/
export function treeTitle(mode: CompareMode, tree: TreeState): string {
	const what = mode === 'layer' ? 'Current Layer Contents' : 'Aggregated Layer Contents';
	const {hidden} = tree;
	const kinds = (['added', 'modified', 'removed', 'unmodified'] as const).filter(kind => hidden[kind]);
	const hiding = isOnlyChanged(tree) ? ' · only changed' : kinds.length > 0 ? ` · hiding ${kinds.join(', ')}` : '';
	return `${what} · by ${tree.sort}${hiding}`;
}

export function treeHeader(width: AttributeWidth): Line {
	return [seg(`   ${attributesHeader(width)} Filetree`, {bold: true})];
}

/** How the tree pane draws its names. */
export type TreeDrawing = {
	/** Columns of the pane. */
	readonly columns: number;
	/** Long names continue on the next rows instead of being cut. */
	readonly wrap: boolean;
};

/** Guides may take at most this share of the room for the tree text before their outer levels fold into `…`. */
const guideShare = 0.5;

/**
The rows of the tree pane in view: a selection mark, the diff marker (+ ~ - ·), the attributes and dive's tree
drawing. Only the rows from `tree.top` that fit `height` lines are built. With wrap on, a long name takes several
lines, and the window starts late enough that the selected row is whole on screen.
*/
export function treeLines(rows: TreeRows, tree: TreeState, width: AttributeWidth, height: number, focused: boolean, theme: Theme, drawing?: TreeDrawing): Line[] {
	const groups = rows.rows(tree.top, height).map(row => {
		const selected = row.index === tree.cursor;
		const kind = row.node.diff;
		const style = selected ? (focused ? theme.selected : {inverse: true}) : theme.diff(kind);
		const attributes = ` ${attributesText(row, width)} `;
		const room = drawing ? Math.max(8, drawing.columns - 2 - attributes.length) : Number.POSITIVE_INFINITY;
		const text = treeText(row, Math.max(8, Math.floor(room * guideShare)));
		const head: Line = [seg(selected ? '▶' : ' ', selected ? style : undefined), seg(diffMarkers[kind], style), seg(attributes, style)];
		if (!drawing?.wrap || [...text].length <= room) return {selected, lines: [[...head, seg(text, style)]]};
		const chars = [...text];
		const indent = ' '.repeat(2 + attributes.length);
		const lines: Line[] = [[...head, seg(chars.slice(0, room).join(''), style)]];
		for (let at = room; at < chars.length; at += room) lines.push([seg(indent), seg(chars.slice(at, at + room).join(''), style)]);
		return {selected, lines};
	});
	// Drop whole rows from the top until the selected row's last line is on screen.
	let first = 0;
	const selectedAt = groups.findIndex(group => group.selected);
	if (selectedAt >= 0) {
		let used = groups.slice(0, selectedAt + 1).reduce((sum, group) => sum + group.lines.length, 0);
		while (used > height && first < selectedAt) used -= groups[first++]!.lines.length;
	}
	return groups.slice(first).flatMap(group => group.lines).slice(0, height);
}

/** The line under the tree: the selected row's whole path (cut at its start when even that does not fit). */
export function selectedPathLine(path: string | undefined, columns: number, theme: Theme): Line {
	if (path === undefined) return [];
	return [seg('▶ ', theme.dim), seg(fitPath(path, Math.max(1, columns - 2)), theme.dim)];
}
