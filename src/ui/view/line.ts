import stringWidth from 'string-width';
import {displayText, hasHiddenCharacters} from '../../format/display-text.js';
import {narrowWidth} from './narrow-width.js';

/** Colour names Ink understands; the theme maps meanings to them. */
export type ColorName = 'green' | 'red' | 'yellow' | 'magenta' | 'cyan' | 'blue' | 'gray';

export type Style = {
	readonly color?: ColorName;
	readonly backgroundColor?: ColorName;
	readonly bold?: boolean;
	readonly inverse?: boolean;
	readonly dim?: boolean;
};

export type Segment = {readonly text: string; readonly style?: Style};

/** One screen line as styled segments; panes draw lines, view-models build them. */
export type Line = readonly Segment[];

/**
Makes archive text safe to draw: tabs become four spaces, then every control, bidi and invisible character becomes `�`
(`displayText`: no escape sequence reaches the terminal, no name reorders or hides part of itself).
*/
export function printable(text: string): string {
	if (!hasHiddenCharacters(text)) return text;
	return displayText(text.replace(/\t/g, '    '));
}

/** A segment; its text is always made printable. */
export const seg = (text: string, style?: Style): Segment => {
	const safe = printable(text);
	return style ? {text: safe, style} : {text: safe};
};

export function lineText(line: Line): string {
	return line.map(segment => segment.text).join('');
}

const measured = new Map<string, number>();

/**
Columns a string takes on a terminal: CJK and emoji take two, combining marks none (string-width, as Ink measures).
Text of one-column characters is counted by `narrowWidth`; other texts are measured once (string-width's path for them,
a grapheme segmenter and an emoji test per character, was a millisecond of every frame: the status bar, titles and
rules repeat).
*/
export function displayWidth(text: string): number {
	const narrow = narrowWidth(text);
	if (narrow !== undefined) return narrow;
	let width = measured.get(text);
	if (width === undefined) {
		if (measured.size >= 4096) measured.clear();
		width = stringWidth(text);
		measured.set(text, width);
	}
	return width;
}

const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** The string's characters as the terminal draws them (user-perceived characters), each with its width. */
function cells(text: string): Array<{readonly text: string; readonly width: number}> {
	return [...graphemes.segment(text)].map(({segment}) => ({text: segment, width: displayWidth(segment)}));
}

/** The longest start of `text` that fits `width` columns. */
function head(text: string, width: number): string {
	let used = 0;
	let out = '';
	for (const cell of cells(text)) {
		if (used + cell.width > width) break;
		used += cell.width;
		out += cell.text;
	}
	return out;
}

/** Cuts a string to `width` columns, ending in `…` when cut; never wider than `width`. */
export function fit(text: string, width: number): string {
	if (width <= 0) return '';
	if (displayWidth(text) <= width) return text;
	return width === 1 ? '…' : `${head(text, width - 1)}…`;
}

/** `text` cut or padded with spaces to exactly `width` columns. */
export function pad(text: string, width: number): string {
	const fitted = fit(text, width);
	return fitted + ' '.repeat(Math.max(0, width - displayWidth(fitted)));
}

/** Cuts a string on the left so its end stays: `…ample/somefile1.txt`, never wider than `width`. */
export function fitStart(text: string, width: number): string {
	if (displayWidth(text) <= width) return text;
	if (width <= 1) return '…';
	const kept = cells(text);
	let used = 0;
	let start = kept.length;
	while (start > 0 && used + kept[start - 1]!.width <= width - 1) used += kept[--start]!.width;
	return `…${kept.slice(start).map(cell => cell.text).join('')}`;
}

/** Word-wraps plain text to `width` columns, breaking words longer than a line. */
export function wrap(text: string, width: number): string[] {
	const limit = Math.max(1, width);
	const out: string[] = [];
	for (const paragraph of text.split('\n')) {
		let line = '';
		for (const word of paragraph.split(/ +/)) {
			let rest = word;
			while (displayWidth(rest) > limit) {
				if (line !== '') out.push(line);
				line = '';
				const piece = head(rest, limit) || [...rest][0]!;
				out.push(piece);
				rest = rest.slice(piece.length);
			}
			if (line === '') line = rest;
			else if (displayWidth(line) + 1 + displayWidth(rest) <= limit) line += ` ${rest}`;
			else {
				out.push(line);
				line = rest;
			}
		}
		out.push(line);
	}
	return out;
}
