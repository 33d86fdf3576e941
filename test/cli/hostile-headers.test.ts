import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {gzipSync} from 'node:zlib';
import {describe, expect, test} from 'vitest';
import {base256, paxEntry, rawTar} from '../helpers/raw-tar.js';
import {errorLine, runCli, type CliRun} from '../helpers/run-cli.js';
import {ociArchiveAround} from '../helpers/zstd-bomb.js';

const work = mkdtempSync(path.join(tmpdir(), 'layerlens-hostile-'));
const gzipType = 'application/vnd.oci.image.layer.v1.tar+gzip';
const tarType = 'application/vnd.oci.image.layer.v1.tar';

type Way = {readonly name: string; run(archive: Buffer, out: string): Promise<CliRun & {input: string}>};

/** Every way an archive reaches the loader: a file (seekable walker and decode pool), stdin, a whole-archive .tar.gz. */
const ways: Way[] = [
	{
		name: 'a file',
		async run(archive, out) {
			const input = path.join(work, `${path.basename(out)}.tar`);
			writeFileSync(input, archive);
			return {...(await runCli(['--json', out, input])), input};
		},
	},
	{
		name: 'stdin',
		async run(archive, out) {
			return {...(await runCli(['--json', out, '-'], {stdin: archive})), input: 'stdin'};
		},
	},
	{
		name: 'a whole-archive .tar.gz',
		async run(archive, out) {
			const input = path.join(work, `${path.basename(out)}.tar.gz`);
			writeFileSync(input, gzipSync(archive));
			return {...(await runCli(['--json', out, input])), input};
		},
	},
];

function expectProblem(run: CliRun & {input: string}, problem: string): void {
	expect(run.code, run.stderr).toBe(2);
	expect(errorLine(run).startsWith(`layerlens: ${run.input}: `)).toBe(true);
	expect(run.stderr).not.toMatch(/\n\s+at /);
	expect(errorLine(run).split('\n')).toHaveLength(1);
	expect(errorLine(run)).toContain(problem);
}

function changedPaths(out: string): string[] {
	const doc = JSON.parse(readFileSync(out, 'utf8')) as {layer: Array<{changes: Array<{path: string}>}>};
	return doc.layer[0]!.changes.map(change => change.path);
}

let counter = 0;
const outFile = () => path.join(work, `out-${counter++}.json`);

describe('a GNU base-256 size whose first byte is neither 0x80 nor 0xFF (tar-stream reads it as null and stalls)', () => {
	const layer = rawTar([{name: 'evil', size: base256(0x81), data: 'x'}, {name: 'after', data: 'y'}]);
	for (const [blob, type, label] of [
		[gzipSync(layer), gzipType, 'gzip layer'],
		[layer, tarType, 'uncompressed layer'],
	] as const) {
		for (const way of ways) {
			test(`${label}, read from ${way.name}: bad number in header`, async () => {
				expectProblem(await way.run(await ociArchiveAround(blob, type), outFile()), 'bad number in header');
			});
		}
	}

	test('in a PAX header of a gzip layer, read from stdin: bad number in header', async () => {
		const pax = paxEntry({path: 'renamed'});
		pax.set(base256(0x81), 124);
		// Fix the checksum of the edited PAX header block.
		pax.fill(0x20, 148, 156);
		let sum = 0;
		for (let i = 0; i < 512; i++) sum += pax[i]!;
		pax.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
		const hostile = Buffer.concat([pax, rawTar([{name: 'file', data: 'z'}])]);
		expectProblem(await ways[1]!.run(await ociArchiveAround(gzipSync(hostile), gzipType), outFile()), 'bad number in header');
	});
});

describe('a negative base-256 size (-1: twelve 0xFF bytes)', () => {
	const layer = rawTar([{name: 'negative', size: Buffer.alloc(12, 0xff), data: ''}]);
	for (const way of ways) {
		test(`read from ${way.name}: said as such, not as a bad checksum`, async () => {
			expectProblem(await way.run(await ociArchiveAround(gzipSync(layer), gzipType), outFile()), 'negative size in header');
		});
	}
});

describe('header-only types that declare a size carry no data, as in Go: nothing can hide behind them', () => {
	const cases: Array<[string, Buffer]> = [
		['a directory', rawTar([{name: 'd/', type: '5', size: 1024}, {name: 'd/smuggled', data: 'payload'}])],
		['a symlink', rawTar([{name: 'link', type: '2', linkname: 'target', size: 512}, {name: 'smuggled', data: 'payload'}])],
		['a hard link', rawTar([{name: 'a', data: 'a'}, {name: 'hard', type: '1', linkname: 'a', size: 512}, {name: 'smuggled', data: 'payload'}])],
		['a FIFO', rawTar([{name: 'pipe', type: '6', size: 512}, {name: 'smuggled', data: 'payload'}])],
		['a char device', rawTar([{name: 'tty', type: '3', size: 512}, {name: 'smuggled', data: 'payload'}])],
		['a block device', rawTar([{name: 'sda', type: '4', size: 512}, {name: 'smuggled', data: 'payload'}])],
		['a symlink whose PAX record declares the size', Buffer.concat([paxEntry({size: '512'}), rawTar([{name: 'link', type: '2', linkname: 't', size: 0}, {name: 'smuggled', data: 'payload'}])])],
	];
	for (const [label, layer] of cases) {
		for (const [blob, type, compression] of [
			[layer, tarType, 'uncompressed'],
			[gzipSync(layer), gzipType, 'gzip'],
		] as const) {
			for (const way of ways) {
				test(`${label} (${compression} layer, ${way.name})`, async () => {
					const out = outFile();
					const run = await way.run(await ociArchiveAround(blob, type), out);
					expect(run.code, run.stderr).toBe(0);
					const paths = changedPaths(out);
					expect(paths.some(p => p === '/smuggled' || p === '/d/smuggled')).toBe(true);
				});
			}
		}
	}
});

describe('very deep paths: a clean error past the limit, not quadratic time and memory', () => {
	const deep = (components: number) => `${'a/'.repeat(components - 1)}leaf`;
	const layerWith = (name: string) => gzipSync(Buffer.concat([paxEntry({path: name}), rawTar([{name: 'placeholder', data: 'x'}])]));

	for (const way of ways) {
		test(`100,000 components (${way.name})`, async () => {
			const run = await way.run(await ociArchiveAround(layerWith(deep(100_000)), gzipType), outFile());
			expectProblem(run, 'an entry path is too deep (100000 components; at most 8192 are read)');
		});
	}

	test('a path over 32 KiB is refused as too long', async () => {
		const run = await ways[0]!.run(await ociArchiveAround(layerWith(`${'x'.repeat(200)}/`.repeat(200)), gzipType), outFile());
		expectProblem(run, 'an entry path is too long (40199 bytes; at most 32768 are read)');
	});
});
