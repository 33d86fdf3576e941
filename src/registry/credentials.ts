import {spawn} from 'node:child_process';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {InputError} from '../loader/errors.js';
import {dockerHub} from './reference.js';

/** A user name and secret, or an identity (refresh) token, for one registry. */
export type Credentials =
	| {readonly kind: 'password'; readonly username: string; readonly password: string; readonly from: string}
	| {readonly kind: 'identity-token'; readonly token: string; readonly from: string};

export type Environment = Readonly<Record<string, string | undefined>>;

type AuthFile = {
	auths?: Record<string, {auth?: string; username?: string; password?: string; identitytoken?: string}>;
	credHelpers?: Record<string, string>;
	credsStore?: string;
};

/**
Finds credentials for `registry` (and `repository`, for containers' per-repository entries) the way docker and podman
do: `$REGISTRY_AUTH_FILE`, then docker's `config.json` (`$DOCKER_CONFIG` or `~/.docker`: `credHelpers`, `auths`,
`credsStore`), then containers' `auth.json` (`$XDG_RUNTIME_DIR/containers`, `~/.config/containers`).
*/
export async function findCredentials(registry: string, repository: string, env: Environment): Promise<Credentials | undefined> {
	for (const file of authFiles(env)) {
		const config = await readAuthFile(file);
		if (!config) continue;
		const found = await fromAuthFile(config, file, registry, repository, env);
		if (found) return found;
	}
	return undefined;
}

function authFiles(env: Environment): string[] {
	const home = env['HOME'] ?? '';
	const files: string[] = [];
	if (env['REGISTRY_AUTH_FILE']) files.push(env['REGISTRY_AUTH_FILE']);
	files.push(path.join(env['DOCKER_CONFIG'] || path.join(home, '.docker'), 'config.json'));
	if (env['XDG_RUNTIME_DIR']) files.push(path.join(env['XDG_RUNTIME_DIR'], 'containers', 'auth.json'));
	files.push(path.join(env['XDG_CONFIG_HOME'] || path.join(home, '.config'), 'containers', 'auth.json'));
	return files;
}

async function readAuthFile(file: string): Promise<AuthFile | undefined> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch {
		return undefined;
	}
	try {
		const parsed = JSON.parse(text) as unknown;
		return parsed && typeof parsed === 'object' ? (parsed as AuthFile) : undefined;
	} catch {
		throw new InputError(`${file} is not valid JSON`);
	}
}

async function fromAuthFile(config: AuthFile, file: string, registry: string, repository: string, env: Environment): Promise<Credentials | undefined> {
	const helper = config.credHelpers?.[registry] ?? (registry === dockerHub ? config.credHelpers?.['index.docker.io'] : undefined);
	if (helper) return runHelper(helper, registry, env);
	const entry = matchAuth(config.auths ?? {}, registry, repository);
	if (entry) {
		const from = `${file} (auths)`;
		if (entry.identitytoken) return {kind: 'identity-token', token: entry.identitytoken, from};
		if (entry.auth) {
			const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
			const colon = decoded.indexOf(':');
			if (colon > 0) return {kind: 'password', username: decoded.slice(0, colon), password: decoded.slice(colon + 1), from};
		}
		if (entry.username && entry.password) return {kind: 'password', username: entry.username, password: entry.password, from};
	}
	if (config.credsStore) return runHelper(config.credsStore, registry, env);
	return undefined;
}

/** `auths` keys may be a host, a URL (`https://index.docker.io/v1/`), or (containers) `host/namespace/repo`. */
function matchAuth<T>(auths: Record<string, T>, registry: string, repository: string): T | undefined {
	let best: {length: number; value: T} | undefined;
	for (const [key, value] of Object.entries(auths)) {
		let name = key.replace(/^https?:\/\//, '').replace(/\/+$/, '');
		if (name === 'index.docker.io/v1' || name === 'index.docker.io' || name === 'registry-1.docker.io') name = dockerHub;
		name = name.replace(/\/v[12]$/, '');
		const full = `${registry}/${repository}`;
		if (name === registry || full === name || full.startsWith(`${name}/`)) {
			if (!best || name.length > best.length) best = {length: name.length, value};
		}
	}
	return best?.value;
}

/** Asks `docker-credential-<helper> get` (the docker credential helper protocol: server URL in, JSON out). */
async function runHelper(helper: string, registry: string, env: Environment): Promise<Credentials | undefined> {
	if (!/^[\w.-]+$/.test(helper)) throw new InputError(`credential helper name "${helper}" is not valid`);
	const program = `docker-credential-${helper}`;
	const server = registry === dockerHub ? 'https://index.docker.io/v1/' : registry;
	const {code, stdout, stderr} = await run(program, ['get'], server, env);
	if (code === 'ENOENT') throw new InputError(`credential helper ${program} is not installed or not on PATH`);
	if (code !== 0) {
		// The protocol's answer for "no credentials for this server".
		if (/credentials not found/i.test(stdout + stderr)) return undefined;
		throw new InputError(`credential helper ${program} failed: ${(stderr || stdout).trim().split('\n')[0] ?? ''}`);
	}
	let answer: {Username?: string; Secret?: string};
	try {
		answer = JSON.parse(stdout) as {Username?: string; Secret?: string};
	} catch {
		throw new InputError(`credential helper ${program} did not answer JSON`);
	}
	if (!answer.Secret) return undefined;
	const from = `credential helper ${program}`;
	if (answer.Username === '<token>') return {kind: 'identity-token', token: answer.Secret, from};
	return {kind: 'password', username: answer.Username ?? '', password: answer.Secret, from};
}

function run(program: string, args: string[], input: string, env: Environment): Promise<{code: number | string; stdout: string; stderr: string}> {
	return new Promise(resolve => {
		const child = spawn(program, args, {stdio: ['pipe', 'pipe', 'pipe'], env: env as NodeJS.ProcessEnv});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('error', (error: NodeJS.ErrnoException) => resolve({code: error.code ?? 'error', stdout, stderr}));
		child.on('close', code => resolve({code: code ?? 'signal', stdout, stderr}));
		child.stdin.on('error', () => {});
		child.stdin.end(input);
	});
}
