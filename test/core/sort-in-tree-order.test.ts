import {describe, expect, it} from 'vitest';
import {compareTreeOrder, sortInTreeOrder, treeOrder} from '../../src/core/layer-entries.js';

/** A seeded generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

// Characters on both sides of `/` (0x2f) in code-unit order, U+0000, one above U+E000 and a surrogate pair.
const alphabet = ['a', 'b', '-', '.', ' ', '!', '0', 'Z', '\u0000', '\u00e9', '\uf000', '\u{1f600}'];

function randomName(next: () => number): string {
	let name = '';
	const length = 1 + Math.floor(next() * 3);
	for (let i = 0; i < length; i++) name += alphabet[Math.floor(next() * alphabet.length)]!;
	return name;
}

/** Paths listed as tar lists them: directory by directory (a random tree walk), siblings in any order. */
function tarLikePaths(next: () => number, count: number): string[] {
	const paths: string[] = [];
	const visit = (directory: string, depth: number) => {
		const names = Array.from({length: 1 + Math.floor(next() * 6)}, () => randomName(next));
		for (const name of names) {
			if (paths.length >= count) return;
			const path = `${directory}/${name}`;
			paths.push(path);
			if (depth < 4 && next() < 0.3) visit(path, depth + 1);
		}
	};
	while (paths.length < count) visit('', 0);
	return paths;
}

function expectSameAsPlainSort(paths: readonly string[]): void {
	const items = paths.map((path, n) => ({path, n}));
	const expected = [...items].sort((a, b) => compareTreeOrder(a.path, b.path)).map(item => item.n);
	expect(sortInTreeOrder([...items]).map(item => item.n)).toEqual(expected);
}

describe('sortInTreeOrder', () => {
	it('orders `/` below every other character (a directory before a sibling named with `-` or `.`), siblings by code unit', () => {
		const sorted = sortInTreeOrder(['/a-b', '/a/b', '/a', '/a.b/c', '/a/b/c', '/a b', '/a/b-c', '/a/file-10', '/a/file-9'].map(path => ({path})));
		expect(sorted.map(item => item.path)).toEqual(['/a', '/a/b', '/a/b/c', '/a/b-c', '/a/file-10', '/a/file-9', '/a b', '/a-b', '/a.b/c']);
	});

	it('gives what a plain stable sort with compareTreeOrder gives, on tar-like lists (duplicates keep their order)', () => {
		for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
			const next = random(seed);
			const paths = tarLikePaths(next, 3000);
			// Some paths twice (a layer can report an implicit parent, then the entry that lists it).
			for (let i = 0; i < 50; i++) paths.splice(Math.floor(next() * paths.length), 0, paths[Math.floor(next() * paths.length)]!);
			expectSameAsPlainSort(paths);
		}
	});

	it('gives the same on lists in no order at all, and on relative paths', () => {
		for (const seed of [11, 12, 13]) {
			const next = random(seed);
			const paths = tarLikePaths(next, 2000).map(path => (seed === 13 ? path.slice(1) : path));
			for (let i = paths.length - 1; i > 0; i--) {
				const j = Math.floor(next() * (i + 1));
				[paths[i], paths[j]] = [paths[j]!, paths[i]!];
			}
			expectSameAsPlainSort(paths);
		}
	});

	it('gives the same with empty components, the empty path, trailing `/`, and directories listed after what they hold', () => {
		const next = random(31);
		const odd = ['', 'a', 'a/', 'a//b', 'a/b', '/a', '//', 'a/b/', 'a-b', 'a/b/c', 'b/a', 'b', 'a.b/', 'a/b-c'];
		for (let round = 0; round < 20; round++) {
			const paths = Array.from({length: 60}, () => odd[Math.floor(next() * odd.length)]!);
			expectSameAsPlainSort(paths);
			// Children first, then their parents (a layer reports an implicit parent after what it holds).
			expectSameAsPlainSort(tarLikePaths(next, 300).map(path => path.slice(1)).reverse());
		}
	});

	it('sorts in place and returns the same array', () => {
		const items = [{path: '/b'}, {path: '/a'}];
		expect(sortInTreeOrder(items)).toBe(items);
		expect(items.map(item => item.path)).toEqual(['/a', '/b']);
	});
});

describe('treeOrder', () => {
	it('names the position of each item of the sorted list, undefined for a list in order', () => {
		const paths = ['a/file-9', 'a/file-10', 'a', 'a/b', 'a-b', 'a/b/c'];
		const order = treeOrder(paths.map(path => ({path})));
		expect([...order!]).toEqual([2, 3, 5, 1, 0, 4]);
		expect(treeOrder(['a', 'a/b', 'a/b/c', 'a/b-c', 'a b', 'a-b'].map(path => ({path})))).toBeUndefined();
		expect(treeOrder([])).toBeUndefined();
	});

	it('gives the order sortInTreeOrder sorts into, duplicates kept in their order', () => {
		for (const seed of [21, 22, 23, 24]) {
			const next = random(seed);
			const paths = tarLikePaths(next, 2000);
			for (let i = 0; i < 30; i++) paths.splice(Math.floor(next() * paths.length), 0, paths[Math.floor(next() * paths.length)]!);
			if (seed === 24) paths.reverse();
			const items = paths.map((path, n) => ({path, n}));
			const order = treeOrder(items);
			const expected = [...items].sort((a, b) => compareTreeOrder(a.path, b.path)).map(item => item.n);
			expect(order ? [...order] : items.map(item => item.n)).toEqual(expected);
		}
	});
});
