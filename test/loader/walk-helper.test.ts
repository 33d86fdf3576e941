import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {execFile} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {Collected, Tick} from '../../src/loader/collected.js';
import {collectSeekable} from '../../src/loader/collect-seekable.js';
import {fingerprint} from '../../src/loader/index-layer.js';
import {layerPacker, unpackLayer} from '../../src/loader/packed-layer.js';
import {repoRoot} from '../helpers/fixtures.js';
import {rawHeader, rawTar, type RawEntry} from '../helpers/raw-tar.js';
import type {LayerEntry} from '../../src/core/model.js';

/**
The seekable path's walk helper: past some entries walked on the main thread, a worker thread walks the remaining
layer tars from the top down and hands them back packed in typed arrays. Whoever walks a layer, the collected layers,
failures and errors must be the ones the main thread alone gives.
*/

const run = promisify(execFile);

const quietTick = (found: string[] = []): Tick => ({bytes() {}, layer() {}, total() {}, found: (_collected, layer) => layer && found.push(layer.name)});

/** The built program's collector with the helper on from the first entry, in a Node process of its own (see the script). */
async function collectWithWorker(archive: string): Promise<{view?: unknown; error?: string; claims: number[]}> {
	const script = fileURLToPath(new URL('fixtures/walk-helper-run.mjs', import.meta.url));
	const {stdout} = await run(process.execPath, [script, repoRoot, archive], {timeout: 60_000});
	return JSON.parse(stdout) as {view?: unknown; error?: string; claims: number[]};
}

const secret = 'AWS_SECRET_ACCESS_KEY=abc\n';
const twoKiB = 'd'.repeat(2048);

/** An archive of four layer tars (no manifest: the collector does not need one). */
function layers(): Array<{name: string; data: Buffer}> {
	const bottom: RawEntry[] = [{name: 'many/', type: '5'}];
	for (let i = 0; i < 3000; i++) bottom.push({name: `many/f${i}.txt`, data: `${i}`});
	bottom.push({name: 'etc/same.txt', data: 'one'}, {name: 'a/big.bin', data: twoKiB}, {name: 'grown.txt', data: 'x'.repeat(5000)});
	const middle: RawEntry[] = [
		{name: 'etc/café/naïve.txt', data: 'é'},
		{name: 'etc/link', type: '2', linkname: 'café/naïve.txt'},
		{name: 'etc/hard', type: '1', linkname: 'etc/same.txt'},
		{name: 'home/user/.env', data: secret},
		{name: 'etc/same.txt', data: 'two'},
		{name: 'b/copy.bin', data: twoKiB},
		{name: 'dev/null', type: '3', mode: 0o666},
		{name: 'run/fifo', type: '6'},
		{name: 'grown.txt', data: 'y'.repeat(5000)},
	];
	const top: RawEntry[] = [{name: 'etc/same.txt', data: 'one'}, {name: 'c/third.bin', data: twoKiB}, {name: 'home/user/.aws/credentials', data: secret}];
	const last: RawEntry[] = [{name: 'opt/ünïcode-ñame', data: 'z'.repeat(1500)}, {name: 'grown.txt', data: 'x'.repeat(5000)}];
	return [
		{name: 'l0.tar', data: rawTar(bottom)},
		{name: 'l1.tar', data: rawTar(middle)},
		{name: 'l2.tar', data: rawTar(top)},
		{name: 'l3.tar', data: rawTar(last)},
	];
}

function archive(parts: ReadonlyArray<{name: string; data: Buffer}>): Buffer {
	return rawTar(parts.map(({name, data}) => ({name, data})));
}

/** A layer tar whose second header's checksum is wrong (its first still says "tar"). */
function badChecksum(): Buffer {
	const data = rawTar([{name: 'ok.txt', data: 'ok'}, {name: 'broken.txt', data: 'no'}]);
	data[1024 + 148] = 0x37;
	return data;
}

/** A layer tar that ends inside an entry's data. */
function truncated(name: string): Buffer {
	return Buffer.concat([rawHeader({name, size: 4096}), Buffer.alloc(512, 0x61)]);
}

const view = (collected: Collected) => ({
	layers: [...collected.layers].sort(([a], [b]) => a.localeCompare(b)),
	failures: [...collected.failures],
	others: [...collected.others],
});

describe('the walk helper', () => {
	let dir = '';
	const write = async (name: string, bytes: Buffer) => {
		const file = path.join(dir, name);
		await writeFile(file, bytes);
		return {kind: 'file' as const, path: file};
	};
	beforeAll(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'layerlens-walk-helper-'));
	});
	afterAll(async () => {
		await rm(dir, {recursive: true, force: true});
	});

	test('packing and unpacking keep every field, names in UTF-8 and heads byte for byte', async () => {
		const packer = layerPacker();
		const entries: LayerEntry[] = [
			{path: 'etc/café', type: 'file', typeFlag: 48, size: 2, mode: 0o644, uid: 0, gid: 0, linkTarget: '', digest: ''},
			{path: '', type: 'dir', typeFlag: 53, size: 0, mode: 0o755, uid: 2 ** 40, gid: 7, linkTarget: '', digest: ''},
			{path: 'l', type: 'symlink', typeFlag: 50, size: 0, mode: 0o777, uid: 1, gid: 1, linkTarget: 'ünï/ç', digest: ''},
			{path: '.env', type: 'file', typeFlag: 48, size: 3, mode: 0o600, uid: 0, gid: 0, linkTarget: '', digest: '', head: '\u0000\u00ff\u00e9'},
			{path: 'empty-head', type: 'file', typeFlag: 48, size: 0, mode: 0o600, uid: 0, gid: 0, linkTarget: '', digest: '', head: ''},
		];
		const offsets = [512, 1024, 1536, 2 ** 33 + 512, 0];
		const samples = [undefined, 0n, 2n ** 64n - 1n, undefined, 5n];
		entries.forEach((entry, i) => packer.add(entry, offsets[i]!, samples[i]));
		let pauses = 0;
		const unpacked = await unpackLayer(packer.done(), async () => void pauses++, 2);
		expect(unpacked.entries).toEqual(entries);
		expect(unpacked.entries.map(entry => 'head' in entry)).toEqual([false, false, false, true, true]);
		expect([...unpacked.offsets]).toEqual(offsets);
		expect([...unpacked.sampled]).toEqual([0, 1, 1, 0, 1]);
		expect([unpacked.samples[1], unpacked.samples[2], unpacked.samples[4]]).toEqual([0n, 2n ** 64n - 1n, 5n]);
		expect(pauses).toBe(2);
		// Files carry the fingerprint of their path and size for the check for repeated paths; other entries 0.
		expect([...unpacked.prints]).toEqual([fingerprint('etc/café', 2) | 1, 0, 0, fingerprint('.env', 3) | 1, fingerprint('empty-head', 0) | 1].map(print => print >>> 0));
	});

	test('on this thread (helper inline): the same layers as the main thread alone', async () => {
		const input = await write('inline.tar', archive(layers()));
		const alone = await collectSeekable(input, quietTick());
		const found: string[] = [];
		const helped = await collectSeekable(input, quietTick(found), {helperAfter: 1});
		expect(view(helped)).toEqual(view(alone));
		expect(found.sort()).toEqual(['l0.tar', 'l1.tar', 'l2.tar', 'l3.tar']);
		// The copies compared by content still got their digests (a path in three layers, and the 2 KiB duplicates).
		const digest = (layer: string, entryPath: string) => helped.layers.get(layer)!.entries.find(entry => entry.path === entryPath)!.digest;
		expect(digest('l0.tar', 'etc/same.txt')).toBe(digest('l2.tar', 'etc/same.txt'));
		expect(digest('l0.tar', 'etc/same.txt')).not.toBe('');
		expect(digest('l1.tar', 'b/copy.bin')).toBe(digest('l2.tar', 'c/third.bin'));
		expect(digest('l1.tar', 'b/copy.bin')).not.toBe('');
		expect(helped.layers.get('l1.tar')!.entries.find(entry => entry.path === 'home/user/.env')!.head).toBe(secret);
	});

	test('on a worker thread (the built program): the same layers, failures and errors as the main thread alone', async () => {
		const good = await write('good.tar', archive(layers()));
		// The main thread walked the bottom layer, the worker the three above (1: main, 2: helper).
		expect(await collectWithWorker(good.path)).toEqual({view: JSON.parse(JSON.stringify(view(await collectSeekable(good, quietTick())))), claims: [1, 2, 2, 2]});

		// A layer with a bad header is a failure of that layer; the others are read.
		const [l0, l1, l2, l3] = layers();
		const failing = await write('failing.tar', archive([l0!, {name: 'l1.tar', data: badChecksum()}, l2!, l3!]));
		const failingAlone = view(await collectSeekable(failing, quietTick()));
		expect(failingAlone.failures).toEqual([['l1.tar', 'not a valid tar archive (bad header checksum)']]);
		expect(await collectWithWorker(failing.path)).toEqual({view: JSON.parse(JSON.stringify(failingAlone)), claims: [1, 2, 2, 2]});

		// Truncation ends the load, with the lowest truncated layer named, as when the main thread walks them in order.
		const cut = await write('cut.tar', archive([l0!, l1!, {name: 'l2.tar', data: truncated('a')}, {name: 'l3.tar', data: truncated('b')}]));
		await expect(collectSeekable(cut, quietTick())).rejects.toThrow(/^l2\.tar: truncated \(unexpected end of data\)$/);
		expect(await collectWithWorker(cut.path)).toEqual({error: 'InputError: l2.tar: truncated (unexpected end of data)', claims: [1, 2, 2, 2]});
	}, 120_000);
});
