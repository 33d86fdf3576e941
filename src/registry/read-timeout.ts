import {InputError} from '../loader/errors.js';
import type {Environment} from './credentials.js';

/** The default wait for a registry's headers or next body bytes; LAYERLENS_READ_TIMEOUT (seconds) overrides it. */
export const defaultReadTimeoutMs = 60_000;

export function readTimeoutMs(env: Environment): number {
	const seconds = Number(env['LAYERLENS_READ_TIMEOUT']);
	return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : defaultReadTimeoutMs;
}

/**
`fetch` with a read timeout: the request fails when the headers do not arrive within `timeoutMs`, and the body fails
when, while its reader waits for bytes, none arrive within `timeoutMs`. A consumer that is slow to ask for more
(backpressure) never trips it: the clock runs only while a read is outstanding. Both failures are one InputError
naming the host, so a registry that stalls mid-answer ends the run with one line instead of hanging.
*/
export async function watchedFetch(url: string | URL, init: RequestInit, timeoutMs: number, host: string): Promise<Response> {
	const controller = new AbortController();
	const stalled = () => new InputError(`${host} sent nothing for ${timeoutMs / 1000} s (read timeout)`);
	let timer = setTimeout(() => controller.abort(stalled()), timeoutMs);
	let response: Response;
	try {
		response = await fetch(url, {...init, signal: controller.signal});
	} catch (error) {
		if (controller.signal.aborted) throw controller.signal.reason as Error;
		throw error;
	} finally {
		clearTimeout(timer);
	}
	const body = response.body;
	if (!body) return response;
	const reader = body.getReader();
	const watched = new ReadableStream<Uint8Array>({
		async pull(out) {
			timer = setTimeout(() => controller.abort(stalled()), timeoutMs);
			try {
				const {done, value} = await reader.read();
				if (done) out.close();
				else out.enqueue(value);
			} catch (error) {
				throw controller.signal.aborted ? (controller.signal.reason as Error) : error;
			} finally {
				clearTimeout(timer);
			}
		},
		async cancel(reason) {
			await reader.cancel(reason);
		},
	});
	return new Response(watched, {status: response.status, statusText: response.statusText, headers: response.headers});
}
