import {useInput} from 'ink';
import {keyNameOf} from '../keys/key-names.js';
import type {UiAction} from '../state/ui-action.js';

/** The canonical name of one character of a chunk Ink did not split (`\t/` typed fast). */
function charName(char: string): string | undefined {
	switch (char) {
		case '\t':
			return 'tab';
		case '\r':
		case '\n':
			return 'enter';
		case '\u007F':
		case '\b':
			return 'backspace';
		case '\u001B':
			return 'esc';
		case ' ':
			return 'space';
		case '\u0000':
			return 'ctrl+space';
		case '\u001F':
			return 'ctrl+/';
		default:
			return char < ' ' ? `ctrl+${String.fromCharCode(char.charCodeAt(0) + 96)}` : char;
	}
}

/**
The explorer's one input handler: every keypress becomes a `press` action; the reducer routes it (text input or key
table), so routing sees the state each earlier key left.
*/
export function useKeyRouter(dispatch: (action: UiAction) => void): void {
	useInput((input, key) => {
		const name = keyNameOf(input, key);
		if (name === undefined && input.length > 1 && /[\u0000-\u001f\u007f]/.test(input)) {
			for (const char of input) dispatch({type: 'press', name: charName(char), text: char});
			return;
		}
		dispatch({type: 'press', name, text: input});
	});
}
