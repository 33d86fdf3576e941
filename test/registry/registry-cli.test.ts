import {chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {fixturePath} from '../helpers/fixtures.js';
import {describeWithRegistry, push, startProxy, startRegistry, type TestRegistry} from '../helpers/registry.js';
import {errorLine, runCli} from '../helpers/run-cli.js';

type Export = {layer: unknown[]; image: Record<string, unknown>};

const work = mkdtempSync(path.join(tmpdir(), 'layerlens-registry-test-'));
const emptyHome = path.join(work, 'home');
mkdirSync(emptyHome);
/** No credentials from the machine's own files leak into a run unless a test provides them. */
const cleanEnv = {HOME: emptyHome, DOCKER_CONFIG: path.join(emptyHome, '.docker'), XDG_RUNTIME_DIR: emptyHome, XDG_CONFIG_HOME: emptyHome, REGISTRY_AUTH_FILE: ''};
let counter = 0;

async function exportOf(args: string[], env: Record<string, string> = {}): Promise<Export> {
	const out = path.join(work, `out-${counter++}.json`);
	const run = await runCli(['--json', out, ...args], {env: {...cleanEnv, ...env}, timeoutMs: 60_000});
	expect(run.code, run.stderr).toBe(0);
	return JSON.parse(readFileSync(out, 'utf8')) as Export;
}

/** The analysis without what names the input (name, tags, format). */
function analysisOf(document: Export) {
	const {name: _name, tags: _tags, format: _format, ...image} = document.image;
	return {layer: document.layer, image};
}

async function failure(args: string[], env: Record<string, string> = {}): Promise<string> {
	const run = await runCli(['--json', path.join(work, 'fail.json'), ...args], {env: {...cleanEnv, ...env}, timeoutMs: 60_000});
	expect(run.code, run.stderr).toBe(2);
	const line = errorLine(run);
	expect(line.split('\n')).toHaveLength(1);
	expect(run.stderr).not.toMatch(/\n\s+at /);
	return line;
}

/** The digest of the largest layer of an image in the registry. */
async function largestLayer(host: string, repository: string, tag: string): Promise<string> {
	const response = await fetch(`http://${host}/v2/${repository}/manifests/${tag}`, {headers: {accept: 'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json'}});
	const manifest = (await response.json()) as {layers: Array<{digest: string; size: number}>};
	return manifest.layers.reduce((a, b) => (b.size > a.size ? b : a)).digest;
}

describeWithRegistry('registry:// against a real distribution registry', () => {
	let registry: TestRegistry;
	const archive = {
		gzip: fixturePath('real/small-app.oci-archive.gzip.tar'),
		zstd: fixturePath('real/small-app.oci-archive.zstd.tar'),
		docker: fixturePath('real/small-app.containerd-export.gzip.tar'),
		plain: fixturePath('real/small-app.oci-archive.uncompressed.tar'),
		multi: fixturePath('real/small-multiarch.oci-archive.tar'),
	};

	beforeAll(async () => {
		registry = await startRegistry();
		push(`oci-archive:${archive.gzip}`, registry.host, 'small-app:gzip');
		push(`oci-archive:${archive.zstd}`, registry.host, 'small-app:zstd');
		push(`oci-archive:${archive.docker}`, registry.host, 'small-app:docker');
		push(`oci-archive:${archive.multi}`, registry.host, 'multi:latest', {all: true});
	}, 120_000);
	afterAll(async () => registry?.stop());

	test('the other side of diff and --baseline can be a registry image too (it is found as the image argument is)', async () => {
		const diff = await runCli(['diff', '--exit-code', `registry://${registry.host}/small-app:gzip`, archive.gzip], {env: cleanEnv, timeoutMs: 60_000});
		expect(diff.code, diff.stderr).toBe(0);
		const gate = await runCli(['--ci', '--max-growth', '0B', '--baseline', `registry://${registry.host}/small-app:gzip`, archive.gzip], {env: cleanEnv, timeoutMs: 60_000});
		expect(gate.stdout).toMatch(/PASS +maxGrowth/);
	}, 120_000);

	for (const [tag, file, mediaType] of [
		['gzip', archive.gzip, 'application/vnd.oci.image.manifest.v1+json'],
		['zstd', archive.zstd, 'application/vnd.oci.image.manifest.v1+json'],
		['docker', archive.docker, 'application/vnd.docker.distribution.manifest.v2+json'],
	] as const) {
		test(`${tag} layers (${mediaType}): the same analysis as the archive`, async () => {
			const served = await fetch(`http://${registry.host}/v2/small-app/manifests/${tag}`, {headers: {accept: mediaType}});
			expect(((await served.json()) as {mediaType: string}).mediaType).toBe(mediaType);
			const fromRegistry = await exportOf([`registry://${registry.host}/small-app:${tag}`]);
			const fromArchive = await exportOf([file]);
			expect(fromRegistry.image['format']).toBe('registry');
			expect(fromRegistry.image['name']).toBe(`${registry.host}/small-app:${tag}`);
			expect(fromRegistry.layer).toHaveLength(12);
			expect(analysisOf(fromRegistry)).toEqual(analysisOf(fromArchive));
		});
	}

	test('by digest: the same image as by tag', async () => {
		const response = await fetch(`http://${registry.host}/v2/small-app/manifests/gzip`, {method: 'HEAD', headers: {accept: 'application/vnd.oci.image.manifest.v1+json'}});
		const digest = response.headers.get('docker-content-digest')!;
		expect(digest).toMatch(/^sha256:/);
		const byDigest = await exportOf([`registry://${registry.host}/small-app@${digest}`]);
		expect(analysisOf(byDigest)).toEqual(analysisOf(await exportOf([archive.gzip])));
	});

	test('a multi-platform index: the host platform by default, --platform picks another', async () => {
		const host = process.arch === 'arm64' ? 'linux/arm64' : 'linux/amd64';
		const byDefault = await exportOf([`registry://${registry.host}/multi:latest`]);
		expect(byDefault.image['platform']).toBe(host);
		for (const platform of ['linux/amd64', 'linux/arm64']) {
			const picked = await exportOf(['--platform', platform, `registry://${registry.host}/multi:latest`]);
			expect(picked.image['platform']).toBe(platform);
			expect(analysisOf(picked)).toEqual(analysisOf(await exportOf(['--platform', platform, archive.multi])));
		}
		const armFiles = JSON.stringify((await exportOf(['--platform', 'linux/arm64', `registry://${registry.host}/multi:latest`])).layer);
		expect(armFiles).toContain('opt/arm64/lib/extra.txt');
	});

	test('a platform the index lacks: one line listing the platforms it has', async () => {
		const line = await failure(['--platform', 'linux/s390x', `registry://${registry.host}/multi:latest`]);
		expect(line).toBe(`layerlens: registry://${registry.host}/multi:latest: ${registry.host}/multi:latest has no image for platform linux/s390x; it has: linux/amd64, linux/arm64`);
	});

	test('an unknown tag and an unknown repository: 404 as one line naming the reference', async () => {
		expect(await failure([`registry://${registry.host}/small-app:nope`])).toMatch(
			new RegExp(`^layerlens: registry://${registry.host}/small-app:nope: not found: ${registry.host} has no ${registry.host}/small-app:nope \\(MANIFEST_UNKNOWN`),
		);
		expect(await failure([`registry://${registry.host}/nothing/here:1`])).toMatch(/not found: .* has no .*nothing\/here:1 \((NAME|MANIFEST)_UNKNOWN/);
	});

	test('a registry that is not there: one line, exit 2', async () => {
		const {freePort} = await import('../helpers/registry.js');
		const port = await freePort();
		expect(await failure([`registry://127.0.0.1:${port}/app:1`])).toBe(`layerlens: registry://127.0.0.1:${port}/app:1: cannot connect to 127.0.0.1:${port} (connection refused)`);
	});

	test('a connection dropped mid-blob is retried and resumed with Range; the result is unchanged', async () => {
		const digest = await largestLayer(registry.host, 'small-app', 'gzip');
		const proxy = await startProxy(registry.host, {dropBlob: digest});
		try {
			const viaProxy = await exportOf([`registry://${proxy.host}/small-app:gzip`]);
			expect(analysisOf(viaProxy)).toEqual(analysisOf(await exportOf([archive.gzip])));
			const blobGets = proxy.log.filter(entry => entry.url.includes(`/blobs/${digest}`));
			expect(blobGets).toHaveLength(2);
			expect(blobGets[0]!.range).toBeUndefined();
			const resumedAt = Number(/^bytes=(\d+)-$/.exec(blobGets[1]!.range ?? '')?.[1]);
			expect(resumedAt).toBeGreaterThan(0);
		} finally {
			await proxy.stop();
		}
	});

	test('a 503 with Retry-After is retried', async () => {
		const proxy = await startProxy(registry.host, {unavailableOnce: true});
		try {
			await exportOf([`registry://${proxy.host}/small-app:zstd`]);
			expect(proxy.log.filter(entry => entry.url.includes('/manifests/zstd')).length).toBe(2);
		} finally {
			await proxy.stop();
		}
	});

	test('bearer token flow, anonymous: the token from the challenge realm is sent', async () => {
		const proxy = await startProxy(registry.host, {bearer: {}});
		try {
			const viaToken = await exportOf([`registry://${proxy.host}/small-app:gzip`]);
			expect(analysisOf(viaToken)).toEqual(analysisOf(await exportOf([archive.gzip])));
			expect(proxy.tokensIssued()).toBe(1);
			const tokenRequest = proxy.log.find(entry => entry.url.startsWith('/token'))!;
			expect(new URL(tokenRequest.url, 'http://x').searchParams.get('scope')).toBe('repository:small-app:pull');
			expect(new URL(tokenRequest.url, 'http://x').searchParams.get('service')).toBe('test-registry');
			expect(tokenRequest.authorization).toBeUndefined();
		} finally {
			await proxy.stop();
		}
	});

	test('bearer token flow with credentials from a docker config (HOME, then DOCKER_CONFIG)', async () => {
		const proxy = await startProxy(registry.host, {bearer: {user: 'alice', password: 's3cret'}});
		try {
			const reference = `registry://${proxy.host}/small-app:gzip`;
			expect(await failure([reference])).toBe(
				`layerlens: ${reference}: unauthorized: ${proxy.host} requires credentials for ${proxy.host}/small-app and none were found (docker login, or podman login)`,
			);
			const home = path.join(work, 'bearer-home');
			mkdirSync(path.join(home, '.docker'), {recursive: true});
			const auth = Buffer.from('alice:s3cret').toString('base64');
			writeFileSync(path.join(home, '.docker', 'config.json'), JSON.stringify({auths: {[proxy.host]: {auth}}}));
			await exportOf([reference], {HOME: home, DOCKER_CONFIG: ''});
			const other = path.join(work, 'bearer-docker-config');
			mkdirSync(other);
			writeFileSync(path.join(other, 'config.json'), JSON.stringify({auths: {[`http://${proxy.host}/v2/`]: {username: 'alice', password: 'wrong'}}}));
			expect(await failure([reference], {HOME: home, DOCKER_CONFIG: other})).toBe(
				`layerlens: ${reference}: unauthorized: ${proxy.host} refused the credentials from ${path.join(other, 'config.json')} (auths) for ${proxy.host}/small-app`,
			);
			const tokenAuth = proxy.log.filter(entry => entry.url.startsWith('/token')).map(entry => entry.authorization);
			expect(tokenAuth).toContain(`Basic ${auth}`);
		} finally {
			await proxy.stop();
		}
	});

	test('the explorer\'s file view re-fetches the layer blob from the registry', async () => {
		const {openRegistrySource} = await import('../../src/registry/registry-source.js');
		const {parseReference} = await import('../../src/registry/reference.js');
		const {loadImage} = await import('../../src/loader/load-image.js');
		const {openInput} = await import('../../src/loader/input-source.js');
		const source = await openRegistrySource(parseReference(`${registry.host}/small-app:zstd`)!, {env: cleanEnv, platform: undefined, hostPlatform: 'linux/amd64'});
		const fromRegistry = await loadImage(source);
		const fromArchive = await loadImage(await openInput(archive.zstd, process.stdin));
		const read = async (loaded: typeof fromRegistry, layer: number, file: string) => {
			let text = '';
			await loaded.content.forEachEntry(layer, name => name === file, async (_entry, body) => {
				for await (const chunk of body) text += (chunk as Buffer).toString('utf8');
			});
			return text;
		};
		expect(fromRegistry.content.available).toBe(true);
		const notes = await read(fromRegistry, 2, 'srv/docs/notes.txt');
		expect(notes).toContain('revision 2, line 1000');
		expect(notes).toBe(await read(fromArchive, 2, 'srv/docs/notes.txt'));
	});

	test('the host platform missing from an index: says so and lists the platforms', async () => {
		const {openRegistrySource} = await import('../../src/registry/registry-source.js');
		const {parseReference} = await import('../../src/registry/reference.js');
		await expect(openRegistrySource(parseReference(`${registry.host}/multi`)!, {env: cleanEnv, platform: undefined, hostPlatform: 'linux/riscv64'})).rejects.toThrow(
			`${registry.host}/multi:latest has no image for platform linux/riscv64 (this machine's platform; choose another with --platform); it has: linux/amd64, linux/arm64`,
		);
	});
});

describeWithRegistry('registry:// with htpasswd basic auth', () => {
	let registry: TestRegistry;
	beforeAll(async () => {
		registry = await startRegistry({bob: 'hunter2'});
		push(`oci-archive:${fixturePath('real/small-app.oci-archive.gzip.tar')}`, registry.host, 'private/app:1', {creds: 'bob:hunter2'});
	}, 120_000);
	afterAll(async () => registry?.stop());

	const authJson = (file: string, password: string) => {
		writeFileSync(file, JSON.stringify({auths: {[registry.host]: {auth: Buffer.from(`bob:${password}`).toString('base64')}}}));
		return file;
	};

	test('no credentials: 401 as one line', async () => {
		const reference = `registry://${registry.host}/private/app:1`;
		expect(await failure([reference])).toBe(
			`layerlens: ${reference}: unauthorized: ${registry.host} requires credentials for ${registry.host}/private/app and none were found (docker login, or podman login)`,
		);
	});

	test('credentials from $DOCKER_CONFIG/config.json; wrong ones named by their file', async () => {
		const dir = path.join(work, 'basic-docker');
		mkdirSync(dir, {recursive: true});
		authJson(path.join(dir, 'config.json'), 'hunter2');
		const fine = await exportOf([`registry://${registry.host}/private/app:1`], {DOCKER_CONFIG: dir});
		expect(fine.layer).toHaveLength(12);
		authJson(path.join(dir, 'config.json'), 'nope');
		expect(await failure([`registry://${registry.host}/private/app:1`], {DOCKER_CONFIG: dir})).toMatch(/unauthorized: .* refused the credentials from .*basic-docker\/config\.json \(auths\)/);
	});

	test('credentials from $REGISTRY_AUTH_FILE (podman\'s auth.json)', async () => {
		const file = authJson(path.join(work, 'auth.json'), 'hunter2');
		expect((await exportOf([`registry://${registry.host}/private/app:1`], {REGISTRY_AUTH_FILE: file})).layer).toHaveLength(12);
	});

	test('credentials from a credential helper (credHelpers and credsStore)', async () => {
		const bin = path.join(work, 'helper-bin');
		mkdirSync(bin, {recursive: true});
		const helper = path.join(bin, 'docker-credential-fake');
		writeFileSync(helper, `#!/bin/sh\nread server\nif [ "$1" = get ] && [ "$server" = "${registry.host}" ]; then echo '{"ServerURL":"'$server'","Username":"bob","Secret":"hunter2"}'; exit 0; fi\necho "credentials not found in native keychain"; exit 1\n`);
		chmodSync(helper, 0o755);
		const env = {PATH: `${bin}:${process.env['PATH'] ?? ''}`};
		for (const [name, config] of [
			['helpers', {credHelpers: {[registry.host]: 'fake'}}],
			['store', {credsStore: 'fake'}],
		] as const) {
			const dir = path.join(work, `cred-${name}`);
			mkdirSync(dir, {recursive: true});
			writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
			expect((await exportOf([`registry://${registry.host}/private/app:1`], {...env, DOCKER_CONFIG: dir})).layer).toHaveLength(12);
		}
		expect(readdirSync(bin)).toEqual(['docker-credential-fake']);
	});
});

describeWithRegistry('registry:// with a tampered blob (its own registry: blobs are shared between repositories)', () => {
	let registry: TestRegistry;
	beforeAll(async () => {
		registry = await startRegistry();
	}, 120_000);
	afterAll(async () => registry?.stop());

	test('a blob whose bytes do not match its digest: an error naming the blob', async () => {
		push(`oci-archive:${fixturePath('real/small-app.oci-archive.uncompressed.tar')}`, registry.host, 'tampered:1', {decompress: true});
		const digest = await largestLayer(registry.host, 'tampered', '1');
		const hex = digest.slice('sha256:'.length);
		const data = path.join(registry.storage, 'docker/registry/v2/blobs/sha256', hex.slice(0, 2), hex, 'data');
		const bytes = readFileSync(data);
		const at = bytes.length - 200_000; // inside the 1 MiB file's content: the tar still parses
		bytes[at] = bytes[at]! ^ 0xff;
		writeFileSync(data, bytes);
		const line = await failure([`registry://${registry.host}/tampered:1`]);
		expect(line).toMatch(new RegExp(`^layerlens: registry://${registry.host}/tampered:1: blob ${digest}: digest mismatch: the registry sent content with digest sha256:[a-f0-9]{64}$`));
	});

});
