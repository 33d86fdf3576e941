import {randomBytes} from 'node:crypto';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {file, writeTempImage} from '../helpers/image-builder.js';
import {fixturePath} from '../helpers/fixtures.js';
import {runCli} from '../helpers/run-cli.js';

const preload = path.join(import.meta.dirname, 'files', 'count-workers.mjs');
const threadsStarted = (stderr: string) => Number(/worker threads started: (\d+)/.exec(stderr)?.[1]);

/** The built CLI's `--json` run, with the worker threads it started counted. */
async function workersFor(image: string): Promise<number> {
	const run = await runCli(['-q', '--json', '/dev/null', image], {env: {NODE_OPTIONS: `--import ${pathToFileURL(preload).href}`}});
	expect(run.code, run.stderr).toBe(0);
	return threadsStarted(run.stderr);
}

describe('compressed layers decode on the main thread when they are few and small', () => {
	let big: Awaited<ReturnType<typeof writeTempImage>>;
	beforeAll(async () => {
		// 6 MB of random bytes: gzip cannot shrink them, so the layers hold more than the 4 MiB decoded in place.
		big = await writeTempImage(
			{layers: [{createdBy: 'a', entries: [file('a.bin', randomBytes(3e6))]}, {createdBy: 'b', entries: [file('b.bin', randomBytes(3e6))]}]},
			'docker-oci',
			{compression: 'gzip'},
		);
	});
	afterAll(() => big.cleanup());

	test('a 2.6 MB image of gzip layers starts no worker thread', async () => {
		expect(await workersFor(fixturePath('real/small-app.containerd-export.gzip.tar'))).toBe(0);
	});

	test('6 MB of gzip layers decode on worker threads, one per layer', async () => {
		expect(await workersFor(big.path)).toBe(2);
	});
});
