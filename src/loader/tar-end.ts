import {Transform} from 'node:stream';
import {InputError} from './errors.js';
import {clearPaxSize, clearSize} from './tar-header.js';
import {createTarWalker, dataAfterZeroBlock, isZeroBlock, paddedBytes} from './tar-walker.js';
import type {RawHeader} from './tar-header.js';

const trailerBytes = 4096;
const maxHeldMetaBytes = 4 * 1024 * 1024;

/** A pass-through for a tar stream that checks and normalises every header before the tar parser sees it. */
export type TarEndCut = Transform & {
	/** The first bytes found after the end marker (an estargz TOC lives there), empty if none. */
	trailer(): Buffer;
};

export type TarGuardOptions = {
	/** End the stream at the first end-of-archive block, as Go's reader (and dive) stop reading a layer. */
	readonly cutAtEnd: boolean;
};

/** The guard for a layer tar: ends it at the first end-of-archive block, keeping a few KB after it for `trailer()`. */
export function cutAtEndOfArchive(): TarEndCut {
	return guardTar({cutAtEnd: true});
}

/**
Follows header positions with the shared tar walker, without touching entry data, so that what tar-stream parses is
what Go's archive/tar would read: a header that cannot be read (bad checksum, a bad or negative number such as a GNU
base-256 size tar-stream would take as null and stall on) fails the stream with the walker's message; a header-only
type (directory, link, device, FIFO) that declares a size is rewritten to declare none, its PAX size too; PAX global
headers are dropped (Go does not apply them to later entries; tar-stream would).
*/
export function guardTar(options: TarGuardOptions): TarEndCut {
	const walker = createTarWalker();
	let held = Buffer.alloc(0);
	/** Entry data (with padding) still to pass through untouched. */
	let skip = 0;
	/** A meta header whose data is being gathered. */
	let meta: {header: RawHeader; block: Buffer; dataBytes: number} | undefined;
	/** Meta headers (block and data) held back until the entry they describe is known. */
	let heldMeta: Array<{typeflag: string; block: Buffer; data: Buffer}> = [];
	let heldMetaBytes = 0;
	let ended = false;
	let trailer = Buffer.alloc(0);
	/** Consecutive zero blocks just passed (a stream that is not cut at the end walks on past them). */
	let zeroBlocks = 0;
	/** Whether the block after the first zero block (the trailer's second) has been checked. */
	let checkedSecond = false;
	const checkSecond = () => {
		if (checkedSecond || trailer.length < 1024) return;
		checkedSecond = true;
		if (!isZeroBlock(trailer, 512)) throw new InputError(dataAfterZeroBlock);
	};

	const guard = new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			if (ended) {
				if (trailer.length < trailerBytes) trailer = Buffer.concat([trailer, chunk]).subarray(0, trailerBytes);
				try {
					checkSecond();
				} catch (error) {
					callback(error as Error);
					return;
				}
				callback();
				return;
			}
			let data = held.length > 0 ? Buffer.concat([held, chunk]) : chunk;
			try {
				for (;;) {
					if (skip > 0) {
						const take = Math.min(skip, data.length);
						if (take === 0) break;
						this.push(data.subarray(0, take));
						data = data.subarray(take);
						skip -= take;
						continue;
					}
					if (meta) {
						const need = paddedBytes(meta.dataBytes);
						if (data.length < need) break;
						const payload = Buffer.from(data.subarray(0, need));
						data = data.subarray(need);
						walker.meta(meta.header, payload.subarray(0, meta.dataBytes));
						if (meta.header.typeflag !== 'g') {
							heldMeta.push({typeflag: meta.header.typeflag, block: meta.block, data: payload});
							heldMetaBytes += 512 + need;
							if (heldMetaBytes > maxHeldMetaBytes) throw new InputError('tar metadata header is too large');
						}
						meta = undefined;
						continue;
					}
					if (data.length < 512) break;
					const block = Buffer.from(data.subarray(0, 512));
					data = data.subarray(512);
					if (zeroBlocks === 1 && !isZeroBlock(block)) throw new InputError(dataAfterZeroBlock);
					const step = walker.header(block);
					if (step.kind === 'end') {
						heldMeta = [];
						heldMetaBytes = 0;
						if (!options.cutAtEnd) {
							zeroBlocks++;
							this.push(block);
							continue;
						}
						this.push(Buffer.alloc(1024));
						ended = true;
						trailer = Buffer.concat([block, data]).subarray(0, trailerBytes);
						data = Buffer.alloc(0);
						checkSecond();
						break;
					}
					zeroBlocks = 0;
					if (step.kind === 'meta') {
						// A GNU sparse header and its extension blocks: the tar parser gets the plain header below instead.
						if (step.sparseMap) continue;
						meta = {header: step.header, block, dataBytes: step.dataBytes};
						continue;
					}
					if (step.declaredBytes !== step.dataBytes) {
						clearSize(block);
						for (const item of heldMeta) if (item.typeflag === 'x') clearPaxSize(item.data);
					}
					for (const item of heldMeta) this.push(Buffer.concat([item.block, item.data]));
					heldMeta = [];
					heldMetaBytes = 0;
					this.push(step.plainBlock ?? block);
					skip = paddedBytes(step.dataBytes);
				}
			} catch (error) {
				callback(error as Error);
				return;
			}
			held = Buffer.from(data);
			callback();
		},
		flush(callback) {
			// A cut stream: pass what is left for the tar parser to report as truncated.
			if (!ended) {
				for (const item of heldMeta) this.push(Buffer.concat([item.block, item.data]));
				if (meta) this.push(meta.block);
				if (held.length > 0) this.push(held);
			}
			callback();
		},
	}) as TarEndCut;
	guard.trailer = () => trailer;
	return guard;
}
