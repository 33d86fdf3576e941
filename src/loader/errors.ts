/** A problem with what the user gave us: the CLI prints `layerlens: <input>: <message>` and exits 2. */
export class InputError extends Error {
	override readonly name = 'InputError';
}

/** Turns what a decoder or parser threw into a short description of the problem. */
export function describeProblem(error: unknown): string {
	if (error instanceof InputError) return error.message;
	const message = error instanceof Error ? error.message : String(error);
	const code = (error as {code?: string} | undefined)?.code;
	if (message === 'Unexpected end of data' || message === 'unexpected end of file' || code === 'Z_BUF_ERROR') {
		return 'truncated (unexpected end of data)';
	}
	if (code?.startsWith('Z_')) return `corrupt gzip data (${message})`;
	if (/zstd|frame|Unknown frame descriptor|corrupted/i.test(message)) return `corrupt zstd data (${message})`;
	if (message === 'Invalid tar header. Maybe the tar is corrupted or it needs to be gunzipped?') {
		return 'not a valid tar archive (bad header checksum)';
	}
	return message;
}
