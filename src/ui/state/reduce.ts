import type {CompareMode} from '../../core/analysis-types.js';
import type {ActionId} from '../keys/key-table.js';
import {moveTo, page, scroll} from './list-cursor.js';
import {placeLayer} from './layer-order.js';
import {press} from './press.js';
import type {ReduceEnv} from './reduce-env.js';
import {accept, eraseText, typeText} from './input-actions.js';
import {clampDetails, hiddenInView, moveInDetails} from './details-cursor.js';
import {jumpToPath, nothingSelected, viewFile} from './file-actions.js';
import {keepPath, retarget, selectedPath, settleTree, treeAction} from './tree-actions.js';
import {withEffect} from './with-effect.js';
import {hintsAction} from './hints-actions.js';
import type {UiAction} from './ui-action.js';
import type {Focus, UiState} from './ui-state.js';

const leftPanes: readonly Focus[] = ['layers', 'layer-details', 'image-details'];

/** The explorer's state machine: no I/O, no React; side effects leave as `effects` for the app to run. */
export function reduce(state: UiState, action: UiAction, env: ReduceEnv): UiState {
	switch (action.type) {
		case 'press':
			return press(state, action.name, action.text, env, reduce);
		case 'key': {
			const cleared = {...state, message: undefined};
			return keyAction(passesPending(cleared, action.id) ? cleared : settleTree(cleared, env), action.id, env);
		}
		case 'tree-ready':
			return settleTree(state, env);
		case 'text':
			return typeText(state, env, action.text);
		case 'erase':
			return eraseText(state, env, action.unit ?? 'char');
		case 'accept':
			return accept(state);
		case 'effects-taken':
			return {...state, effects: state.effects.filter(effect => effect.id > action.upTo)};
		case 'file-read': {
			const {overlay} = state;
			if (overlay.kind !== 'file' || overlay.path !== action.path || overlay.layer !== action.layer) return state;
			return {...state, overlay: {...overlay, preview: action.preview}};
		}
		case 'extract-done':
			return {...state, overlay: {kind: 'none'}, message: action.message};
		case 'extract-progress': {
			const {overlay} = state;
			if (overlay.kind !== 'extract' || !overlay.running) return state;
			return {...state, overlay: {...overlay, progress: {done: action.done, total: action.total}}};
		}
		case 'extract-confirm': {
			const {overlay} = state;
			if (overlay.kind !== 'extract') return state;
			return {...state, overlay: {...overlay, running: false, confirm: {existing: action.existing, first: action.first}}};
		}
		case 'extract-answer': {
			const {overlay} = state;
			if (overlay.kind !== 'extract' || !overlay.confirm) return state;
			if (action.answer === 'cancel') return {...state, overlay: {kind: 'none'}, message: {text: 'Extract cancelled: nothing was written', tone: 'info'}};
			const {confirm: _asked, ...rest} = overlay;
			return withEffect(
				{...state, overlay: {...rest, running: true}},
				{kind: 'extract', path: overlay.path, layer: overlay.layer, mode: state.mode, target: overlay.target, existing: action.answer},
			);
		}
		case 'message':
			return {...state, message: action.message};
		case 'viewport':
			return clampAll(state, env);
	}
}

function keyAction(state: UiState, id: ActionId, env: ReduceEnv): UiState {
	if (state.overlay.kind !== 'none') return overlayAction(state, id, env);
	switch (id) {
		case 'quit':
			return withEffect(state, {kind: 'quit'});
		case 'suspend':
			return withEffect(state, {kind: 'suspend'});
		case 'help':
			return {...state, overlay: {kind: 'help', scroll: 0}};
		case 'hints':
			return {...state, overlay: {kind: 'hints', cursor: 0, top: 0}};
		case 'toggle-view':
			return {...state, focus: state.focus === 'layers' ? 'tree' : 'layers', filter: {...state.filter, editing: false}};
		case 'filter':
			if (state.filter.editing) return {...state, filter: {...state.filter, editing: false, open: state.filter.text !== ''}};
			return {...state, focus: 'tree', filter: {...state.filter, open: true, editing: true}};
		case 'close-filter':
			if (!state.filter.open) return state;
			return keepPath(state, env, s => ({...s, filter: {open: false, editing: false, text: '', pattern: '', error: ''}}));
		case 'toggle-compare':
			return setMode(state, env, state.mode === 'layer' ? 'aggregated' : 'layer');
		case 'toggle-versus':
			if (!env.versusAvailable) return {...state, message: {text: 'Nothing to compare with: open the explorer with --compare OLD', tone: 'info'}};
			return keepPath(state, env, s => ({...s, versus: !s.versus}));
		case 'compare-layer':
			return setMode(state, env, 'layer');
		case 'compare-all':
			return setMode(state, env, 'aggregated');
		case 'pane-next':
		case 'pane-prev': {
			const at = leftPanes.indexOf(state.focus);
			const step = id === 'pane-next' ? 1 : leftPanes.length - 1;
			return {...state, focus: leftPanes[(at + step) % leftPanes.length]!};
		}
		case 'jump-to-file':
			return jumpToFile(state, env);
		case 'worst-layer': {
			if (env.reading) return {...state, message: {text: 'Reading… the reclaimable bytes are known once every layer is read', tone: 'info'}};
			if (env.worstLayer === undefined) return {...state, message: {text: 'No layer stores a file that a later layer overwrites or deletes', tone: 'info'}};
			return selectLayer(state, env, env.worstLayer);
		}
		case 'sort-layers': {
			const layerSort = state.layerSort === 'index' ? 'reclaimable' : 'index';
			return {...state, layerSort, layers: placeLayer({...state, layers: {...state.layers, top: 0}}, env, state.layers.cursor, layerSort)};
		}
		case 'history': {
			const picked = pickedPath(state, env);
			if (typeof picked !== 'string') return picked;
			return {...state, overlay: {kind: 'history', path: picked, scroll: 0}};
		}
		case 'view-file': {
			if (state.focus === 'tree') return viewFile(state, env);
			// From a file list: show the file in the tree (as Enter does), then its content.
			const picked = pickedPath(state, env);
			if (typeof picked !== 'string') return picked;
			const jumped = jumpToPath(state, env, picked);
			return jumped.focus === 'tree' ? viewFile(jumped, env) : jumped;
		}
		case 'extract': {
			const path = selectedPath(state, env);
			if (!path) return nothingSelected(state);
			if (env.contentUnavailable) return {...state, message: {text: `Cannot extract: ${env.contentUnavailable}`, tone: 'error'}};
			const placeholder = env.resolveDir(env.extractDir);
			return {...state, overlay: {kind: 'extract', path, layer: state.layers.cursor, input: '', placeholder, target: placeholder, running: false}};
		}
		case 'copy-path': {
			const path = pickedPath(state, env);
			if (typeof path !== 'string') return path;
			return withEffect(state, {kind: 'copy', text: path});
		}
		default:
			return moveAction(state, id, env);
	}
}

function moveAction(state: UiState, id: ActionId, env: ReduceEnv): UiState {
	const {viewport} = env;
	switch (state.focus) {
		case 'tree':
			return treeAction(state, env, id);
		case 'layers': {
			const order = env.layerOrder(state.layerSort);
			const target = listTarget(id, order.indexOf(state.layers.cursor), env.layerCount, viewport.layers);
			if (target === undefined) return state;
			return selectLayer(state, env, order[Math.max(0, Math.min(order.length - 1, target))] ?? 0);
		}
		case 'layer-details': {
			const moved = moveInDetails(state.layerDetails, id, env.layerDetails(state.layers.cursor), viewport.layerDetails);
			return moved ? {...state, layerDetails: moved} : state;
		}
		case 'image-details': {
			if (id === 'page-up' || id === 'page-down') {
				return {...state, wasted: page(state.wasted, id === 'page-down' ? 1 : -1, env.wastedCount, viewport.wasted)};
			}
			const target = listTarget(id, state.wasted.cursor, env.wastedCount, viewport.wasted);
			if (target === undefined) return state;
			return {...state, wasted: moveTo(state.wasted, target, env.wastedCount, viewport.wasted)};
		}
	}
}

/** Where a movement key takes a list cursor. */
function listTarget(id: ActionId, cursor: number, count: number, height: number): number | undefined {
	switch (id) {
		case 'up':
			return cursor - 1;
		case 'down':
			return cursor + 1;
		case 'page-up':
			return cursor - Math.max(1, height);
		case 'page-down':
			return cursor + Math.max(1, height);
		case 'home':
			return 0;
		case 'end':
			return count - 1;
		default:
			return undefined;
	}
}

function scrollDelta(id: ActionId, height: number, lines: number): number | undefined {
	switch (id) {
		case 'up':
			return -1;
		case 'down':
			return 1;
		case 'page-up':
			return -Math.max(1, height);
		case 'page-down':
			return Math.max(1, height);
		case 'home':
			return -lines;
		case 'end':
			return lines;
		default:
			return undefined;
	}
}

/**
The path the focused pane has selected: the tree's row, a layer's hidden file, an image's wasted file. When there is
none, the state with a message that says why.
*/
function pickedPath(state: UiState, env: ReduceEnv): string | UiState {
	if (state.focus === 'image-details') {
		return env.wastedPath(state.wasted.cursor) ?? {...state, message: {text: 'No path is stored in more than one layer', tone: 'info'}};
	}
	if (state.focus === 'layer-details') {
		const layer = state.layers.cursor;
		const shape = env.layerDetails(layer);
		if (shape.hiddenRows === 0) return {...state, message: {text: `Layer ${layer} stores nothing that a later layer hides: pick a file in the tree (Tab)`, tone: 'info'}};
		if (!hiddenInView(state.layerDetails, shape, env.viewport.layerDetails)) return {...state, message: {text: 'Scroll to the hidden files (↑/↓) to pick one', tone: 'info'}};
		return env.hiddenPath(layer, state.layerDetails.cursor) ?? nothingSelected(state);
	}
	if (state.focus === 'layers') return {...state, message: {text: 'Pick a file in the tree (Tab), the layer details or the image details first', tone: 'info'}};
	return selectedPath(state, env) ?? nothingSelected(state);
}

/** Enter on a list of files (the image's wasted files, the layer's hidden files): the tree jumps to the selected one. */
function jumpToFile(state: UiState, env: ReduceEnv): UiState {
	if (state.focus === 'image-details') {
		const path = env.wastedPath(state.wasted.cursor);
		return path ? jumpToPath(state, env, path) : state;
	}
	if (state.focus !== 'layer-details') return state;
	const layer = state.layers.cursor;
	const shape = env.layerDetails(layer);
	if (shape.hiddenRows === 0) return {...state, message: {text: `Layer ${layer} stores nothing that a later layer hides`, tone: 'info'}};
	if (!hiddenInView(state.layerDetails, shape, env.viewport.layerDetails)) {
		return {...state, message: {text: 'Scroll to the hidden files (↑/↓) to pick one', tone: 'info'}};
	}
	const path = env.hiddenPath(layer, state.layerDetails.cursor);
	return path ? jumpToPath(state, env, path) : state;
}

function selectLayer(state: UiState, env: ReduceEnv, target: number): UiState {
	const layers = placeLayer(state, env, target);
	if (layers.cursor === state.layers.cursor) return {...state, layers};
	return retarget(state, env, s => ({...s, layers, layerDetails: {cursor: 0, top: 0}}));
}

function setMode(state: UiState, env: ReduceEnv, mode: CompareMode): UiState {
	if (state.mode === mode) return state;
	return retarget(state, env, s => ({...s, mode}));
}

const layerKeys: ReadonlySet<ActionId> = new Set(['up', 'down', 'page-up', 'page-down', 'home', 'end', 'sort-layers']);
const modeKeys: ReadonlySet<ActionId> = new Set(['compare-layer', 'compare-all', 'toggle-compare', 'quit', 'suspend', 'help', 'pane-next', 'pane-prev', 'worst-layer']);

/** Keys that may leave a tree pending: moving through the layers, switching modes, things that do not touch the tree. */
function passesPending(state: UiState, id: ActionId): boolean {
	if (!state.pendingTree) return true;
	return modeKeys.has(id) || (state.focus === 'layers' && layerKeys.has(id));
}

function overlayAction(state: UiState, id: ActionId, env: ReduceEnv): UiState {
	const {overlay} = state;
	if (id === 'quit') return withEffect(state, {kind: 'quit'});
	if (id === 'close' && overlay.kind === 'extract' && overlay.running) {
		// Esc on a running extract stops it before its next item; the outcome arrives as extract-done.
		return overlay.cancelling ? state : withEffect({...state, overlay: {...overlay, cancelling: true}}, {kind: 'cancel-extract'});
	}
	if (id === 'close') return {...state, overlay: {kind: 'none'}};
	if (overlay.kind === 'hints') return hintsAction(state, overlay, id, env);
	if (overlay.kind === 'help' || overlay.kind === 'history' || overlay.kind === 'file') {
		const lines = env.overlayLines(state);
		const delta = scrollDelta(id, env.viewport.overlay, lines);
		if (delta === undefined) return state;
		return {...state, overlay: {...overlay, scroll: scroll(overlay.scroll, delta, lines, env.viewport.overlay)}};
	}
	return state;
}

function clampAll(state: UiState, env: ReduceEnv): UiState {
	const {viewport} = env;
	// A pending tree is placed when it arrives; building it here would block the resize.
	const tree = state.pendingTree ? state.tree : moveTo(state.tree, state.tree.cursor, env.rows(state).count, viewport.tree);
	const layers = placeLayer(state, env, state.layers.cursor);
	const wasted = moveTo(state.wasted, state.wasted.cursor, env.wastedCount, viewport.wasted);
	const layerDetails = clampDetails(state.layerDetails, env.layerDetails(state.layers.cursor), viewport.layerDetails);
	return {...state, tree: {...state.tree, ...tree}, layers, wasted, layerDetails};
}
