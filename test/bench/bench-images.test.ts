import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {bigImage, countEntries, countFiles, manyFilesImage, millionEntriesImage} from '../../src/bench/bench-images.js';
import {ContentPool} from '../../src/bench/content-pool.js';
import {median, parseMaxRssMb} from '../../src/bench/measure.js';
import {indexTar} from '../../src/bench/tar-index.js';
import {file} from '../../src/sample/entries.js';
import {writeImageArchive} from '../../src/sample/image-writer.js';
import {readTar} from '../helpers/image-builder.js';

const pool = new ContentPool(4 << 20);

describe('bench images at full scale meet the issue minimums (by construction, without writing them)', () => {
	it('the big image holds at least 2 GiB of layer content over at least 10 layers', () => {
		const image = bigImage(pool, 1);
		expect(image.layers.length).toBeGreaterThanOrEqual(10);
		let bytes = 0;
		for (const layer of image.layers) for (const entry of layer.entries) bytes += entry.size ?? (entry.content as Buffer | undefined)?.byteLength ?? 0;
		expect(bytes).toBeGreaterThanOrEqual(2 * 1024 ** 3);
	});

	it('the many-files image holds at least 200,000 files', () => {
		expect(countFiles(manyFilesImage(pool, 1))).toBeGreaterThanOrEqual(200_000);
	});

	it('the million-entries image is one layer of exactly 1,000,000 entries; every path once, parents first (at scale 0.05)', () => {
		const image = millionEntriesImage(pool, 1);
		expect(image.layers).toHaveLength(1);
		expect(countEntries(image)).toBe(1_000_000);
		const seen = new Set<string>();
		const problems: string[] = [];
		for (const entry of millionEntriesImage(pool, 0.05).layers[0]!.entries) {
			const parent = entry.path.slice(0, Math.max(0, entry.path.lastIndexOf('/')));
			if (parent !== '' && !seen.has(parent)) problems.push(`${entry.path}: parent not listed before`);
			if (seen.has(entry.path)) problems.push(`${entry.path}: listed twice`);
			seen.add(entry.path);
		}
		expect(problems.slice(0, 5)).toEqual([]);
	}, 60_000);
});

describe('content pool', () => {
	it('is deterministic and gives different files different bytes', () => {
		const again = new ContentPool(4 << 20);
		expect(again.bytes.equals(pool.bytes)).toBe(true);
		const a = Buffer.concat([...pool.chunks(1, 3 << 20)]);
		const b = Buffer.concat([...pool.chunks(2, 3 << 20)]);
		expect(a.byteLength).toBe(3 << 20);
		expect(a.equals(b)).toBe(false);
		expect(Buffer.concat([...pool.chunks(1, 3 << 20)]).equals(a)).toBe(true);
	});

	it('reads round the pool for files longer than it', () => {
		const long = Buffer.concat([...pool.chunks(7, pool.bytes.byteLength * 2 + 5)]);
		expect(long.byteLength).toBe(pool.bytes.byteLength * 2 + 5);
	});
});

describe('indexTar', () => {
	it('finds every entry with the offset and size of its data, PAX names included', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'layerlens-bench-test-'));
		try {
			const target = path.join(dir, 'x.tar');
			const longName = `${'a'.repeat(120)}/ü.txt`;
			await writeImageArchive({layers: [{createdBy: 'x', entries: [file('f', 'hello'), file(longName, 'pax')]}]}, 'docker-oci', target, {tmpDir: dir});
			const bytes = await readFile(target);
			const index = await indexTar(target);
			const expected = await readTar(bytes);
			expect(index.map((entry) => entry.name)).toEqual(expected.map((entry) => entry.name));
			for (const [i, entry] of index.entries()) {
				expect(bytes.subarray(entry.offset, entry.offset + entry.size).equals(expected[i]?.data as Buffer)).toBe(true);
			}
		} finally {
			await rm(dir, {recursive: true, force: true});
		}
	});
});

describe('measure helpers', () => {
	it('parses the peak RSS from GNU time -v and takes medians', () => {
		const report = '\tCommand being timed: "cat x"\n\tMaximum resident set size (kbytes): 204800\n\tExit status: 0\n';
		expect(parseMaxRssMb(report)).toBe(200);
		expect(parseMaxRssMb('nothing')).toBeUndefined();
		expect(median([3, 1, 2])).toBe(2);
		expect(median([4, 1, 2, 3])).toBe(2.5);
	});
});
