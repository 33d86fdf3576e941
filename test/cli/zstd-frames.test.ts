import {writeFileSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {compress as zstdCompress} from 'zstd-napi';
import {rawTar} from '../helpers/raw-tar.js';
import {runCli} from '../helpers/run-cli.js';
import {ociArchiveAround} from '../helpers/zstd-bomb.js';

/**
Valid zstd streams of more than one frame (RFC 8878 §3.1): a skippable frame (magic 0x184D2A5?, any payload) before
the data, and two data frames one after the other. A skippable frame first made the layer "neither a tar nor gzip or
zstd data"; `zstd -d` and every decoder step over it.
*/
const work = mkdtempSync(path.join(tmpdir(), 'layerlens-zstd-frames-'));
const tar = rawTar([{name: 'etc/a', data: 'hello\n'}]);
const skippable = (nibble: number, payload: string) => {
	const header = Buffer.alloc(8);
	header.writeUInt32LE(0x184d2a50 + nibble, 0);
	header.writeUInt32LE(payload.length, 4);
	return Buffer.concat([header, Buffer.from(payload)]);
};
const half = 512;
const layers: Array<[string, Buffer]> = [
	['a skippable frame before the data', Buffer.concat([skippable(0, 'metadata'), zstdCompress(tar)])],
	['skippable frames (magic 0x184D2A5F) before and after the data', Buffer.concat([skippable(15, 'x'.repeat(600)), zstdCompress(tar), skippable(3, '')])],
	['two data frames', Buffer.concat([zstdCompress(tar.subarray(0, half)), zstdCompress(tar.subarray(half))])],
];

describe('zstd layers of several frames load like their tar', () => {
	let counter = 0;
	for (const [label, blob] of layers) {
		for (const decoder of ['zstd-napi', 'fzstd']) {
			for (const way of ['file', 'stdin'] as const) {
				test(`${label} (${decoder}, ${way})`, async () => {
					const archive = await ociArchiveAround(blob, 'application/vnd.oci.image.layer.v1.tar+zstd');
					const input = path.join(work, `in-${counter++}.tar`);
					writeFileSync(input, archive);
					const env = {LAYERLENS_ZSTD: decoder};
					const run = way === 'file' ? await runCli(['-q', '--json', '-', input], {env}) : await runCli(['-q', '--json', '-', '-'], {env, stdin: archive});
					expect(run.code, run.stderr).toBe(0);
					const doc = JSON.parse(run.stdout) as {layer: Array<{compression: string; changes: Array<{path: string; size: number}>}>};
					expect(doc.layer[0]!.compression).toBe('zstd');
					expect(doc.layer[0]!.changes.map(change => `${change.path} ${change.size}`)).toEqual(['/etc 0', '/etc/a 6']);
				});
			}
		}
	}
});
