import {InputError} from '../loader/errors.js';
import {parseChallenge} from './challenge.js';
import {findCredentials, type Credentials, type Environment} from './credentials.js';
import {apiHost, isLocalHost, type ImageReference} from './reference.js';
import {readCapped} from './read-body.js';
import {watchedFetch, readTimeoutMs} from './read-timeout.js';
import {backoffDelay, isTransientNetworkError, networkProblem, retryAfterMs, retryAfterRefused, sleep} from './retry.js';

export type ClientOptions = {
	readonly insecure?: boolean;
	readonly env: Environment;
	/** Attempts for a transient failure (5xx, 429, a dropped connection) before giving up. */
	readonly attempts?: number;
	/** First backoff delay in ms; it doubles per attempt (a `Retry-After` header wins). */
	readonly backoffMs?: number;
	/** An Authorization header already obtained (a decode worker continues with the main thread's token). */
	readonly authorization?: string | undefined;
	/** How long a request may wait for the answer's headers or for its next body bytes (default: see read-timeout.ts). */
	readonly readTimeoutMs?: number;
};

export type RegistryClient = {
	readonly reference: ImageReference;
	readonly baseUrl: string;
	/** GET `/v2/<repository>/<path>`, authenticating on a 401 challenge and retrying transient failures. */
	get(path: string, headers?: Readonly<Record<string, string>>): Promise<Response>;
	readonly attempts: number;
	readonly backoffMs: number;
	/** The Authorization header in use, if any, to hand to a worker. */
	authorization(): string | undefined;
};

/** A client for one repository of one registry (the token scope is the repository's pull scope). */
export function createRegistryClient(reference: ImageReference, options: ClientOptions): RegistryClient {
	const scheme = options.insecure || isLocalHost(reference.registry) ? 'http' : 'https';
	const baseUrl = `${scheme}://${apiHost(reference.registry)}`;
	const attempts = options.attempts ?? 5;
	const backoffMs = options.backoffMs ?? 250;
	let authorization: string | undefined = options.authorization;
	const timeoutMs = options.readTimeoutMs ?? readTimeoutMs(options.env);
	let credentials: Promise<Credentials | undefined> | undefined;
	const credentialsFor = () => (credentials ??= findCredentials(reference.registry, reference.repository, options.env));

	const authenticate = async (header: string | null): Promise<string> => {
		const challenge = header ? parseChallenge(header) : undefined;
		const found = await credentialsFor();
		if (challenge?.scheme === 'basic') {
			if (found?.kind !== 'password') throw unauthorized(reference, found);
			return `Basic ${Buffer.from(`${found.username}:${found.password}`).toString('base64')}`;
		}
		if (challenge?.scheme === 'bearer' && challenge.params['realm']) {
			const token = await fetchToken(challenge.params, reference, found, options.insecure === true, timeoutMs);
			return `Bearer ${token}`;
		}
		throw new InputError(`the registry asks for authentication it does not describe (WWW-Authenticate: ${header ?? 'none'})`);
	};

	const get = async (path: string, headers: Readonly<Record<string, string>> = {}): Promise<Response> => {
		const url = `${baseUrl}/v2/${reference.repository}/${path}`;
		let authenticated = false;
		for (let attempt = 1; ; attempt++) {
			let response: Response;
			try {
				response = await watchedFetch(url, {headers: {...headers, ...(authorization ? {authorization} : {})}}, timeoutMs, reference.registry);
			} catch (error) {
				if (error instanceof InputError) throw error;
				if (attempt < attempts && isTransientNetworkError(error)) {
					await sleep(backoffDelay(attempt, backoffMs));
					continue;
				}
				throw new InputError(networkProblem(error, reference.registry));
			}
			if (response.status === 401 && !authenticated) {
				await response.body?.cancel();
				authorization = await authenticate(response.headers.get('www-authenticate'));
				authenticated = true;
				attempt--;
				continue;
			}
			if ((response.status >= 500 || response.status === 429) && attempt < attempts) {
				await response.body?.cancel();
				const refused = retryAfterRefused(response.headers.get('retry-after'));
				if (refused) throw new InputError(`${reference.registry} answered HTTP ${response.status} and ${refused}`);
				await sleep(retryAfterMs(response.headers.get('retry-after')) ?? backoffDelay(attempt, backoffMs));
				continue;
			}
			if (response.status === 401) {
				await response.body?.cancel();
				throw unauthorized(reference, await credentialsFor());
			}
			return response;
		}
	};
	return {reference, baseUrl, get, attempts, backoffMs, authorization: () => authorization};
}

function unauthorized(reference: ImageReference, found: Credentials | undefined): InputError {
	const what = `${reference.registry}/${reference.repository}`;
	return new InputError(
		found
			? `unauthorized: ${reference.registry} refused the credentials from ${found.from} for ${what}`
			: `unauthorized: ${reference.registry} requires credentials for ${what} and none were found (docker login, or podman login)`,
	);
}

/** The token flow of the registry's `Bearer` challenge: anonymous, with a user name and password, or an identity token. */
async function fetchToken(
	params: Readonly<Record<string, string>>,
	reference: ImageReference,
	found: Credentials | undefined,
	insecure: boolean,
	timeoutMs: number,
): Promise<string> {
	let realm: URL;
	try {
		realm = new URL(params['realm']!);
	} catch {
		throw new InputError(`the registry's token realm is not a URL: ${params['realm']}`);
	}
	if (realm.protocol !== 'https:' && !(realm.protocol === 'http:' && (insecure || isLocalHost(realm.host)))) {
		throw new InputError(`the registry's token realm ${realm.origin} is not HTTPS; refusing to send credentials there (--insecure allows it)`);
	}
	const scope = `repository:${reference.repository}:pull`;
	let response: Response;
	try {
		if (found?.kind === 'identity-token') {
			const form = new URLSearchParams({grant_type: 'refresh_token', refresh_token: found.token, service: params['service'] ?? '', scope, client_id: 'layerlens'});
			response = await watchedFetch(realm, {method: 'POST', body: form}, timeoutMs, realm.host);
		} else {
			if (params['service']) realm.searchParams.set('service', params['service']);
			realm.searchParams.set('scope', scope);
			const authorization = found ? `Basic ${Buffer.from(`${found.username}:${found.password}`).toString('base64')}` : undefined;
			response = await watchedFetch(realm, {headers: authorization ? {authorization} : {}}, timeoutMs, realm.host);
		}
	} catch (error) {
		throw new InputError(`token service ${realm.host}: ${networkProblem(error, realm.host)}`);
	}
	if (response.status === 401 || response.status === 403) {
		await response.body?.cancel();
		throw unauthorized(reference, found);
	}
	if (!response.ok) {
		await response.body?.cancel();
		throw new InputError(`token service ${realm.host} answered HTTP ${response.status}`);
	}
	const text = await readCapped(response, 1024 * 1024).catch(() => undefined);
	let body: {token?: unknown; access_token?: unknown} = {};
	try {
		const parsed = JSON.parse(text?.toString('utf8') ?? '{}') as unknown;
		if (typeof parsed === 'object' && parsed !== null) body = parsed as typeof body;
	} catch {
		body = {};
	}
	const token = typeof body.token === 'string' ? body.token : body.access_token;
	if (typeof token !== 'string' || token === '') throw new InputError(`token service ${realm.host} returned no token`);
	return token;
}
