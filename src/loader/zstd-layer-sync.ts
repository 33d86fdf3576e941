import {closeSync, openSync, readSync} from 'node:fs';
import {decoderProblem, defaultExpansionLimit, type ExpansionLimit} from './decompress.js';
import {InputError} from './errors.js';
import type {ParsedLayer} from './read-layer.js';
import {createTarPushParser} from './tar-push-parser.js';
import type {NapiBinding} from './zstd-decoder.js';

const inputBytes = 256 * 1024;
const outputBytes = 512 * 1024;

/**
A zstd layer blob at [start, end) of a file, decoded and parsed on this thread without streams: blocking reads into
one input buffer, zstd-napi decoding into one output buffer, the tar parsed and hashed from it before the next
decode overwrites it. For a decode worker: constant memory (no buffer per chunk for the garbage collector to find
late) and no per-chunk stream machinery. Errors read as the streamed path's: corrupt or truncated zstd data, a
decompression bomb, a truncated tar.
*/
export function readZstdLayerSync(binding: NapiBinding, file: string, start: number, end: number, limit: ExpansionLimit = defaultExpansionLimit): ParsedLayer {
	const fd = openSync(file, 'r');
	try {
		const context = new binding.DCtx();
		const input = Buffer.allocUnsafe(inputBytes);
		const output = Buffer.allocUnsafe(outputBytes);
		const parser = createTarPushParser();
		let used = 0;
		let expanded = 0;
		let inFrame = false;
		for (let position = start; position < end; ) {
			const count = readSync(fd, input, 0, Math.min(inputBytes, end - position), position);
			if (count === 0) throw new InputError('truncated (unexpected end of data)');
			position += count;
			let source = input.subarray(0, count);
			for (;;) {
				let remaining: number;
				let produced: number;
				let consumed: number;
				try {
					[remaining, produced, consumed] = context.decompressStream(output, source);
				} catch (error) {
					throw decoderProblem('zstd', error as Error);
				}
				source = source.subarray(consumed);
				used += consumed;
				if (produced > 0) {
					expanded += produced;
					if (expanded > used * limit.ratio + limit.slackBytes) {
						throw new InputError(`zstd data expands more than ${limit.ratio}x (${expanded} bytes from ${used}): refusing a likely decompression bomb`);
					}
					parser.push(output.subarray(0, produced));
				}
				if (source.length === 0 && (produced < outputBytes || remaining === 0)) {
					inFrame = remaining !== 0;
					break;
				}
			}
		}
		if (inFrame) throw new InputError('truncated (zstd stream ends early)');
		return parser.end('zstd');
	} finally {
		closeSync(fd);
	}
}
