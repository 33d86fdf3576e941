import {useInput} from 'ink';
import type {MutableRefObject} from 'react';
import {keyNameOf, type KeyFlags} from '../keys/key-names.js';
import {resolveKey, scopeChain, type KeyMap} from '../keys/key-map.js';
import type {UiAction} from '../state/ui-action.js';
import type {UiState} from '../state/ui-state.js';

/** Text a keypress types into an input: printable characters (a paste arrives as one string), no control keys. */
function typedText(input: string, key: KeyFlags): string | undefined {
	if (key.ctrl || key.meta || key.escape || key.return || key.tab || key.backspace || key.delete) return undefined;
	if (input === '' || /[\u0000-\u001f\u007f]/.test(input)) return undefined;
	return input;
}

/** Routes a key while a text input (the filter or the extract prompt) has it; returns whether it was taken. */
export function routeText(state: UiState, input: string, key: KeyFlags, name: string | undefined, dispatch: (action: UiAction) => void): boolean {
	const prompt = state.overlay.kind === 'extract';
	if (!prompt && !state.filter.editing) return false;
	if (prompt && state.overlay.kind === 'extract' && state.overlay.running) return name !== 'ctrl+c';
	if (name === 'enter') dispatch({type: 'accept'});
	else if (name === 'backspace') dispatch({type: 'erase'});
	else if (name === 'esc') dispatch({type: 'key', id: prompt ? 'close' : 'close-filter'});
	else {
		const text = typedText(input, key);
		if (text === undefined) return prompt && name !== 'ctrl+c';
		dispatch({type: 'text', text});
	}
	return true;
}

/** The explorer's one input handler: text inputs first, then the key table. */
export function useKeyRouter(keymap: KeyMap, stateRef: MutableRefObject<UiState>, dispatch: (action: UiAction) => void): void {
	useInput((input, key) => {
		const state = stateRef.current;
		const name = keyNameOf(input, key);
		if (routeText(state, input, key, name, dispatch)) return;
		if (name === undefined) return;
		const overlayOpen = state.overlay.kind !== 'none';
		const id = resolveKey(keymap, name, scopeChain(state.focus, overlayOpen));
		if (id) dispatch({type: 'key', id});
	});
}
