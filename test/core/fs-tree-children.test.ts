import {describe, expect, test} from 'vitest';
import {childrenOf, createRoot, hasChildren, lookup, put, remove, sortedChildren, walk, type FsNode} from '../../src/core/fs-tree.js';
import type {LayerEntry} from '../../src/core/model.js';

const file = (path: string): LayerEntry => ({path, type: 'file', typeFlag: 48, size: 1, mode: 0o644, uid: 0, gid: 0, linkTarget: '', digest: ''});
const paths = (nodes: readonly FsNode[]) => nodes.map(node => node.path);

describe("a directory's children", () => {
	test('removed one by one, in any order: the rest stay listed once each, in the order they were added', () => {
		const root = createRoot();
		const names = Array.from({length: 100}, (_, i) => `d/f${(i * 37) % 100}`);
		for (const name of names) put(root, file(name), 0);
		const dir = lookup(root, 'd')!;
		const kept = new Set(names);
		// Every third, then every other of the rest: the list is compacted on the way (more than half removed).
		for (const name of names.filter((_, i) => i % 3 === 0)) {
			expect(remove(root, name)?.path).toBe(name);
			kept.delete(name);
		}
		expect(paths(childrenOf(dir))).toEqual(names.filter(name => kept.has(name)));
		for (const name of [...kept].filter((_, i) => i % 2 === 0)) {
			remove(root, name);
			kept.delete(name);
		}
		const expected = names.filter(name => kept.has(name));
		expect(paths(childrenOf(dir))).toEqual(expected);
		const walked: string[] = [];
		walk(dir, node => walked.push(node.path));
		expect(walked).toEqual(['d', ...expected]);
		expect(paths(sortedChildren(dir))).toEqual([...expected].sort());
		expect(remove(root, names[0]!)).toBeUndefined();
		// A removed path written again is a new node, listed once.
		put(root, file(names[0]!), 1);
		expect(paths(childrenOf(dir))).toEqual([...expected, names[0]!]);
		for (const name of [...expected, names[0]!]) remove(root, name);
		expect(hasChildren(dir)).toBe(false);
		expect(childrenOf(dir)).toEqual([]);
		walked.length = 0;
		walk(root, node => walked.push(node.path));
		expect(walked).toEqual(['', 'd']);
	});
});
