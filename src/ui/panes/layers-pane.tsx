import {memo} from 'react';
import type {Analysis, CompareMode} from '../../core/analysis-types.js';
import {follow} from '../state/list-cursor.js';
import type {ListCursor} from '../state/ui-state.js';
import type {PaneBox} from '../view/layout.js';
import {layersHeader, layersLines} from '../view/layers-view.js';
import type {Theme} from '../view/theme.js';
import {LinesView} from './lines-view.js';
import {Pane} from './pane.js';

export type LayersPaneProps = {
	readonly analysis: Analysis;
	readonly list: ListCursor;
	/** Layer indices in the order listed. */
	readonly order: readonly number[];
	readonly mode: CompareMode;
	readonly focused: boolean;
	readonly box: PaneBox;
	readonly theme: Theme;
	/** While the image is read: how many layers it has (the pane lists those read so far). */
	readonly expected?: number;
};

/** Drawn again only when its props change (not on a move in the file tree). */
export const LayersPane = memo(function LayersPane({analysis, list, order, mode, focused, box, theme, expected}: LayersPaneProps) {
	const rows = Math.max(1, box.height - 2);
	const position = Math.max(0, order.indexOf(list.cursor));
	const top = follow(list.top, position, analysis.layers.length, rows);
	const lines = [layersHeader(analysis), ...layersLines(analysis, order, {cursor: list.cursor, top}, mode, rows, theme)];
	const sorted = order.some((layer, at) => layer !== at);
	const note = `${sorted ? 'by reclaim ' : ''}${position + 1}/${analysis.layers.length}${expected === undefined ? '' : ` of ${expected}`}`;
	return (
		<Pane title="Layers" note={note} focused={focused} width={box.width} height={box.height} theme={theme}>
			<LinesView lines={lines} width={box.width} height={box.height - 1} />
		</Pane>
	);
});
