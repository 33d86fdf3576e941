import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {ImageDescription} from '../../src/sample/image-description.js';
import {dir, file, writeTempImage} from '../helpers/image-builder.js';
import {loadPath} from '../helpers/load-fixture.js';

/**
Files under 1 KiB (below the duplicate-content hint's sample size), so only copies of one path with one size are
hashed on the seekable path: `same.txt` three times at 100 bytes (two contents), `grows.txt` at two sizes,
`once.txt` stored once and `other.txt` at once.txt's size under another path.
*/
const image: ImageDescription = {
	tags: ['example.com/shared-copies:1'],
	layers: [
		{createdBy: 'one', entries: [dir('etc'), file('etc/same.txt', 'a'.repeat(100)), file('etc/grows.txt', 'g'.repeat(200)), file('etc/once.txt', 'o'.repeat(300))]},
		{createdBy: 'two', entries: [dir('etc'), file('etc/same.txt', 'b'.repeat(100)), file('etc/grows.txt', 'g'.repeat(201)), file('etc/other.txt', 'p'.repeat(300))]},
		{createdBy: 'three', entries: [file('etc/same.txt', 'a'.repeat(100))]},
	],
};

const digestsOf = (layers: ReadonlyArray<{entries: ReadonlyArray<{type: string; path: string; digest: string}>}>) =>
	layers.map(layer => Object.fromEntries(layer.entries.filter(entry => entry.type === 'file').map(entry => [entry.path, entry.digest])));

describe('which copies the seekable path hashes', () => {
	let plain = '';
	let gzip = '';
	const cleanups: Array<() => Promise<void>> = [];
	beforeAll(async () => {
		const none = await writeTempImage(image, 'docker-oci', {compression: 'none'});
		const gzipped = await writeTempImage(image, 'docker-oci', {compression: 'gzip'});
		cleanups.push(none.cleanup, gzipped.cleanup);
		plain = none.path;
		gzip = gzipped.path;
	});
	afterAll(async () => {
		for (const cleanup of cleanups) await cleanup();
	});

	test('copies of one path at one size get their digests; a path at two sizes, or stored once, gets none', async () => {
		const [one, two, three] = digestsOf((await loadPath(plain)).model.layers) as [Record<string, string>, Record<string, string>, Record<string, string>];
		expect(one['etc/once.txt']).toBe('');
		expect(two['etc/other.txt']).toBe('');
		expect(one['etc/grows.txt']).toBe('');
		expect(two['etc/grows.txt']).toBe('');
		expect(one['etc/same.txt']).toMatch(/^[0-9a-f]{16}$/);
		expect(one['etc/same.txt']).toBe(three['etc/same.txt']);
		expect(two['etc/same.txt']).not.toBe(one['etc/same.txt']);
		// The streaming path hashes every file whole: the same digests for the copies that were hashed.
		const streamed = digestsOf((await loadPath(gzip)).model.layers);
		expect([one['etc/same.txt'], two['etc/same.txt'], three['etc/same.txt']]).toEqual([streamed[0]!['etc/same.txt'], streamed[1]!['etc/same.txt'], streamed[2]!['etc/same.txt']]);
	});
});
