import type {Analysis} from '../../core/analysis-types.js';
import {fileHistory} from '../../core/history.js';
import type {ContentSource} from '../../loader/content-source.js';
import type {KeyMap} from '../keys/key-map.js';
import {layerOrder, worstLayer, type LayerSort} from '../state/layer-order.js';
import type {ReduceEnv, Viewport} from '../state/reduce-env.js';
import type {UiState} from '../state/ui-state.js';
import {TreeCache} from '../tree/tree-cache.js';
import type {TreeRows} from '../tree/tree-rows.js';
import {imageSummaryLines} from '../view/details-view.js';
import {hiddenRows, layerDetails} from '../view/layer-details-view.js';
import {computeLayout, leftColumnWidth, type Layout, type Size} from '../view/layout.js';
import {seg, type Line} from '../view/line.js';
import {helpLines, historyLines, previewLines} from '../view/overlay-view.js';
import type {Theme} from '../view/theme.js';
import {attributeWidth} from '../view/tree-view.js';

/** Everything the explorer derives from its inputs, shared by the reducer's env and the panes. */
export type ExplorerModel = {
	readonly analysis: Analysis;
	readonly content: ContentSource;
	readonly cache: TreeCache;
	readonly keymap: KeyMap;
	readonly theme: Theme;
	readonly extractDir: string;
	/** Makes an extract target absolute (relative to where layerlens started, `~` expanded). */
	resolveDir(dir: string): string;
	/** The Layers pane's order for a sort (each computed once, when first asked for). */
	layerOrder(sort: LayerSort): readonly number[];
};

export function createModel(
	analysis: Analysis,
	content: ContentSource,
	keymap: KeyMap,
	theme: Theme,
	extractDir: string,
	resolveDir: (dir: string) => string = dir => dir,
): ExplorerModel {
	const orders = new Map<LayerSort, readonly number[]>();
	const orderFor = (sort: LayerSort) => {
		let order = orders.get(sort);
		if (!order) orders.set(sort, (order = layerOrder(analysis.layers, sort)));
		return order;
	};
	return {analysis, content, cache: new TreeCache(analysis), keymap, theme, extractDir, resolveDir, layerOrder: orderFor};
}

export function rowsFor(model: ExplorerModel, state: UiState): TreeRows {
	return model.cache.rows(state.layers.cursor, state.mode, state.tree, state.filter.pattern);
}

/** The body lines of the open overlay (the help, a file's history, a file's content). */
export function overlayBody(model: ExplorerModel, state: UiState): Line[] {
	const {overlay} = state;
	switch (overlay.kind) {
		case 'help':
			return helpLines(model.keymap.bindings, model.theme);
		case 'history':
			return historyLines(model.analysis, overlay.path, fileHistory(model.analysis, overlay.path, {listed: true}), model.theme);
		case 'file':
			return [...(overlay.note ? [[seg(overlay.note, model.theme.dim)], []] : []), ...previewLines(overlay.preview, model.theme)];
		default:
			return [];
	}
}

/** Rows each pane shows under a layout (pane title and column headers taken off). */
export function viewportFor(model: ExplorerModel, layout: Layout): Viewport {
	const summary = imageSummaryLines(model.analysis, layout.imageDetails.width - 1, model.theme).length;
	return {
		layers: Math.max(1, layout.layers.height - 2),
		layerDetails: Math.max(1, layout.layerDetails.height - 1),
		wasted: Math.max(1, layout.imageDetails.height - 2 - summary),
		tree: Math.max(1, layout.tree.height - 3),
		overlay: Math.max(1, layout.main - 1),
	};
}

export function envFor(model: ExplorerModel, layout: Layout): ReduceEnv {
	const viewport = viewportFor(model, layout);
	return {
		keymap: model.keymap,
		layerCount: model.analysis.layers.length,
		layerOrder: sort => model.layerOrder(sort),
		worstLayer: worstLayer(model.analysis.layers),
		wastedCount: model.analysis.inefficiencies.length,
		viewport,
		attributesFit: attributeWidth(layout.tree.width, true) !== 'none',
		extractDir: model.extractDir,
		resolveDir: model.resolveDir,
		contentUnavailable: model.content.available ? '' : model.content.unavailableReason || 'file content cannot be read back from this input',
		rows: state => rowsFor(model, state),
		treeReady: (layer, mode) => model.cache.has(layer, mode),
		wastedPath: index => model.analysis.inefficiencies[index]?.path,
		layerDetails: layer => {
			const details = layerDetails(model.analysis.layers[layer], layout.layerDetails.width - 1, model.theme);
			return {lines: details.lines.length, hiddenStart: details.hiddenStart, hiddenRows: details.hiddenRows};
		},
		hiddenPath: (layer, index) => {
			const details = model.analysis.layers[layer];
			return details ? hiddenRows(details)[index]?.path : undefined;
		},
		removedBy: (path, layer) => fileHistory(model.analysis, path).findLast(item => item.kind === 'removed' && item.layer <= layer)?.layer,
		overlayLines: state => overlayBody(model, state).length,
	};
}

/** The layout for a terminal size and focus, with room for the image summary and a few wasted files. */
export function layoutFor(model: ExplorerModel, size: Size, focus: UiState['focus'], bar: boolean): Layout {
	const summary = imageSummaryLines(model.analysis, leftColumnWidth(size.columns) - 1, model.theme).length;
	const imageMin = 2 + summary + Math.max(1, Math.min(3, model.analysis.inefficiencies.length));
	const imageNeed = 2 + summary + Math.max(1, model.analysis.inefficiencies.length);
	return computeLayout(size, focus, bar, imageMin, model.analysis.layers.length, imageNeed);
}
