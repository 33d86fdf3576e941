import type {Analysis} from '../../core/analysis-types.js';
import {fileHistory} from '../../core/history.js';
import type {ContentSource} from '../../loader/content-source.js';
import type {TreeNode} from '../../core/compare-tree.js';
import type {KeyMap} from '../keys/key-map.js';
import {layerOrder, worstLayer, type LayerSort} from '../state/layer-order.js';
import type {ReduceEnv, Viewport} from '../state/reduce-env.js';
import type {UiState} from '../state/ui-state.js';
import {TreeCache} from '../tree/tree-cache.js';
import type {TreeRows} from '../tree/tree-rows.js';
import {imageSummaryLines} from '../view/details-view.js';
import {hintListRows, hintsLines} from '../view/hints-view.js';
import {hiddenRows, layerDetails} from '../view/layer-details-view.js';
import {computeLayout, leftColumnWidth, type Layout, type Size} from '../view/layout.js';
import {seg, type Line} from '../view/line.js';
import {helpLines, historyLines, previewLines} from '../view/overlay-view.js';
import {readingHintsLines} from '../view/reading-view.js';
import type {Theme} from '../view/theme.js';
import {attributeWidth} from '../view/tree-view.js';

/** Everything the explorer derives from its inputs, shared by the reducer's env and the panes. */
/** The tree of the image marked against another one (`--compare OLD`), and how its pane is titled. */
export type VersusView = {readonly tree: TreeNode; readonly title: string};

export type ExplorerModel = {
	readonly analysis: Analysis;
	readonly versus?: VersusView;
	readonly content: ContentSource;
	readonly cache: TreeCache;
	readonly keymap: KeyMap;
	readonly theme: Theme;
	readonly extractDir: string;
	/** Makes an extract target absolute (relative to where layerlens started, `~` expanded). */
	resolveDir(dir: string): string;
	/** The Layers pane's order for a sort (each computed once, when first asked for). */
	layerOrder(sort: LayerSort): readonly number[];
	/**
	Set while the image is still being read: the analysis then holds the layers read so far, and the figures that need
	every layer (efficiency, wasted, reclaimable, hints) are not known yet. `layerCount`: layers the image has.
	*/
	readonly reading?: {readonly layerCount: number};
	/**
	A first tree from at least this many layer entries is built after the first screen (a slice at a time, keys read in
	between) rather than before it: the layers, their figures and the answer line show at once on a big image.
	*/
	readonly deferTreeAt: number;
	/**
	What the analysis still has to read before its trees can be built (a saved analysis opened early: the layers'
	changes): the explorer calls it after its first screen and builds trees once it has settled.
	*/
	readonly complete?: () => Promise<void>;
};

/** 20k entries' tree takes some 50-100 ms to build: below that the first screen waits for its tree, above it does not. */
export const deferTreeAtDefault = 20_000;

export function createModel(
	analysis: Analysis,
	content: ContentSource,
	keymap: KeyMap,
	theme: Theme,
	extractDir: string,
	extras: {
		readonly versus?: VersusView;
		readonly resolveDir?: (dir: string) => string;
		readonly reading?: {readonly layerCount: number};
		readonly cache?: TreeCache;
		readonly deferTreeAt?: number;
		readonly complete?: () => Promise<void>;
	} = {},
): ExplorerModel {
	const orders = new Map<LayerSort, readonly number[]>();
	const orderFor = (sort: LayerSort) => {
		let order = orders.get(sort);
		if (!order) orders.set(sort, (order = layerOrder(analysis.layers, sort)));
		return order;
	};
	const resolveDir = extras.resolveDir ?? ((dir: string) => dir);
	return {
		analysis,
		content,
		cache: extras.cache ?? new TreeCache(analysis),
		keymap,
		theme,
		extractDir,
		resolveDir,
		layerOrder: orderFor,
		deferTreeAt: extras.deferTreeAt ?? deferTreeAtDefault,
		...(extras.versus ? {versus: extras.versus} : {}),
		...(extras.reading ? {reading: extras.reading} : {}),
		...(extras.complete ? {complete: extras.complete} : {}),
	};
}

/** How the key that opens the Hints view is shown (`w` unless the config moved it). */
export function hintKeyLabel(model: ExplorerModel): string {
	return model.keymap.bindings.find(binding => binding.id === 'hints' && binding.keys.length > 0)?.label ?? '';
}

export function rowsFor(model: ExplorerModel, state: UiState): TreeRows {
	if (state.versus && model.versus) return model.cache.rowsOf(model.versus.tree, state.tree, state.filter.pattern);
	return model.cache.rows(state.layers.cursor, state.mode, state.tree, state.filter.pattern);
}

/**
The explorer's first state: when the first tree is big and not built yet, or its changes are not read yet (a saved
analysis opened early), it is pending (the pane says it is being built) so the first screen does not wait for it;
the app builds it in slices and settles the cursor on its first row.
*/
export function firstState(model: ExplorerModel, initial: UiState): UiState {
	if (initial.pendingTree || (initial.versus && model.versus)) return initial;
	const {cursor} = initial.layers;
	if (model.cache.has(cursor, initial.mode)) return initial;
	// A saved analysis opened early reads its layers' changes after the first screen: its first tree is built then.
	if (model.complete) return {...initial, pendingTree: {path: undefined, offset: 0}};
	// A layer-mode tree is built from its layer's changes, an aggregated one from every layer's up to it. Counted by
	// entries, which a saved analysis holds without decoding its changes.
	let entries = 0;
	for (let index = initial.mode === 'layer' ? cursor : 0; index <= cursor; index++) entries += model.analysis.layers[index]?.entryCount ?? 0;
	return entries >= model.deferTreeAt ? {...initial, pendingTree: {path: undefined, offset: 0}} : initial;
}

/** Whether the tree pane can draw now: the comparison tree always can, a layer's tree once it is built. */
export function treeShown(model: ExplorerModel, state: UiState): boolean {
	return (state.versus && model.versus !== undefined) || state.pendingTree === undefined || model.cache.has(state.layers.cursor, state.mode);
}

/** The body lines of the open overlay (the help, a file's history, a file's content, the hints for a window of `rows`). */
export function overlayBody(model: ExplorerModel, state: UiState, size: {width: number; rows: number} = {width: 80, rows: 20}): Line[] {
	const {overlay} = state;
	switch (overlay.kind) {
		case 'hints':
			if (model.reading) return readingHintsLines(model.analysis.layers.length, model.reading.layerCount, model.theme);
			return hintsLines(model.analysis.hints, overlay, size.width, size.rows, model.theme);
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
	const summary = imageSummaryLines(model.analysis, layout.imageDetails.width - 1, model.theme, hintKeyLabel(model), model.reading !== undefined).length;
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
		versusAvailable: model.versus !== undefined,
		...(model.reading ? {reading: true} : {}),
		resolveDir: model.resolveDir,
		contentUnavailable: model.content.available ? '' : model.content.unavailableReason || 'file content cannot be read back from this input',
		rows: state => rowsFor(model, state),
		treeReady: (layer, mode) => model.cache.has(layer, mode),
		wastedPath: index => model.analysis.inefficiencies[index]?.path,
		layerDetails: layer => {
			const details = layerDetails(model.analysis.layers[layer], layout.layerDetails.width - 1, model.theme, model.analysis.hints, model.reading !== undefined);
			return {lines: details.lines.length, hiddenStart: details.hiddenStart, hiddenRows: details.hiddenRows};
		},
		hiddenPath: (layer, index) => {
			const details = model.analysis.layers[layer];
			return details ? hiddenRows(details)[index]?.path : undefined;
		},
		removedBy: (path, layer) => fileHistory(model.analysis, path).findLast(item => item.kind === 'removed' && item.layer <= layer)?.layer,
		overlayLines: state => overlayBody(model, state).length,
		hintCount: model.analysis.hints.hints.length,
		hintRows: hintListRows(viewport.overlay),
		hintTarget: index => {
			const hint = model.analysis.hints.hints[index];
			return hint?.paths[0] === undefined ? undefined : {path: hint.paths[0], layer: hint.layer};
		},
	};
}

/** The layout for a terminal size and focus, with room for the image summary and a few wasted files. */
export function layoutFor(model: ExplorerModel, size: Size, focus: UiState['focus'], bar: boolean, answer = true): Layout {
	const summary = imageSummaryLines(model.analysis, leftColumnWidth(size.columns) - 1, model.theme, hintKeyLabel(model), model.reading !== undefined).length;
	const imageMin = 2 + summary + Math.max(1, Math.min(3, model.analysis.inefficiencies.length));
	const imageNeed = 2 + summary + Math.max(1, model.analysis.inefficiencies.length);
	return computeLayout(size, focus, bar, imageMin, model.analysis.layers.length, imageNeed, answer);
}
