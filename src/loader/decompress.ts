import {Transform, type Readable} from 'node:stream';
import {createGunzip} from 'node:zlib';
import {DecompressStream} from 'zstd-napi';
import {InputError} from './errors.js';

export type Codec = 'gzip' | 'zstd';

/** How far a compressed stream may expand before it is taken for a decompression bomb. */
export type ExpansionLimit = {readonly ratio: number; readonly slackBytes: number};

export const defaultExpansionLimit: ExpansionLimit = {ratio: 2000, slackBytes: 256 * 1024 * 1024};

/**
Decompresses `input`; fails with an InputError once the output outgrows `ratio` × the compressed bytes seen so far
plus `slackBytes`. gzip cannot expand past ~1032×, so only zstd (or nested tricks) can trip it with real data.
*/
export function decompress(input: Readable, codec: Codec, limit: ExpansionLimit = defaultExpansionLimit): Readable {
	let compressed = 0;
	let expanded = 0;
	input.on('data', (chunk: Buffer) => {
		compressed += chunk.length;
	});
	const decoder = codec === 'gzip' ? createGunzip({chunkSize: 256 * 1024}) : new DecompressStream();
	const guard = new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			expanded += chunk.length;
			if (expanded > compressed * limit.ratio + limit.slackBytes) {
				callback(
					new InputError(
						`${codec} data expands more than ${limit.ratio}x (${expanded} bytes from ${compressed}): refusing a likely decompression bomb`,
					),
				);
				return;
			}
			callback(null, chunk);
		},
	});
	input.on('error', error => decoder.destroy(error));
	decoder.on('error', error => guard.destroy(decoderProblem(codec, error)));
	return input.pipe(decoder).pipe(guard);
}

function decoderProblem(codec: Codec, error: Error): InputError {
	if (error instanceof InputError) return error;
	const code = (error as {code?: string}).code;
	if (code === 'Z_BUF_ERROR' || /unexpected end|truncated|incomplete/i.test(error.message)) {
		return new InputError(`truncated (${codec} stream ends early)`);
	}
	return new InputError(`corrupt ${codec} data (${error.message})`);
}
