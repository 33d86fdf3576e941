import stringWidth from 'string-width';
import {expect, test} from 'vitest';
import {narrowWidth} from '../../src/ui/view/narrow-width.js';

/** Every character of the Basic Multilingual Plane that the fast path answers for (outside the surrogates). */
const answered: string[] = [];
for (let code = 0; code <= 0xffff; code++) {
	if (code >= 0xd800 && code <= 0xdfff) continue;
	const text = String.fromCharCode(code);
	if (narrowWidth(text) !== undefined) answered.push(text);
}

test('the fast path answers for printable ASCII, the box drawing and block characters, and the marks the explorer draws', () => {
	for (const text of ['a', ' ', '~', '─', '━', '┃', '┣', '├', '└', '│', '▏', '█', '░', '…', '·', '→', '▶', '●', '○', '↑', '↓', '↔', '—', '✗', '⊕', '∞', '§']) {
		expect(narrowWidth(text), text).toBe(1);
	}
	expect(narrowWidth('')).toBe(0);
	expect(narrowWidth('┃ ● Layers ┣━━━ 1/14')).toBe(20);
	// Colour codes take no columns.
	expect(narrowWidth('\u001b[1m\u001b[38;5;208m┃ ● Layers\u001b[39m\u001b[22m ┣━')).toBe(13);
	expect(narrowWidth('\u001b[mx')).toBe(1);
	// Anything else is left to string-width: wide, zero-width, combining, emoji, control characters, other escapes.
	for (const text of ['漢', '📦', 'e\u0301', '\u200d', '\u00ad', '\u25fd', '\u2614', '\t', '\n', 'é', '\ufe0f', '\u001b]8;;x\u0007', '\u001b[2J', '\u001b[31', '\u001bx']) {
		expect(narrowWidth(text), JSON.stringify(text)).toBeUndefined();
	}
});

test('every character it answers for is one column in string-width, alone and next to any other of them', () => {
	expect(answered.length).toBeGreaterThan(95 + 160);
	for (const text of answered) expect(stringWidth(text), `U+${text.charCodeAt(0).toString(16)}`).toBe(1);
	// No two of them join into one wider or narrower grapheme (keycaps, emoji sequences), whichever comes first.
	const marks = answered.filter(text => text.charCodeAt(0) > 0x7e);
	for (const first of [...marks, '#', '*', '0', 'a', ' ']) {
		for (const second of [...marks, '#', '*', '0', 'a', ' ']) expect(stringWidth(first + second), `${first}${second}`).toBe(narrowWidth(first + second));
	}
	// With colour codes around and between them, as Ink measures styled text.
	for (const text of ['\u001b[31m─\u001b[39m', '\u001b[1;4m▶ a\u001b[0m…', '\u001b[38;2;255;0;0m●\u001b[m○', '\u001b[7m\u001b[27m']) {
		expect(narrowWidth(text), JSON.stringify(text)).toBe(stringWidth(text));
	}
});
