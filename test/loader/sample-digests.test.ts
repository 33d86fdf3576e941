import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {createHash} from 'node:crypto';
import {afterAll, describe, expect, it} from 'vitest';
import {createContentHash, digestHex} from '../../src/loader/content-hash.js';
import {sampleDigests} from '../../src/loader/sample-digests.js';

const dir = mkdtempSync(path.join(tmpdir(), 'll-sample-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

/** Deterministic bytes that differ everywhere (sha256 blocks of a counter). */
function bytes(length: number): Buffer {
	const out = Buffer.alloc(length);
	for (let i = 0; i * 32 < length; i++) createHash('sha256').update(String(i)).digest().copy(out, i * 32);
	return out;
}

function streamedHex(data: Buffer): string {
	const hash = createContentHash();
	// In pieces, as the streaming loader hashes a file.
	for (let at = 0; at < data.length; at += 1000) hash.update(data.subarray(at, at + 1000));
	return hash.hex();
}

describe('sampleDigests', () => {
	const data = bytes(20 * 1024 * 1024);
	const file = path.join(dir, 'data.bin');
	writeFileSync(file, data);

	it('gives what the streaming hash gives for the same bytes, across gaps and window refills', () => {
		// Side by side, after a gap wider than a read skips, at the end of an 8 MiB window, and far beyond it.
		const ranges: Array<readonly [number, number]> = [
			[0, 1024],
			[1536, 4096],
			[200_000, 3000],
			[8 * 1024 * 1024 - 100, 4096],
			[19 * 1024 * 1024, 2048],
			[data.length - 1024, 1024],
		];
		const got = sampleDigests(file, ranges).map(digestHex);
		expect(got).toEqual(ranges.map(([offset, size]) => streamedHex(data.subarray(offset, offset + size))));
		expect(new Set(got).size).toBe(ranges.length);
	});

	it('refuses a range past the end of the file as truncated', () => {
		expect(() => sampleDigests(file, [[data.length - 10, 100]])).toThrow(/truncated/);
	});
});
