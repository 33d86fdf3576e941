import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {describeWithFixtures, fixturePath, repoRoot} from '../helpers/fixtures.js';

/**
What a user on a machine without a C++ toolchain gets: the packed tarball installed with install scripts off (so the
native zstd addon is never built) and a PATH that holds nothing but `node`. Installed offline from the npm cache that
`npm ci` filled, through a lockfile made from ours, so the test needs no network.
*/
const work = mkdtempSync(path.join(tmpdir(), 'layerlens-pack-'));
const app = path.join(work, 'app');
const onlyNode = path.join(work, 'bin');
const registry = 'https://registry.npmjs.org/';

type Lock = {packages: Record<string, {version?: string; resolved?: string; dev?: boolean}>};
type Manifest = {version: string; license: string; dependencies: object; optionalDependencies: object; bin: object; engines: object};

function npmCli(): string {
	const fromNpm = process.env['npm_execpath'];
	if (fromNpm !== undefined && fromNpm.endsWith('npm-cli.js')) return fromNpm;
	const which = execFileSync('sh', ['-c', 'command -v npm'], {encoding: 'utf8'}).trim();
	return realpathSync(which);
}

function npm(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
	const run = spawnSync(process.execPath, [npmCli(), ...args], {cwd, env, encoding: 'utf8', timeout: 300_000});
	if (run.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
	return run.stdout;
}

/** Our lockfile without the dev packages, with the tarball as the one dependency and registry URLs filled in. */
function lockFor(tarball: string): object {
	const lock = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as Lock;
	const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;
	const spec = `file:${tarball}`;
	const packages: Record<string, object> = {
		'': {name: 'install-check', dependencies: {layerlens: spec}},
		'node_modules/layerlens': {
			version: manifest.version,
			resolved: spec,
			license: manifest.license,
			dependencies: manifest.dependencies,
			optionalDependencies: manifest.optionalDependencies,
			bin: manifest.bin,
			engines: manifest.engines,
		},
	};
	for (const [where, entry] of Object.entries(lock.packages)) {
		if (where === '' || entry.dev === true) continue;
		const name = where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length);
		const resolved = entry.resolved ?? `${registry}${name}/-/${name.split('/').pop()!}-${entry.version!}.tgz`;
		packages[where] = {...entry, resolved};
	}
	return {name: 'install-check', lockfileVersion: 3, requires: true, packages};
}

let files: string[] = [];

beforeAll(() => {
	const packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], repoRoot)) as Array<{
		filename: string;
		files: Array<{path: string}>;
	}>;
	files = packed[0]!.files.map(file => file.path);
	mkdirSync(app);
	mkdirSync(onlyNode);
	symlinkSync(process.execPath, path.join(onlyNode, 'node'));
	const tarball = path.join(work, packed[0]!.filename);
	writeFileSync(path.join(app, 'package.json'), JSON.stringify({name: 'install-check', private: true, dependencies: {layerlens: `file:${tarball}`}}));
	writeFileSync(path.join(app, 'package-lock.json'), JSON.stringify(lockFor(tarball), null, '\t'));
	npm(['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], app, {...process.env, PATH: onlyNode});
}, 600_000);

afterAll(() => rmSync(work, {recursive: true, force: true}));

function layerlens(args: readonly string[]) {
	const run = spawnSync(path.join(app, 'node_modules/.bin/layerlens'), args, {
		env: {PATH: onlyNode, HOME: work, NO_COLOR: '1'},
		encoding: 'utf8',
		timeout: 120_000,
		maxBuffer: 64 * 1024 * 1024,
	});
	return {code: run.status, stdout: run.stdout, stderr: run.stderr};
}

test('the tarball ships the program, not the sample writer, bench or screenshot tools', () => {
	expect(files).toContain('bin/layerlens.js');
	// bin/layerlens.js runs the bundle; the decode pool starts its workers from the file beside it.
	expect(files).toContain('build/bundle/main.js');
	expect(files).toContain('build/bundle/decode-worker.js');
	expect(files).not.toContain('bin/bundle.js');
	expect(files).toContain('build/cli/main.js');
	expect(files).toContain('build/loader/zstd-decoder.js');
	expect(files.filter(file => /^build\/(sample|bench|screenshots)\b|^src\/|^test\//.test(file))).toEqual([]);
});

test('the PATH it installs and runs with has no compiler, make or python', () => {
	for (const tool of ['g++', 'cc', 'gcc', 'make', 'python3', 'c++']) expect(existsSync(path.join(onlyNode, tool))).toBe(false);
	// The native zstd addon was not built: zstd below comes from Node itself or the pure-JS fallback.
	expect(existsSync(path.join(app, 'node_modules/zstd-napi/build'))).toBe(false);
});

test('layerlens --help', () => {
	const run = layerlens(['--help']);
	expect(run.stderr).toBe('');
	expect(run.code).toBe(0);
	expect(run.stdout).toMatch(/^Usage\n  layerlens \[options\] <image>$/m);
});

describeWithFixtures('the installed layerlens reads gzip and zstd images', () => {
	// small-app.layers.tsv lists every tar entry of the image: 12 layers whose header sizes add up to 4121397 bytes.
	test.each([['gzip', 'real/small-app.oci-archive.gzip.tar'], ['zstd', 'real/small-app.oci-archive.zstd.tar']])(
		'--json on a %s image',
		(_codec, fixture) => {
			const run = layerlens(['-q', '--json', '-', fixturePath(fixture)]);
			expect(run.stderr).toBe('');
			expect(run.code).toBe(0);
			const doc = JSON.parse(run.stdout) as {layer: unknown[]; image: {sizeBytes: number}};
			expect(doc.layer).toHaveLength(12);
			expect(doc.image.sizeBytes).toBe(4121397);
		},
	);
});

test('the shebang passes one word to env, as BusyBox env (Alpine) needs: no -S, no flags', () => {
	const first = readFileSync(path.join(app, 'node_modules/layerlens/bin/layerlens.js'), 'utf8').split('\n')[0];
	expect(first).toBe('#!/usr/bin/env node');
});
