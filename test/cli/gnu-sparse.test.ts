import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {gzipSync} from 'node:zlib';
import {describe, expect, test} from 'vitest';
import {compress as zstdCompress} from 'zstd-napi';
import {paxEntry, rawHeader, rawTar} from '../helpers/raw-tar.js';
import {runCli} from '../helpers/run-cli.js';
import {ociArchiveAround} from '../helpers/zstd-bomb.js';

/**
GNU sparse files, as `tar --sparse` writes them. Old GNU format (type S): a map in the header, more map entries in
extension blocks after it when `isextended` is set; those blocks were taken for headers (or skipped wrongly), and the
entries after a sparse file vanished from the analysis. PAX format (0.1, 1.0): the file is stored under a made-up
`GNUSparseFile.N/` path and GNU.sparse.name holds its name, which Go's reader (and so docker) uses.
*/
const work = mkdtempSync(path.join(tmpdir(), 'layerlens-sparse-'));

function checksum(block: Buffer): void {
	block.fill(0x20, 148, 156);
	let sum = 0;
	for (const byte of block) sum += byte;
	block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
}

/** An old-GNU sparse entry holding `data` at offset 0 of a 1 MiB file, its map continued in one extension block. */
function oldGnuSparse(name: string, data: string): Buffer {
	const header = rawHeader({name, type: 'S', size: data.length});
	header.write('ustar  \0', 257, 'binary');
	header.write(`${'0'.repeat(11)}\0`, 386, 'ascii');
	header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 398, 'ascii');
	header[482] = 1;
	header.write(`${(1024 * 1024).toString(8).padStart(11, '0')}\0`, 483, 'ascii');
	checksum(header);
	const extension = Buffer.alloc(512);
	extension.write(`${(1024 * 1024).toString(8).padStart(11, '0')}\0`, 0, 'ascii');
	extension.write(`${'0'.repeat(11)}\0`, 12, 'ascii');
	const body = Buffer.alloc(512);
	body.write(data);
	return Buffer.concat([header, extension, body]);
}

const layers: Array<[string, Buffer, string[]]> = [
	['an old GNU sparse file with an extension block, then a file', Buffer.concat([oldGnuSparse('sparse', 'hello'), rawTar([{name: 'after', data: 'after'}])]), ['/after 5', '/sparse 5']],
	[
		'a PAX sparse file (1.0): named by GNU.sparse.name',
		Buffer.concat([
			paxEntry({'GNU.sparse.major': '1', 'GNU.sparse.minor': '0', 'GNU.sparse.name': 'real-name', 'GNU.sparse.realsize': '1048576'}),
			rawTar([{name: 'GNUSparseFile.0/real-name', data: Buffer.concat([Buffer.from('1\n0\n5\n'.padEnd(512, '\0')), Buffer.from('hello')])}]),
		]),
		['/real-name 517'],
	],
];

describe('GNU sparse files load on every reader, and hide nothing after them', () => {
	let counter = 0;
	for (const [label, tar, expected] of layers) {
		for (const [compression, blob, type] of [
			['uncompressed', tar, 'application/vnd.oci.image.layer.v1.tar'],
			['gzip', gzipSync(tar), 'application/vnd.oci.image.layer.v1.tar+gzip'],
			['zstd', zstdCompress(tar), 'application/vnd.oci.image.layer.v1.tar+zstd'],
		] as const) {
			for (const way of ['file', 'stdin'] as const) {
				test(`${label} (${compression} layer, ${way})`, async () => {
					const archive = await ociArchiveAround(blob, type);
					const input = path.join(work, `in-${counter++}.tar`);
					writeFileSync(input, archive);
					const run = way === 'file' ? await runCli(['-q', '--json', '-', input]) : await runCli(['-q', '--json', '-', '-'], {stdin: archive});
					expect(run.code, run.stderr).toBe(0);
					const doc = JSON.parse(run.stdout) as {layer: Array<{changes: Array<{path: string; size: number; type: string}>}>};
					expect(doc.layer[0]!.changes.map(change => `${change.path} ${change.size}`)).toEqual(expected);
				});
			}
		}
	}
});
