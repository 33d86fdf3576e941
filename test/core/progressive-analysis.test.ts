import {expect, test} from 'vitest';
import {analyze} from '../../src/core/analyze.js';
import {createProgressiveAnalysis} from '../../src/core/progressive-analysis.js';
import {sampleImage} from '../../src/sample/sample-image.js';
import {describeWithFixtures} from '../helpers/fixtures.js';
import {buildImageArchive} from '../helpers/image-builder.js';
import {loadPath} from '../helpers/load-fixture.js';
import {openInput} from '../../src/loader/input-source.js';
import {loadImage} from '../../src/loader/load-image.js';
import {Readable} from 'node:stream';
import type {ImageModel, LayerEntry} from '../../src/core/model.js';

/** Feeds the model's layers one by one; after each, the layers so far must be what `analyze` says of them. */
function checkAgainstAnalyze(model: ImageModel) {
	const full = analyze(model);
	const {layers, ...header} = model;
	const progressive = createProgressiveAnalysis(header);
	for (const layer of layers) {
		progressive.add(layer);
		const partial = progressive.snapshot();
		expect(partial.layers.length).toBe(layer.index + 1);
		for (const analysed of partial.layers) {
			const final = full.layers[analysed.index]!;
			expect(analysed.changes).toEqual(final.changes);
			expect({...analysed, reclaimableBytes: 0, hidden: []}).toEqual({...final, reclaimableBytes: 0, hidden: []});
			// What needs later layers is not claimed.
			expect(analysed.reclaimableBytes).toBe(0);
			expect(analysed.hidden).toEqual([]);
		}
		expect(partial.model.layers).toEqual(layers.slice(0, layer.index + 1));
		expect(Number.isNaN(partial.image.efficiencyScore)).toBe(true);
		expect(partial.inefficiencies).toEqual([]);
		expect(partial.hints.hints).toEqual([]);
	}
	// After the last layer, the stacked filesystem holds what the final one does.
	expect(progressive.snapshot().image.finalFileCount).toBe(full.image.finalFileCount);
	// Finished, it is the whole analysis, the same as analyze's.
	expect(progressive.finish(model)).toEqual(full);
	expect(() => progressive.add(layers[0]!)).toThrow('finished');
	expect(progressive.finish(model)).toBeUndefined();
}

test('the sample image, layer by layer: each layer read so far has the changes and totals the whole analysis gives it', async () => {
	const archive = await buildImageArchive(sampleImage, 'docker-oci', {compression: 'gzip'});
	const {model} = await loadImage(await openInput('-', Readable.from([archive])));
	expect(model.layers.length).toBeGreaterThan(3);
	checkAgainstAnalyze(model);
});

test('finish declines a model that is not what was applied: a layer missing, or an entry changed since it was added', async () => {
	const archive = await buildImageArchive(sampleImage, 'docker-oci', {compression: 'gzip'});
	const {model} = await loadImage(await openInput('-', Readable.from([archive])));
	const {layers, ...header} = model;
	const feed = () => {
		const progressive = createProgressiveAnalysis(header);
		for (const layer of layers) progressive.add(layer);
		return progressive;
	};
	expect(feed().finish({...model, layers: layers.slice(0, -1)})).toBeUndefined();
	// A content hash filled in after the layer was read (as for uncompressed layers on disk), in place.
	const progressive = feed();
	const entries = layers[1]!.entries as LayerEntry[];
	const at = entries.findIndex(entry => entry.type === 'file');
	const original = entries[at]!;
	entries[at] = {...original, digest: 'ffff'};
	try {
		expect(progressive.finish(model)).toBeUndefined();
	} finally {
		entries[at] = original;
	}
	expect(feed().finish({...model, layers: layers.map((layer, i) => (i === 2 ? {...layer, command: 'other'} : layer))})).toBeUndefined();
	expect(feed().finish(model)).toEqual(analyze(model));
});

test('layers must come in order', () => {
	const progressive = createProgressiveAnalysis({name: 'x', tags: [], format: 'oci-archive', configDigest: '', platform: ''});
	const layer = {index: 1, blob: 'b', id: 'i', diffId: '', command: '', createdBy: '', created: '', sizeBytes: 0, compression: 'none' as const, entries: []};
	expect(() => progressive.add(layer)).toThrow('layer 1 arrived before layer 0');
});

describeWithFixtures('progressive analysis of the shared fixtures', () => {
	for (const name of ['dive/test-docker-image.tar', 'dive/test-oci-zstd-image.tar', 'real/small-app.docker-archive.tar', 'real/small-app.oci-archive.gzip.tar']) {
		test(`${name}: the same per-layer changes as analyze`, async () => {
			checkAgainstAnalyze((await loadPath(name)).model);
		});
	}
});
