import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {compareLoaded} from '../../src/cli/compare-inputs.js';
import {analyze} from '../../src/core/analyze.js';
import {isFullDigest, partialDigestPrefix, sameContentPrefix} from '../../src/core/content-digest.js';
import type {ImageDescription} from '../../src/sample/image-description.js';
import {withAllDigests} from '../../src/loader/fill-digests.js';
import {dir, file, writeTempImage} from '../helpers/image-builder.js';
import {loadPath} from '../helpers/load-fixture.js';

const kib = 1024;
const bytes = (fill: string, size: number, tail = '') => Buffer.concat([Buffer.alloc(size - tail.length, fill), Buffer.from(tail)]);

/**
Same-size rewrites of one path, larger than the 4 KiB the loader samples: one whose first bytes differ (`update.bin`),
one with the same bytes under a new owner (`chown.bin`), one that differs only after the first 4 KiB (`tail.bin`).
*/
const image: ImageDescription = {
	tags: ['example.com/rewrites:1'],
	layers: [
		{
			createdBy: '/bin/sh -c install',
			entries: [dir('opt'), file('opt/update.bin', bytes('a', 64 * kib)), file('opt/chown.bin', bytes('c', 64 * kib)), file('opt/tail.bin', bytes('t', 64 * kib, 'one'))],
		},
		{
			createdBy: '/bin/sh -c rewrite',
			entries: [
				dir('opt'),
				file('opt/update.bin', bytes('b', 64 * kib)),
				file('opt/chown.bin', bytes('c', 64 * kib), {uid: 1000, gid: 1000}),
				file('opt/tail.bin', bytes('t', 64 * kib, 'two')),
			],
		},
	],
};

/** The final files of `image` and one more, in one layer of its own: no layer is shared, so contents must be compared. */
const flattened: ImageDescription = {
	tags: ['example.com/rewrites:flat'],
	layers: [{createdBy: '/bin/sh -c flat', entries: [...image.layers[1]!.entries, file('opt/extra.txt', 'x')]}],
};

describe('copies of a path told apart by their first bytes (uncompressed layers on disk)', () => {
	const temps: Array<Awaited<ReturnType<typeof writeTempImage>>> = [];
	let plain = '';
	let gzip = '';
	let flat = '';
	beforeAll(async () => {
		const other = await writeTempImage(flattened, 'docker-oci', {compression: 'gzip'});
		temps.push(other);
		flat = other.path;
		const none = await writeTempImage(image, 'docker-oci', {compression: 'none'});
		const gzipped = await writeTempImage(image, 'docker-oci', {compression: 'gzip'});
		temps.push(none, gzipped);
		plain = none.path;
		gzip = gzipped.path;
	});
	afterAll(async () => {
		for (const temp of temps) await temp.cleanup();
	});

	test('copies whose first bytes differ get a partial digest; two that share them are compared byte by byte', async () => {
		const {model} = await loadPath(plain);
		const digests = model.layers.map(layer => Object.fromEntries(layer.entries.filter(entry => entry.type === 'file').map(entry => [entry.path, entry.digest])));
		const [lower, upper] = digests as [Record<string, string>, Record<string, string>];
		expect(lower['opt/update.bin']!.startsWith(partialDigestPrefix)).toBe(true);
		expect(upper['opt/update.bin']!.startsWith(partialDigestPrefix)).toBe(true);
		expect(lower['opt/update.bin']).not.toBe(upper['opt/update.bin']);
		// Compared, not hashed: a content class each, shared by the chown copy and its original only.
		for (const path of ['opt/chown.bin', 'opt/tail.bin']) {
			expect(lower[path]!.startsWith(sameContentPrefix)).toBe(true);
			expect(upper[path]!.startsWith(sameContentPrefix)).toBe(true);
			expect(isFullDigest(upper[path]!)).toBe(false);
		}
		expect(upper['opt/chown.bin']).toBe(lower['opt/chown.bin']);
		expect(new Set([lower['opt/chown.bin'], lower['opt/tail.bin'], upper['opt/tail.bin']]).size).toBe(3);
		expect(upper['opt/tail.bin']).not.toBe(lower['opt/tail.bin']);
	});

	test('the analysis reads the same changes and hints as from fully hashed layers', async () => {
		const fromPartial = analyze((await loadPath(plain)).model);
		const fromFull = analyze((await loadPath(gzip)).model);
		const fields = (analysis: typeof fromPartial) => analysis.layers[1]!.changes.map(change => `${change.path} ${change.fields?.join(',') ?? ''}`);
		expect(fields(fromPartial)).toEqual(['/opt/chown.bin owner', '/opt/tail.bin content', '/opt/update.bin content']);
		expect(fields(fromPartial)).toEqual(fields(fromFull));
		const rewrite = fromPartial.hints.hints.find(hint => hint.kind === 'metadata-rewrite');
		expect(rewrite?.paths).toEqual(['/opt/chown.bin']);
		expect(fromPartial.hints).toEqual(fromFull.hints);
	});

	test('a comparison with another image and a saved analysis use full digests only', async () => {
		const partial = await loadPath(plain);
		const {comparison} = await compareLoaded({loaded: partial, spec: 'plain'}, {loaded: await loadPath(flat), spec: 'flat'}, 3);
		expect(comparison.layers.shared).toEqual([]);
		expect(comparison.files.map(diff => `${diff.kind} ${diff.path}`)).toEqual(['added /opt/extra.txt']);
		const completed = await withAllDigests(partial.model, partial.content);
		const streamed = (await loadPath(gzip)).model;
		expect(completed.layers.map(layer => layer.entries.map(entry => entry.digest))).toEqual(streamed.layers.map(layer => layer.entries.map(entry => entry.digest)));
	});
});

/** One path rewritten with the same bytes in three layers: more copies than a byte-by-byte pair. */
const threeCopies: ImageDescription = {
	tags: ['example.com/three:1'],
	layers: [0, 1, 2].map(n => ({createdBy: `/bin/sh -c chown ${n}`, entries: [dir('opt'), file('opt/three.bin', bytes('3', 64 * kib), {uid: n, gid: n})]})),
};

describe('three copies of a path that share their first bytes', () => {
	test('are hashed whole (each read once), not compared pair by pair', async () => {
		const none = await writeTempImage(threeCopies, 'docker-oci', {compression: 'none'});
		const gzipped = await writeTempImage(threeCopies, 'docker-oci', {compression: 'gzip'});
		try {
			const digestsOf = async (image: string) => (await loadPath(image)).model.layers.map(layer => layer.entries.find(entry => entry.path === 'opt/three.bin')!.digest);
			const plain = await digestsOf(none.path);
			expect(plain.every(isFullDigest)).toBe(true);
			expect(plain).toEqual(await digestsOf(gzipped.path));
			expect(new Set(plain).size).toBe(1);
		} finally {
			await none.cleanup();
			await gzipped.cleanup();
		}
	});
});
