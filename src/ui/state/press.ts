import {resolveKey, scopeChain} from '../keys/key-map.js';
import {textKeyOf} from '../keys/text-keys.js';
import type {ReduceEnv} from './reduce-env.js';
import type {UiAction} from './ui-action.js';
import type {UiState} from './ui-state.js';

type Reduce = (state: UiState, action: UiAction, env: ReduceEnv) => UiState;

const hasControl = (text: string) => /[\u0000-\u001f\u007f]/.test(text);

/**
Routes one keypress by the state it meets: a text input (the filter, the extract prompt) takes typed text and its own
keys (Enter, Esc, Backspace, Ctrl+U, Ctrl+W: `textKeys`); everything else goes through the key table for the focused
pane. Several characters that
arrived at once outside a text input are separate keypresses (fast typing over a slow link, `jjj`).
*/
export function press(state: UiState, name: string | undefined, text: string, env: ReduceEnv, reduce: Reduce): UiState {
	const {overlay, filter} = state;
	const prompt = overlay.kind === 'extract';
	if (prompt || filter.editing) {
		if (prompt && overlay.running) {
			if (name === 'ctrl+c') return reduce(state, {type: 'key', id: 'quit'}, env);
			return textKeyOf(name) === 'cancel' ? reduce(state, {type: 'key', id: 'close'}, env) : state;
		}
		if (prompt && overlay.confirm) {
			// Files are already there: o overwrites them, s keeps them, c or Esc cancels.
			const answer = name === 'o' ? 'overwrite' : name === 's' ? 'skip' : name === 'c' || name === 'esc' ? 'cancel' : undefined;
			if (answer) return reduce(state, {type: 'extract-answer', answer}, env);
			return name === 'ctrl+c' ? reduce(state, {type: 'key', id: 'quit'}, env) : state;
		}
		switch (textKeyOf(name)) {
			case 'accept':
				return reduce(state, {type: 'accept'}, env);
			case 'erase':
				return reduce(state, {type: 'erase', unit: 'char'}, env);
			case 'erase-word':
				return reduce(state, {type: 'erase', unit: 'word'}, env);
			case 'clear':
				return reduce(state, {type: 'erase', unit: 'all'}, env);
			case 'cancel':
				return reduce(state, {type: 'key', id: prompt ? 'close' : 'close-filter'}, env);
			case undefined:
				break;
		}
		const typed = name === 'space' ? ' ' : name === undefined || [...name].length === 1 ? text : '';
		if (typed !== '' && !hasControl(typed)) return reduce(state, {type: 'text', text: typed}, env);
		if (prompt && name !== 'ctrl+c') return state;
	}
	if (name === undefined) {
		const chars = [...text];
		if (chars.length < 2) return state;
		return chars.reduce((current, char) => press(current, char === ' ' ? 'space' : char, char, env, reduce), state);
	}
	const id = resolveKey(env.keymap, name, scopeChain(state.focus, overlay.kind !== 'none' && !prompt, overlay.kind === 'hints'));
	return id ? reduce(state, {type: 'key', id}, env) : state;
}
