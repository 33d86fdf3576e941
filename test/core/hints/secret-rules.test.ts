import {describe, expect, test} from 'vitest';
import {mayBeSecretByName, mayHoldSecret, secretKindOf} from '../../../src/core/hints/secret-rules.js';
import {packageCacheOf, packageCacheOfRelative, packageCaches, underCacheTop} from '../../../src/core/hints/package-caches.js';

describe('secretKindOf', () => {
	test.each([
		['/root/.ssh/id_rsa', undefined, 'SSH private key'],
		['/home/app/.ssh/id_ed25519', undefined, 'SSH private key'],
		['/root/.git-credentials', undefined, 'git credentials'],
		['/root/.netrc', undefined, 'netrc login'],
		['/root/.aws/credentials', undefined, 'AWS credentials'],
		['/etc/ssl/private/site.key', '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n', 'PEM private key'],
		['/srv/keys/token.pem', '-----BEGIN EC PRIVATE KEY-----\n', 'PEM private key'],
		['/srv/app/.env', 'DB_PASSWORD="s3cr3t-pa55"\n', '.env file with tokens'],
		['/srv/app/.env.production', 'export STRIPE=sk_live_abcdefghijklmnopqrstuv\n', '.env file with tokens'],
		['/root/.npmrc', '//registry.npmjs.org/:_authToken=npm_abcdefghijklmnopqrstuvwxyz0123456789\n', 'npm token'],
		['/root/.pypirc', '[pypi]\nusername = __token__\npassword = pypi-AgEIcHlwaS5vcmcCJGFiY2RlZmdoaWprbG1ub3BxcnN0\n', 'PyPI password'],
		['/root/.docker/config.json', '{"auths": {"registry.example.com": {"auth": "dXNlcjpwYXNz"}}}', 'Docker registry login'],
	])('%s is a secret (%s)', (path, head, what) => {
		expect(mayHoldSecret(path.slice(1))).toBe(true);
		expect(secretKindOf(path, head)).toBe(what);
	});

	test.each([
		['/srv/app/.env.example', 'API_TOKEN=\nDB_PASSWORD=changeme\nSECRET_KEY=<your secret key>\nAPI_KEY=${API_KEY}\n'],
		['/srv/app/.env', 'APP_ENV=production\nPORT=8080\n'],
		['/root/.npmrc', '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n'],
		['/root/.docker/config.json', '{"auths": {}, "credsStore": "desktop"}'],
		['/etc/ssl/certs/site.pem', '-----BEGIN CERTIFICATE-----\nMIIB\n'],
		['/root/.ssh/id_rsa.pub', 'ssh-rsa AAAAB3NzaC1yc2E root@host\n'],
		['/srv/app/.pypirc', '[pypi]\nusername = me\n'],
	])('%s is not a secret', (path, head) => {
		expect(secretKindOf(path, head)).toBeUndefined();
	});

	test('mayBeSecretByName passes every path secretKindOf names without first bytes, and few others', () => {
		const named = ['root/.ssh/id_rsa', 'id_dsa', 'home/a/.ssh/id_ecdsa_sk', 'root/.git-credentials', 'root/.netrc', 'x/_netrc', 'root/.aws/credentials'];
		for (const path of named) {
			expect(secretKindOf(path, undefined)).toBeDefined();
			expect(mayBeSecretByName(path)).toBe(true);
		}
		for (const path of ['usr/lib/libc.so.6', 'srv/app/.env', 'etc/ssl/site.key', 'srv/my_id_rsa', 'srv/.aws/credentials.bak', 'netrc']) {
			expect(mayBeSecretByName(path)).toBe(false);
			expect(secretKindOf(path, undefined)).toBeUndefined();
		}
		// Passed, but not a secret by name alone: the rules decide.
		expect(mayBeSecretByName('root/.ssh/id_rsa.pub')).toBe(true);
		expect(secretKindOf('root/.ssh/id_rsa.pub', undefined)).toBeUndefined();
	});

	test('a key-like name is not a secret without its first bytes (the loader records them only for small files)', () => {
		expect(secretKindOf('/srv/tls/server.key', undefined)).toBeUndefined();
		expect(mayHoldSecret('usr/lib/libc.so.6')).toBe(false);
	});
});

describe('packageCacheOf', () => {
	test.each([
		['/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4', 'apt lists'],
		['/var/cache/apt/archives/curl_7.88.1-10_amd64.deb', 'apt archives'],
		['/var/cache/apk/APKINDEX.5022a8a2.tar.gz', 'apk'],
		['/root/.cache/pip/http/a/b/c', 'pip'],
		['/home/app/.cache/pip/wheels/x.whl', 'pip'],
		['/root/.npm/_cacache/content-v2/sha512/ab/cd', 'npm'],
		['/usr/local/share/.cache/yarn/v6/npm-left-pad.tgz', 'yarn'],
		['/root/.cache/go-build/ab/abcdef-d', 'go build cache'],
	])('%s belongs to %s', (path, manager) => {
		expect(packageCacheOf(path)?.manager).toBe(manager);
		expect(packageCacheOfRelative(path.slice(1))?.manager).toBe(manager);
	});

	test.each(['/var/lib/apt/extended_states', '/var/cache/apk', '/home/app/.cache/other/x', '/root/.npm/config', '/home/a/b/.cache/pip/x'])('%s is not a cache file', path => {
		expect(packageCacheOf(path)).toBeUndefined();
		expect(packageCacheOfRelative(path.slice(1))).toBeUndefined();
	});

	test('the cheap pre-test passes every cache file of the table and drops paths outside its top directories', () => {
		for (const {pattern} of packageCaches) {
			const relative = `${pattern.slice(1).replace('*', 'app')}/some/file`;
			expect(packageCacheOf(`/${relative}`)).toBeDefined();
			expect(underCacheTop(relative)).toBe(true);
		}
		for (const path of ['variable/cache/apt/x', 'var', 'rooted/.npm/_cacache/x', 'app/node_modules/x.js', 'gopher/pkg', 'usr/share/tools/x.js', 'var/log/x', 'root/.bashrc']) {
			expect(underCacheTop(path)).toBe(false);
		}
	});
});
