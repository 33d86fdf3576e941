import {type AnsiCode, ansiCodesToString, diffAnsiCodes, reduceAnsiCodesIncremental, type StyledChar, styledCharsFromTokens, tokenize} from '@alcalzone/ansi-tokenize';
import sliceAnsi from 'slice-ansi';
import {displayWidth} from '../view/line.js';
import {colourEnd, isNarrowMark} from '../view/narrow-width.js';

/**
The explorer's frame builder, put in place of Ink 6.8's own `Output` (ink/build/output.js) by the bundle
(bin/bundle.js): same interface, the same frame text, less work per frame.

Ink makes one `Output` per frame; its nodes call `write`/`clip`/`unclip`, then `get()` returns the frame. Ink's own
class lays every frame out from nothing: a grid of cell objects, every line cut into styled characters, every row turned
back into text cell by cell. A key in the explorer changes a few rows of the 48, so here the work is kept across frames
(in this module, since each frame has a new instance):
- a row is described by the lines written into it, in order, with their columns (after clipping and the write's
  transformers); a row described the same way in one of the last two frames reuses that frame's text for it (this
  also covers rows that only moved, as when a list scrolls);
- a changed row is made from its lines, each read once and cached (the last `lineCacheSize` lines used): when its
  lines sit side by side (the explorer's panes), by joining each line's text with the codes where lines and blanks
  meet; otherwise cell by cell as Ink does, skipping the style comparison between neighbours with equal codes;
- a line made of characters that are graphemes on their own (ASCII, box drawing, CJK, ...) and SGR sequences, nearly
  every line the explorer draws, is read without ansi-tokenize's grapheme segmentation, which costs more than the rest
  of a changed row.
test/ui/row-cached-output.test.ts runs this class and Ink's side by side on the same operations and requires equal
frames; test/ui/bundle-output.test.ts checks the bundle really uses it.
*/

export type Transformer = (line: string, index: number) => string;

export type Clip = {
	readonly x1: number | undefined;
	readonly x2: number | undefined;
	readonly y1: number | undefined;
	readonly y2: number | undefined;
};

type Operation =
	| {readonly kind: 'write'; readonly x: number; readonly y: number; readonly text: string; readonly transformers: readonly Transformer[]}
	| {readonly kind: 'clip'; readonly clip: Clip}
	| {readonly kind: 'unclip'};

/** One cell of a row: what ansi-tokenize's styled characters hold (`value` and `styles` are what is read back). */
type Cell = StyledChar;

/** A line as cells: each styled character, the columns it takes (at least 1, as Ink counts them), its filler. */
type LineCells = {readonly cells: readonly Cell[]; readonly widths: readonly number[]; readonly fillers: readonly (Cell | undefined)[]};

/**
A line ready to be placed: as text from its first character on (the codes between its characters included) with the
styles it starts and ends with, for rows whose lines sit side by side; as cells (made when first asked for) for others.
*/
type PlacedLine = {
	/** Columns taken. */
	readonly width: number;
	readonly body: string;
	readonly first: readonly AnsiCode[];
	readonly last: readonly AnsiCode[];
	cells(): LineCells;
};

const lineCacheSize = 512;
const blank: Cell = Object.freeze({type: 'char', value: ' ', fullWidth: false, styles: []}) as Cell;

/** Lines ready to be placed, least recently used first. */
const placedLines = new Map<string, PlacedLine>();

function placedLine(line: string): PlacedLine {
	const cached = placedLines.get(line);
	if (cached !== undefined) {
		placedLines.delete(line);
		placedLines.set(line, cached);
		return cached;
	}
	const placed = plainPlacedLine(line) ?? tokenizedPlacedLine(line);
	placedLines.set(line, placed);
	if (placedLines.size > lineCacheSize) placedLines.delete(placedLines.keys().next().value!);
	return placed;
}

function lineCells(line: string): LineCells {
	const cells = styledCharsFromTokens(tokenize(line));
	const cellWidths: number[] = [];
	const fillers: (Cell | undefined)[] = [];
	for (const cell of cells) {
		const width = Math.max(1, displayWidth(cell.value));
		cellWidths.push(width);
		// The columns a wide character covers after its first hold an empty cell with its styles.
		fillers.push(width > 1 ? {type: 'char', value: '', fullWidth: false, styles: cell.styles} : undefined);
	}
	return {cells, widths: cellWidths, fillers};
}

/** Memoizes the line's cells. */
function cellsOnce(line: string): () => LineCells {
	let made: LineCells | undefined;
	return () => (made ??= lineCells(line));
}

/** Any line, through ansi-tokenize (graphemes by Intl.Segmenter, every escape sequence it knows). */
function tokenizedPlacedLine(line: string): PlacedLine {
	const cells = cellsOnce(line);
	const {cells: chars, widths: charWidths} = cells();
	let width = 0;
	let body = '';
	let previous: readonly AnsiCode[] = [];
	for (const [index, char] of chars.entries()) {
		width += charWidths[index]!;
		if (index > 0) body += transition(previous, char.styles);
		body += char.value;
		previous = char.styles;
	}
	return {width, body, first: chars[0]?.styles ?? [], last: previous, cells};
}

/** The ansi tokens of one SGR sequence, as ansi-tokenize reads them. */
const sgrTokens = new Map<string, AnsiCode[]>();

function tokensOfSgr(sequence: string): AnsiCode[] | undefined {
	let tokens = sgrTokens.get(sequence);
	if (tokens === undefined) {
		const read = tokenize(sequence);
		if (!read.every(token => token.type === 'ansi')) return undefined;
		tokens = read;
		if (sgrTokens.size >= 1024) sgrTokens.clear();
		sgrTokens.set(sequence, tokens);
	}
	return tokens;
}

/**
A line of printable ASCII, characters of `plainRanges` and SGR sequences (`ESC [ digits and semicolons m`), the
explorer's usual (its guides and rules are box drawing), read without ansi-tokenize's grapheme segmentation: each such
character is a grapheme of its own, and each sequence's codes are the ones ansi-tokenize reads from it alone, applied to
the styles as it applies them. Undefined for other lines.
*/
function plainPlacedLine(line: string): PlacedLine | undefined {
	let width = 0;
	let body = '';
	let first: readonly AnsiCode[] = [];
	let styles: AnsiCode[] = [];
	let previous: readonly AnsiCode[] = [];
	// Characters since the last sequence: a run with the same styles, added to the body in one piece.
	let runStart = 0;
	for (let i = 0; i < line.length; i++) {
		const code = line.charCodeAt(i);
		const columns = code >= 0x20 && code <= 0x7e ? 1 : code === 0x1b ? 0 : plainWidth(line[i]!, code);
		if (columns === undefined) return undefined;
		if (columns > 0) {
			if (width === 0) first = styles;
			else if (styles !== previous) body += transition(previous, styles);
			previous = styles;
			width += columns;
			continue;
		}
		if (code !== 0x1b || line.charCodeAt(i + 1) !== 0x5b) return undefined;
		const end = colourEnd(line, i + 2);
		if (end === -1) return undefined;
		const tokens = tokensOfSgr(line.slice(i, end + 1));
		if (tokens === undefined) return undefined;
		body += line.slice(runStart, i);
		styles = reduceAnsiCodesIncremental(styles, tokens);
		i = end;
		runStart = end + 1;
	}
	body += line.slice(runStart);
	return {width, body, first, last: previous, cells: cellsOnce(line)};
}

/**
Ranges of characters that are each a grapheme of their own whatever their neighbours are (Unicode's grapheme break
property Other: no control, extending, prepended or Hangul jamo character, no surrogate), so Intl.Segmenter gives them
alone as ansi-tokenize reads them: Latin-1 (without the soft hyphen), punctuation, arrows, box drawing and shapes,
symbols, kana (without the combining sound marks), CJK ideographs, full- and half-width forms.
*/
const plainRanges: ReadonlyArray<readonly [number, number]> = [
	[0xa0, 0xac],
	[0xae, 0xff],
	[0x2010, 0x2027],
	[0x2030, 0x205e],
	[0x2190, 0x21ff],
	[0x2500, 0x26ff],
	[0x3041, 0x3096],
	[0x30a1, 0x30fa],
	[0x4e00, 0x9fff],
	[0xff01, 0xff9d],
];

/**
The columns Ink gives a character of `plainRanges` or one of the marks the explorer draws (`isNarrowMark`: one column,
never joined) (string-width's, at least 1); undefined for any other.
*/
function plainWidth(char: string, code: number): number | undefined {
	if (isNarrowMark(code)) return 1;
	for (const [from, to] of plainRanges) {
		if (code >= from && code <= to) return Math.max(1, displayWidth(char));
	}
	return undefined;
}

function sameStyles(a: readonly AnsiCode[], b: readonly AnsiCode[]): boolean {
	if (a === b) return true;
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) {
		if (a[i]!.code !== b[i]!.code || a[i]!.endCode !== b[i]!.endCode) return false;
	}
	return true;
}

/** The codes that lead from one cell's styles to the next one's: none between equal styles (the diff is empty). */
function transition(from: readonly AnsiCode[], to: readonly AnsiCode[]): string {
	return sameStyles(from, to) ? '' : ansiCodesToString(diffAnsiCodes(from as AnsiCode[], to as AnsiCode[]));
}

/**
A row's text: each cell's value preceded by the codes that lead from the previous cell's styles to its own (from no
styles for the first cell), then the codes that end the last cell's styles; trailing spaces dropped.
*/
function rowText(cells: readonly Cell[]): string {
	let text = '';
	let previous: readonly AnsiCode[] = [];
	for (const cell of cells) {
		text += transition(previous, cell.styles) + cell.value;
		previous = cell.styles;
	}
	return (text + transition(previous, [])).trimEnd();
}

const spaces: string[] = [];

function blanks(count: number): string {
	return (spaces[count] ??= ' '.repeat(count));
}

/**
The text of a row whose lines sit side by side inside it (no line over another, none past its edges), from each line's
text and the codes where a line meets the blanks or the next line; undefined for any other row.
*/
function tiledRowText(columns: number, xs: readonly number[], lines: readonly PlacedLine[]): string | undefined {
	const order = xs.map((_, i) => i);
	if (xs.length > 1) order.sort((a, b) => xs[a]! - xs[b]!);
	let text = '';
	let column = 0;
	let previous: readonly AnsiCode[] = [];
	for (const i of order) {
		const x = xs[i]!;
		const line = lines[i]!;
		if (line.width === 0) continue;
		if (!Number.isInteger(x) || x < column || x + line.width > columns) return undefined;
		if (x > column) {
			text += transition(previous, []) + blanks(x - column);
			previous = [];
		}
		text += transition(previous, line.first) + line.body;
		previous = line.last;
		column = x + line.width;
	}
	if (column < columns) {
		text += transition(previous, []) + blanks(columns - column);
		previous = [];
	}
	return (text + transition(previous, [])).trimEnd();
}

/** How many times `for (let i = 0; i < limit; i++)` runs (Ink sizes its grid that way, fractions and NaN included). */
function countUpTo(limit: number): number {
	return limit > 0 ? Math.ceil(limit) : 0;
}

/** Rows' texts of the last two frames, by width and row description. */
let previousRows = new Map<string, string>();
let currentRows = new Map<string, string>();

export default class RowCachedOutput {
	width: number;
	height: number;
	private readonly operations: Operation[] = [];

	constructor(options: {width: number; height: number}) {
		this.width = options.width;
		this.height = options.height;
	}

	write(x: number, y: number, text: string, options: {transformers: readonly Transformer[]}): void {
		if (!text) return;
		this.operations.push({kind: 'write', x, y, text, transformers: options.transformers});
	}

	clip(clip: Clip): void {
		this.operations.push({kind: 'clip', clip});
	}

	unclip(): void {
		this.operations.push({kind: 'unclip'});
	}

	get(): {output: string; height: number} {
		const rowCount = countUpTo(this.height);
		const columns = countUpTo(this.width);
		// Per row: the columns and lines written into it, in order.
		const rowXs: number[][] = Array.from({length: rowCount}, () => []);
		const rowLines: string[][] = Array.from({length: rowCount}, () => []);
		const clips: Clip[] = [];
		for (const operation of this.operations) {
			if (operation.kind === 'clip') {
				clips.push(operation.clip);
				continue;
			}
			if (operation.kind === 'unclip') {
				clips.pop();
				continue;
			}
			let {x, y} = operation;
			let lines = operation.text.split('\n');
			const clip = clips.at(-1);
			if (clip !== undefined) {
				const clipped = clipWrite(clip, x, y, operation.text, lines);
				if (clipped === undefined) continue;
				({x, y, lines} = clipped);
			}
			// A line lands on row y + (lines placed so far); a missing row takes nothing and does not count as placed.
			let placedCount = 0;
			for (const [index, original] of lines.entries()) {
				const row = y + placedCount;
				if (!(Number.isInteger(row) && row >= 0 && row < rowCount)) continue;
				let line = original;
				for (const transformer of operation.transformers) line = transformer(line, index);
				rowXs[row]!.push(x);
				rowLines[row]!.push(line);
				placedCount++;
			}
		}
		const texts: string[] = [];
		for (let row = 0; row < rowCount; row++) {
			const xs = rowXs[row]!;
			const lines = rowLines[row]!;
			let key = `${columns}`;
			for (let i = 0; i < xs.length; i++) key += `|${xs[i]!}:${lines[i]!.length}:${lines[i]!}`;
			let text = currentRows.get(key) ?? previousRows.get(key);
			if (text === undefined) text = buildRow(columns, xs, lines);
			currentRows.set(key, text);
			texts.push(text);
		}
		previousRows = currentRows;
		currentRows = new Map();
		return {output: texts.join('\n'), height: rowCount};
	}
}

function buildRow(columns: number, xs: readonly number[], lines: readonly string[]): string {
	const placed = lines.map(placedLine);
	const tiled = tiledRowText(columns, xs, placed);
	if (tiled !== undefined) return tiled;
	// A plain array, written as Ink writes its grid: cells past the end grow it (gaps are dropped below), columns that
	// are not array indexes (negative, fractional) are never read back.
	const cells: Cell[] = new Array<Cell>(columns).fill(blank);
	for (let i = 0; i < xs.length; i++) {
		const {cells: chars, widths: charWidths, fillers} = placed[i]!.cells();
		let column = xs[i]!;
		for (let c = 0; c < chars.length; c++) {
			cells[column] = chars[c]!;
			const width = charWidths[c]!;
			const filler = fillers[c];
			if (filler !== undefined) for (let f = 1; f < width; f++) cells[column + f] = filler;
			column += width;
		}
	}
	return rowText(cells.filter(cell => cell !== undefined));
}

/** A write cut to the clip box: its new position and lines, or nothing when it lies wholly outside. */
function clipWrite(clip: Clip, x: number, y: number, text: string, lines: string[]): {x: number; y: number; lines: string[]} | undefined {
	const horizontal = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
	const vertical = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
	const {x1, x2, y1, y2} = clip as {x1: number; x2: number; y1: number; y2: number};
	if (horizontal) {
		let widest = 0;
		for (const line of text.split('\n')) widest = Math.max(widest, displayWidth(line));
		if (x + widest < x1 || x > x2) return undefined;
	}
	if (vertical && (y + lines.length < y1 || y > y2)) return undefined;
	if (horizontal) {
		const from = x < x1 ? x1 - x : 0;
		lines = lines.map(line => {
			const width = displayWidth(line);
			return sliceAnsi(line, from, x + width > x2 ? x2 - x : width);
		});
		if (x < x1) x = x1;
	}
	if (vertical) {
		const from = y < y1 ? y1 - y : 0;
		const to = y + lines.length > y2 ? y2 - y : lines.length;
		lines = lines.slice(from, to);
		if (y < y1) y = y1;
	}
	return {x, y, lines};
}
