/**
The width of text made only of characters that take one column each and never join a neighbour into one grapheme:
printable ASCII, the box drawing and block characters (U+2500-U+259F), and the few dots, dashes, arrows and marks the
explorer draws, with colour codes (SGR: ESC [ digits and semicolons m) among them, which take none, as in string-width.
Undefined for any other text (string-width measures it). string-width gives the same answer, but its
first call on a character outside ASCII compiles its emoji expressions (`\p{RGI_Emoji}` alone takes 60-160 ms on the
project's 2-core machine), a cost the explorer's first frame would pay only for its pane borders. The bundle routes
every string-width call through this first (bin/bundle.js), Ink's own included.
*/
export function narrowWidth(text: string): number | undefined {
	let width = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if ((code >= 0x20 && code <= 0x7e) || (code >= 0x2500 && code <= 0x259f) || isNarrowMark(code)) width++;
		else if (code === 0x1b && text.charCodeAt(i + 1) === 0x5b) i = colourEnd(text, i + 2);
		else return undefined;
		if (i === -1) return undefined;
	}
	return width;
}

/** Where an SGR sequence's parameters, starting at `from`, end (its `m`); -1 when it is not one. */
export function colourEnd(text: string, from: number): number {
	for (let i = from; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code === 0x6d) return i;
		if (!((code >= 0x30 && code <= 0x39) || code === 0x3b)) return -1;
	}
	return -1;
}

/** `§ · – — ‘ ’ “ ” … ← ↑ → ↓ ↔ ∞ ⊕ ▲ ▶ ▼ ◀ ○ ● ✗`: one column each in string-width (test/ui/narrow-width.test.ts). */
const narrowMarks: ReadonlySet<number> = new Set([
	0xa7, 0xb7, 0x2013, 0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x2026, 0x2190, 0x2191, 0x2192, 0x2193, 0x2194, 0x221e, 0x2295, 0x25b2, 0x25b6, 0x25bc,
	0x25c0, 0x25cb, 0x25cf, 0x2717,
]);

/** One of the marks above (not ASCII, not box drawing): one column, and never joined with a neighbour. */
export function isNarrowMark(code: number): boolean {
	return narrowMarks.has(code);
}
