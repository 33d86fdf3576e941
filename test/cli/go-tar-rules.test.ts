import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {gzipSync} from 'node:zlib';
import {describe, expect, test} from 'vitest';
import {compress as zstdCompress} from 'zstd-napi';
import {rawTar} from '../helpers/raw-tar.js';
import {errorLine, runCli, type CliRun} from '../helpers/run-cli.js';
import {ociArchiveAround} from '../helpers/zstd-bomb.js';

/**
Tar records that Go's archive/tar (what docker and containerd apply layers with) refuses, and that layerlens used to
read its own way: a PAX record cut at a NUL or skipped when malformed, one zero block taken as the end with entries
after it. Each must fail the run with one line, on every reader: the seekable walker (a file), the streaming guard in
front of tar-stream (stdin), and the push parser of the inline gzip and zstd decoders.
*/
const work = mkdtempSync(path.join(tmpdir(), 'layerlens-go-tar-'));
let counter = 0;

/** PAX data written byte by byte, so a record can lie about its length or hold a NUL. */
function rawPax(text: string): Buffer {
	return rawTar([{name: 'PaxHeaders/x', type: 'x', data: Buffer.from(text, 'latin1')}], false);
}

/** A well-formed PAX record `<len> key=value\n`. */
function record(key: string, value: string): string {
	const body = ` ${key}=${value}\n`;
	let length = body.length + 1;
	while (String(length).length + body.length !== length) length = String(length).length + body.length;
	return `${length}${body}`;
}

const layers = {
	uncompressed: (tar: Buffer) => ({blob: tar, type: 'application/vnd.oci.image.layer.v1.tar'}),
	gzip: (tar: Buffer) => ({blob: gzipSync(tar), type: 'application/vnd.oci.image.layer.v1.tar+gzip'}),
	zstd: (tar: Buffer) => ({blob: zstdCompress(tar), type: 'application/vnd.oci.image.layer.v1.tar+zstd'}),
};

async function run(layerTar: Buffer, compression: keyof typeof layers, way: 'file' | 'stdin'): Promise<CliRun & {input: string; out: string}> {
	const {blob, type} = layers[compression](layerTar);
	const archive = await ociArchiveAround(blob, type);
	const out = path.join(work, `out-${counter++}.json`);
	if (way === 'stdin') return {...(await runCli(['--json', out, '-'], {stdin: archive})), input: 'stdin', out};
	const input = path.join(work, `in-${counter++}.tar`);
	writeFileSync(input, archive);
	return {...(await runCli(['--json', out, input])), input, out};
}

function expectProblem(result: CliRun & {input: string}, problem: string): void {
	expect(result.code, result.stderr).toBe(2);
	const line = errorLine(result);
	expect(line.split('\n')).toHaveLength(1);
	expect(result.stderr).not.toMatch(/\n\s+at /);
	expect(line.startsWith(`layerlens: ${result.input}: `)).toBe(true);
	expect(line.endsWith(problem)).toBe(true);
}

const after = rawTar([{name: 'etc/hidden', data: 'payload'}]);

const refused: Array<[string, Buffer, string]> = [
	['a PAX path holding a NUL', Buffer.concat([rawPax(record('path', 'etc/passwd\0.txt')), after]), 'not a valid tar archive (bad PAX record: a NUL in the path value)'],
	['a PAX linkpath holding a NUL', Buffer.concat([rawPax(record('linkpath', '/etc\0x')), rawTar([{name: 'l', type: '2', linkname: 'x'}])]), 'not a valid tar archive (bad PAX record: a NUL in the linkpath value)'],
	['a PAX record longer than its data', Buffer.concat([rawPax('30 path=abc\n'), after]), 'not a valid tar archive (bad PAX record: length 30 does not fit the 12 bytes left)'],
	['a PAX record with a negative length', Buffer.concat([rawPax('-5 path=abc\n'), after]), 'not a valid tar archive (bad PAX record: its length is not a number)'],
	['a PAX size of -1', Buffer.concat([rawPax(record('size', '-1')), after]), 'not a valid tar archive (bad number in PAX size: "-1")'],
	['one zero block, then an entry', Buffer.concat([rawTar([{name: 'etc/shown', data: 'x'}], false), Buffer.alloc(512), after]), 'not a valid tar archive (data after a zero block)'],
];

describe('tar records Go refuses are refused, on every reader', () => {
	for (const [label, tar, problem] of refused) {
		for (const compression of ['uncompressed', 'gzip', 'zstd'] as const) {
			for (const way of ['file', 'stdin'] as const) {
				test(`${label} (${compression} layer, ${way})`, async () => {
					expectProblem(await run(tar, compression, way), problem);
				});
			}
		}
	}
});

describe('what Go accepts still loads', () => {
	const accepted: Array<[string, Buffer, string[]]> = [
		['one zero block and then the end of the data', Buffer.concat([rawTar([{name: 'etc/a', data: 'x'}], false), Buffer.alloc(512)]), ['/etc', '/etc/a']],
		['garbage after the two zero blocks of the end marker', Buffer.concat([rawTar([{name: 'etc/a', data: 'x'}]), Buffer.from('not a header at all'.repeat(40))]), ['/etc', '/etc/a']],
		['a PAX record with an empty value and a uname', Buffer.concat([rawPax(record('comment', '') + record('uname', 'root')), rawTar([{name: 'etc/a', data: 'x'}])]), ['/etc', '/etc/a']],
	];
	for (const [label, tar, paths] of accepted) {
		for (const compression of ['uncompressed', 'zstd'] as const) {
			for (const way of ['file', 'stdin'] as const) {
				test(`${label} (${compression} layer, ${way})`, async () => {
					const result = await run(tar, compression, way);
					expect(result.code, result.stderr).toBe(0);
					const doc = JSON.parse(readFileSync(result.out, 'utf8')) as {layer: Array<{changes: Array<{path: string}>}>};
					expect(doc.layer[0]!.changes.map(change => change.path)).toEqual(paths);
				});
			}
		}
	}
});
