import type {ActionId} from '../keys/key-table.js';
import {jumpToPath} from './file-actions.js';
import {moveTo, page} from './list-cursor.js';
import type {ReduceEnv} from './reduce-env.js';
import type {Overlay, UiState} from './ui-state.js';

type HintsOverlay = Extract<Overlay, {kind: 'hints'}>;

/** Keys in the Hints view: move through the hints, or Enter to show the selected one's first path in the tree. */
export function hintsAction(state: UiState, overlay: HintsOverlay, id: ActionId, env: ReduceEnv): UiState {
	const count = env.hintCount;
	const height = env.hintRows;
	const to = (target: number) => ({...state, overlay: {...overlay, ...moveTo(overlay, target, count, height)}});
	switch (id) {
		case 'up':
			return to(overlay.cursor - 1);
		case 'down':
			return to(overlay.cursor + 1);
		case 'page-up':
		case 'page-down':
			return {...state, overlay: {...overlay, ...page(overlay, id === 'page-down' ? 1 : -1, count, height)}};
		case 'home':
			return to(0);
		case 'end':
			return to(count - 1);
		case 'jump-to-file': {
			const target = env.hintTarget(overlay.cursor);
			if (!target) return {...state, message: {text: 'No hint is selected: this image wastes nothing layerlens can explain', tone: 'info'}};
			// Show the layer the hint names, then find the path there (jumpToPath falls back to aggregated, then the last layer).
			const layers = moveTo(state.layers, target.layer, env.layerCount, env.viewport.layers);
			const atLayer: UiState = {...state, overlay: {kind: 'none'}, layers, layerDetails: {cursor: 0, top: 0}, pendingTree: undefined};
			return jumpToPath(atLayer, env, target.path);
		}
		default:
			return state;
	}
}
