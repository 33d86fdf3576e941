import type {Readable, Transform} from 'node:stream';
import {InputError} from './errors.js';

/** Which zstd decoder decodes: Node's own (≥ 22.15), the native addon zstd-napi, or the pure-JS fzstd. */
export type ZstdDecoderKind = 'node:zlib' | 'zstd-napi' | 'fzstd';

/** The compressed bytes a decoder has actually used so far (not merely read ahead), where the decoder can tell. */
export type InputUsed = {bytes: number};

/**
Turns a zstd stream into its decoded bytes, producing output only as fast as it is consumed. Decoders that can say how
much input they have used count it in `used` (the bomb guard's measure); node:zlib's stream cannot, and leaves it.
*/
export type ZstdDecoder = {
	readonly kind: ZstdDecoderKind;
	readonly decode: (input: Readable, used?: InputUsed) => AsyncIterable<Buffer>;
	/** zstd-napi's binding, for decoding synchronously into a reused buffer (`zstd-layer-sync`). */
	readonly napi?: NapiBinding;
};

/** How the decoders are found; tests inject their own to check the order of preference. */
export type ZstdProbe = {
	readonly nodeZlib: () => (() => Transform) | undefined;
	readonly zstdNapi: () => Promise<NapiBinding>;
	readonly fzstd: () => Promise<FzstdModule>;
};

type NapiContext = {decompressStream(target: Buffer, source: Buffer): [number, number, number]};
export type NapiBinding = {DCtx: new () => NapiContext; dStreamOutSize(): number};
type FzstdModule = {
	Decompress: new (ondata: (chunk: Uint8Array, final: boolean) => void) => {push(chunk: Uint8Array, final?: boolean): void};
};

export const systemProbe: ZstdProbe = {
	nodeZlib: () => {
		// node:zlib loads when a blob first sniffs as zstd, not with the program.
		const create = (process.getBuiltinModule('node:zlib') as unknown as {createZstdDecompress?: (options?: object) => Transform}).createZstdDecompress;
		return create === undefined ? undefined : () => create({chunkSize: 256 * 1024});
	},
	zstdNapi: async () => {
		const imported = (await import('zstd-napi/binding.js')) as unknown as {default?: NapiBinding} & NapiBinding;
		return imported.default ?? imported;
	},
	fzstd: async () => (await import('fzstd')) as FzstdModule,
};

/**
The decoder to use, by preference: Node's built-in `zlib.createZstdDecompress`, then zstd-napi (an optional
dependency: its native build may be missing, e.g. on musl or with install scripts off), then fzstd (pure JS, always
installed). Nothing is loaded before a blob sniffs as zstd, so a missing native addon never stops gzip images.
`LAYERLENS_ZSTD` (`node:zlib`, `zstd-napi` or `fzstd`) forces one, for measuring.
*/
export async function selectZstdDecoder(probe: ZstdProbe = systemProbe, force?: string): Promise<ZstdDecoder> {
	const order: readonly ZstdDecoderKind[] = ['node:zlib', 'zstd-napi', 'fzstd'];
	if (force !== undefined && force !== '' && !order.includes(force as ZstdDecoderKind)) {
		throw new InputError(`LAYERLENS_ZSTD=${force} is not one of ${order.join(', ')}`);
	}
	const candidates = force ? [force as ZstdDecoderKind] : order;
	const problems: string[] = [];
	for (const kind of candidates) {
		try {
			const decoder = await load(kind, probe);
			if (decoder !== undefined) return decoder;
			problems.push(`${kind}: not in this Node.js`);
		} catch (error) {
			problems.push(`${kind}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
		}
	}
	throw new InputError(`no zstd decoder could be loaded (${problems.join('; ')})`);
}

async function load(kind: ZstdDecoderKind, probe: ZstdProbe): Promise<ZstdDecoder | undefined> {
	if (kind === 'node:zlib') {
		const create = probe.nodeZlib();
		return create === undefined ? undefined : {kind, decode: input => input.pipe(create())};
	}
	if (kind === 'zstd-napi') {
		const binding = await probe.zstdNapi();
		return {kind, decode: (input, used) => napiChunks(binding, input, used), napi: binding};
	}
	const fzstd = await probe.fzstd();
	return {kind, decode: (input, used) => fzstdChunks(fzstd, input, used)};
}

let chosen: Promise<ZstdDecoder> | undefined;

/** The process-wide decoder, chosen on first use. */
export function zstdDecoder(): Promise<ZstdDecoder> {
	chosen ??= selectZstdDecoder(systemProbe, readForce());
	return chosen;
}

function readForce(): string | undefined {
	return globalThis.process?.env['LAYERLENS_ZSTD'];
}

/** zstd-napi's own stream pushes everything a chunk expands to at once; this loop yields one output buffer at a time. */
async function* napiChunks(binding: NapiBinding, input: AsyncIterable<Buffer>, used?: InputUsed): AsyncGenerator<Buffer> {
	const context = new binding.DCtx();
	const size = binding.dStreamOutSize();
	let inFrame = false;
	for await (const chunk of input) {
		let source: Buffer = chunk;
		for (;;) {
			const target = Buffer.allocUnsafe(size);
			const [remaining, produced, consumed] = context.decompressStream(target, source);
			source = source.subarray(consumed);
			if (used) used.bytes += consumed;
			if (produced > 0) yield target.subarray(0, produced);
			if (source.length === 0 && (produced < size || remaining === 0)) {
				inFrame = remaining !== 0;
				break;
			}
		}
	}
	if (inFrame) throw new InputError('truncated (zstd stream ends early)');
}

/**
fzstd decodes every whole block a push completes, synchronously; run-length blocks expand 4 bytes to 128 KiB, so
input goes in slices small enough that one push produces at most a few MiB before the consumer is asked again.
*/
const fzstdSlice = 64;

async function* fzstdChunks(fzstd: FzstdModule, input: AsyncIterable<Buffer>, used?: InputUsed): AsyncGenerator<Buffer> {
	let pending: Buffer[] = [];
	let ended = false;
	const decoder = new fzstd.Decompress((chunk, final) => {
		if (chunk.length > 0) pending.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
		if (final) ended = true;
	});
	let seen = false;
	for await (const chunk of input) {
		seen ||= chunk.length > 0;
		for (let offset = 0; offset < chunk.length; offset += fzstdSlice) {
			const slice = chunk.subarray(offset, offset + fzstdSlice);
			decoder.push(slice);
			if (used) used.bytes += slice.length;
			if (pending.length > 0) {
				const ready = pending;
				pending = [];
				yield* ready;
			}
		}
	}
	if (!seen) return;
	try {
		decoder.push(new Uint8Array(0), true);
	} catch {
		throw new InputError('truncated (zstd stream ends early)');
	}
	yield* pending;
	if (!ended) throw new InputError('truncated (zstd stream ends early)');
}
