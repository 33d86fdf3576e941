import {eraseWord} from '../keys/text-keys.js';
import {compilePathFilter} from '../tree/path-filter.js';
import type {ReduceEnv} from './reduce-env.js';
import {keepPath} from './tree-actions.js';
import type {UiState} from './ui-state.js';
import {withEffect} from './with-effect.js';

/** Text typed into the extract prompt or the filter. */
export function typeText(state: UiState, env: ReduceEnv, text: string): UiState {
	const {overlay, filter} = state;
	if (overlay.kind === 'extract') return overlay.running || overlay.confirm ? state : withInput(state, env, overlay, overlay.input + text);
	if (!filter.editing) return state;
	return applyFilterText(state, env, filter.text + text);
}

type ExtractOverlay = Extract<UiState['overlay'], {kind: 'extract'}>;

/** The extract prompt with new text, and the absolute target it names (shown in the prompt). */
function withInput(state: UiState, env: ReduceEnv, overlay: ExtractOverlay, input: string): UiState {
	return {...state, overlay: {...overlay, input, target: env.resolveDir(input.trim() || overlay.placeholder || '.')}};
}

function erased(text: string, unit: 'char' | 'word' | 'all'): string {
	if (unit === 'all') return '';
	if (unit === 'word') return eraseWord(text);
	return [...text].slice(0, -1).join('');
}

/** Backspace, Ctrl+W or Ctrl+U in the extract prompt or the filter. */
export function eraseText(state: UiState, env: ReduceEnv, unit: 'char' | 'word' | 'all'): UiState {
	const {overlay, filter} = state;
	if (overlay.kind === 'extract') return overlay.running || overlay.confirm ? state : withInput(state, env, overlay, erased(overlay.input, unit));
	if (!filter.editing) return state;
	return applyFilterText(state, env, erased(filter.text, unit));
}

/** Compiles the filter on every edit; an invalid pattern shows its error and the last good one stays in force. */
function applyFilterText(state: UiState, env: ReduceEnv, text: string): UiState {
	const source = text.trim();
	const {error} = compilePathFilter(source);
	if (error !== undefined) return {...state, filter: {...state.filter, text, error}};
	return keepPath(state, env, s => ({...s, filter: {...s.filter, text, pattern: source, error: ''}}));
}

/** Enter in the extract prompt (checks the target, then extracts or asks) or the filter (keeps it). */
export function accept(state: UiState): UiState {
	const {overlay, filter} = state;
	if (overlay.kind === 'extract') {
		if (overlay.running || overlay.confirm) return state;
		return withEffect({...state, overlay: {...overlay, running: true}}, {kind: 'extract', path: overlay.path, layer: overlay.layer, mode: state.mode, target: overlay.target, existing: 'ask'});
	}
	if (filter.editing) return {...state, filter: {...filter, editing: false, open: filter.text !== ''}};
	return state;
}
