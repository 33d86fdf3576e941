import type {KeyMap} from '../keys/key-map.js';
import type {DetailsShape} from './details-cursor.js';
import type {TreeRows} from '../tree/tree-rows.js';
import type {LayerSort} from './layer-order.js';
import type {UiState} from './ui-state.js';

/** Rows each pane shows at the current terminal size. */
export type Viewport = {
	readonly layers: number;
	readonly layerDetails: number;
	readonly wasted: number;
	readonly tree: number;
	readonly overlay: number;
};

/**
What the reducer may read besides the state: counts, the viewport, and the tree rows for a state (memoized by the app,
so asking twice is free). All of it is a pure function of the analysis and the state.
*/
export type ReduceEnv = {
	readonly keymap: KeyMap;
	readonly layerCount: number;
	/** The layer indices in the order the Layers pane lists them. */
	layerOrder(sort: LayerSort): readonly number[];
	/** The layer with the most reclaimable bytes, if any layer has some. */
	readonly worstLayer: number | undefined;
	readonly wastedCount: number;
	readonly viewport: Viewport;
	/** Whether the tree pane is wide enough to show any attributes (`b` says so when it is not). */
	readonly attributesFit: boolean;
	/** Default target of "extract". */
	readonly extractDir: string;
	/** An extract target as typed, made absolute (relative to where layerlens started, `~` expanded). */
	resolveDir(dir: string): string;
	/** Why file content cannot be read back (input streamed once, e.g. stdin); empty when it can. */
	readonly contentUnavailable: string;
	/** Set while the image is still being read: the figures that need every layer (the worst layer) are not known. */
	readonly reading?: boolean;
	/** Whether the explorer was opened with `--compare OLD` (the comparison tree exists). */
	readonly versusAvailable?: boolean;
	rows(state: UiState): TreeRows;
	/** Whether the tree of a layer and mode is built already (so showing it costs nothing). */
	treeReady(layer: number, mode: UiState['mode']): boolean;
	/** Path of row `index` of the inefficient-files table. */
	wastedPath(index: number): string | undefined;
	/** How the layer details pane of a layer is made up (its lines, and where its hidden files are listed). */
	layerDetails(layer: number): DetailsShape;
	/** Path of hidden file `index` of a layer's list. */
	hiddenPath(layer: number, index: number): string | undefined;
	/** The layer that removed `path` last, at or below `layer` (from the path's history). */
	removedBy(path: string, layer: number): number | undefined;
	/** How many hints the Hints view lists, and how many of them fit. */
	readonly hintCount: number;
	readonly hintRows: number;
	/** Where Enter on hint `index` takes the tree: its first path, at its layer. */
	hintTarget(index: number): {readonly path: string; readonly layer: number} | undefined;
	/** Lines of the open overlay's body. */
	overlayLines(state: UiState): number;
};
