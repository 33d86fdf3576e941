import {describe, expect, test} from 'vitest';
import type {Analysis} from '../../src/core/analysis-types.js';
import {buildCompareTree, type TreeNode} from '../../src/core/compare-tree.js';
import {nextLayerTree} from '../../src/core/next-layer-tree.js';
import {sampleImage} from '../../src/sample/sample-image.js';
import {describeWithFixtures} from '../helpers/fixtures.js';
import {buildImageArchive, dir, file, hardlink, opaque, symlink, whiteout, type ImageDescription} from '../helpers/image-builder.js';
import {analyzeBuffer, analyzePath} from '../helpers/load-fixture.js';

/** Every field of every node, children in their order, one line per node. */
function dump(root: TreeNode): string {
	const lines: string[] = [];
	const stack: Array<{node: TreeNode; depth: number}> = [{node: root, depth: 0}];
	while (stack.length > 0) {
		const {node, depth} = stack.pop()!;
		const {name, path, type, size, mode, uid, gid, linkTarget, diff, totalSize, layer} = node;
		lines.push(`${depth} ${JSON.stringify({name, path, type, size, mode, uid, gid, linkTarget, diff, totalSize, layer, parent: node.parent?.path})}`);
		for (let i = node.children.length - 1; i >= 0; i--) stack.push({node: node.children[i]!, depth: depth + 1});
	}
	return lines.join('\n');
}

/** Derives each layer's tree from the one below, from layer 0 up, and compares it with a full build. */
function expectSameAsFullBuild(analysis: Analysis): void {
	let previous = buildCompareTree(analysis, 0, 'layer');
	for (let layer = 1; layer < analysis.layers.length; layer++) {
		const before = dump(previous);
		const derived = nextLayerTree(analysis, previous, layer);
		expect(dump(derived), `layer ${layer}`).toBe(dump(buildCompareTree(analysis, layer, 'layer')));
		expect(dump(previous), `layer ${layer - 1} left as it was`).toBe(before);
		previous = derived;
	}
}

const kb = (n: number, fill = 'x') => fill.repeat(n * 1000);

/** Layers that exercise every way a path can change from one layer to the next. */
const tricky: ImageDescription = {
	tags: ['next-layer:test'],
	layers: [
		{
			createdBy: 'base',
			entries: [dir('etc/'), file('etc/a', kb(1)), file('etc/b', kb(2)), dir('var/cache/'), file('var/cache/x', kb(3)), file('var/cache/y', kb(4)), file('tool', kb(5)), dir('d/'), file('d/f', kb(1))],
		},
		{createdBy: 'chmod', entries: [dir('etc/'), file('etc/a', kb(1), {mode: 0o600})]},
		{createdBy: 'rm -rf /var/cache && mkdir /var/cache && touch new', entries: [dir('var/cache/'), opaque('var/cache/'), file('var/cache/new', kb(1)), file('var/cache/x', kb(3))]},
		{createdBy: 'rm /tool; rm -rf /d', entries: [whiteout('tool'), whiteout('d')]},
		{createdBy: 'tool back as a dir, d back as a file', entries: [dir('tool/'), file('tool/inner', kb(2)), file('d', kb(1, 'z'))]},
		{createdBy: 'links', entries: [symlink('etc/link', '/etc/a'), hardlink('etc/hard', 'etc/b')]},
		{createdBy: 'a file below a file', entries: [file('etc/a/under', kb(1))]},
		{createdBy: 'untouched layer', entries: [dir('srv/'), file('srv/z', kb(2))]},
		{createdBy: 'rm everything in etc', entries: [dir('etc/'), opaque('etc/')]},
	],
};

describe('nextLayerTree', () => {
	test('matches a full build layer after layer, and leaves the tree it starts from as it was', async () => {
		expectSameAsFullBuild(await analyzeBuffer(await buildImageArchive(tricky, 'docker-oci')));
	});

	test('matches a full build on the sample image', async () => {
		expectSameAsFullBuild(await analyzeBuffer(await buildImageArchive(sampleImage, 'docker-oci')));
	});

	test('shares the subtrees neither layer touches', async () => {
		const analysis = await analyzeBuffer(await buildImageArchive(tricky, 'docker-oci'));
		const below = buildCompareTree(analysis, 6, 'layer');
		const derived = nextLayerTree(analysis, below, 7);
		const child = (root: TreeNode, name: string) => root.children.find(node => node.name === name)!;
		expect(child(derived, 'var')).toBe(child(below, 'var'));
		expect(child(derived, 'srv')).not.toBe(child(below, 'srv'));
	});
});

describeWithFixtures('nextLayerTree on the real archives', () => {
	for (const fixture of ['dive/test-docker-image.tar', 'dive/test-oci-zstd-image.tar', 'real/small-app.docker-save.tar']) {
		test(fixture, async () => {
			expectSameAsFullBuild(await analyzePath(fixture));
		});
	}
});
