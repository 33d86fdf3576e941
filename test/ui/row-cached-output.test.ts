import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {Chalk} from 'chalk';
import stringWidth from 'string-width';
import {expect, test} from 'vitest';
import RowCachedOutput, {type Clip, type Transformer} from '../../src/ui/render/row-cached-output.js';

/**
Our frame builder against Ink's own `Output` (loaded by file path: Ink's exports map does not offer it): both are fed
the same operations, frame after frame, and must return the same `get()` — the frame's text, escape codes included,
and its height. The frames change a little between one and the next, as the explorer's do (so rows are reused, moved
and rebuilt), and use every style, wide, combining and zero-width characters, links, transformers, lines wider than
the grid, writes outside it, and clip boxes.
*/

type Output = {
	write(x: number, y: number, text: string, options: {transformers: Transformer[]}): void;
	clip(clip: Clip): void;
	unclip(): void;
	get(): {output: string; height: number};
};
type OutputClass = new (options: {width: number; height: number}) => Output;

const inkOutputFile = path.resolve(import.meta.dirname, '../../node_modules/ink/build/output.js');
const InkOutput = ((await import(pathToFileURL(inkOutputFile).href)) as {default: OutputClass}).default;
const OurOutput = RowCachedOutput as unknown as OutputClass;

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const chalk = new Chalk({level: 3});
const styles: Array<(text: string) => string> = [
	text => text,
	chalk.bold,
	chalk.dim,
	chalk.bold.dim,
	chalk.italic,
	chalk.underline,
	chalk.inverse,
	chalk.strikethrough,
	chalk.hidden,
	chalk.overline,
	chalk.red,
	chalk.greenBright,
	chalk.bgBlue,
	chalk.bgYellowBright.black,
	chalk.hex('#ff8800'),
	chalk.bgHex('#123456').white.bold,
	chalk.ansi256(208),
	chalk.gray.dim.inverse,
	chalk.magenta.bold.underline.bgCyan,
	text => `\u001B]8;;https://example.com/${text.length}\u0007${text}\u001B]8;;\u0007`,
	text => `\u001B[1m${text}`, // opened, never closed
	text => `\u001B[0m${text}\u001B[22m`, // a reset and a lone end code
	text => `\u001B[1;2;38;5;208;48;2;1;2;3m${text}\u001B[m`, // compound codes, an empty one
	text => `\u001B[?25l${text}\u001B[3`, // not SGR, cut short
	text => `${text}\u001B`,
	text => `\u001B]0;title\u0007${text}`, // an OSC that is no link
];
const words = [
	'bin', 'usr/lib/x86_64-linux-gnu', ' 1.2 MB ', '│   ├── ', '━━━━━━', '▶', '·', '日本語のファイル.txt', '漢字', 'cafe\u0301',
	'e\u0301\u0302', '👍🏽', '🇯🇵', '👨‍👩‍👧', '\u200B', '\t', 'x', '   ', ' ', 'ｗｉｄｅ', 'Ａ', 'ﾊﾝｶｸ', 'ｶﾞ', '\u00AD', '◽', '▶\uFE0F', '漢\u302A', '한글', 'か\u3099', '…', '→', '«é»', '☃', '├─⊕ ', '∞', '✗', '✗\uFE0F', '⊕\u0301', '─'.repeat(40), 'a'.repeat(90),
];

function pick<T>(next: () => number, from: readonly T[]): T {
	return from[Math.floor(next() * from.length)]!;
}

function styledLine(next: () => number): string {
	let line = '';
	const parts = Math.floor(next() * 6);
	for (let i = 0; i < parts; i++) {
		const word = pick(next, words);
		line += next() < 0.3 ? pick(next, styles)(pick(next, styles)(word)) : pick(next, styles)(word);
	}
	return line;
}

const transformers: Transformer[] = [
	line => line.toUpperCase(),
	(line, index) => (index % 2 === 0 ? chalk.bgRed(line) : line),
	(line, index) => `${index}${line}`,
	line => chalk.underline(line.slice(0, 5)) + line.slice(5),
	line => line.replace(/a/g, '漢'),
];

type Operation =
	| {kind: 'write'; x: number; y: number; text: string; transformers: Transformer[]}
	| {kind: 'clip'; clip: Clip}
	| {kind: 'unclip'};

function operation(next: () => number, width: number, height: number, clips: boolean): Operation {
	const roll = next();
	if (clips && roll < 0.06) {
		const number = (limit: number) => (next() < 0.15 ? undefined : Math.floor(next() * (limit + 6)) - 3);
		const x1 = number(width);
		const y1 = number(height);
		return {kind: 'clip', clip: {x1, x2: x1 === undefined ? number(width) : x1 + Math.floor(next() * width), y1, y2: y1 === undefined ? number(height) : y1 + Math.floor(next() * height)}};
	}
	if (clips && roll < 0.1) return {kind: 'unclip'};
	const lineCount = next() < 0.8 ? 1 : 1 + Math.floor(next() * 5);
	const text = [...Array(lineCount)].map(() => styledLine(next)).join('\n');
	const x = next() < 0.05 ? pick(next, [-3, -1, width - 1, width, width + 4, 1.5]) : Math.floor(next() * width);
	const y = next() < 0.05 ? pick(next, [-2, -1, height, height + 2, 0.5]) : Math.floor(next() * height);
	const chosen = next() < 0.7 ? [] : [...Array(1 + Math.floor(next() * 2))].map(() => pick(next, transformers));
	return {kind: 'write', x, y, text, transformers: chosen};
}

function frameOf(Output: OutputClass, width: number, height: number, operations: readonly Operation[]): {output: string; height: number} {
	const output = new Output({width, height});
	for (const op of operations) {
		if (op.kind === 'write') output.write(op.x, op.y, op.text, {transformers: op.transformers});
		else if (op.kind === 'clip') output.clip(op.clip);
		else output.unclip();
	}
	return output.get();
}

/** Frames from `seed`: each one the previous with a few operations replaced, added, removed or shifted a row. */
function* frames(seed: number, count: number, clips: boolean): Generator<{width: number; height: number; operations: Operation[]}> {
	const next = random(seed);
	let width = 20 + Math.floor(next() * 140);
	let height = 1 + Math.floor(next() * 30);
	let operations = [...Array(10 + Math.floor(next() * 60))].map(() => operation(next, width, height, clips));
	for (let frame = 0; frame < count; frame++) {
		yield {width, height, operations};
		const change = next();
		if (change < 0.15) continue; // the same frame again
		operations = [...operations];
		if (change < 0.3) {
			// Scroll: every write one row down or up.
			const by = next() < 0.5 ? 1 : -1;
			operations = operations.map(op => (op.kind === 'write' ? {...op, y: op.y + by} : op));
		} else if (change < 0.35) {
			width = Math.max(1, width + Math.floor(next() * 21) - 10);
		} else if (change < 0.4) {
			height = Math.max(0, height + Math.floor(next() * 7) - 3);
		}
		for (let edits = Math.floor(next() * 4); edits > 0; edits--) {
			const at = Math.floor(next() * (operations.length + 1));
			const edit = next();
			if (edit < 0.5) operations[Math.min(at, operations.length - 1)] = operation(next, width, height, clips);
			else if (edit < 0.75) operations.splice(at, 0, operation(next, width, height, clips));
			else operations.splice(at, 1);
		}
	}
}

/**
Frames laid out as the explorer's are: panes side by side (a line per row in each, none wider than its pane), a border
column written as one multi-line text between them, and from one frame to the next a line replaced or a pane scrolled.
*/
function* tiledFrames(seed: number, count: number): Generator<{width: number; height: number; operations: Operation[]}> {
	const next = random(seed);
	const width = 30 + Math.floor(next() * 130);
	const height = 2 + Math.floor(next() * 46);
	const split = 5 + Math.floor(next() * (width - 10));
	const panes = [
		{x: 0, width: split},
		{x: split + 1, width: width - split - 1 - Math.floor(next() * 3)},
	];
	const fits = [transformers[0]!, transformers[1]!, transformers[3]!];
	const lineFor = (pane: {x: number; width: number}, y: number): Operation => {
		for (;;) {
			const chosen = next() < 0.6 ? [] : [pick(next, fits)];
			const text = styledLine(next);
			const shown = chosen.reduce((line, transformer) => transformer(line, 0), text);
			if (text !== '' && stringWidth(shown) <= pane.width) return {kind: 'write', x: pane.x, y, text, transformers: chosen};
		}
	};
	let rows = panes.map(pane => [...Array(height)].map((_, y) => (next() < 0.1 ? undefined : lineFor(pane, y))));
	const border: Operation = {kind: 'write', x: split, y: 0, text: [...Array(height)].map(() => chalk.dim('│')).join('\n'), transformers: []};
	for (let frame = 0; frame < count; frame++) {
		const writes = rows.flat().filter(op => op !== undefined);
		yield {width, height, operations: next() < 0.5 ? [border, ...writes] : [...writes, border]};
		rows = rows.map(pane => [...pane]);
		const pane = Math.floor(next() * panes.length);
		const change = next();
		if (change < 0.3) {
			// Scroll one pane a row up or down; the row that comes in is new.
			const down = next() < 0.5;
			const shifted = rows[pane]!.map(op => (op?.kind === 'write' ? {...op, y: op.y + (down ? -1 : 1)} : op));
			rows[pane] = down ? [...shifted.slice(1), lineFor(panes[pane]!, height - 1)] : [lineFor(panes[pane]!, 0), ...shifted.slice(0, -1)];
		} else if (change < 0.9) {
			for (let edits = 1 + Math.floor(next() * 3); edits > 0; edits--) {
				const y = Math.floor(next() * height);
				rows[pane]![y] = next() < 0.1 ? undefined : lineFor(panes[pane]!, y);
			}
		}
	}
}

test('frames of panes side by side (lines that do not overlap) are Ink\'s too', () => {
	let compared = 0;
	for (let seed = 201; seed <= 210; seed++) {
		for (const {width, height, operations} of tiledFrames(seed, 20)) {
			expect(frameOf(OurOutput, width, height, operations), `seed ${seed}, frame ${compared}`).toEqual(frameOf(InkOutput, width, height, operations));
			compared++;
		}
	}
	expect(compared).toBe(200);
}, 60_000);

test('our Output gives the frames Ink 6.8 gives, over many frames that change a few rows at a time', () => {
	let compared = 0;
	let styled = 0;
	let wide = 0;
	for (let seed = 1; seed <= 15; seed++) {
		for (const {width, height, operations} of frames(seed, 30, false)) {
			const expected = frameOf(InkOutput, width, height, operations);
			expect(frameOf(OurOutput, width, height, operations), `seed ${seed}, frame ${compared}`).toEqual(expected);
			compared++;
			if (expected.output.includes('\u001B[')) styled++;
			if (/[漢日👍]/u.test(expected.output)) wide++;
		}
	}
	// The frames compared are not trivial: most carry escape codes and wide characters.
	expect(compared).toBe(450);
	expect(styled).toBeGreaterThan(375);
	expect(wide).toBeGreaterThan(375);
}, 60_000);

test('with clip boxes (nested, partial, outside the grid) the frames are Ink\'s too', () => {
	let compared = 0;
	for (let seed = 101; seed <= 110; seed++) {
		for (const {width, height, operations} of frames(seed, 20, true)) {
			expect(frameOf(OurOutput, width, height, operations), `seed ${seed}, frame ${compared}`).toEqual(frameOf(InkOutput, width, height, operations));
			compared++;
		}
	}
	expect(compared).toBe(200);
}, 60_000);

test('transformers run once per placed line, in Ink\'s order, with the line\'s index; lines off the grid are not transformed', () => {
	const calls = (Output: OutputClass) => {
		const seen: string[] = [];
		const record: Transformer = (line, index) => {
			seen.push(`${index}:${line}`);
			return line;
		};
		const output = new Output({width: 10, height: 3});
		output.write(0, 1, 'a\nb\nc\nd', {transformers: [record]});
		output.write(0, -1, 'e\nf', {transformers: [record]});
		output.write(2, 0, 'g', {transformers: [record, record]});
		output.get();
		output.get();
		return seen;
	};
	const ours = calls(OurOutput);
	expect(ours).toEqual(calls(InkOutput));
	expect(ours).toEqual(['0:a', '1:b', '0:g', '0:g', '0:a', '1:b', '0:g', '0:g']);
});

test('an empty grid, empty texts and only blank cells give Ink\'s frames', () => {
	for (const [width, height, text] of [[0, 0, 'x'], [5, 0, 'x'], [0, 3, 'x'], [4, 2, ''], [4, 2, '    '], [3, 2, chalk.bgRed('  ')], [2.5, 1.5, 'abc']] as const) {
		const operations: Operation[] = [{kind: 'write', x: 0, y: 0, text, transformers: []}];
		expect(frameOf(OurOutput, width, height, operations)).toEqual(frameOf(InkOutput, width, height, operations));
	}
});
