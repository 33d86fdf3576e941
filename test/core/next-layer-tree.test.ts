import {describe, expect, test} from 'vitest';
import type {Analysis} from '../../src/core/analysis-types.js';
import {buildCompareTree, type TreeNode} from '../../src/core/compare-tree.js';
import {nextAggregatedTree, nextLayerTree} from '../../src/core/next-layer-tree.js';
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

/** Derives each layer's aggregated tree from the one below (layer 0's tree for layer 1) and compares it with a full build. */
function expectSameAggregatedAsFullBuild(analysis: Analysis): void {
	const base = buildCompareTree(analysis, 0, 'layer');
	let previous = base;
	for (let layer = 1; layer < analysis.layers.length; layer++) {
		const before = dump(previous);
		const derived = nextAggregatedTree(analysis, previous, base, layer);
		expect(dump(derived), `layer ${layer}`).toBe(dump(buildCompareTree(analysis, layer, 'aggregated')));
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

/**
Names whose order differs between code units (tree order, how changes come) and UTF-8 bytes (how children are
sorted): U+E000 is EE 80 80, after U+D83D's surrogate in code units but before 😀's F0 9F 98 80 in bytes.
*/
const unicode: ImageDescription = {
	tags: ['next-layer-unicode:test'],
	layers: [
		{createdBy: 'base', entries: [dir('u/'), file('u/\uE000', kb(1)), file('u/😀', kb(2)), file('u/z', kb(3))]},
		{createdBy: 'both changed', entries: [dir('u/'), file('u/\uE000', kb(4)), file('u/😀', kb(5)), file('u/y', kb(1))]},
		{createdBy: 'both removed', entries: [whiteout('u/\uE000'), whiteout('u/😀')]},
	],
};

/** Every kind of change at several depths, below a directory the layer removes and one the layer below removed. */
const nested: ImageDescription = {
	tags: ['next-layer-nested:test'],
	layers: [
		{createdBy: 'base', entries: [dir('a/'), dir('a/b/'), file('a/b/c', kb(1)), file('a/b/d', kb(2)), dir('a/e/'), file('a/e/f', kb(3)), file('a-x', kb(1)), dir('k/'), file('k/1', kb(1))]},
		{createdBy: 'deep add under an unlisted parent, rm -rf a/e', entries: [file('a/b/new', kb(5)), whiteout('a/e'), dir('m/'), dir('m/n/'), file('m/n/o', kb(2))]},
		{createdBy: 'a/e back, rm -rf a/b, k/1 changed', entries: [dir('a/e/'), file('a/e/g', kb(1)), whiteout('a/b'), file('k/1', kb(2))]},
		{createdBy: 'rm -rf m while a/b comes back, a/b/new too', entries: [whiteout('m'), dir('a/b/'), file('a/b/c', kb(7)), file('a/b/new', kb(6))]},
	],
};

describe('nextLayerTree on names and nesting the merge walk must get right', () => {
	test('names that sort differently by code unit and by byte', async () => {
		expectSameAsFullBuild(await analyzeBuffer(await buildImageArchive(unicode, 'docker-oci')));
	});

	test('changes at several depths, under removed and re-created directories', async () => {
		expectSameAsFullBuild(await analyzeBuffer(await buildImageArchive(nested, 'docker-oci')));
	});

	test('a derived tree is marked as a full build marks it: removed below, modified above, added', async () => {
		const analysis = await analyzeBuffer(await buildImageArchive(nested, 'docker-oci'));
		const tree = nextLayerTree(analysis, nextLayerTree(analysis, buildCompareTree(analysis, 0, 'layer'), 1), 2);
		const marks: string[] = [];
		const stack = [...tree.children].reverse();
		while (stack.length > 0) {
			const node = stack.pop()!;
			marks.push(`${node.path} ${node.diff} ${node.totalSize}`);
			for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
		}
		expect(marks).toEqual([
			'/a modified 1000',
			'/a/b removed 8000',
			'/a/b/c removed 1000',
			'/a/b/d removed 2000',
			'/a/b/new removed 5000',
			'/a/e added 1000',
			'/a/e/g added 1000',
			'/a-x unmodified 1000',
			'/k modified 2000',
			'/k/1 modified 2000',
			'/m unmodified 2000',
			'/m/n unmodified 2000',
			'/m/n/o unmodified 2000',
		]);
	});
});

describe('nextAggregatedTree', () => {
	for (const [name, image] of [['tricky', tricky], ['unicode', unicode], ['nested', nested], ['sample', sampleImage]] as const) {
		test(`matches a full build layer after layer (${name} image)`, async () => {
			expectSameAggregatedAsFullBuild(await analyzeBuffer(await buildImageArchive(image, 'docker-oci')));
		});
	}

	test('a path removed in one layer and back in a later one is modified if layer 0 had it, else added', async () => {
		const analysis = await analyzeBuffer(await buildImageArchive(nested, 'docker-oci'));
		const base = buildCompareTree(analysis, 0, 'layer');
		let tree = base;
		for (let layer = 1; layer <= 3; layer++) tree = nextAggregatedTree(analysis, tree, base, layer);
		const marks = (paths: string[]) => paths.map(path => {
			let node = tree;
			for (const name of path.split('/').filter(Boolean)) node = node.children.find(child => child.name === name)!;
			return `${path} ${node.diff}`;
		});
		// a/b: layer 0's, removed in 2, back in 3; a/b/new: added in 1, removed with a/b in 2, back in 3; m: added in 1, removed in 3.
		expect(marks(['/a/b', '/a/b/c', '/a/b/d', '/a/b/new', '/a/e', '/a/e/f', '/a/e/g', '/m', '/m/n/o'])).toEqual([
			'/a/b modified',
			'/a/b/c modified',
			'/a/b/d removed',
			'/a/b/new added',
			'/a/e modified',
			'/a/e/f removed',
			'/a/e/g added',
			'/m removed',
			'/m/n/o removed',
		]);
	});
});

describeWithFixtures('nextLayerTree and nextAggregatedTree on the real archives', () => {
	for (const fixture of ['dive/test-docker-image.tar', 'dive/test-oci-zstd-image.tar', 'real/small-app.docker-save.tar']) {
		test(fixture, async () => {
			const analysis = await analyzePath(fixture);
			expectSameAsFullBuild(analysis);
			expectSameAggregatedAsFullBuild(analysis);
		});
	}
});
