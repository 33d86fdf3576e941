import {createHash} from 'node:crypto';
import {Readable, type Transform} from 'node:stream';
import {describe, expect, test} from 'vitest';
import {compress} from 'zstd-napi';
import {decompress} from '../../src/loader/decompress.js';
import {InputError} from '../../src/loader/errors.js';
import {selectZstdDecoder, systemProbe, type ZstdDecoder, type ZstdProbe} from '../../src/loader/zstd-decoder.js';
import {zstdRunLengthFrame} from '../helpers/zstd-bomb.js';

const unavailable = (what: string) => () => Promise.reject(new Error(`Cannot find module '${what}'`));
const fakeZlib = () => (() => ({}) as Transform) as () => Transform;

describe('choosing the zstd decoder', () => {
	const calls: string[] = [];
	const probe = (over: Partial<ZstdProbe>): ZstdProbe => ({
		nodeZlib: () => {
			calls.push('node:zlib');
			return over.nodeZlib ? over.nodeZlib() : undefined;
		},
		zstdNapi: async () => {
			calls.push('zstd-napi');
			return (over.zstdNapi ?? systemProbe.zstdNapi)();
		},
		fzstd: async () => {
			calls.push('fzstd');
			return (over.fzstd ?? systemProbe.fzstd)();
		},
	});

	test("Node's own decoder first, without loading the others", async () => {
		calls.length = 0;
		expect((await selectZstdDecoder(probe({nodeZlib: fakeZlib}))).kind).toBe('node:zlib');
		expect(calls).toEqual(['node:zlib']);
	});

	test('zstd-napi when Node has no zstd', async () => {
		calls.length = 0;
		expect((await selectZstdDecoder(probe({}))).kind).toBe('zstd-napi');
		expect(calls).toEqual(['node:zlib', 'zstd-napi']);
	});

	test('fzstd when the native addon is missing (no compiler, --ignore-scripts, musl)', async () => {
		calls.length = 0;
		expect((await selectZstdDecoder(probe({zstdNapi: unavailable('zstd-napi')}))).kind).toBe('fzstd');
		expect(calls).toEqual(['node:zlib', 'zstd-napi', 'fzstd']);
	});

	test('none at all: one error naming each problem', async () => {
		const failing = probe({zstdNapi: unavailable('zstd-napi'), fzstd: unavailable('fzstd')});
		const error = await selectZstdDecoder(failing).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(InputError);
		expect((error as Error).message).toBe(
			"no zstd decoder could be loaded (node:zlib: not in this Node.js; zstd-napi: Cannot find module 'zstd-napi'; fzstd: Cannot find module 'fzstd')",
		);
	});

	test('LAYERLENS_ZSTD forces one, and rejects an unknown name', async () => {
		calls.length = 0;
		expect((await selectZstdDecoder(probe({nodeZlib: fakeZlib}), 'fzstd')).kind).toBe('fzstd');
		expect(calls).toEqual(['fzstd']);
		await expect(selectZstdDecoder(probe({}), 'zlib')).rejects.toThrow('LAYERLENS_ZSTD=zlib is not one of node:zlib, zstd-napi, fzstd');
	});
});

async function realDecoders(): Promise<ZstdDecoder[]> {
	const found: ZstdDecoder[] = [];
	for (const kind of ['node:zlib', 'zstd-napi', 'fzstd']) {
		found.push(...(await selectZstdDecoder(systemProbe, kind).then(decoder => [decoder], () => [])));
	}
	return found;
}

const decoders = await realDecoders();

async function drain(stream: Readable): Promise<{bytes: number; sha: string}> {
	const hash = createHash('sha256');
	let bytes = 0;
	for await (const chunk of stream as AsyncIterable<Buffer>) {
		hash.update(chunk);
		bytes += chunk.length;
	}
	return {bytes, sha: hash.digest('hex')};
}

/** 3 MB of text with repeats, in two frames, cut into uneven chunks as a file read would give them. */
function sample(): {plain: Buffer; compressed: Buffer} {
	const lines = Array.from({length: 60000}, (_, i) => `line ${i} ${(i * 2654435761) % 1000003}\n`);
	const plain = Buffer.from(lines.join(''));
	const half = Math.floor(plain.length / 2);
	return {plain, compressed: Buffer.concat([compress(plain.subarray(0, half)), compress(plain.subarray(half))])};
}

function chunked(data: Buffer, size: number): Readable {
	const parts: Buffer[] = [];
	for (let offset = 0; offset < data.length; offset += size) parts.push(data.subarray(offset, offset + size));
	return Readable.from(parts, {objectMode: false});
}

describe('each decoder this machine has', () => {
	test('zstd-napi and fzstd are both installed here (node:zlib too on Node ≥ 22.15)', () => {
		expect(decoders.map(decoder => decoder.kind)).toEqual(expect.arrayContaining(['zstd-napi', 'fzstd']));
	});

	test.each(decoders.map(decoder => [decoder.kind, decoder] as const))('%s decodes two frames exactly', async (_kind, decoder) => {
		const {plain, compressed} = sample();
		const out = await drain(decompress(chunked(compressed, 7919), 'zstd', undefined, async () => decoder));
		expect(out).toEqual({bytes: plain.length, sha: createHash('sha256').update(plain).digest('hex')});
	});

	test.each(decoders.map(decoder => [decoder.kind, decoder] as const))('%s: a truncated stream is an error', async (_kind, decoder) => {
		const {compressed} = sample();
		const cut = compressed.subarray(0, compressed.length - 100);
		await expect(drain(decompress(chunked(cut, 65536), 'zstd', undefined, async () => decoder))).rejects.toThrow(
			'truncated (zstd stream ends early)',
		);
	});

	test.each(decoders.map(decoder => [decoder.kind, decoder] as const))('%s: corrupt data is an error', async (_kind, decoder) => {
		const {compressed} = sample();
		const bad = Buffer.from(compressed);
		bad.fill(0xa5, 0, 8); // the magic number and frame header
		await expect(drain(decompress(chunked(bad, 65536), 'zstd', undefined, async () => decoder))).rejects.toThrow(/^corrupt zstd data \(/);
	});

	test.each(decoders.map(decoder => [decoder.kind, decoder] as const))('%s: the bomb guard stops a run-length bomb', async (_kind, decoder) => {
		// 512 MiB from ~16 kB: past 1000x and 32 MiB of output the guard must stop it.
		const bomb = zstdRunLengthFrame(Buffer.alloc(0), 4096);
		const limit = {ratio: 1000, slackBytes: 32 * 1024 ** 2};
		await expect(drain(decompress(chunked(bomb, 65536), 'zstd', limit, async () => decoder))).rejects.toThrow(
			/zstd data expands more than 1000x .*refusing a likely decompression bomb/,
		);
	});
});
