import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {decodeBlob} from '../../src/loader/decode-blob.js';
import {tarFileHeader, zstdRunLengthFrame} from '../helpers/zstd-bomb.js';

// A zstd layer of a few KB that expands to a 64 MiB file of zeros: small enough to decode on the main thread.
const blocks = 512;
let dir: string;
let blob: string;
let size: number;
beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'layerlens-main-decode-'));
	blob = path.join(dir, 'layer.zst');
	// One more block of zeros after the data: the end-of-archive marker.
	const bytes = zstdRunLengthFrame(tarFileHeader('zeros', blocks * 128 * 1024), blocks + 1);
	size = bytes.length;
	await writeFile(blob, bytes);
	await decodeBlob(blob, 0, size); // the decoder's modules loaded, so that only decoding is measured below
});
afterAll(() => rm(dir, {recursive: true, force: true}));

/** How many times the event loop came round (setImmediate) while `work` ran. */
async function turnsDuring(work: () => Promise<unknown>): Promise<number> {
	let turns = 0;
	let running = true;
	const tick = () => {
		if (!running) return;
		turns++;
		setImmediate(tick);
	};
	setImmediate(tick);
	try {
		await work();
	} finally {
		running = false;
	}
	return turns;
}

test('decoded on the main thread, a zstd layer streams: the event loop (keys, Ctrl+C) runs while it expands', async () => {
	let parsed: Awaited<ReturnType<typeof decodeBlob>>;
	const turns = await turnsDuring(async () => (parsed = await decodeBlob(blob, 0, size, false)));
	expect(parsed!.entries.map(entry => [entry.path, entry.size])).toEqual([['zeros', blocks * 128 * 1024]]);
	// How many turns depends on how busy the machine is (7 on a loaded 2-core machine, far more on a quiet one); the
	// blocking path below gives at most 1.
	expect(turns).toBeGreaterThanOrEqual(3);
});

test('the blocking zstd path, for worker threads, holds the event loop until it is done', async () => {
	expect(await turnsDuring(() => decodeBlob(blob, 0, size))).toBeLessThanOrEqual(1);
});
