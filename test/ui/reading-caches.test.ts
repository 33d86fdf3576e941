import {Readable} from 'node:stream';
import {expect, test} from 'vitest';
import {analyze} from '../../src/core/analyze.js';
import {createProgressiveAnalysis} from '../../src/core/progressive-analysis.js';
import {openInput} from '../../src/loader/input-source.js';
import {loadImage} from '../../src/loader/load-image.js';
import {sampleImage} from '../../src/sample/sample-image.js';
import {createReadingCaches} from '../../src/ui/app/reading-model.js';
import {buildImageArchive} from '../helpers/image-builder.js';

test('a tree built while reading serves the next snapshots and the finished analysis, not a fresh one', async () => {
	const archive = await buildImageArchive(sampleImage, 'docker-oci', {compression: 'gzip'});
	const {model} = await loadImage(await openInput('-', Readable.from([archive])));
	const {layers, ...header} = model;
	const progressive = createProgressiveAnalysis(header);
	const caches = createReadingCaches();
	progressive.add(layers[0]!);
	progressive.add(layers[1]!);
	const early = caches(progressive.snapshot()).tree(1, 'layer');
	for (const layer of layers.slice(2)) progressive.add(layer);
	// A later snapshot: the same tree, not built again.
	expect(caches(progressive.snapshot()).tree(1, 'layer')).toBe(early);
	const finished = progressive.finish(model)!;
	expect(caches(finished, false).tree(1, 'layer')).toBe(early);
	// A fresh analysis has other change lists: its tree is its own, and equal.
	const fresh = caches(analyze(model), false).tree(1, 'layer');
	expect(fresh).not.toBe(early);
	expect(fresh).toEqual(early);
});

test('once the final analysis has taken the trees over, none is kept for it', async () => {
	const archive = await buildImageArchive(sampleImage, 'docker-oci', {compression: 'gzip'});
	const {model} = await loadImage(await openInput('-', Readable.from([archive])));
	const {layers, ...header} = model;
	const progressive = createProgressiveAnalysis(header);
	for (const layer of layers) progressive.add(layer);
	const caches = createReadingCaches();
	const early = caches(progressive.snapshot()).tree(1, 'layer');
	const finished = progressive.finish(model)!;
	// Taken over by the first final cache; a second one builds its own (the kept tree was let go).
	expect(caches(finished, false).tree(1, 'layer')).toBe(early);
	const again = caches(finished, false).tree(1, 'layer');
	expect(again).not.toBe(early);
	expect(again).toEqual(early);
});
