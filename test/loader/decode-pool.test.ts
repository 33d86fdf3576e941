import {describe, expect, test} from 'vitest';
import {createDecodePool} from '../../src/loader/decode-pool.js';

const workerFile = new URL('./fixtures/misbehaving-worker.mjs', import.meta.url);

describe('the decode pool with a worker that fails', () => {
	test('a worker error fails only its own job; the others finish, on a replacement worker', async () => {
		const pool = createDecodePool(2, workerFile);
		try {
			const slow = pool.hash('ok:300', []);
			const failing = pool.hash('throw', []);
			const queued = [pool.hash('ok:0', []), pool.hash('ok:0', []), pool.hash('ok:0', [])];
			expect(await failing).toEqual({error: 'worker blew up'});
			expect(await slow).toEqual({digests: ['ok:0']});
			expect(await Promise.all(queued)).toEqual([{digests: ['ok:2']}, {digests: ['ok:3']}, {digests: ['ok:4']}]);
		} finally {
			await pool.close();
		}
	});

	test('a worker that exits fails its job and is replaced', async () => {
		const pool = createDecodePool(1, workerFile);
		try {
			const exiting = pool.hash('exit', []);
			const next = pool.hash('ok:0', []);
			expect(await exiting).toEqual({error: 'the decoder stopped unexpectedly (exit code 7)'});
			expect(await next).toEqual({digests: ['ok:1']});
		} finally {
			await pool.close();
		}
	});

	test('a second reply and a reply for another job are ignored, not a crash', async () => {
		const pool = createDecodePool(1, workerFile);
		try {
			expect(await pool.hash('twice:0', [])).toEqual({digests: ['twice:0']});
			expect(await pool.hash('stray:20', [])).toEqual({digests: ['stray:1']});
			// The late second reply of job 0 arrives while job 2 runs: job 2 still gets its own answer.
			expect(await pool.hash('ok:50', [])).toEqual({digests: ['ok:2']});
		} finally {
			await pool.close();
		}
	});
});
