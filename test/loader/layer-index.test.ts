import {expect, test} from 'vitest';
import type {LayerEntry} from '../../src/core/model.js';
import {filePrint, fingerprint, layerIndexer} from '../../src/loader/index-layer.js';

const entry = (path: string, type: LayerEntry['type'], size: number): LayerEntry => ({path, type, typeFlag: type === 'file' ? 48 : 53, size, mode: 0o644, uid: 0, gid: 0, linkTarget: '', digest: ''});

test('the layer index keeps each entry with its offset, sample and print, past the arrays growing', () => {
	const indexer = layerIndexer();
	const count = 5000;
	for (let i = 0; i < count; i++) {
		// Every third entry a directory, every fifth without a sample; offsets past 2^32.
		indexer.add(entry(`d/f${i}`, i % 3 === 0 ? 'dir' : 'file', i), 2 ** 33 + i * 512, i % 5 === 0 ? undefined : BigInt(i) * 2n ** 40n);
	}
	const index = indexer.done();
	expect(index.entries).toHaveLength(count);
	for (const i of [0, 1, 1023, 1024, 1025, 2047, 2048, 4095, 4096, 4999]) {
		expect(index.entries[i]!.path).toBe(`d/f${i}`);
		expect(index.offsets[i]).toBe(2 ** 33 + i * 512);
		expect(index.sampled[i]).toBe(i % 5 === 0 ? 0 : 1);
		if (i % 5 !== 0) expect(index.samples[i]).toBe(BigInt(i) * 2n ** 40n);
		// A file's print is its path and size's fingerprint with the low bit set; 0 for anything else.
		expect(index.prints[i]).toBe(i % 3 === 0 ? 0 : (fingerprint(`d/f${i}`, i) | 1) >>> 0);
	}
	expect([index.offsets.length, index.samples.length, index.sampled.length, index.prints.length]).toEqual([count, count, count, count]);
});

test('a print is never 0 for a file, whatever its fingerprint', () => {
	for (let size = 0; size < 2000; size++) expect(filePrint(entry('x', 'file', size))).not.toBe(0);
	expect(filePrint(entry('x', 'dir', 0))).toBe(0);
	expect(filePrint({...entry('x', 'symlink', 0), linkTarget: 'y'})).toBe(0);
});
