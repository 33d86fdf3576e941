import type {CompareMode} from '../../core/analysis-types.js';
import type {Focus} from '../keys/key-map.js';
import type {CollapseState, SortOrder} from '../tree/tree-rows.js';
import {nothingCollapsed} from '../tree/tree-rows.js';
import type {HiddenKinds} from '../tree/visibility.js';
import type {LayerSort} from './layer-order.js';
import {noneHidden} from '../tree/visibility.js';

export type {Focus};

/** A scrollable list: the selected row and the first row shown. */
export type ListCursor = {readonly cursor: number; readonly top: number};

export type TreeState = ListCursor & {
	readonly collapse: CollapseState;
	readonly hidden: HiddenKinds;
	readonly sort: SortOrder;
	readonly attributes: boolean;
	/** Long names are shown whole on several rows (dive's wrap toggle) instead of cut with `…`. */
	readonly wrap: boolean;
};

export type FilterState = {
	/** The filter bar is shown. */
	readonly open: boolean;
	/** Keys go to the filter input. */
	readonly editing: boolean;
	readonly text: string;
	/** The last pattern that compiled; the tree is filtered by it. */
	readonly pattern: string;
	readonly error: string;
};

/** What a file view shows once read (`loading` until then). */
export type FilePreview =
	| {readonly kind: 'loading'}
	| {readonly kind: 'text'; readonly lines: readonly string[]; readonly truncated: boolean; readonly size: number; readonly shownBytes: number}
	| {readonly kind: 'binary'; readonly size: number; readonly description: string}
	| {readonly kind: 'none'; readonly message: string};

export type Overlay =
	| {readonly kind: 'none'}
	| {readonly kind: 'help'; readonly scroll: number}
	| {readonly kind: 'history'; readonly path: string; readonly scroll: number}
	/** The Hints view: the selected hint (`cursor`) and the first one listed (`top`). */
	| {readonly kind: 'hints'; readonly cursor: number; readonly top: number}
	| {readonly kind: 'file'; readonly path: string; readonly layer: number; readonly note: string; readonly preview: FilePreview; readonly scroll: number}
	/**
	`input` is what the user typed; while it is empty the extract goes to `placeholder` (the default directory).
	`target` is where it goes, absolute. `confirm` is set while the user decides about files already there.
	*/
	| {
		readonly kind: 'extract';
		readonly path: string;
		readonly layer: number;
		readonly input: string;
		readonly placeholder: string;
		readonly target: string;
		readonly running: boolean;
		/** While running: items written of all, and whether Esc asked it to stop. */
		readonly progress?: {readonly done: number; readonly total: number};
		readonly cancelling?: boolean;
		readonly confirm?: {readonly existing: number; readonly first: string};
	};

/** Work the reducer asks for: the app performs it and reports back with an action. */
export type Effect =
	| {readonly kind: 'read-file'; readonly path: string; readonly layer: number; readonly mode: CompareMode}
	/** `existing`: `ask` checks for files already in the target first (and asks the user when there are some). */
	| {readonly kind: 'extract'; readonly path: string; readonly layer: number; readonly mode: CompareMode; readonly target: string; readonly existing: 'ask' | 'overwrite' | 'skip'}
	| {readonly kind: 'copy'; readonly text: string}
	| {readonly kind: 'quit'}
	| {readonly kind: 'suspend'}
	| {readonly kind: 'cancel-extract'};

export type Message = {readonly text: string; readonly tone: 'info' | 'error'};

export type UiState = {
	readonly focus: Focus;
	/** The selected layer is `layers.cursor` (a layer index); `layers.top` is the first row shown, in `layerSort` order. */
	readonly layers: ListCursor;
	readonly layerSort: LayerSort;
	readonly mode: CompareMode;
	/** The file tree shows the comparison with `--compare OLD` instead of the selected layer. */
	readonly versus: boolean;
	/** The layer details pane: the selected hidden file (`cursor`) and the first line shown (`top`). */
	readonly layerDetails: ListCursor;
	readonly wasted: ListCursor;
	readonly tree: TreeState;
	readonly filter: FilterState;
	readonly overlay: Overlay;
	readonly message: Message | undefined;
	/**
	Set while the selected layer's tree is not built yet (a layer or mode change on a big image): the tree pane waits,
	and once the app has built the tree the cursor goes back to `path` at the same height on screen.
	*/
	readonly pendingTree: {readonly path: string | undefined; readonly offset: number} | undefined;
	/** Effects not yet taken by the app, oldest first; each carries a sequence number. */
	readonly effects: readonly (Effect & {readonly id: number})[];
	readonly nextEffect: number;
};

export type InitialOptions = {
	readonly mode?: CompareMode;
	readonly sort?: SortOrder;
	readonly attributes?: boolean;
	readonly collapseAll?: boolean;
	readonly hidden?: Partial<HiddenKinds>;
};

export function initialState(options: InitialOptions = {}): UiState {
	return {
		focus: 'layers',
		layers: {cursor: 0, top: 0},
		layerSort: 'index',
		mode: options.mode ?? 'layer',
		versus: false,
		layerDetails: {cursor: 0, top: 0},
		wasted: {cursor: 0, top: 0},
		tree: {
			cursor: 0,
			top: 0,
			collapse: options.collapseAll ? {all: true, except: new Set()} : nothingCollapsed,
			hidden: {...noneHidden, ...options.hidden},
			sort: options.sort ?? 'name',
			attributes: options.attributes ?? true,
			wrap: false,
		},
		filter: {open: false, editing: false, text: '', pattern: '', error: ''},
		overlay: {kind: 'none'},
		message: undefined,
		pendingTree: undefined,
		effects: [],
		nextEffect: 1,
	};
}
