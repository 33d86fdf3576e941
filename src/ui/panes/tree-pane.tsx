import type {CompareMode} from '../../core/analysis-types.js';
import {follow} from '../state/list-cursor.js';
import type {TreeState} from '../state/ui-state.js';
import type {TreeRows} from '../tree/tree-rows.js';
import type {PaneBox} from '../view/layout.js';
import {attributeWidth, selectedPathLine, treeHeader, treeLines, treeTitle} from '../view/tree-view.js';
import {seg} from '../view/line.js';
import type {Theme} from '../view/theme.js';
import {LinesView} from './lines-view.js';
import {Pane} from './pane.js';

export type TreePaneProps = {
	/** Undefined while the tree of the selected layer is being built. */
	readonly rows: TreeRows | undefined;
	readonly tree: TreeState;
	readonly mode: CompareMode;
	/** Replaces the layer title (the comparison with another image). */
	readonly title?: string;
	readonly focused: boolean;
	readonly box: PaneBox;
	readonly theme: Theme;
};

export function TreePane({rows, tree, mode, title: titleOverride, focused, box, theme}: TreePaneProps) {
	const title = titleOverride === undefined ? treeTitle(mode, tree) : `${titleOverride} · by ${tree.sort}`;
	if (!rows) {
		return (
			<Pane title={title} note="building…" focused={focused} width={box.width} height={box.height} theme={theme}>
				<LinesView lines={[[], [seg('  Building the tree of this layer…', theme.dim)]]} width={box.width} height={box.height - 1} />
			</Pane>
		);
	}
	// Title, column header and the selected path's line take three rows.
	const height = Math.max(1, box.height - 3);
	const top = follow(tree.top, tree.cursor, rows.count, height);
	const width = attributeWidth(box.width, tree.attributes);
	const body = treeLines(rows, {...tree, top}, width, height, focused, theme, {columns: box.width, wrap: tree.wrap});
	const blank = Array.from({length: Math.max(0, height - body.length)}, () => []);
	const lines = [treeHeader(width), ...body, ...blank, selectedPathLine(rows.rowAt(tree.cursor)?.node.path, box.width, theme)];
	const note = rows.count > 0 ? `${tree.cursor + 1}/${rows.count}` : 'nothing shown';
	return (
		<Pane title={title} note={note} focused={focused} width={box.width} height={box.height} theme={theme}>
			<LinesView lines={lines} width={box.width} height={box.height - 1} />
		</Pane>
	);
}
