import {spawnSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {expect, test} from 'vitest';
import {tempDir} from '../helpers/temp-dir.js';

const bin = fileURLToPath(new URL('../../bin/layerlens.js', import.meta.url));

/*
A workload run in the CLI's own process (preloaded, at exit): 60 MiB that stay alive, then 240 MiB of 8 KiB arrays
that each live long enough to reach the old generation (a ring of 16 MiB) and then die. It prints the most heap in use
at any time: with what survives (~76 MiB) the old generation's growth between full collections decides it.
*/
const workload = `
import {getHeapStatistics} from 'node:v8';
process.on('exit', () => {
	const live = [];
	for (let i = 0; i < 60; i++) live.push(new Array(131072).fill(i));
	const ring = new Array(2048);
	let most = 0;
	for (let i = 0; i < 30000; i++) {
		ring[i & 2047] = new Array(1024).fill(i);
		if ((i & 255) === 0) most = Math.max(most, getHeapStatistics().used_heap_size);
	}
	process.stderr.write('most heap used: ' + Math.round(most / 1048576) + ' MiB of ' + (live.length + 16) + '\\n');
});
`;

function mostHeapUsed(args: string[]): number {
	const dir = tempDir('layerlens-heap-');
	const preload = path.join(dir, 'workload.mjs');
	writeFileSync(preload, workload);
	const run = spawnSync(process.execPath, ['--import', preload, ...args], {encoding: 'utf8'});
	expect(run.status, run.stderr).toBe(0);
	const most = /most heap used: (\d+) MiB of 76/.exec(run.stderr);
	expect(most, run.stderr).not.toBeNull();
	return Number(most![1]);
}

// About 2x what is alive: 1.5x the ~76 MiB that survive, plus the young generation and V8's minimum growth step.
const bound = 160;

test('the CLI process lets its old generation grow to about 1.5x what survived the last full collection', () => {
	expect(mostHeapUsed([bin, '--version'])).toBeLessThanOrEqual(bound);
}, 60_000);

test('the same workload in plain Node goes well over that bound (V8 allows up to 4x there)', () => {
	expect(mostHeapUsed(['-e', '0'])).toBeGreaterThan(bound + 50);
}, 60_000);
