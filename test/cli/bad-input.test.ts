import {readFileSync, writeFileSync, mkdirSync} from 'node:fs';
import path from 'node:path';
import {gzipSync} from 'node:zlib';
import {pack} from 'tar-stream';
import {beforeAll, describe, expect, test} from 'vitest';
import {tempDir} from '../helpers/temp-dir.js';
import {buildImageArchive, file, dir, type ImageDescription} from '../helpers/image-builder.js';
import {ociArchiveAround, tarFileHeader, zstdRunLengthFrame} from '../helpers/zstd-bomb.js';
import {describeWithFixtures, fixturePath} from '../helpers/fixtures.js';
import {errorLine, runCli, type CliRun} from '../helpers/run-cli.js';

const work = tempDir('layerlens-bad-');

const image: ImageDescription = {
	tags: ['bad:latest'],
	layers: [
		{createdBy: 'ADD rootfs', entries: [dir('etc/'), file('etc/hosts', '127.0.0.1 localhost\n'.repeat(200))]},
		{createdBy: 'RUN echo', entries: [dir('etc/'), file('etc/motd', 'hello\n'.repeat(500))]},
	],
};

function save(name: string, bytes: Buffer | string): string {
	const target = path.join(work, name);
	writeFileSync(target, bytes);
	return target;
}

/** Rewrites an archive's outer tar, changing entries by name. */
async function repack(archive: Buffer, edit: (name: string, data: Buffer) => Buffer | undefined): Promise<Buffer> {
	const {readTar} = await import('../helpers/image-builder.js');
	const entries = await readTar(archive);
	const out = pack();
	const chunks: Buffer[] = [];
	out.on('data', (chunk: unknown) => {
		chunks.push(chunk as Buffer);
	});
	const done = new Promise<void>(resolve => out.on('end', () => resolve()));
	for (const entry of entries) {
		const data = entry.type === 'file' ? edit(entry.name, entry.data) : entry.data;
		if (data === undefined) continue;
		const header = {name: entry.name, type: entry.type, mode: entry.mode, linkname: entry.linkname, size: entry.type === 'file' ? data.length : 0};
		if (entry.type === 'file') out.entry(header, data);
		else out.entry(header);
	}
	out.finalize();
	await done;
	return Buffer.concat(chunks);
}

function expectInputError(run: CliRun, input: string, problem: RegExp): void {
	expect(run.code).toBe(2);
	const line = errorLine(run);
	expect(line.split('\n')).toHaveLength(1);
	expect(line).toContain(`layerlens: ${input}: `);
	expect(line).toMatch(problem);
	expect(run.stderr).not.toMatch(/\n\s+at /);
	expect(run.stdout).toBe('');
}

const json = (target: string, extra: string[] = []) => runCli(['--json', path.join(work, 'out.json'), ...extra, target]);

describe('bad input: one line naming the input and the problem, exit 2, no stack trace', () => {
	let good: Buffer;
	let gzipLayers: Buffer;
	let zstdLayers: Buffer;
	beforeAll(async () => {
		good = await buildImageArchive(image, 'docker-legacy');
		gzipLayers = await buildImageArchive(image, 'docker-oci', {compression: 'gzip'});
		zstdLayers = await buildImageArchive(image, 'oci-archive', {compression: 'zstd'});
	});

	test('the good archives load (the cases below differ from them in one way)', async () => {
		for (const [name, bytes] of [['good.tar', good], ['good-gzip.tar', gzipLayers], ['good-zstd.tar', zstdLayers]] as const) {
			const run = await json(save(name, bytes));
			expect(run.code, run.stderr).toBe(0);
		}
	});

	test('truncated at many points, read from a file and from stdin', async () => {
		for (const source of [good, gzipLayers, zstdLayers]) {
			for (const fraction of [0.02, 0.3, 0.5, 0.75, 0.97]) {
				const cut = source.subarray(0, Math.floor(source.length * fraction));
				const target = save('cut.tar', cut);
				expectInputError(await json(target), target, /truncated|missing|not a tar|unexpected end|not valid/);
				const piped = await runCli(['--json', path.join(work, 'out.json'), '-'], {stdin: cut});
				expectInputError(piped, 'stdin', /truncated|missing|not a tar|unexpected end|not valid/);
			}
		}
	}, 240_000); // 30 runs of the CLI: about a minute on a loaded machine

	test('a whole-archive gzip cut short', async () => {
		const target = save('cut.tar.gz', gzipSync(good).subarray(0, 900));
		expectInputError(await json(target), target, /truncated/);
	});

	test('corrupt gzip and zstd layer data', async () => {
		const corrupt = (data: Buffer) => {
			const copy = Buffer.from(data);
			for (let i = 20; i < copy.length - 8; i += 7) copy[i] = copy[i]! ^ 0x5a;
			return copy;
		};
		const isLayer = (name: string, data: Buffer) => name.startsWith('blobs/') && (data[0] === 0x1f || data[0] === 0x28);
		const gz = save('corrupt-gzip.tar', await repack(gzipLayers, (name, data) => (isLayer(name, data) ? corrupt(data) : data)));
		expectInputError(await json(gz), gz, /layer blobs\/sha256\/[a-f0-9]+: corrupt gzip/);
		const zst = save('corrupt-zstd.tar', await repack(zstdLayers, (name, data) => (isLayer(name, data) ? corrupt(data) : data)));
		expectInputError(await json(zst), zst, /layer blobs\/sha256\/[a-f0-9]+: corrupt zstd/);
	});

	test('manifest.json invalid, empty, or missing with no index.json', async () => {
		const invalid = save('bad-manifest.tar', await repack(good, (name, data) => (name === 'manifest.json' ? Buffer.from('[{"Config": ') : data)));
		expectInputError(await json(invalid), invalid, /manifest manifest\.json is not valid JSON/);
		const empty = save('empty-manifest.tar', await repack(good, (name, data) => (name === 'manifest.json' ? Buffer.from('[]') : data)));
		expectInputError(await json(empty), empty, /manifest\.json is not a non-empty array/);
		const none = save('no-manifest.tar', await repack(good, (name, data) => (name === 'manifest.json' ? undefined : data)));
		expectInputError(await json(none), none, /not an image archive/);
	});

	test('index.json and config problems', async () => {
		const index = save('bad-index.tar', await repack(zstdLayers, (name, data) => (name === 'index.json' ? Buffer.from('{"manifests": 3}') : data)));
		expectInputError(await json(index), index, /index\.json has no manifests list/);
		const noConfig = save('no-config.tar', await buildImageArchive(image, 'docker-legacy', {omitEntry: name => /^[a-f0-9]{64}\.json$/.test(name)}));
		expectInputError(await json(noConfig), noConfig, /image config .* is missing/);
		const badConfig = save('bad-config.tar', await repack(good, (name, data) => (/^[a-f0-9]{64}\.json$/.test(name) ? Buffer.from('{oops') : data)));
		expectInputError(await json(badConfig), badConfig, /image config .* is not valid JSON/);
	});

	test('a manifest that names a missing layer', async () => {
		const target = save('missing-layer.tar', await buildImageArchive(image, 'docker-legacy', {omitEntry: name => name.endsWith('/layer.tar')}));
		expectInputError(await json(target), target, /names layer .*layer\.tar, which is not in the archive/);
	});

	test('history and layer counts that disagree', async () => {
		const history = save('history.tar', await buildImageArchive(image, 'docker-legacy', {
			transformConfig: config => ({...config, history: [...(config as {history: unknown[]}).history, {created_by: 'RUN extra'}]}),
		}));
		expectInputError(await json(history), history, /history describes 3 layers but the manifest has 2/);
		const diffIds = save('diff-ids.tar', await buildImageArchive(image, 'docker-legacy', {
			transformConfig: config => ({...config, rootfs: {type: 'layers', diff_ids: []}}),
		}));
		expectInputError(await json(diffIds), diffIds, /lists 0 diff_ids but the manifest has 2 layers/);
	});

	test('an empty file, random bytes, a directory without an image, a missing path', async () => {
		const empty = save('empty.tar', '');
		expectInputError(await json(empty), empty, /empty file/);
		const noise = save('noise.bin', Buffer.from(Array.from({length: 4096}, (_, i) => (i * 7919) % 251)));
		expectInputError(await json(noise), noise, /not a tar archive/);
		const folder = path.join(work, 'folder');
		mkdirSync(folder, {recursive: true});
		writeFileSync(path.join(folder, 'notes.txt'), 'hi');
		// A directory is named for what it lacks: the OCI layout's index.json.
		expectInputError(await json(folder), folder, /not an OCI image layout: the directory has neither index.json nor manifest.json/);
		expectInputError(await json(path.join(work, 'nope.tar')), path.join(work, 'nope.tar'), /no such file/);
	});

	test('a zstd decompression bomb is refused in seconds', async () => {
		// 16 GiB of zeros declared, ~0.5 MB on disk: the guard compares the output with the input the decoder has
		// consumed so far, on every chunk, so it stops just past its 1 GiB allowance, not after 8 GiB.
		const layer = zstdRunLengthFrame(tarFileHeader('zeros', 16 * 1024 ** 3), 131072);
		const target = save('bomb.tar', await ociArchiveAround(layer, 'application/vnd.oci.image.layer.v1.tar+zstd'));
		expect(readFileSync(target).length).toBeLessThan(1024 * 1024);
		// About 8.5 GB go through the decoder before the guard trips: ~20 s on a loaded 2-core machine, so a generous limit.
		const run = await runCli(['--json', path.join(work, 'out.json'), target], {timeoutMs: 100_000});
		expectInputError(run, target, /zstd data expands more than 1000x .*decompression bomb/);
		const [, expanded, consumed] = /\((\d+) bytes from (\d+)\)/.exec(run.stderr)!;
		expect(Number(expanded)).toBeLessThan(1.1 * 1024 ** 3);
		// Counted as used by the decoder (a few bytes per 128 KiB run), not as read ahead from the file (~0.5 MB).
		expect(Number(consumed)).toBeLessThan(64 * 1024);
	}, 120000);

	test('a legitimately compressible zstd layer is not a bomb (1 GiB of zeros in a ~64 KB blob)', async () => {
		// The file's 1 GiB of zeros, then a second frame whose zeros are the tar's end marker.
		const layer = Buffer.concat([zstdRunLengthFrame(tarFileHeader('disk.img', 1024 ** 3), 8192), zstdRunLengthFrame(Buffer.alloc(0), 1)]);
		const target = save('zeros.tar', await ociArchiveAround(layer, 'application/vnd.oci.image.layer.v1.tar+zstd'));
		const out = path.join(work, 'zeros.json');
		const run = await runCli(['--json', out, target]);
		expect(run.code, run.stderr).toBe(0);
		const doc = JSON.parse(readFileSync(out, 'utf8')) as {layer: Array<{changes: Array<{path: string; size: number}>}>};
		expect(doc.layer[0]!.changes).toEqual([expect.objectContaining({path: '/disk.img', size: 1024 ** 3})]);
	}, 120000);

	test('usage errors', async () => {
		const none = await runCli([]);
		expect(none.code).toBe(2);
		expect(none.stderr).toMatch(/^layerlens: missing <image> argument/);
		const unknown = await runCli(['--frobnicate', 'x.tar']);
		expect(unknown.code).toBe(2);
		expect(unknown.stderr.split('\n')[0]).toMatch(/^layerlens: .*frobnicate/);
	});
});

describeWithFixtures('bad input from the shared fixtures', () => {
	test('a plain filesystem tar is not an image', async () => {
		const target = fixturePath('dive/not-an-image.tar');
		expectInputError(await json(target), target, /not an image archive: it has neither manifest\.json nor index\.json/);
	});

	test('hostile paths inside layers are data: ../, absolute and non-UTF-8 names load and stay inside the image', async () => {
		const hostile: ImageDescription = {
			layers: [
				{
					createdBy: 'hostile',
					entries: [file('../../escape.txt', 'x'), file('/abs/olute.txt', 'y'), file(Buffer.from([0x6e, 0xff, 0xfe, 0x2e, 0x74]).toString('latin1'), 'z')],
				},
			],
		};
		const target = save('hostile.tar', await buildImageArchive(hostile, 'docker-legacy'));
		const out = path.join(work, 'hostile.json');
		const run = await runCli(['--json', out, target]);
		expect(run.code, run.stderr).toBe(0);
		const doc = JSON.parse(readFileSync(out, 'utf8')) as {layer: Array<{changes: Array<{path: string}>}>};
		// ../ is cleaned away at the root, an absolute name is taken from the root; the JSON holds nothing else.
		expect(doc.layer.map(layer => layer.changes.map(change => change.path))).toEqual([['/abs', '/abs/olute.txt', '/escape.txt', '/n\u00ff\u00fe.t']]);
	});

	test('a name that is not UTF-8 loads, each bad byte shown as U+FFFD', async () => {
		const name = Buffer.from([0x6e, 0xff, 0xfe, 0x2e, 0x74]); // n, two bytes no UTF-8 text can hold, .t
		const body = Buffer.alloc(512);
		body.write('z');
		const layer = Buffer.concat([tarFileHeader(name, 1), body, Buffer.alloc(1024)]);
		const target = save('latin1.tar', await ociArchiveAround(layer, 'application/vnd.oci.image.layer.v1.tar'));
		const out = path.join(work, 'latin1.json');
		const run = await runCli(['--json', out, target]);
		expect(run.code, run.stderr).toBe(0);
		const doc = JSON.parse(readFileSync(out, 'utf8')) as {layer: Array<{changes: Array<{path: string; size: number}>}>};
		expect(doc.layer[0]!.changes).toEqual([expect.objectContaining({path: '/n\ufffd\ufffd.t', size: 1})]);
	});
});
