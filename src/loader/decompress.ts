import {Readable, Transform} from 'node:stream';
import {InputError} from './errors.js';
import {zstdDecoder, type ZstdDecoder} from './zstd-decoder.js';

export type Codec = 'gzip' | 'zstd';

/**
How far a compressed stream may expand before it is taken for a decompression bomb: more than `ratio` times its
compressed size and more than `slackBytes` in all. No real layer comes near 1000x beyond 8 GiB (gzip cannot pass
~1032x at all); a crafted zstd stream of run-length blocks can reach ~43000x and would otherwise run for hours.
*/
export type ExpansionLimit = {readonly ratio: number; readonly slackBytes: number};

export const defaultExpansionLimit: ExpansionLimit = {ratio: 1000, slackBytes: 1024 ** 3};

/** Decompresses `input` with bounded memory, failing with an InputError on corrupt or truncated data or a bomb. */
export function decompress(
	input: Readable,
	codec: Codec,
	limit: ExpansionLimit = defaultExpansionLimit,
	zstd: () => Promise<ZstdDecoder> = zstdDecoder,
): Readable {
	let compressed = 0;
	let expanded = 0;
	// What the decoder has really used: a bomb's few bytes per 128 KiB run, not the read-ahead of its whole file.
	const used = {bytes: 0, counted: false};
	// Counted on the way into the decoder (a 'data' listener would start the flow before a lazily loaded decoder reads).
	const counted = input.pipe(
		new Transform({
			transform(chunk: Buffer, _encoding, callback) {
				compressed += chunk.length;
				callback(null, chunk);
			},
		}),
	);
	const guard = new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			expanded += chunk.length;
			const input = gunzip ? gunzip.bytesWritten : used.counted ? used.bytes : compressed;
			if (expanded > input * limit.ratio + limit.slackBytes) {
				callback(
					new InputError(
						`${codec} data expands more than ${limit.ratio}x (${expanded} bytes from ${input}): refusing a likely decompression bomb`,
					),
				);
				return;
			}
			callback(null, chunk);
		},
	});
	// node:zlib loads with the first compressed stream: an uncompressed image never pays for it.
	const gunzip = codec === 'gzip' ? process.getBuiltinModule('node:zlib').createGunzip({chunkSize: 256 * 1024}) : undefined;
	const decoder = gunzip ? counted.pipe(gunzip) : Readable.from(zstdChunks(counted, zstd, used));
	input.on('error', error => {
		decoder.destroy(error);
		// The decoder's input ends with its source. A zstd decoder is an async generator reading `counted`, and its
		// teardown waits for that read, which would never come otherwise. Closed without an error: the decoder fails
		// with the source's, and nothing listens on `counted` for one.
		counted.destroy();
	});
	guard.on('close', () => {
		if (!counted.destroyed) counted.destroy();
	});
	decoder.on('error', error => guard.destroy(decoderProblem(codec, error)));
	guard.on('close', () => {
		if (!decoder.destroyed) decoder.destroy();
	});
	return decoder.pipe(guard);
}

/** The zstd decoder loads on first use only, so gzip and plain images never need one. */
async function* zstdChunks(input: Readable, zstd: () => Promise<ZstdDecoder>, used: {bytes: number; counted: boolean}): AsyncGenerator<Buffer> {
	const decoder = await zstd();
	used.counted = decoder.kind !== 'node:zlib';
	yield* decoder.decode(input, used);
}

export function decoderProblem(codec: Codec, error: Error): InputError {
	if (error instanceof InputError) return error;
	const code = (error as {code?: string}).code;
	if (code === 'Z_BUF_ERROR' || /unexpected end|truncated|incomplete|ended in middle/i.test(error.message)) {
		return new InputError(`truncated (${codec} stream ends early)`);
	}
	return new InputError(`corrupt ${codec} data (${error.message})`);
}
