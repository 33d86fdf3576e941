import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {openRandomAccess, type RandomAccess} from '../../src/loader/random-access.js';
import {createCompareChunks, sameBytes} from '../../src/loader/same-content.js';

/** One file holding four 10-byte copies side by side: a, a again, a with its last byte changed, a with its first. */
const a = Buffer.from('0123456789');
const lastDiffers = Buffer.from('012345678X');
const firstDiffers = Buffer.from('X123456789');

describe('sameBytes: two stored copies compared chunk by chunk', () => {
	let dir = '';
	let file: RandomAccess;
	beforeAll(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'same-content-'));
		await writeFile(path.join(dir, 'copies'), Buffer.concat([a, a, lastDiffers, firstDiffers]));
		file = await openRandomAccess(path.join(dir, 'copies'));
	});
	afterAll(async () => {
		await file.close();
		await rm(dir, {recursive: true, force: true});
	});
	// Chunks of 4 bytes: 10 bytes take three reads, the last one short.
	const chunks = createCompareChunks(4);
	const at = (offset: number) => ({file, offset});

	test('equal copies, over several chunks and a short last one', async () => {
		expect(await sameBytes(at(0), at(10), 10, chunks)).toBe(true);
	});
	test('a difference in the last, short chunk', async () => {
		expect(await sameBytes(at(0), at(20), 10, chunks)).toBe(false);
	});
	test('a difference in the first chunk', async () => {
		expect(await sameBytes(at(30), at(0), 10, chunks)).toBe(false);
	});
	test('a copy that runs past the end of its file is an error, not a match', async () => {
		await expect(sameBytes(at(30), at(30), 20, chunks)).rejects.toThrow(/truncated/);
	});
});
