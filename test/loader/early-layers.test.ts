import {PassThrough} from 'node:stream';
import {expect, test} from 'vitest';
import {analyze} from '../../src/core/analyze.js';
import type {Layer} from '../../src/core/model.js';
import {openInput} from '../../src/loader/input-source.js';
import {loadImage} from '../../src/loader/load-image.js';
import {describeWithFixtures, fixturePath} from '../helpers/fixtures.js';
import {sampleImage} from '../../src/sample/sample-image.js';
import {buildImageArchive, writeTempImage} from '../helpers/image-builder.js';
import {slices, stalledSampleArchive} from '../helpers/stalled-stream.js';

const tick = () => new Promise(resolve => setTimeout(resolve, 20));

async function until(predicate: () => boolean, what: string): Promise<void> {
	for (let i = 0; i < 500; i++) {
		if (predicate()) return;
		await tick();
	}
	throw new Error(`never happened: ${what}`);
}

test('a stream that stores the manifest first reports layer 0 while the rest has not arrived', async () => {
	const slow = await stalledSampleArchive();
	const seen: Layer[] = [];
	const counts: number[] = [];
	const loading = loadImage(await openInput('-', slow.stream), {onLayer: (layer, image) => (seen.push(layer), counts.push(image.layerCount))});
	slow.start();
	await until(() => seen.length > 0, 'layer 0 reported');
	// Nothing more arrives while the stream stalls.
	await tick();
	expect(seen.map(layer => layer.index)).toEqual([0]);
	expect(counts).toEqual([slow.layerCount]);
	slow.release();
	const loaded = await loading;
	expect(seen.map(layer => layer.index)).toEqual(loaded.model.layers.map(layer => layer.index));
	expect(seen).toEqual(loaded.model.layers);
});

test('a streamed docker save (its index and manifest after the layers) reports its layers only once they have arrived', async () => {
	const archive = await buildImageArchive(sampleImage, 'docker-oci', {compression: 'gzip'});
	const entries = slices(archive);
	const firstDocument = entries.find(slice => slice.name === 'index.json' || slice.name === 'manifest.json')!;
	// Every layer precedes the documents that give their order.
	expect(entries.filter(slice => slice.start > firstDocument.start).every(slice => !slice.name.startsWith('blobs/'))).toBe(true);
	const stream = new PassThrough();
	const seen: number[] = [];
	const loading = loadImage(await openInput('-', stream), {onLayer: layer => seen.push(layer.index)});
	stream.write(archive.subarray(0, firstDocument.start));
	await tick();
	await tick();
	expect(seen).toEqual([]);
	stream.end(archive.subarray(firstDocument.start));
	const loaded = await loading;
	expect(seen).toEqual(loaded.model.layers.map(layer => layer.index));
});

describeWithFixtures('early layers of archives on disk', () => {
	for (const name of ['dive/test-docker-image.tar', 'dive/test-oci-gzip-image.tar', 'dive/test-oci-uncompressed-image.tar', 'real/small-app.docker-archive.tar', 'real/small-app.oci-archive.zstd.tar']) {
		test(`${name}: every layer is reported in order before the load ends, each as the model has it`, async () => {
			const seen: Layer[] = [];
			let done = false;
			const loading = loadImage(await openInput(fixturePath(name), new PassThrough()), {onLayer: layer => !done && seen.push(layer)});
			const loaded = await loading;
			done = true;
			expect(seen.map(layer => layer.index)).toEqual(loaded.model.layers.map(layer => layer.index));
			// Same metadata and entries (uncompressed layers on disk get their content hashes after they are reported).
			const strip = (layer: Layer) => ({...layer, entries: layer.entries.map(entry => ({...entry, digest: ''}))});
			expect(seen.map(strip)).toEqual(loaded.model.layers.map(strip));
			expect(analyze(loaded.model).layers.length).toBe(seen.length);
		});
	}
});

test('an archive on disk whose blobs lie in digest order reads layer 0 first when layers are wanted early', async () => {
	const image = await writeTempImage(sampleImage, 'oci-archive');
	try {
		const layerBlobs = image.summary.images[0]!.layers.map(layer => `blobs/${layer.digest.replace(':', '/')}`);
		const stored = image.summary.entries.filter(name => layerBlobs.includes(name));
		// The archive stores another layer before layer 0.
		expect(stored[0]).not.toBe(layerBlobs[0]);
		const readWhenReported: number[] = [];
		let read = 0;
		await loadImage(await openInput(image.path, new PassThrough()), {
			onProgress: progress => (read = progress.layersRead),
			onLayer: () => readWhenReported.push(read),
		});
		// Layer k is reported as soon as it is read, with only the k layers below it read before (one by one, in image order).
		expect(readWhenReported).toEqual(layerBlobs.map((_, index) => index));
	} finally {
		await image.cleanup();
	}
});
