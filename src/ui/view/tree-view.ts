import type {CompareMode} from '../../core/analysis-types.js';
import type {TreeState} from '../state/ui-state.js';
import {attributesHeader, attributesText, diffMarkers, treeText, type AttributeWidth} from '../tree/tree-line.js';
import type {TreeRows} from '../tree/tree-rows.js';
import {seg, type Line} from './line.js';
import type {Theme} from './theme.js';

/** How much of the attributes column fits in a tree pane `width` columns wide. */
export function attributeWidth(width: number, wanted: boolean): AttributeWidth {
	if (!wanted) return 'none';
	if (width >= 72) return 'full';
	if (width >= 36) return 'size';
	return 'none';
}

export function treeTitle(mode: CompareMode, tree: TreeState): string {
	const what = mode === 'layer' ? 'Current Layer Contents' : 'Aggregated Layer Contents';
	return `${what} · by ${tree.sort}`;
}

export function treeHeader(width: AttributeWidth): Line {
	return [seg(`   ${attributesHeader(width)} Filetree`, {bold: true})];
}

/**
The rows of the tree pane in view: a selection mark, the diff marker (+ ~ - ·), the attributes and dive's tree
drawing. Only the `height` rows from `tree.top` are built.
*/
export function treeLines(rows: TreeRows, tree: TreeState, width: AttributeWidth, height: number, focused: boolean, theme: Theme): Line[] {
	return rows.rows(tree.top, height).map(row => {
		const selected = row.index === tree.cursor;
		const kind = row.node.diff;
		const style = selected ? (focused ? theme.selected : {inverse: true}) : theme.diff(kind);
		return [
			seg(selected ? '▶' : ' ', selected ? style : undefined),
			seg(diffMarkers[kind], style),
			seg(` ${attributesText(row, width)} `, style),
			seg(treeText(row), style),
		];
	});
}
