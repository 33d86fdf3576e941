import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, test} from 'vitest';
import {describeWithFixtures, haveFixtures} from './fixtures.js';

const hasCommand = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;

/** docker-registry (Debian's distribution registry), skopeo and htpasswd: `.ci/run` installs them. */
export const haveRegistryTools = hasCommand('docker-registry') && hasCommand('skopeo') && hasCommand('htpasswd');

/** A describe block that needs the registry tools: an error under CI=true when they are missing, else skipped with the reason. */
export function describeWithRegistry(name: string, body: () => void): void {
	// The images pushed come from the shared fixtures.
	if (!haveFixtures) {
		describeWithFixtures(name, body);
		return;
	}
	if (haveRegistryTools) {
		describe(name, body);
		return;
	}
	if (process.env['CI'] === 'true') {
		describe(name, () => {
			throw new Error('docker-registry, skopeo or htpasswd missing (CI requires them: see .ci/run)');
		});
		return;
	}
	describe.skip(`${name} (needs docker-registry, skopeo and htpasswd: apt-get install docker-registry skopeo apache2-utils)`, () => {
		test('runs against a real registry', () => {});
	});
}

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const {port} = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

export type TestRegistry = {readonly host: string; readonly root: string; readonly storage: string; stop(): Promise<void>};

/** Starts the distribution registry on 127.0.0.1, a free port, temporary storage; `users` turns on htpasswd auth. */
export async function startRegistry(users?: Record<string, string>): Promise<TestRegistry> {
	const root = mkdtempSync(path.join(tmpdir(), 'layerlens-registry-'));
	const storage = path.join(root, 'storage');
	const port = await freePort();
	let auth = '';
	if (users) {
		const lines = Object.entries(users).map(([user, password]) => {
			const made = spawnSync('htpasswd', ['-Bbn', user, password], {encoding: 'utf8'});
			if (made.status !== 0) throw new Error(`htpasswd failed: ${made.stderr}`);
			return made.stdout.trim();
		});
		writeFileSync(path.join(root, 'htpasswd'), `${lines.join('\n')}\n`);
		auth = `auth:\n  htpasswd:\n    realm: test-realm\n    path: ${path.join(root, 'htpasswd')}\n`;
	}
	const config = path.join(root, 'config.yml');
	writeFileSync(config, `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${storage}\nhttp:\n  addr: 127.0.0.1:${port}\n${auth}`);
	const child = spawn('docker-registry', ['serve', config], {stdio: ['ignore', 'ignore', 'pipe']});
	let stderr = '';
	child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
	const host = `127.0.0.1:${port}`;
	await waitForRegistry(host, child, () => stderr);
	return {
		host,
		root,
		storage,
		async stop() {
			await stopChild(child);
			rmSync(root, {recursive: true, force: true});
		},
	};
}

async function waitForRegistry(host: string, child: ChildProcess, stderr: () => string): Promise<void> {
	for (let i = 0; i < 100; i++) {
		if (child.exitCode !== null) throw new Error(`docker-registry exited: ${stderr()}`);
		try {
			const response = await fetch(`http://${host}/v2/`);
			await response.body?.cancel();
			return;
		} catch {
			await new Promise(resolve => setTimeout(resolve, 100));
		}
	}
	await stopChild(child);
	throw new Error(`docker-registry did not start on ${host}: ${stderr()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.pid === undefined) return;
	const closed = new Promise(resolve => child.once('close', resolve));
	process.kill(child.pid, 'SIGTERM');
	await closed;
}

/** `skopeo copy` of an archive into the registry (`all`: every platform of an index). */
export function push(source: string, registry: string, target: string, options: {all?: boolean; creds?: string; decompress?: boolean} = {}): void {
	const args = ['copy', '--quiet', '--dest-tls-verify=false', ...(options.all ? ['--all'] : []), ...(options.decompress ? ['--dest-decompress'] : []), ...(options.creds ? ['--dest-creds', options.creds] : []), source, `docker://${registry}/${target}`];
	const result = spawnSync('skopeo', args, {encoding: 'utf8', env: {...process.env, HOME: tmpdir()}});
	if (result.status !== 0) throw new Error(`skopeo ${args.join(' ')} failed: ${result.stderr}`);
}

export type ProxyLog = {method: string; url: string; range: string | undefined; authorization: string | undefined}[];

export type ProxyOptions = {
	/** Require a bearer token from its own /token endpoint (anonymous, or with these Basic credentials). */
	readonly bearer?: {readonly user?: string; readonly password?: string};
	/** Drop the connection once, half-way through the first GET of a blob URL containing this digest. */
	readonly dropBlob?: string;
	/** Answer the first manifest request with 503 and `Retry-After: 0`. */
	readonly unavailableOnce?: boolean;
};

export type Proxy = {readonly host: string; readonly log: ProxyLog; readonly tokensIssued: () => number; stop(): Promise<void>};

/** A small HTTP proxy in front of the registry: the token dance of a bearer-auth registry, and injected faults. */
export async function startProxy(upstream: string, options: ProxyOptions): Promise<Proxy> {
	const log: ProxyLog = [];
	const tokens = new Set<string>();
	let dropped = false;
	let unavailable = false;
	const server = http.createServer((request, response) => {
		const url = request.url ?? '/';
		log.push({method: request.method ?? '', url, range: request.headers.range, authorization: request.headers.authorization});
		if (url.startsWith('/token')) {
			const wanted = options.bearer;
			if (wanted?.user !== undefined) {
				const expected = `Basic ${Buffer.from(`${wanted.user}:${wanted.password ?? ''}`).toString('base64')}`;
				if (request.headers.authorization !== expected) {
					response.writeHead(401, {'content-type': 'application/json'}).end('{"details":"bad credentials"}');
					return;
				}
			}
			const token = `t${tokens.size + 1}-${Math.random().toString(36).slice(2)}`;
			tokens.add(token);
			response.writeHead(200, {'content-type': 'application/json'}).end(JSON.stringify({token, expires_in: 300}));
			return;
		}
		if (options.bearer && url.startsWith('/v2/')) {
			const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
			if (!given || !tokens.has(given)) {
				const repo = /^\/v2\/(.+?)\/(?:manifests|blobs)\//.exec(url)?.[1] ?? '';
				response
					.writeHead(401, {'www-authenticate': `Bearer realm="http://${address()}/token",service="test-registry",scope="repository:${repo}:pull"`, 'content-type': 'application/json'})
					.end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}');
				return;
			}
		}
		if (options.unavailableOnce && !unavailable && url.includes('/manifests/')) {
			unavailable = true;
			response.writeHead(503, {'retry-after': '0'}).end();
			return;
		}
		const headers = {...request.headers};
		delete headers.authorization;
		const forward = http.request(`http://${upstream}${url}`, {method: request.method, headers}, upstreamResponse => {
			const drop = options.dropBlob !== undefined && !dropped && url.includes(`/blobs/${options.dropBlob}`) && upstreamResponse.statusCode === 200;
			response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
			if (!drop) {
				upstreamResponse.pipe(response);
				return;
			}
			dropped = true;
			const half = Math.floor(Number(upstreamResponse.headers['content-length'] ?? '0') / 2);
			let sent = 0;
			upstreamResponse.on('data', (chunk: Buffer) => {
				if (sent >= half) return;
				const part = chunk.subarray(0, half - sent);
				sent += part.length;
				response.write(part);
				if (sent >= half) {
					upstreamResponse.destroy();
					response.socket?.destroy();
				}
			});
		});
		forward.on('error', () => response.destroy());
		request.pipe(forward);
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const address = () => `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
	return {
		host: address(),
		log,
		tokensIssued: () => tokens.size,
		stop: () =>
			new Promise<void>(resolve => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
