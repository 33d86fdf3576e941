import {describe, expect, test} from 'vitest';
import type {Change} from '../../src/core/analysis-types.js';
import {buildCompareTree, type TreeNode} from '../../src/core/compare-tree.js';
import {fileHistory} from '../../src/core/history.js';
import {buildImageArchive, dir, file, opaque, symlink, whiteout} from '../helpers/image-builder.js';
import {finalTreeFromChanges} from '../helpers/final-tree.js';
import {analyzeBuffer} from '../helpers/load-fixture.js';

const summary = (changes: readonly Change[]) => changes.map(change => `${change.kind} ${change.path} ${change.type}${change.fields ? ` [${change.fields.join(',')}]` : ''}`);

function find(root: TreeNode, path: string): TreeNode | undefined {
	let node: TreeNode | undefined = root;
	for (const name of path.split('/').filter(Boolean)) node = node?.children.find(child => child.name === name);
	return node;
}

// A path can only have children if it is a directory. When a later layer lists `etc/a/child` over a lower regular
// file (or symlink) `etc/a`, the stacked filesystem must hold a directory at `etc/a`; the layer does not list it,
// so it is an unlisted (implicit) directory: root-owned, 0755, as for any parent a layer leaves out.
describe('a non-directory used as a parent by a later layer', async () => {
	const analysis = await analyzeBuffer(
		await buildImageArchive(
			{
				layers: [
					{createdBy: 'base', entries: [dir('etc/'), file('etc/a', 'x'.repeat(500), {mode: 0o600}), symlink('lib', 'usr/lib'), dir('usr/'), dir('usr/lib/')]},
					{createdBy: 'child below a file and below a symlink', entries: [file('etc/a/child', 'y'.repeat(30)), file('lib/x', 'z'.repeat(7))]},
					{createdBy: 'remove it', entries: [dir('etc/'), whiteout('etc/a')]},
				],
			},
			'docker-oci',
		),
	);

	test('the parent turns into a directory, reported as a type change before the child is added', () => {
		expect(summary(analysis.layers[1]!.changes)).toEqual([
			'modified /etc/a dir [type]',
			'added /etc/a/child file',
			'modified /lib dir [type]',
			'added /lib/x file',
		]);
		expect(analysis.layers[1]!.changes[0]).toEqual({path: '/etc/a', kind: 'modified', type: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0, linkTarget: '', fields: ['type']});
		expect(analysis.layers[1]!.changes[2]).toMatchObject({path: '/lib', type: 'dir', linkTarget: ''});
		expect(analysis.layers[1]!.modified).toEqual({count: 2, bytes: 0});
	});

	test('the directory is removed with its child; the file it replaced is a hidden copy', () => {
		expect(summary(analysis.layers[2]!.changes)).toEqual(['removed /etc/a dir', 'removed /etc/a/child file']);
		expect(analysis.layers[2]!.removed).toEqual({count: 2, bytes: 30});
		expect(analysis.reclaimable.find(item => item.path === '/etc/a')).toEqual({path: '/etc/a', copies: 1, bytes: 500});
		expect(fileHistory(analysis, '/etc/a').map(item => `${item.layer} ${item.kind} ${item.type}`)).toEqual(['0 added file', '1 modified dir', '2 removed dir']);
	});

	test('replaying the changes gives a filesystem where only directories have children', () => {
		const upToLayer1 = {...analysis, layers: analysis.layers.slice(0, 2)};
		expect(finalTreeFromChanges(upToLayer1)).toEqual([
			'/etc\td\t0755\t0\t0\t-\t-',
			'/etc/a\td\t0755\t0\t0\t-\t-',
			'/etc/a/child\tf\t0644\t0\t0\t30\t-',
			'/lib\td\t0755\t0\t0\t-\t-',
			'/lib/x\tf\t0644\t0\t0\t7\t-',
			'/usr\td\t0755\t0\t0\t-\t-',
			'/usr/lib\td\t0755\t0\t0\t-\t-',
		]);
		expect(analysis.image.finalFileCount).toBe(5);
	});

	test('the explorer tree shows a modified directory holding the added child, in both modes', () => {
		for (const mode of ['layer', 'aggregated'] as const) {
			const root = buildCompareTree(analysis, 1, mode);
			expect(find(root, '/etc/a')).toMatchObject({type: 'dir', diff: 'modified', totalSize: 30, layer: 1});
			expect(find(root, '/etc/a/child')).toMatchObject({type: 'file', diff: 'added', size: 30});
			expect(find(root, '/lib')).toMatchObject({type: 'dir', diff: 'modified', linkTarget: ''});
		}
		const base = buildCompareTree(analysis, 0, 'layer');
		expect(find(base, '/etc/a')).toMatchObject({type: 'file', size: 500, children: []});
	});
});

describe('a directory hidden by an opaque marker and re-created as an unlisted parent in the same layer', async () => {
	const analysis = await analyzeBuffer(
		await buildImageArchive(
			{
				layers: [
					{createdBy: 'base', entries: [dir('x/'), dir('x/a/'), file('x/a/old', 'o'.repeat(9))]},
					{createdBy: 'rm -rf /x/* && write x/a/new', entries: [dir('x/'), opaque('x'), file('x/a/new', 'n'.repeat(4))]},
				],
			},
			'docker-oci',
		),
	);

	test('is one change of the directory (none: same attributes), not a removal and an addition', () => {
		expect(summary(analysis.layers[1]!.changes)).toEqual(['added /x/a/new file', 'removed /x/a/old file']);
		expect(finalTreeFromChanges(analysis).map(line => line.split('\t')[0])).toEqual(['/x', '/x/a', '/x/a/new']);
	});
});
