import {chmodSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {expect, test} from 'vitest';
import {tempDir} from '../helpers/temp-dir.js';
import {describeWithFixtures, fixturePath} from '../helpers/fixtures.js';
import {runCli} from '../helpers/run-cli.js';

/** Stand-ins for the docker and podman CLIs: they stream a fixture for `save`, or fail like the real ones do. */
function fakeEngines(): string {
	const bin = tempDir('layerlens-engines-');
	const script = (name: string, saveArgs: string) => {
		const file = path.join(bin, name);
		writeFileSync(
			file,
			`#!/bin/sh\nif [ "$*" = "${saveArgs} app:1" ]; then exec cat "$LAYERLENS_TEST_ARCHIVE"; fi\necho "Error response from daemon: reference does not exist: $*" >&2\nexit 1\n`,
		);
		chmodSync(file, 0o755);
	};
	script('docker', 'save');
	script('podman', 'image save');
	return bin;
}

describeWithFixtures('docker:// and podman:// stream the engine\'s save output', () => {
	const bin = fakeEngines();
	const env = {PATH: `${bin}:${process.env['PATH'] ?? ''}`, LAYERLENS_TEST_ARCHIVE: fixturePath('real/small-app.docker-save.tar')};
	const out = path.join(bin, 'out.json');

	for (const engine of ['docker', 'podman']) {
		test(`${engine}://app:1 gives the same analysis as the archive file`, async () => {
			const viaEngine = await runCli(['--json', out, `${engine}://app:1`], {env});
			expect(viaEngine.code, viaEngine.stderr).toBe(0);
			const fromEngine = readFileSync(out, 'utf8');
			const viaFile = await runCli(['--json', out, fixturePath('real/small-app.docker-save.tar')]);
			expect(viaFile.code).toBe(0);
			expect(fromEngine).toBe(readFileSync(out, 'utf8'));
		});

		test(`${engine}:// failure is one line with the engine's own reason, exit 2`, async () => {
			const run = await runCli(['--json', out, `${engine}://missing:0`], {env});
			expect(run.code).toBe(2);
			expect(run.stderr.trim().split('\n').at(-1)).toMatch(new RegExp(`^layerlens: ${engine}://missing:0: .*(reference does not exist|${engine} save failed)`));
		});
	}

	test('--source docker NAME is dive\'s spelling of docker://NAME', async () => {
		const run = await runCli(['--source', 'docker', '--json', out, 'app:1'], {env});
		expect(run.code, run.stderr).toBe(0);
	});

	test('an engine that is not installed', async () => {
		const run = await runCli(['--json', out, 'podman://app:1'], {env: {PATH: '/nonexistent'}});
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(/podman is not installed or not on PATH/);
	});
});
