import {chmodSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect, test} from 'vitest';
import {describeWithFixtures, fixturePath} from '../helpers/fixtures.js';
import {runCli} from '../helpers/run-cli.js';

const id = 'sha256:345ab6b98a61ef2ab2192f75f5422e9a64dfb55406f84b88a1d9ba18065c7efd';

/**
A stand-in engine: `build` records its arguments, prints build output, writes the image ID to --iidfile (or fails
with status 7 when asked to build the context "broken"); `save <id>` / `image save <id>` streams the fixture.
*/
function engine(bin: string, name: string): void {
	const file = path.join(bin, name);
	writeFileSync(
		file,
		`#!/bin/sh
if [ "$1" = build ]; then
  echo "$*" > "$STANDIN_LOG.${name}"
  shift
  iid=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --iidfile) iid="$2"; shift ;;
      broken) echo "STEP 2/3: RUN false" ; echo "Error: building at STEP 2: exit status 1" >&2; exit 7 ;;
    esac
    shift
  done
  echo "STEP 1/1: FROM scratch (${name})"
  printf '%s' "${id}" > "$iid"
  exit 0
fi
if [ "$*" = "save ${id.slice(7)}" ] || [ "$*" = "image save ${id.slice(7)}" ]; then exec cat "$STANDIN_ARCHIVE"; fi
echo "unexpected: $*" >&2
exit 1
`,
	);
	chmodSync(file, 0o755);
}

function setup(engines: string[]) {
	const bin = mkdtempSync(path.join(tmpdir(), 'layerlens-build-'));
	for (const name of engines) engine(bin, name);
	const log = path.join(bin, 'args');
	// /usr/local/bin is left out: a real docker CLI may live there.
	const env = {PATH: `${bin}:/usr/bin:/bin`, STANDIN_LOG: log, STANDIN_ARCHIVE: fixturePath('real/small-app.docker-save.tar')};
	return {bin, env, log, out: path.join(bin, 'out.json')};
}

describeWithFixtures('layerlens build: the engine builds, layerlens looks at what it built', () => {
	test('docker build with the user\'s arguments and --iidfile; the analysis is the built image\'s', async () => {
		const {env, log, out} = setup(['docker', 'podman']);
		const run = await runCli(['build', '--json', out, '-t', 'app:dev', '--build-arg', 'X=1', '.'], {env});
		expect(run.code, run.stderr).toBe(0);
		const args = readFileSync(`${log}.docker`, 'utf8').trim();
		expect(args).toMatch(/^build --iidfile \S+\/iid -t app:dev --build-arg X=1 \.$/);
		expect(run.stderr).toContain('STEP 1/1: FROM scratch (docker)');
		const built = JSON.parse(readFileSync(out, 'utf8')) as {layer: unknown[]; image: {configDigest: string}};
		expect(built.image.configDigest).toBe(id);
		const direct = await runCli(['--json', `${out}.2`, fixturePath('real/small-app.docker-save.tar')]);
		expect(direct.code).toBe(0);
		expect(built.layer).toEqual((JSON.parse(readFileSync(`${out}.2`, 'utf8')) as {layer: unknown[]}).layer);
	});

	test('podman where docker is missing, and --engine podman even where docker exists', async () => {
		const onlyPodman = setup(['podman']);
		const run = await runCli(['build', '--json', onlyPodman.out, '.'], {env: onlyPodman.env});
		expect(run.code, run.stderr).toBe(0);
		expect(run.stderr).toContain('(podman)');
		const both = setup(['docker', 'podman']);
		const picked = await runCli(['build', '--engine', 'podman', '--json', both.out, '.'], {env: both.env});
		expect(picked.code, picked.stderr).toBe(0);
		expect(readFileSync(`${both.log}.podman`, 'utf8')).toMatch(/^build --iidfile /);
	});

	test('with CI=true it gates: dive\'s report and the rules\' exit code', async () => {
		const {env} = setup(['docker']);
		const run = await runCli(['build', '--highestWastedBytes', '1B', '.'], {env: {...env, CI: 'true'}});
		expect(run.code).toBe(1);
		expect(run.stdout).toContain('FAIL  highestWastedBytes');
		const passing = await runCli(['build', '--ci', '--lowestEfficiency', '0.1', '--highestUserWastedPercent', '1', '.'], {env});
		expect(passing.code, passing.stdout).toBe(0);
		expect(passing.stdout).toMatch(/^PASS \[pass:/m);
	});

	test('a failed build exits with the build\'s own status and shows only the build\'s output', async () => {
		const {env} = setup(['docker']);
		const run = await runCli(['build', 'broken'], {env});
		expect(run.code).toBe(7);
		expect(run.stderr).toContain('Error: building at STEP 2: exit status 1');
		expect(run.stderr).not.toContain('layerlens:');
		expect(run.stdout).toBe('');
	});

	test('no engine at all: one line, exit 2', async () => {
		const {env} = setup([]);
		const run = await runCli(['build', '.'], {env});
		expect(run.code).toBe(2);
		expect(run.stderr.trim()).toBe('layerlens: build: neither docker nor podman is installed (or on PATH)');
	});
});
