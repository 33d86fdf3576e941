import {describe, expect, it} from 'vitest';
import type {Analysis, LayerAnalysis} from '../../src/core/analysis-types.js';
import type {Layer, LayerEntry} from '../../src/core/model.js';
import {layerHeader} from '../../src/core/layer-header.js';
import {toDiveExport} from '../../src/export/dive-export.js';

const file = (path: string, size: number): LayerEntry => ({
	path,
	type: 'file',
	typeFlag: 48,
	size,
	mode: 0o644,
	uid: 0,
	gid: 0,
	linkTarget: '',
	digest: 'ab',
});

const modelLayer = (index: number, entries: LayerEntry[]): Layer => ({
	index,
	blob: `blobs/sha256/${index}`,
	id: `sha256:${String(index).repeat(64)}`,
	diffId: `sha256:diff${index}`,
	command: `step ${index}`,
	createdBy: `/bin/sh -c step ${index}`,
	created: '2024-01-01T00:00:00Z',
	sizeBytes: entries.reduce((sum, entry) => sum + entry.size, 0),
	compression: 'gzip',
	entries,
});

const totals = (count: number, bytes: number) => ({count, bytes});

function layerAnalysis(layer: Layer, changes: LayerAnalysis['changes']): LayerAnalysis {
	return {
		...layerHeader(layer),
		entryCount: layer.entries.length,
		changes,
		added: totals(changes.filter(c => c.kind === 'added').length, 0),
		modified: totals(changes.filter(c => c.kind === 'modified').length, 0),
		removed: totals(changes.filter(c => c.kind === 'removed').length, 0),
		reclaimableBytes: 0,
		hidden: [],
	};
}

const manyPaths = Array.from({length: 60}, (_, i) => `/root/.cache/pip/f${String(i).padStart(2, '0')}`);

function handBuilt(userWastedPercent: number): Analysis {
	const base = modelLayer(0, [file('a.txt', 100)]);
	const top = modelLayer(1, [file('a.txt', 120)]);
	const model = {name: 'demo:1', tags: ['demo:1'], format: 'oci-archive' as const, configDigest: 'sha256:cfg', platform: 'linux/amd64', layers: [base, top]};
	const change = {path: '/a.txt', type: 'file' as const, size: 120, mode: 0o644, uid: 0, gid: 0, linkTarget: ''};
	return {
		model,
		layers: [
			layerAnalysis(base, [{...change, kind: 'added', size: 100}]),
			layerAnalysis(top, [{...change, kind: 'modified', fields: ['content']}]),
		],
		inefficiencies: [{path: '/a.txt', count: 2, cumulativeBytes: 220}],
		reclaimable: [{path: '/a.txt', copies: 1, bytes: 100}],
		hints: {
			hints: [
				{kind: 'overwritten', severity: 'info', bytes: 100, layer: 0, layers: [0, 1], paths: ['/a.txt'], count: 1, message: 'step 1 replaces a.txt', fix: 'produce it once'},
				{kind: 'package-cache', severity: 'info', bytes: 60, layer: 1, layers: [1], paths: manyPaths, count: 60, message: 'pip cache', fix: 'pip --no-cache-dir'},
			],
			totals: {secret: 0, 'deleted-later': 0, overwritten: 100, 'metadata-rewrite': 0, 'duplicate-content': 0, 'package-cache': 60},
			savableBytes: 160,
		},
		final: {paths: ['a.txt'], types: ['file'], sizes: [120], layers: [1]},
		image: {
			name: 'demo:1',
			tags: ['demo:1'],
			format: 'oci-archive',
			configDigest: 'sha256:cfg',
			platform: 'linux/amd64',
			layerCount: 2,
			sizeBytes: 220,
			userSizeBytes: 120,
			baseSizeBytes: 100,
			efficiencyScore: 100 / 220,
			wastedBytes: 220,
			userWastedPercent,
			reclaimableBytes: 100,
			userReclaimableBytes: 0,
			finalFileCount: 1,
		},
	};
}

describe('toDiveExport', () => {
	it('maps the analysis onto dive keys, then ours', () => {
		const doc = toDiveExport(handBuilt(220 / 120));
		expect(doc.schemaVersion).toBe(1);
		// The long lists are generated as they are written: materialise them to compare.
		const layer = (index: number) => ({...doc.layer[index]!, fileList: [...doc.layer[index]!.fileList], changes: [...doc.layer[index]!.changes]});
		expect(layer(1)).toEqual({
			index: 1,
			id: `sha256:${'1'.repeat(64)}`,
			digestId: 'sha256:diff1',
			sizeBytes: 120,
			command: 'step 1',
			fileList: [{path: 'a.txt', typeFlag: 48, linkName: '', size: 120, fileMode: 420, uid: 0, gid: 0, isDir: false}],
			createdBy: '/bin/sh -c step 1',
			created: '2024-01-01T00:00:00Z',
			blob: 'blobs/sha256/1',
			compression: 'gzip',
			entryCount: 1,
			added: {count: 0, bytes: 0},
			modified: {count: 1, bytes: 0},
			removed: {count: 0, bytes: 0},
			reclaimableBytes: 0,
			hidden: [],
			changes: [
				{path: '/a.txt', kind: 'modified', type: 'file', size: 120, mode: 0o644, uid: 0, gid: 0, linkTarget: '', fields: ['content']},
			],
		});
		expect(Object.keys(layer(0).changes[0]!)).not.toContain('fields');
		expect({...doc.image, fileReference: [...doc.image.fileReference]}).toEqual({
			sizeBytes: 220,
			inefficientBytes: 220,
			efficiencyScore: 100 / 220,
			fileReference: [{count: 2, sizeBytes: 220, file: '/a.txt'}],
			name: 'demo:1',
			tags: ['demo:1'],
			format: 'oci-archive',
			configDigest: 'sha256:cfg',
			platform: 'linux/amd64',
			layerCount: 2,
			userSizeBytes: 120,
			baseSizeBytes: 100,
			userWastedPercent: 220 / 120,
			reclaimableBytes: 100,
			userReclaimableBytes: 0,
			finalFileCount: 1,
			reclaimable: [{path: '/a.txt', copies: 1, bytes: 100}],
		});
		expect(Object.keys(doc)).toEqual(['schemaVersion', 'layer', 'image', 'hints', 'hintTotals', 'hintSavableBytes']);
	});

	it('exports the hints with their keys in order, each hint keeping its first 50 paths, and the totals per kind', () => {
		const doc = toDiveExport(handBuilt(0));
		expect(doc.hints.map(hint => Object.keys(hint))).toEqual([
			['kind', 'severity', 'bytes', 'layer', 'layers', 'paths', 'count', 'message', 'fix'],
			['kind', 'severity', 'bytes', 'layer', 'layers', 'paths', 'count', 'message', 'fix'],
		]);
		expect(doc.hints[0]).toEqual({kind: 'overwritten', severity: 'info', bytes: 100, layer: 0, layers: [0, 1], paths: ['/a.txt'], count: 1, message: 'step 1 replaces a.txt', fix: 'produce it once'});
		expect(doc.hints[1]!.paths).toEqual(manyPaths.slice(0, 50));
		expect(doc.hints[1]!.count).toBe(60);
		expect(doc.hintTotals).toEqual({secret: 0, 'deleted-later': 0, overwritten: 100, 'metadata-rewrite': 0, 'duplicate-content': 0, 'package-cache': 60});
		expect(doc.hintSavableBytes).toBe(160);
	});

	it('writes null for a ratio dive would print as NaN or +Inf', () => {
		expect(toDiveExport(handBuilt(Number.NaN)).image.userWastedPercent).toBeNull();
		expect(toDiveExport(handBuilt(Infinity)).image.userWastedPercent).toBeNull();
		expect(toDiveExport(handBuilt(0)).image.userWastedPercent).toBe(0);
	});
});
