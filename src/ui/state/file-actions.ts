import {placeLayer} from './layer-order.js';
import type {ReduceEnv} from './reduce-env.js';
import {centerOn, reveal} from './tree-actions.js';
import type {UiState} from './ui-state.js';
import {withEffect} from './with-effect.js';

/**
Jumps the tree to a path (a row of the wasted-files table, a layer's hidden file): expands its directories, and if
the path is hidden or gone at the selected layer, clears the filter and hidden kinds, then tries aggregated mode,
then the last layer.
*/
export function jumpToPath(state: UiState, env: ReduceEnv, path: string): UiState {
	const attempts: ((s: UiState) => UiState)[] = [
		s => s,
		s => ({...s, filter: {open: false, editing: false, text: '', pattern: '', error: ''}, tree: {...s.tree, hidden: {added: false, removed: false, modified: false, unmodified: false}}}),
		s => ({...s, mode: 'aggregated'}),
		s => ({...s, mode: 'aggregated', layers: placeLayer(s, env, env.layerCount - 1)}),
	];
	let candidate = state;
	for (const attempt of attempts) {
		candidate = attempt(candidate);
		const opened = reveal(candidate, env.rows(candidate), path);
		const found = env.rows(opened).locate(path);
		if (found.exact) {
			const moved = centerOn({...opened, focus: 'tree'}, env, found.index);
			const notes: string[] = [];
			if (opened.layers.cursor !== state.layers.cursor || opened.mode !== state.mode) {
				notes.push(`${path} is not in layer ${state.layers.cursor} (${state.mode}): showing layer ${opened.layers.cursor} (${opened.mode})`);
			}
			// Say what the jump undid to show the path: never drop a filter or hidden kinds silently.
			if (state.filter.pattern !== '' && opened.filter.pattern === '') notes.push(`the filter /${state.filter.pattern}/ hid it and is cleared`);
			if (Object.values(state.tree.hidden).some(Boolean) && !Object.values(opened.tree.hidden).some(Boolean)) notes.push('hidden kinds are shown again');
			const text = notes.join('; ');
			return {...moved, message: text ? {text: text.charAt(0).toUpperCase() + text.slice(1), tone: 'info'} : undefined};
		}
	}
	return {...state, message: {text: `${path} is not in the tree`, tone: 'error'}};
}

/** Says that a key needs a selected path (the tree is empty: everything is filtered or hidden). */
export function nothingSelected(state: UiState): UiState {
	return {...state, message: {text: 'Nothing is selected in the file tree (is everything filtered or hidden?)', tone: 'error'}};
}

/** Opens the file view: text or binary content is read by the app (an effect); other kinds say what they are. */
export function viewFile(state: UiState, env: ReduceEnv): UiState {
	const row = env.rows(state).rowAt(state.tree.cursor);
	if (!row) return nothingSelected(state);
	const {node} = row;
	const layer = state.layers.cursor;
	// A removed file shows the last copy a layer wrote, and says so.
	const removedBy = node.diff === 'removed' ? env.removedBy(node.path, layer) : undefined;
	const removal = removedBy === undefined ? `Removed by layer ${layer} or before` : `Removed by layer ${removedBy}`;
	const note = node.diff === 'removed' ? `${removal}; this is the last copy, written by layer ${node.layer}.` : '';
	const base = {kind: 'file' as const, path: node.path, layer, note, scroll: 0};
	if (node.type === 'dir') return {...state, message: {text: `${node.path} is a directory (x extracts it)`, tone: 'info'}};
	if (node.type === 'symlink') return {...state, overlay: {...base, preview: {kind: 'none', message: `Symbolic link to ${node.linkTarget}`}}};
	if (node.type !== 'file' && node.type !== 'hardlink') {
		return {...state, overlay: {...base, preview: {kind: 'none', message: `${node.path} is a ${node.type} device or fifo: it has no content.`}}};
	}
	return withEffect({...state, overlay: {...base, preview: {kind: 'loading'}}}, {kind: 'read-file', path: node.path, layer, mode: state.mode});
}
