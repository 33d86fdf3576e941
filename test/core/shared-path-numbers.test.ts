import {describe, expect, test} from 'vitest';
import {analyze} from '../../src/core/analyze.js';
import type {ImageModel, Layer, LayerEntry} from '../../src/core/model.js';

const entry = (path: string, type: 'file' | 'dir', size: number): LayerEntry => ({
	path,
	type,
	typeFlag: type === 'dir' ? 53 : 48,
	size,
	mode: type === 'dir' ? 0o755 : 0o644,
	uid: 0,
	gid: 0,
	linkTarget: '',
	digest: type === 'file' ? 'd' : '',
});

const layer = (index: number, entries: LayerEntry[]): Layer => ({
	index,
	blob: `${index}.tar`,
	id: `sha256:${index}`,
	diffId: '',
	command: `layer ${index}`,
	createdBy: `layer ${index}`,
	created: '',
	sizeBytes: entries.reduce((total, item) => total + item.size, 0),
	compression: 'none',
	entries,
});

const count = 1500;
const indexes = Array.from({length: count}, (_, i) => i);
const files = () => indexes.map(i => entry(`d${i}/f`, 'file', 10));
/** The directories from d600 on: numbers 2100..2999, all past 2048, none of them exactly at a column's end. */
const dirs = () => indexes.filter(i => i >= 600).map(i => entry(`d${i}`, 'dir', 0));

describe('the tree and the efficiency records number paths in one table', () => {
	test('directories the tree numbered first (implicit parents) are counted like any path when layers list them', () => {
		// Layer 0 lists 1500 files without their directories: the records take numbers 0..1499 first, then the tree
		// numbers the 1500 implicit parents 1500..2999, past the records' first columns (1024, then 2048 long).
		// Layers 1 and 2 list 900 of those directories as leaves (0 bytes each time): two copies each; layer 1 lists
		// them last first. Layer 3 lists the files again: two copies of 10 bytes each.
		const model: ImageModel = {
			name: 'numbers',
			tags: [],
			format: 'docker-oci',
			configDigest: '',
			platform: 'linux/amd64',
			layers: [layer(0, files()), layer(1, dirs().reverse()), layer(2, dirs()), layer(3, files())],
		};
		const analysis = analyze(model, {hints: false});
		// Σ min = 1500 × 10 (files) + 0 (directories); Σ cumulative = 1500 × 20.
		expect(analysis.image.efficiencyScore).toBe(0.5);
		expect(analysis.image.wastedBytes).toBe(30000);
		expect(analysis.inefficiencies).toHaveLength(2400);
		// Largest first; ties in reverse order of reaching two copies (within a layer, in bytewise tree order: /d999 is last).
		expect(analysis.inefficiencies[0]).toEqual({path: '/d999/f', count: 2, cumulativeBytes: 20});
		expect(analysis.inefficiencies[1500]).toEqual({path: '/d999', count: 2, cumulativeBytes: 0});
		expect(analysis.inefficiencies[2399]).toEqual({path: '/d1000', count: 2, cumulativeBytes: 0});
		expect(analysis.image.finalFileCount).toBe(3000);
	});

	test('a layer that numbers exactly as many paths as the records are made room for keeps the record of its last path', () => {
		// The root is number 0; layer 0's 3000 files take 1..3000, and the records make room for 1 + 3000 paths at once.
		const flat = () => Array.from({length: 3000}, (_, i) => entry(`f${String(i).padStart(4, '0')}`, 'file', i === 2999 ? 7 : 1));
		const model: ImageModel = {name: 'edge', tags: [], format: 'docker-oci', configDigest: '', platform: 'linux/amd64', layers: [layer(0, flat()), layer(1, flat())]};
		const analysis = analyze(model, {hints: false});
		expect(analysis.inefficiencies).toHaveLength(3000);
		expect(analysis.inefficiencies[0]).toEqual({path: '/f2999', count: 2, cumulativeBytes: 14});
		// Σ cumulative = 2 × (2999 + 7); Σ min = 2999 + 7.
		expect(analysis.image.wastedBytes).toBe(6012);
		expect(analysis.image.efficiencyScore).toBe(0.5);
	});
});
