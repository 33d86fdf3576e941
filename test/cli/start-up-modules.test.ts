import {spawnSync} from 'node:child_process';
import {closeSync, existsSync, openSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {expect, test} from 'vitest';
import {describeWithFixtures, fixturePath} from '../helpers/fixtures.js';
import {tempDir} from '../helpers/temp-dir.js';

const bin = fileURLToPath(new URL('../../bin/layerlens.js', import.meta.url));

/*
Every run pays for the Node modules it loads before it does anything (CI gates run layerlens hundreds of times a day):
the builtins a path does not use load where they are used (src/loader/decompress.ts, decode-pool.ts, input-source.ts,
...). A preload in the CLI's own process writes the builtins loaded after it, at exit. Output goes to files, not
pipes: Node makes a piped stdout a net.Socket, which would load node:net for the test's sake.
*/
const recorder = `
import {writeFileSync} from 'node:fs';
const before = new Set(process.moduleLoadList);
process.on('exit', () => {
	const loaded = process.moduleLoadList.filter(name => !before.has(name) && name.startsWith('NativeModule ')).map(name => name.slice(13));
	writeFileSync(process.env.LAYERLENS_TEST_MODULES, loaded.join('\\n'));
});
`;

/** Builtins no run on a local archive needs, or only some runs do: the explorer (tty, via Ink), a compressed layer,
the decode workers, an engine image, a registry, a saved analysis, the gate's home-directory config. */
const notForLocalArchives = ['zlib', 'crypto', 'child_process', 'worker_threads', 'readline', 'net', 'dgram', 'tty', 'http', 'https', 'perf_hooks', 'os'];

function builtinsLoaded(args: readonly string[]): {status: number | null; loaded: string[]; stdout: string; stderr: string} {
	const dir = tempDir('layerlens-modules-');
	const preload = path.join(dir, 'record.mjs');
	writeFileSync(preload, recorder);
	const record = path.join(dir, 'modules.txt');
	const [outFile, errFile] = [path.join(dir, 'out'), path.join(dir, 'err')];
	const [out, err] = [openSync(outFile, 'w'), openSync(errFile, 'w')];
	try {
		const run = spawnSync(process.execPath, ['--import', preload, bin, ...args], {
			stdio: ['ignore', out, err],
			env: {...process.env, LAYERLENS_TEST_MODULES: record, CI: '', NO_COLOR: '1'},
			timeout: 60_000,
		});
		const stderr = readFileSync(errFile, 'utf8');
		expect(existsSync(record), stderr).toBe(true);
		return {status: run.status, loaded: readFileSync(record, 'utf8').split('\n'), stdout: readFileSync(outFile, 'utf8'), stderr};
	} finally {
		closeSync(out);
		closeSync(err);
	}
}

test('--version and --help load none of the builtins a run on an image may need', () => {
	const version = builtinsLoaded(['--version']);
	expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
	expect(version.loaded.filter(name => notForLocalArchives.includes(name))).toEqual([]);
	const help = builtinsLoaded(['--help']);
	expect(help.stdout).toContain('layerlens');
	expect(help.loaded.filter(name => notForLocalArchives.includes(name))).toEqual([]);
});

describeWithFixtures('the builtins a --json run loads', () => {
	test('an uncompressed archive: none of zlib, crypto, child_process, worker_threads, readline, net, tty, os, ...', () => {
		const dir = tempDir('layerlens-modules-json-');
		const json = path.join(dir, 'out.json');
		const run = builtinsLoaded(['-q', '--json', json, fixturePath('dive/test-docker-image.tar')]);
		expect(run.status, run.stderr).toBe(0);
		expect(statSync(json).size).toBeGreaterThan(1000);
		expect(run.loaded.filter(name => notForLocalArchives.includes(name))).toEqual([]);
	});

	test('a gzip-compressed archive loads node:zlib when it meets compressed data (the recorder sees what a run loads)', () => {
		const dir = tempDir('layerlens-modules-gzip-');
		const json = path.join(dir, 'out.json');
		const run = builtinsLoaded(['-q', '--json', json, fixturePath('real/small-app.docker-archive.tar.gz')]);
		expect(run.status, run.stderr).toBe(0);
		expect(run.loaded).toContain('zlib');
	});
});
