import {describe, expect, test} from 'vitest';
import {createPathTable, pathId, pathNumber} from '../../src/core/fs-tree.js';

describe('the path table', () => {
	test('numbers paths from 0 in the order first asked, finds each again after the table has grown, knows what it lacks', () => {
		const table = createPathTable();
		// 20,000 paths: the slots grow from 2048 several times; names that differ in one character, and the empty path.
		const paths = ['', ...Array.from({length: 20_000}, (_, i) => `usr/lib/node_modules/pkg-${i % 997}/file-${i}.js`)];
		paths.forEach((path, i) => expect(pathNumber(table, path)).toBe(i));
		expect(table.paths).toEqual(paths);
		// Asked again, as fresh strings (not the objects stored): the same numbers, nothing added.
		for (let i = paths.length - 1; i >= 0; i--) {
			const again = [...paths[i]!].join('');
			expect(pathNumber(table, again)).toBe(i);
			expect(pathId(table, again)).toBe(i);
		}
		expect(table.paths).toHaveLength(paths.length);
		expect(pathId(table, 'usr/lib/node_modules/pkg-0/file-20000.js')).toBe(-1);
		expect(pathId(table, 'usr/lib/node_modules/pkg-0/file-0.j')).toBe(-1);
		expect(pathId(table, '/')).toBe(-1);
		expect(table.paths).toHaveLength(paths.length);
	});

	test('tells apart paths whose hashes collide (in the slots, or all 32 bits), non-ASCII and long paths included', () => {
		// FNV-1a's own starting value: the pairs below have the same 32-bit hash from it.
		const table = createPathTable(0x811c9dc5);
		const paths = Array.from({length: 3000}, (_, i) => `${'x'.repeat(i % 300)}/é€😀/${i}`);
		paths.forEach((path, i) => expect(pathNumber(table, path)).toBe(i));
		paths.forEach((path, i) => expect(pathId(table, path)).toBe(i));
		// Pairs with the same 32-bit hash from that seed (found by search): told apart by their text.
		const same = ['etc/f522789', 'etc/f739192', 'etc/f522788', 'etc/f739193'];
		const numbers = same.map(path => pathNumber(table, path));
		expect(numbers).toEqual([3000, 3001, 3002, 3003]);
		// They do collide (else this would test nothing): the same full hash, pair by pair.
		expect(table.hashes[3000]).toBe(table.hashes[3001]);
		expect(table.hashes[3002]).toBe(table.hashes[3003]);
		same.forEach((path, i) => expect(pathId(table, path)).toBe(3000 + i));
	});

	test('starts the hash of each table from a random seed by default', () => {
		const seeds = new Set(Array.from({length: 8}, () => createPathTable().seed));
		expect(seeds.size).toBeGreaterThan(1);
	});
});
