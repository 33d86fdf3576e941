import {createHash} from 'node:crypto';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {rawTar} from '../helpers/raw-tar.js';
import {errorLine, runCli} from '../helpers/run-cli.js';

/**
A registry that misbehaves on purpose, one way per repository name, written here on 127.0.0.1 and closed by its
handle. Every run must end with one line and exit 2 (never hang, never grow without bound).
*/
const digest = (data: Buffer) => `sha256:${createHash('sha256').update(data).digest('hex')}`;
const layer = rawTar([{name: 'etc/hostname', data: 'box\n'}]);
const config = Buffer.from(JSON.stringify({architecture: 'amd64', os: 'linux', rootfs: {type: 'layers', diff_ids: [digest(layer)]}, history: [{created_by: 'x'}]}));
const manifestType = 'application/vnd.oci.image.manifest.v1+json';
const manifest = Buffer.from(
	JSON.stringify({
		schemaVersion: 2,
		mediaType: manifestType,
		config: {mediaType: 'application/vnd.oci.image.config.v1+json', digest: digest(config), size: config.length},
		layers: [{mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: digest(layer), size: layer.length}],
	}),
);
const blobs = new Map([
	[digest(config), config],
	[digest(layer), layer],
]);

type Behaviour = (kind: 'manifests' | 'blobs', reference: string, response: http.ServerResponse, request: http.IncomingMessage) => boolean;

const serveGood = (kind: string, reference: string, response: http.ServerResponse) => {
	const body = kind === 'manifests' ? manifest : blobs.get(reference);
	if (!body) {
		response.statusCode = 404;
		response.end();
		return;
	}
	if (kind === 'manifests') response.setHeader('content-type', manifestType);
	response.setHeader('content-length', body.length);
	response.end(body);
};

/** Writes `chunk` again and again, as fast as the client reads, until the client goes away; true (it answered). */
function writeForever(response: http.ServerResponse, request: http.IncomingMessage, chunk: Buffer): true {
	const pump = () => {
		while (!response.destroyed && response.write(chunk));
	};
	response.on('drain', pump);
	request.on('close', () => response.destroy());
	pump();
	return true;
}

/** Each returns true when it answered; false falls through to the good answer. */
const behaviours: Record<string, Behaviour> = {
	good: () => false,
	/** A "manifest" that never ends, without a Content-Length. */
	endless: (kind, _reference, response, request) => {
		if (kind !== 'manifests') return false;
		response.setHeader('content-type', manifestType);
		return writeForever(response, request, Buffer.alloc(64 * 1024, 0x20));
	},
	/** An error page that never ends. */
	'endless-error': (_kind, _reference, response, request) => {
		response.statusCode = 404;
		response.setHeader('content-type', 'text/html');
		return writeForever(response, request, Buffer.from('<p>not here</p>'.repeat(4096)));
	},
	/** Headers never come. */
	'stall-headers': () => true,
	/** The manifest's first bytes, then nothing. */
	'stall-manifest': (kind, _reference, response) => {
		if (kind !== 'manifests') return false;
		response.setHeader('content-type', manifestType);
		response.setHeader('content-length', manifest.length);
		response.write(manifest.subarray(0, 10));
		return true;
	},
	/** The layer's first bytes, then nothing. */
	'stall-blob': (kind, reference, response) => {
		if (kind !== 'blobs' || reference !== digest(layer)) return false;
		response.setHeader('content-length', layer.length);
		response.write(layer.subarray(0, 100));
		return true;
	},
	/** Asks for a token from a token service (on this server) that never answers. */
	'stall-token': (_kind, _reference, response, request) => {
		if (request.headers.authorization) return false;
		response.statusCode = 401;
		response.setHeader('www-authenticate', `Bearer realm="http://${host}/token",service="test"`);
		response.end();
		return true;
	},
	/** Always busy, come back in a year. */
	'retry-in-a-year': (_kind, _reference, response) => {
		response.statusCode = 429;
		response.setHeader('retry-after', String(365 * 24 * 3600));
		response.end();
		return true;
	},
};

let server: http.Server;
let host = '';

beforeAll(async () => {
	server = http.createServer((request, response) => {
		if (request.url?.startsWith('/token')) return; // the token service of 'stall-token': no headers, ever
		const match = /^\/v2\/([^/]+)\/(manifests|blobs)\/(.+)$/.exec(request.url ?? '');
		if (!match) {
			response.statusCode = request.url === '/v2/' ? 200 : 404;
			response.end('{}');
			return;
		}
		const [, repository, kind, reference] = match as unknown as [string, string, 'manifests' | 'blobs', string];
		if (!behaviours[repository]?.(kind, reference, response, request)) serveGood(kind, reference, response);
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise(resolve => server.close(resolve));
});

/** One run against repository `name`, with a 2 s read timeout so a stall is told in seconds. */
async function failure(name: string): Promise<string> {
	const run = await runCli(['-q', '--json', '-', `registry://${host}/${name}:latest`], {env: {LAYERLENS_READ_TIMEOUT: '2', HOME: '/nonexistent', DOCKER_CONFIG: '/nonexistent'}, timeoutMs: 30_000});
	expect(run.code, run.stderr).toBe(2);
	expect(run.stderr).not.toMatch(/\n\s+at /);
	const line = errorLine(run);
	expect(line.split('\n')).toHaveLength(1);
	return line;
}

describe('a hostile registry', () => {
	test('the well-behaved repository of the same server loads (the cases below differ from it in one way)', async () => {
		const run = await runCli(['-q', '--json', '-', `registry://${host}/good:latest`], {env: {LAYERLENS_READ_TIMEOUT: '2', HOME: '/nonexistent', DOCKER_CONFIG: '/nonexistent'}});
		expect(run.code, run.stderr).toBe(0);
		expect((JSON.parse(run.stdout) as {layer: unknown[]}).layer).toHaveLength(1);
	});

	test('a manifest that streams forever is cut at the manifest bound', async () => {
		expect(await failure('endless')).toMatch(/manifest latest is too large \(over 4194304 bytes\)$/);
	});

	test('an error page that streams forever is read no further than needed', async () => {
		expect(await failure('endless-error')).toMatch(/not found: .* has no .*endless-error:latest$/);
	});

	test('headers that never come: the read timeout ends the run', async () => {
		expect(await failure('stall-headers')).toMatch(/sent nothing for 2 s \(read timeout\)$/);
	});

	test('a manifest that stalls mid-body: the read timeout ends the run', async () => {
		expect(await failure('stall-manifest')).toMatch(/sent nothing for 2 s \(read timeout\)$/);
	});

	test('a layer blob that stalls mid-body: the read timeout ends the run, naming the blob', async () => {
		expect(await failure('stall-blob')).toMatch(new RegExp(`layer ${digest(layer)}: .*sent nothing for 2 s \\(read timeout\\)$`));
	});

	test('a token service that never answers: the read timeout ends the run', async () => {
		expect(await failure('stall-token')).toMatch(/token service 127\.0\.0\.1:\d+: .*sent nothing for 2 s \(read timeout\)$/);
	});

	test('a 429 with a Retry-After of a year is given up at once, saying so', async () => {
		expect(await failure('retry-in-a-year')).toMatch(/answered HTTP 429 and asks to retry after 31536000 s/);
	});
});
