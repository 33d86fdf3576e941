import {describe, expect, test} from 'vitest';
import {analyze} from '../../src/core/analyze.js';
import {changeListOf, eachChange} from '../../src/core/change-list.js';
import {createProgressiveAnalysis} from '../../src/core/progressive-analysis.js';
import type {ImageModel, LayerEntry} from '../../src/core/model.js';
import {modelLayer} from '../helpers/model-layer.js';

const entry = (path: string, type: LayerEntry['type'], size = 0, extra: Partial<LayerEntry> = {}): LayerEntry => ({
	path,
	type,
	typeFlag: {file: 48, dir: 53, symlink: 50, hardlink: 49, char: 51, block: 52, fifo: 54}[type],
	size,
	mode: type === 'dir' ? 0o755 : 0o644,
	uid: 0,
	gid: 0,
	linkTarget: '',
	digest: type === 'file' ? `d${size}` : '',
	...extra,
});

const layer = modelLayer;

const model: ImageModel = {
	name: 'changes',
	tags: [],
	format: 'docker-oci',
	configDigest: 'c',
	platform: 'linux/amd64',
	layers: [
		layer(0, [entry('etc', 'dir'), entry('etc/b', 'file', 2), entry('etc/a', 'file', 1), entry('usr/lib/x', 'file', 3), entry('bin', 'file', 4)]),
		layer(1, [
			entry('etc/.wh.b', 'file'),
			entry('etc/a', 'file', 1, {mode: 0o600, uid: 5}),
			entry('bin/sh', 'hardlink', 0, {linkTarget: './usr/lib/x'}),
			entry('usr/lib/.wh..wh..opq', 'file'),
			entry('usr/lib/x', 'file', 3),
		]),
	],
};

describe("a layer's changes kept as entries and codes", () => {
	test('read as records, they are what each layer changed, in tree order, with the attributes of the entry each shows', () => {
		const analysis = analyze(model);
		expect(analysis.layers[0]!.changes).toEqual([
			{path: '/bin', kind: 'added', type: 'file', size: 4, mode: 0o644, uid: 0, gid: 0, linkTarget: ''},
			{path: '/etc', kind: 'added', type: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0, linkTarget: ''},
			{path: '/etc/a', kind: 'added', type: 'file', size: 1, mode: 0o644, uid: 0, gid: 0, linkTarget: ''},
			{path: '/etc/b', kind: 'added', type: 'file', size: 2, mode: 0o644, uid: 0, gid: 0, linkTarget: ''},
			{path: '/usr', kind: 'added', type: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0, linkTarget: ''},
			{path: '/usr/lib', kind: 'added', type: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0, linkTarget: ''},
			{path: '/usr/lib/x', kind: 'added', type: 'file', size: 3, mode: 0o644, uid: 0, gid: 0, linkTarget: ''},
		]);
		expect(analysis.layers[1]!.changes).toEqual([
			{path: '/bin', kind: 'modified', type: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0, linkTarget: '', fields: ['type']},
			{path: '/bin/sh', kind: 'added', type: 'hardlink', size: 0, mode: 0o644, uid: 0, gid: 0, linkTarget: '/usr/lib/x'},
			{path: '/etc/a', kind: 'modified', type: 'file', size: 1, mode: 0o600, uid: 5, gid: 0, linkTarget: '', fields: ['mode', 'owner']},
			{path: '/etc/b', kind: 'removed', type: 'file', size: 2, mode: 0o644, uid: 0, gid: 0, linkTarget: ''},
		]);
		expect(analysis.layers[1]!.removed).toEqual({count: 1, bytes: 2});
		expect(analysis.layers[1]!.modified).toEqual({count: 2, bytes: 1});
		expect(analysis.layers[0]!.added).toEqual({count: 7, bytes: 10});
	});

	test('the analysis makes no records; the export reads them one at a time without keeping them', () => {
		const analysis = analyze(model);
		const list = changeListOf(analysis.layers[1]!)!;
		expect(list.records).toBeUndefined();
		const oneByOne = [...eachChange(analysis.layers[1]!)];
		expect(list.records).toBeUndefined();
		expect(oneByOne.map(change => `${change.kind} ${change.path}`)).toEqual(['modified /bin', 'added /bin/sh', 'modified /etc/a', 'removed /etc/b']);
		expect(analysis.layers[1]!.changes).toEqual(oneByOne);
		expect(list.records).toBeDefined();
		// Once made, the records are what the export reads too.
		expect([...eachChange(analysis.layers[1]!)][0]).toBe(analysis.layers[1]!.changes[0]);
	});

	test('every object of a layer (as read so far, and finished) returns the same records; a spread copies them', () => {
		const {layers, ...header} = model;
		const progressive = createProgressiveAnalysis(header);
		for (const item of layers) progressive.add(item);
		const early = progressive.snapshot().layers[1]!;
		const records = early.changes;
		const finished = progressive.finish(model)!;
		expect(finished.layers[1]!.changes).toBe(records);
		expect({...finished.layers[1]!}.changes).toBe(records);
		expect(Object.keys(finished.layers[1]!)).toContain('changes');
	});
});
