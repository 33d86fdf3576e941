import {expect, test} from 'vitest';
import {parseChallenge} from '../../src/registry/challenge.js';
import {formatReference, isLocalHost, parseReference} from '../../src/registry/reference.js';
import {hostPlatform} from '../../src/registry/resolve-image.js';
import {retryAfterMs} from '../../src/registry/retry.js';
import {splitBuildArgs} from '../../src/cli/run-build.js';

const digest = `sha256:${'a'.repeat(64)}`;

test.each([
	['nginx', 'docker.io/library/nginx:latest'],
	['nginx:1.27', 'docker.io/library/nginx:1.27'],
	['org/app', 'docker.io/org/app:latest'],
	['index.docker.io/library/busybox:1', 'docker.io/library/busybox:1'],
	['ghcr.io/org/app:v1.2.3', 'ghcr.io/org/app:v1.2.3'],
	[`ghcr.io/org/app@${digest}`, `ghcr.io/org/app@${digest}`],
	[`app:1@${digest}`, `docker.io/library/app:1@${digest}`],
	['localhost/app', 'localhost/app:latest'],
	['127.0.0.1:5000/a/b/c:t', '127.0.0.1:5000/a/b/c:t'],
])('%s is %s, as docker resolves it', (text, full) => {
	expect(formatReference(parseReference(text)!)).toBe(full);
});

test.each(['Nginx', 'app:', 'app@sha256:123', 'a//b', '-app', 'app:-x', 'ghcr.io/Org/app', ''])('%s is not a reference', text => {
	expect(parseReference(text)).toBeUndefined();
});

test('plain HTTP only for the local machine', () => {
	expect(['localhost:5000', '127.0.0.1', '127.1.2.3:80', '[::1]:5000'].map(isLocalHost)).toEqual([true, true, true, true]);
	expect(['ghcr.io', 'localhost.example.com', '10.0.0.1:5000', '128.0.0.1'].map(isLocalHost)).toEqual([false, false, false, false]);
});

test('WWW-Authenticate challenges', () => {
	expect(parseChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"')).toEqual({
		scheme: 'bearer',
		params: {realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/nginx:pull'},
	});
	expect(parseChallenge('Basic realm="a \\"quoted\\", realm"')).toEqual({scheme: 'basic', params: {realm: 'a "quoted", realm'}});
	expect(parseChallenge('Bearer realm=https://x/t, service=reg')).toEqual({scheme: 'bearer', params: {realm: 'https://x/t', service: 'reg'}});
});

test('Retry-After as seconds or a date, capped at a minute', () => {
	expect(retryAfterMs('3')).toBe(3000);
	expect(retryAfterMs('3600')).toBe(60_000);
	expect(retryAfterMs(new Date(10_000).toUTCString(), 8_000)).toBe(2000);
	expect(retryAfterMs(null)).toBeUndefined();
	expect(retryAfterMs('soon')).toBeUndefined();
});

test('the host platform in docker\'s names', () => {
	expect(hostPlatform('x64')).toBe('linux/amd64');
	expect(hostPlatform('arm64')).toBe('linux/arm64');
	expect(hostPlatform('ia32')).toBe('linux/386');
});

test('layerlens build: our options out, the rest to the engine in order', () => {
	expect(splitBuildArgs(['--engine=podman', '-t', 'x', '--ci', '--json', 'o.json', '-q', '--platform', 'linux/arm64', '--lowestEfficiency=0.5', '.'])).toEqual({
		engine: 'podman',
		own: ['--ci', '--json', 'o.json', '--lowestEfficiency', '0.5'],
		build: ['-t', 'x', '-q', '--platform', 'linux/arm64', '.'],
	});
	expect(splitBuildArgs(['--engine', 'buildah'])).toEqual({error: 'unknown --engine buildah (docker or podman)'});
	expect(splitBuildArgs(['--json'])).toEqual({error: '--json needs a value'});
});
