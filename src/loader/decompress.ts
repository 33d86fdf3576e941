import {Readable, Transform} from 'node:stream';
import {createGunzip} from 'node:zlib';
import zstd from 'zstd-napi/binding.js';
import {InputError} from './errors.js';

export type Codec = 'gzip' | 'zstd';

/**
How far a compressed stream may expand before it is taken for a decompression bomb: more than `ratio` times the
compressed bytes the decoder has consumed so far, plus `slackBytes`. Checked on every chunk of output against the input
the decoder has actually used (not what was read ahead), so a crafted zstd stream of run-length blocks (~32000x) is
stopped just past `slackBytes` of output, in well under a second. gzip cannot pass ~1032x at all; a real zstd layer
of zeros (a disk image) reaches 32000x too, so up to `slackBytes` of it is allowed whatever the ratio.
*/
export type ExpansionLimit = {readonly ratio: number; readonly slackBytes: number};

export const defaultExpansionLimit: ExpansionLimit = {ratio: 1000, slackBytes: 1024 ** 3};

/** Decompresses `input` with bounded memory, failing with an InputError on corrupt or truncated data or a bomb. */
export function decompress(input: Readable, codec: Codec, limit: ExpansionLimit = defaultExpansionLimit): Readable {
	const zstdUsed = {bytes: 0};
	let expanded = 0;
	const gunzip = codec === 'gzip' ? createGunzip({chunkSize: 256 * 1024}) : undefined;
	const consumed = () => (gunzip ? gunzip.bytesWritten : zstdUsed.bytes);
	const guard = new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			expanded += chunk.length;
			const compressed = consumed();
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
	const decoder = gunzip ? input.pipe(gunzip) : Readable.from(zstdChunks(input, zstdUsed));
	input.on('error', error => decoder.destroy(error));
	decoder.on('error', error => guard.destroy(decoderProblem(codec, error)));
	guard.on('close', () => {
		if (!decoder.destroyed) decoder.destroy();
	});
	return decoder.pipe(guard);
}

/**
zstd decoding that only produces output as fast as it is consumed (zstd-napi's own stream pushes everything a chunk
expands to at once: a zero-filled layer would sit in memory whole). `used.bytes` counts the input consumed so far.
*/
async function* zstdChunks(input: AsyncIterable<Buffer>, used: {bytes: number}): AsyncGenerator<Buffer> {
	const context = new zstd.DCtx();
	const size = zstd.dStreamOutSize();
	let inFrame = false;
	for await (const chunk of input) {
		let source: Buffer = chunk;
		for (;;) {
			const target = Buffer.allocUnsafe(size);
			const [remaining, produced, consumed] = context.decompressStream(target, source);
			source = source.subarray(consumed);
			used.bytes += consumed;
			if (produced > 0) yield target.subarray(0, produced);
			if (source.length === 0 && (produced < size || remaining === 0)) {
				inFrame = remaining !== 0;
				break;
			}
		}
	}
	if (inFrame) throw new InputError('truncated (zstd stream ends early)');
}

function decoderProblem(codec: Codec, error: Error): InputError {
	if (error instanceof InputError) return error;
	const code = (error as {code?: string}).code;
	if (code === 'Z_BUF_ERROR' || /unexpected end|truncated|incomplete|ended in middle/i.test(error.message)) {
		return new InputError(`truncated (${codec} stream ends early)`);
	}
	return new InputError(`corrupt ${codec} data (${error.message})`);
}
