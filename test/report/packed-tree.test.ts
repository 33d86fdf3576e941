import {describe, expect, it} from 'vitest';
import {nodeKind, packTree, type PackedTree, type TreeItem} from '../../src/report/html/packed-tree.js';

function pathOf(tree: PackedTree, index: number): string {
	const parts: string[] = [];
	for (let i = index; i > 0; i = tree.parents[i]!) parts.push(tree.names[i]!);
	return `/${parts.reverse().join('/')}`;
}

/** 4 packages × 50 files of 1..50 bytes in two layers, plus two big files. */
function items(): TreeItem[] {
	const list: TreeItem[] = [];
	for (let p = 0; p < 4; p++) {
		for (let f = 1; f <= 50; f++) list.push({path: `/app/pkg-${p}/lib/f${f}.js`, bytes: f, layer: f % 2});
	}
	list.push({path: '/usr/bin/big', bytes: 100_000, layer: 0});
	list.push({path: '/usr/lib/libbig.so', bytes: 50_000, layer: 2});
	return list;
}

describe('packTree: the treemap data, small items merged below a threshold, every number exact', () => {
	it('keeps every item as its own node when they fit the budget', () => {
		const tree = packTree(items(), 10_000);
		expect(tree.threshold).toBe(-1);
		const files = tree.kinds.flatMap((kind, i) => (kind === nodeKind.file ? [`${pathOf(tree, i)} ${tree.bytes[i]} L${tree.layers[i]}`] : []));
		expect(files.sort()).toEqual(items().map(item => `${item.path} ${item.bytes} L${item.layer}`).sort());
		expect(tree.bytes[0]).toBe(4 * ((50 * 51) / 2) + 150_000);
	});

	it('merges the small ones per directory and layer, within the budget, with exact bytes and counts', () => {
		const tree = packTree(items(), 20);
		expect(tree.threshold).toBeGreaterThan(0);
		const files = tree.kinds.flatMap((kind, i) => (kind === nodeKind.file ? [pathOf(tree, i)] : []));
		expect(files).toEqual(expect.arrayContaining(['/usr/bin/big', '/usr/lib/libbig.so']));
		expect(tree.kinds.filter(kind => kind !== nodeKind.small).length).toBeLessThanOrEqual(21);
		// Bytes and item counts add up everywhere: the root, every directory, and over the small nodes.
		expect(tree.bytes[0]).toBe(4 * ((50 * 51) / 2) + 150_000);
		expect(tree.counts[0]).toBe(202);
		for (let i = 0; i < tree.names.length; i++) {
			if (tree.kinds[i] !== nodeKind.dir) continue;
			const children = tree.parents.flatMap((parent, c) => (parent === i ? [c] : []));
			expect(children.reduce((sum, c) => sum + tree.bytes[c]!, 0), pathOf(tree, i)).toBe(tree.bytes[i]);
			expect(children.reduce((sum, c) => sum + tree.counts[c]!, 0), pathOf(tree, i)).toBe(tree.counts[i]);
		}
		const small = tree.kinds.flatMap((kind, i) => (kind === nodeKind.small ? [i] : []));
		expect(small.length).toBeGreaterThan(0);
		// Odd sizes came from layer 1, even from layer 0: the merged nodes keep them apart.
		const byLayer = (layer: number) => small.filter(i => tree.layers[i] === layer).reduce((sum, i) => sum + tree.bytes[i]!, 0);
		const keptFiles = (layer: number) =>
			tree.kinds.reduce((sum, kind, i) => sum + (kind === nodeKind.file && tree.layers[i] === layer ? tree.bytes[i]! : 0), 0);
		expect(byLayer(1) + keptFiles(1)).toBe(4 * 25 * 25);
		expect(byLayer(0) + keptFiles(0)).toBe(4 * 25 * 26 + 100_000);
	});

	it('lists parents before children, however deep the paths go', () => {
		const deep = `/${Array.from({length: 5000}, (_, i) => `d${i}`).join('/')}/leaf`;
		const tree = packTree([{path: deep, bytes: 7, layer: 0}], 100_000);
		expect(tree.names.length).toBe(5002);
		expect(tree.parents.every((parent, i) => parent < i)).toBe(true);
		expect(pathOf(tree, tree.names.length - 1)).toBe(deep);
	});
});
