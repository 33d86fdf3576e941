/** Exponential backoff: `base`, 2x`base`, 4x`base`… capped at 8 s. */
export function backoffDelay(attempt: number, base: number): number {
	return Math.min(8000, base * 2 ** (attempt - 1));
}

/** `Retry-After` as seconds or an HTTP date, capped at 60 s; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
	if (!header) return undefined;
	const seconds = /^\s*\d+\s*$/.test(header) ? Number(header) * 1000 : Date.parse(header) - now;
	return Number.isFinite(seconds) ? Math.min(60_000, Math.max(0, seconds)) : undefined;
}

/**
A `Retry-After` longer than the 60 s a retry waits at most: waiting would only fail later (or hang for a year), so
the request is given up at once with this phrase; undefined when the header is absent, unreadable or short enough.
*/
export function retryAfterRefused(header: string | null, now = Date.now()): string | undefined {
	if (!header) return undefined;
	const ms = /^\s*\d+\s*$/.test(header) ? Number(header) * 1000 : Date.parse(header) - now;
	if (!Number.isFinite(ms) || ms <= 60_000) return undefined;
	return `asks to retry after ${Math.round(ms / 1000)} s (Retry-After: ${header.trim()}); not waiting more than 60 s`;
}

export const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

function codeOf(error: unknown): string {
	const cause = (error as {cause?: {code?: unknown}} | undefined)?.cause;
	const code = (cause?.code ?? (error as {code?: unknown} | undefined)?.code) as unknown;
	return typeof code === 'string' ? code : '';
}

/** A connection that was reset or dropped (worth another try), as opposed to one that could not be made at all. */
export function isTransientNetworkError(error: unknown): boolean {
	const code = codeOf(error);
	if (['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ECONNABORTED', 'EAI_AGAIN'].includes(code)) return true;
	return error instanceof Error && /terminated|other side closed|socket hang up/i.test(error.message);
}

/** One phrase for a network failure. */
export function networkProblem(error: unknown, host: string): string {
	const code = codeOf(error);
	const cause = (error as {cause?: {message?: unknown}} | undefined)?.cause;
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot resolve ${host} (no DNS answer; offline?)`;
	if (code === 'ECONNREFUSED') return `cannot connect to ${host} (connection refused)`;
	if (/CERT|SSL|TLS/i.test(code)) return `TLS failure talking to ${host} (${code})`;
	const detail = typeof cause?.message === 'string' ? cause.message : error instanceof Error ? error.message : String(error);
	return `network failure talking to ${host}${code ? ` (${code})` : ''}: ${detail}`;
}
