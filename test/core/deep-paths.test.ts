import {describe, expect, test} from 'vitest';
import {buildCompareTree, type TreeNode} from '../../src/core/compare-tree.js';
import {buildImageArchive, dir, file, whiteout} from '../helpers/image-builder.js';
import {analyzeBuffer} from '../helpers/load-fixture.js';

// Far deeper than any recursive walk survives (V8's default stack holds roughly 10k frames of a small function,
// fewer of a big one); a single PAX path can be this deep.
const depth = 6000;
const dirs = Array.from({length: depth - 1}, (_, i) => `d${i % 10}`);
const deepFile = [...dirs, 'leaf'].join('/');

/** The deepest node along the first-child chain, and how many levels it took (iterative, like the code under test). */
function descend(root: TreeNode): {node: TreeNode; levels: number} {
	let node = root;
	let levels = 0;
	while (node.children.length > 0) {
		node = node.children[0]!;
		levels++;
	}
	return {node, levels};
}

describe(`a path of ${depth} components`, async () => {
	const archive = await buildImageArchive(
		{
			layers: [
				{createdBy: 'deep file, parents unlisted', entries: [file(deepFile, 'x'.repeat(10))]},
				{createdBy: 'rewrite it', entries: [file(deepFile, 'y'.repeat(30))]},
				{createdBy: 'remove the top directory', entries: [whiteout('d0'), dir('top/'), file('top/f', 'z')]},
			],
		},
		'docker-oci',
	);
	const analysis = await analyzeBuffer(archive);

	test('analyze stacks, diffs and sizes it', () => {
		const [first, second, third] = analysis.layers;
		// Layer 0: the file and each of its depth - 1 unlisted parents is added.
		expect(first!.added).toEqual({count: depth, bytes: 10});
		expect(first!.changes.at(-1)).toMatchObject({path: `/${deepFile}`, kind: 'added', size: 10});
		expect(second!.changes).toHaveLength(1);
		expect(second!.changes[0]).toMatchObject({path: `/${deepFile}`, kind: 'modified', fields: ['content']});
		// Layer 2: removing /d0 removes all depth - 1 directories and the file below them.
		expect(third!.removed).toEqual({count: depth, bytes: 30});
		expect(analysis.image.finalFileCount).toBe(2);
	});

	// Each change's path is split to find its parent: O(depth²) over the tree, about a second per build here.
	test('buildCompareTree builds and sums it in both modes', {timeout: 30_000}, () => {
		const layerTree = buildCompareTree(analysis, 1, 'layer');
		const deepest = descend(layerTree);
		expect(deepest.levels).toBe(depth);
		expect(deepest.node).toMatchObject({path: `/${deepFile}`, diff: 'modified', size: 30});
		expect(layerTree.totalSize).toBe(30);
		expect(layerTree.children[0]!.diff).toBe('modified');

		const aggregated = buildCompareTree(analysis, 2, 'aggregated');
		const removed = descend(aggregated.children.find(child => child.name === 'd0')!);
		expect(removed.levels).toBe(depth - 1);
		expect(removed.node.diff).toBe('removed');
		// A removed directory shows what it held; its parent (the root) leaves it out.
		expect(aggregated.children.find(child => child.name === 'd0')!.totalSize).toBe(30);
		expect(aggregated.totalSize).toBe(1);
	});
});
