import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {Readable} from 'node:stream';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {compress} from 'zstd-napi';
import {readLayer} from '../../src/loader/read-layer.js';
import {createTarPushParser} from '../../src/loader/tar-push-parser.js';
import {zstdDecoder} from '../../src/loader/zstd-decoder.js';
import {readZstdLayerSync} from '../../src/loader/zstd-layer-sync.js';
import {paxEntry, rawTar} from '../helpers/raw-tar.js';
import {zstdRunLengthFrame, tarFileHeader} from '../helpers/zstd-bomb.js';

const longName = `deep/${'d'.repeat(150)}/file.txt`;
/** A layer with what the header walker handles: PAX and GNU long names, a secret-named file (its first bytes are kept),
a directory that declares a size, an empty file, a file spanning blocks, then the end marker and bytes after it. */
const layer = Buffer.concat([
	rawTar([{name: 'etc', type: '5'}, {name: 'etc/.env', data: 'TOKEN=abc\n'}, {name: 'bin/tool', data: Buffer.alloc(5000, 7)}], false),
	paxEntry({path: longName, uid: '4242'}),
	rawTar([{name: 'placeholder', data: 'pax named'}], false),
	rawTar([{name: '././@LongLink', type: 'L', data: `gnu/${'g'.repeat(120)}\0`}, {name: 'short', data: 'gnu named'}], false),
	rawTar([{name: 'dir-with-size', type: '5', size: 1024}, {name: 'empty'}, {name: 'link', type: '2', linkname: 'bin/tool'}]),
	Buffer.from('trailing bytes after the end marker'),
]);

const pushed = (bytes: Buffer, sizes: (i: number) => number) => {
	const parser = createTarPushParser();
	for (let at = 0, i = 0; at < bytes.length; i++) {
		const size = sizes(i);
		// Each chunk goes through one reused buffer, as the decoder writes it: the parser must not keep it.
		const reused = Buffer.alloc(size);
		bytes.copy(reused, 0, at, at + size);
		parser.push(reused.subarray(0, Math.min(size, bytes.length - at)));
		reused.fill(0xee);
		at += size;
	}
	return parser.end('zstd');
};

describe('the synchronous tar parser agrees with the streamed one', () => {
	test('entries, digests and kept first bytes, however the bytes are split', async () => {
		const streamed = await readLayer(Readable.from([layer]));
		expect(streamed!.entries.map(entry => entry.path)).toContain(longName);
		expect(streamed!.entries.find(entry => entry.path === 'etc/.env')?.head).toBe('TOKEN=abc\n');
		const expected = {...streamed!, compression: 'zstd'};
		let seed = 7;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % 1500 + 1;
		for (const sizes of [() => 1, () => 7, () => 511, () => 512, () => 513, () => 4096, () => layer.length, random]) {
			expect(pushed(layer, sizes)).toEqual(expected);
		}
	});

	test('a tar cut inside a header, a PAX record or an entry is truncated; cut at a header boundary it is not', () => {
		const boundary = 512 * 3;
		expect(pushed(layer.subarray(0, boundary), () => 100).entries.map(entry => entry.path)).toEqual(['etc', 'etc/.env']);
		for (const cut of [boundary + 100, boundary + 512 + 3000, layer.indexOf('PaxHeaders') + 600, layer.indexOf('@LongLink') + 100]) {
			expect(() => pushed(layer.subarray(0, cut), () => 333), `cut at ${cut}`).toThrow(/truncated \(unexpected end of data\)/);
		}
	});

	test('a bad header fails with the walker\'s message', () => {
		const bad = Buffer.from(layer);
		bad[512 * 3 + 10] = bad[512 * 3 + 10]! ^ 0xff;
		expect(() => pushed(bad, () => 4096)).toThrow(/bad header checksum/);
	});
});

describe('a zstd layer decoded synchronously', () => {
	let dir = '';
	beforeAll(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'layerlens-zstd-sync-'));
	});
	afterAll(async () => {
		await rm(dir, {recursive: true, force: true});
	});
	const write = async (name: string, bytes: Buffer) => {
		const file = path.join(dir, name);
		// Some bytes before and after the blob: the decoder reads only [start, end).
		await writeFile(file, Buffer.concat([Buffer.from('before'), bytes, Buffer.from('after')]));
		return {file, start: 6, end: 6 + bytes.length};
	};

	test('reads what the streamed path reads; corrupt, cut and bomb blobs fail as they do there', async () => {
		const napi = (await zstdDecoder()).napi!;
		expect(napi).toBeDefined();
		const blob = compress(layer);
		const good = await write('good.zst', blob);
		expect(readZstdLayerSync(napi, good.file, good.start, good.end)).toEqual(await readLayer(Readable.from([blob])));

		const corrupt = Buffer.from(blob);
		corrupt.fill(0x55, 8, 40);
		const bad = await write('corrupt.zst', corrupt);
		expect(() => readZstdLayerSync(napi, bad.file, bad.start, bad.end)).toThrow(/corrupt zstd data/);

		const cut = await write('cut.zst', blob.subarray(0, blob.length - 10));
		expect(() => readZstdLayerSync(napi, cut.file, cut.start, cut.end)).toThrow(/truncated \(zstd stream ends early\)/);

		const bomb = await write('bomb.zst', zstdRunLengthFrame(tarFileHeader('zeros', 4 * 1024 ** 3), 131072));
		expect(() => readZstdLayerSync(napi, bomb.file, bomb.start, bomb.end, {ratio: 1000, slackBytes: 1024 ** 2})).toThrow(
			/zstd data expands more than 1000x .*decompression bomb/,
		);
	});
});
