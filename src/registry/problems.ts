import {InputError} from '../loader/errors.js';
import type {RegistryClient} from './client.js';
import {readCapped} from './read-body.js';
import {formatReference} from './reference.js';

/** A non-success answer of the registry as one phrase: what was asked, the status, and the registry's own error code. */
export async function registryProblem(response: Response, what: string, client: RegistryClient): Promise<InputError> {
	// An error page is read for its error code only: a body that never ends is cut at 64 KiB.
	const text = (await readCapped(response, 64 * 1024).catch(() => undefined))?.toString('utf8') ?? '';
	let detail = '';
	try {
		const body = JSON.parse(text) as {errors?: Array<{code?: string; message?: string}>};
		const first = body.errors?.[0];
		if (first) detail = [first.code, first.message].filter(Boolean).join(': ');
	} catch {
		detail = '';
	}
	const name = formatReference(client.reference);
	const suffix = detail ? ` (${detail})` : '';
	if (response.status === 404) return new InputError(`not found: ${client.reference.registry} has no ${what === 'manifest' ? name : `${what} in ${name}`}${suffix}`);
	if (response.status === 403) return new InputError(`access denied to ${name} by ${client.reference.registry}${suffix}`);
	return new InputError(`${what} of ${name}: the registry answered HTTP ${response.status}${suffix}`);
}
