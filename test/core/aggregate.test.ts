import {describe, expect, test} from 'vitest';
import type {Analysis, Change} from '../../src/core/analysis-types.js';
import {buildCompareTree, type TreeNode} from '../../src/core/compare-tree.js';
import {fileHistory} from '../../src/core/history.js';
import {buildImageArchive, dir, file, hardlink, opaque, symlink, whiteout, type ImageDescription} from '../helpers/image-builder.js';
import {analyzeBuffer} from '../helpers/load-fixture.js';

const kb = (n: number) => 'x'.repeat(n * 1000);

const image: ImageDescription = {
	tags: ['agg:test'],
	layers: [
		{
			createdBy: '/bin/sh -c #(nop) ADD base',
			entries: [
				dir('etc/'),
				file('etc/config', kb(1)),
				file('etc/owned', kb(2)),
				dir('var/'),
				dir('var/cache/'),
				file('var/cache/a', kb(3)),
				file('var/cache/b', kb(4)),
				file('tool', kb(5)),
			],
		},
		{createdBy: '/bin/sh -c chmod 600 /etc/config', entries: [dir('etc/'), file('etc/config', kb(1), {mode: 0o600})]},
		{createdBy: '/bin/sh -c chown 7:8 /etc/owned', entries: [dir('etc/'), file('etc/owned', kb(2), {uid: 7, gid: 8})]},
		{createdBy: '/bin/sh -c rm -rf /var/cache && mkdir /var/cache && touch /var/cache/new', entries: [dir('var/cache/'), opaque('var/cache/'), file('var/cache/new', kb(1))]},
		{createdBy: '/bin/sh -c rm /tool', entries: [whiteout('tool')]},
		{createdBy: '/bin/sh -c links', entries: [symlink('etc/link', '/etc/config'), hardlink('etc/hard', 'etc/owned')]},
		{createdBy: '/bin/sh -c echo again > /tool', entries: [file('tool', kb(6))]},
		{createdBy: '/bin/sh -c overwrite config', entries: [dir('etc/'), file('etc/config', 'y'.repeat(1000), {mode: 0o600}), symlink('etc/link', '/etc/owned')]},
	],
};

const summary = (changes: readonly Change[]) => changes.map(change => `${change.kind} ${change.path}${change.fields ? ` [${change.fields.join(',')}]` : ''}`);

function find(root: TreeNode, path: string): TreeNode | undefined {
	let node: TreeNode | undefined = root;
	for (const name of path.split('/').filter(Boolean)) node = node?.children.find(child => child.name === name);
	return node;
}

describe('aggregator on an image built in memory (every format gives the same result)', async () => {
	const formats = ['docker-legacy', 'docker-oci', 'oci-archive', 'kaniko'] as const;
	const analyses: Analysis[] = [];
	for (const format of formats) analyses.push(await analyzeBuffer(await buildImageArchive(image, format, {compression: format === 'oci-archive' ? 'zstd' : undefined})));
	const analysis = analyses[0]!;

	test('all formats agree', () => {
		for (const other of analyses.slice(1)) {
			expect(other.layers.map(layer => layer.changes)).toEqual(analysis.layers.map(layer => layer.changes));
			expect({...other.image, format: 0, name: 0}).toEqual({...analysis.image, format: 0, name: 0});
		}
	});

	test('chmod-only and chown-only are modifications of mode and owner, not content', () => {
		expect(summary(analysis.layers[1]!.changes)).toEqual(['modified /etc/config [mode]']);
		expect(summary(analysis.layers[2]!.changes)).toEqual(['modified /etc/owned [owner]']);
	});

	test('an opaque directory hides every lower child; the re-listed directory itself is unchanged', () => {
		expect(summary(analysis.layers[3]!.changes)).toEqual(['removed /var/cache/a', 'removed /var/cache/b', 'added /var/cache/new']);
		expect(analysis.layers[3]!.removed).toEqual({count: 2, bytes: 7000});
	});

	test('delete, then re-add of the same path', () => {
		expect(summary(analysis.layers[4]!.changes)).toEqual(['removed /tool']);
		expect(summary(analysis.layers[6]!.changes)).toEqual(['added /tool']);
	});

	test('links keep their targets; retargeting a symlink is a change (dive misses it)', () => {
		expect(analysis.layers[5]!.changes).toEqual([
			{path: '/etc/hard', kind: 'added', type: 'hardlink', size: 0, mode: 0o644, uid: 0, gid: 0, linkTarget: '/etc/owned'},
			{path: '/etc/link', kind: 'added', type: 'symlink', size: 0, mode: 0o777, uid: 0, gid: 0, linkTarget: '/etc/config'},
		]);
		expect(summary(analysis.layers[7]!.changes)).toEqual(['modified /etc/config [content]', 'modified /etc/link [target]']);
	});

	test('same size, different bytes is a content change; identical re-listing is none', () => {
		expect(analysis.layers[7]!.changes[0]).toMatchObject({path: '/etc/config', fields: ['content'], size: 1000});
	});

	test('dive formulas: wasted and efficiency over leaf copies; reclaimable counts every hidden copy', () => {
		// Leaf copies per path (dive counts a deletion as a 0-byte copy; we count opaque-hidden children the same way):
		// tool 5000 + 0 + 6000; owned 2000 × 2; var/cache/b 4000 + 0; var/cache/a 3000 + 0; config 1000 × 3; link 0 × 2.
		expect(analysis.inefficiencies).toEqual([
			{path: '/tool', count: 3, cumulativeBytes: 11000},
			{path: '/var/cache/b', count: 2, cumulativeBytes: 4000},
			{path: '/etc/owned', count: 2, cumulativeBytes: 4000},
			{path: '/var/cache/a', count: 2, cumulativeBytes: 3000},
			{path: '/etc/config', count: 3, cumulativeBytes: 3000},
			{path: '/etc/link', count: 2, cumulativeBytes: 0},
		]);
		expect(analysis.image.wastedBytes).toBe(25000);
		// Σ min over all paths / Σ cumulative: (config 1000 + owned 2000 + new 1000) / (waste 25000 + new 1000 + hard 0).
		expect(analysis.image.efficiencyScore).toBe(4000 / 26000);
		// Biggest first; equal sizes by path.
		expect(analysis.reclaimable).toEqual([
			{path: '/tool', copies: 1, bytes: 5000},
			{path: '/var/cache/b', copies: 1, bytes: 4000},
			{path: '/var/cache/a', copies: 1, bytes: 3000},
			{path: '/etc/config', copies: 2, bytes: 2000},
			{path: '/etc/owned', copies: 1, bytes: 2000},
		]);
		expect(analysis.image.reclaimableBytes).toBe(16000);
		// Attributed to the layer that stored the hidden bytes: the base's config, owned, a, b and tool; layer 1's config.
		expect(analysis.layers.map(layer => layer.reclaimableBytes)).toEqual([15000, 1000, 0, 0, 0, 0, 0, 0]);
		expect(analysis.layers[0]!.hidden).toEqual([
			{path: '/tool', bytes: 5000, hiddenBy: 4},
			{path: '/var/cache/b', bytes: 4000, hiddenBy: 3},
			{path: '/var/cache/a', bytes: 3000, hiddenBy: 3},
			{path: '/etc/owned', bytes: 2000, hiddenBy: 2},
			{path: '/etc/config', bytes: 1000, hiddenBy: 1},
		]);
		expect(analysis.layers[1]!.hidden).toEqual([{path: '/etc/config', bytes: 1000, hiddenBy: 7}]);
		expect(analysis.image.userReclaimableBytes).toBe(1000);
	});

	test('layer-mode tree: only the selected layer is marked, removed paths stay visible in red', () => {
		const root = buildCompareTree(analysis, 3, 'layer');
		expect(find(root, '/var/cache/a')?.diff).toBe('removed');
		expect(find(root, '/var/cache/new')?.diff).toBe('added');
		expect(find(root, '/var/cache')?.diff).toBe('modified');
		expect(find(root, '/etc/config')?.diff).toBe('unmodified');
		expect(find(root, '/tool')?.diff).toBe('unmodified');
		// Removed children do not count toward a directory's size; a removed node shows what it held.
		expect(find(root, '/var/cache')?.totalSize).toBe(1000);
	});

	test('aggregated tree: everything since the base, marked against the base', () => {
		const root = buildCompareTree(analysis, 7, 'aggregated');
		expect(find(root, '/etc/config')?.diff).toBe('modified');
		expect(find(root, '/etc/link')?.diff).toBe('added');
		expect(find(root, '/var/cache/a')?.diff).toBe('removed');
		expect(find(root, '/tool')?.diff).toBe('modified');
		expect(find(root, '/etc')?.diff).toBe('modified');
		const base = buildCompareTree(analysis, 0, 'aggregated');
		expect(find(base, '/tool')?.diff).toBe('unmodified');
	});

	test('file history lists every layer that touched a path, with what changed', () => {
		expect(fileHistory(analysis, '/etc/config').map(item => [item.layer, item.kind, item.fields ?? []])).toEqual([
			[0, 'added', []],
			[1, 'modified', ['mode']],
			[7, 'modified', ['content']],
		]);
		expect(fileHistory(analysis, '/tool').map(item => `${item.layer} ${item.kind}`)).toEqual(['0 added', '4 removed', '6 added']);
	});
});
