import {chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {fixturePath} from '../helpers/fixtures.js';
import {describeWithRegistry, push, startRegistry, type TestRegistry} from '../helpers/registry.js';
import {errorLine, runCli} from '../helpers/run-cli.js';

/**
Stand-in docker and podman: `image inspect` succeeds for the names listed in $STANDIN_<ENGINE>_IMAGES (or pulled),
`save`/`image save` streams the fixture, `pull` records the name; every call is logged.
*/
function engines(): string {
	const bin = mkdtempSync(path.join(tmpdir(), 'layerlens-bare-'));
	for (const [name, save] of [
		['docker', 'save'],
		['podman', 'image save'],
	] as const) {
		const upper = name.toUpperCase();
		writeFileSync(
			path.join(bin, name),
			`#!/bin/sh
echo "$*" >> "${bin}/${name}.log"
last=""; for a in "$@"; do last="$a"; done
has() { for i in $STANDIN_${upper}_IMAGES; do [ "$i" = "$1" ] && return 0; done; grep -qx "$1" "${bin}/${name}.pulled" 2>/dev/null; }
case "$*" in
  "image inspect"*) if has "$last"; then echo sha256:abc; exit 0; fi; echo "Error: No such image: $last" >&2; exit 1 ;;
  "${save} "*) if has "$last"; then exec cat "$STANDIN_ARCHIVE"; fi; echo "Error: No such image: $last" >&2; exit 1 ;;
  "pull "*) echo "$last" >> "${bin}/${name}.pulled"; echo "pulled $last"; exit 0 ;;
esac
exit 1
`,
		);
		chmodSync(path.join(bin, name), 0o755);
	}
	return bin;
}

describeWithRegistry('bare image names, looked up like dive: docker, then podman, then the registry', () => {
	let registry: TestRegistry;
	const bin = engines();
	const archive = fixturePath('real/small-app.docker-save.tar');
	const env = (images: {docker?: string; podman?: string} = {}) => ({
		PATH: `${bin}:/usr/bin:/bin`,
		STANDIN_ARCHIVE: archive,
		STANDIN_DOCKER_IMAGES: images.docker ?? '',
		STANDIN_PODMAN_IMAGES: images.podman ?? '',
		HOME: bin,
		DOCKER_CONFIG: bin,
	});
	const out = path.join(bin, 'out.json');
	const layers = () => (JSON.parse(readFileSync(out, 'utf8')) as {layer: unknown[]; image: {format: string}});
	let archiveLayers: unknown[];

	beforeAll(async () => {
		registry = await startRegistry();
		push(`oci-archive:${fixturePath('real/small-app.oci-archive.gzip.tar')}`, registry.host, 'small-app:gzip');
		const direct = await runCli(['--json', out, archive]);
		expect(direct.code).toBe(0);
		archiveLayers = layers().layer;
	}, 120_000);
	afterAll(async () => registry?.stop());

	test('docker has it: read with docker save', async () => {
		const run = await runCli(['--json', out, 'app:1'], {env: env({docker: 'app:1', podman: 'app:1'})});
		expect(run.code, run.stderr).toBe(0);
		expect(layers().layer).toEqual(archiveLayers);
		expect(readFileSync(path.join(bin, 'docker.log'), 'utf8')).toContain('save app:1');
	});

	test('only podman has it: read with podman image save', async () => {
		const run = await runCli(['--json', out, 'only-podman:2'], {env: env({podman: 'only-podman:2'})});
		expect(run.code, run.stderr).toBe(0);
		expect(readFileSync(path.join(bin, 'podman.log'), 'utf8')).toContain('image save only-podman:2');
	});

	test('neither engine has it: read from the registry the name points at', async () => {
		const run = await runCli(['--json', out, `${registry.host}/small-app:gzip`], {env: env()});
		expect(run.code, run.stderr).toBe(0);
		expect(layers().image.format).toBe('registry');
		expect(layers().layer).toHaveLength(12);
	});

	test('--source registry skips the engines even when they have the name', async () => {
		const name = `${registry.host}/small-app:gzip`;
		const run = await runCli(['--source', 'registry', '--json', out, name], {env: env({docker: name})});
		expect(run.code, run.stderr).toBe(0);
		expect(layers().image.format).toBe('registry');
	});

	test('an unknown name says where it looked', async () => {
		const name = `${registry.host}/nothing:1`;
		const run = await runCli(['--json', out, name], {env: env()});
		expect(run.code).toBe(2);
		expect(errorLine(run)).toBe(
			`layerlens: ${name}: no image of that name; looked in: no such file or directory; docker (no such image); podman (no such image); registry ${name} (not found: ${registry.host} has no ${name} (MANIFEST_UNKNOWN: manifest unknown))`,
		);
	});

	test('engines that are not installed are named as such', async () => {
		const name = `${registry.host}/nothing:1`;
		const run = await runCli(['--json', out, name], {env: {...env(), PATH: '/nonexistent'}});
		expect(run.code).toBe(2);
		expect(errorLine(run)).toContain('looked in: no such file or directory; docker (not installed); podman (not installed); registry');
	});

	test('--pull pulls a missing image into the engine first', async () => {
		const run = await runCli(['--pull', '--json', out, 'docker://fresh:3'], {env: env()});
		expect(run.code, run.stderr).toBe(0);
		expect(run.stderr).toContain('pulled fresh:3');
		expect(readFileSync(path.join(bin, 'docker.pulled'), 'utf8').trim()).toBe('fresh:3');
		const again = await runCli(['--json', out, 'docker://never:4'], {env: env()});
		expect(again.code).toBe(2);
		expect(existsSync(path.join(bin, 'docker.pulled')) && readFileSync(path.join(bin, 'docker.pulled'), 'utf8')).not.toContain('never:4');
	});
});
