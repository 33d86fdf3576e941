import type {LayerEntry} from '../core/model.js';
import {createContentHash, type ContentHash} from './content-hash.js';
import {InputError} from './errors.js';
import {headKeeper, wantsHead} from './peek-secrets.js';
import type {ParsedLayer} from './read-layer.js';
import {recordFields} from './tar-entry.js';
import {createTarWalker, dataAfterZeroBlock, isZeroBlock, paddedBytes} from './tar-walker.js';
import type {TarRecord} from './walk-tar.js';

/**
A layer tar parsed from bytes pushed in order, synchronously, without keeping them: the same entries, digests and
first bytes as `readLayer` gives (headers through the shared walker, as the seekable path reads them), for a decoder
that writes into one reused buffer. Ends at the first end-of-archive block, as Go's reader does; data after it is
ignored. A pushed chunk is read before `push` returns and never kept.
*/
export function createTarPushParser() {
	const walker = createTarWalker();
	const entries: LayerEntry[] = [];
	let sizeBytes = 0;
	/** A header block or a meta header's data being gathered across chunks. */
	let gather = Buffer.allocUnsafe(512);
	let gathered = 0;
	let state: 'header' | 'meta' | 'data' | 'ended' = 'header';
	let meta: {header: Parameters<ReturnType<typeof createTarWalker>['meta']>[0]; dataBytes: number} | undefined;
	/** Data bytes of the current entry still to come, then padding to skip. */
	let dataLeft = 0;
	let padLeft = 0;
	let file: {fields: LayerEntry; hash: ContentHash; head: ReturnType<typeof headKeeper> | undefined} | undefined;

	const finishFile = () => {
		if (!file) return;
		const digest = file.hash.hex();
		const head = file.head?.text();
		entries.push(head === undefined ? {...file.fields, digest} : {...file.fields, digest, head});
		file = undefined;
	};
	/** A zero block was just read: the next block must be zero too (the end) or absent. */
	let afterZero = false;
	const onHeader = (block: Buffer) => {
		if (afterZero) {
			if (!isZeroBlock(block)) throw new InputError(dataAfterZeroBlock);
			state = 'ended';
			return;
		}
		const step = walker.header(block);
		if (step.kind === 'end') {
			afterZero = true;
			return;
		}
		if (step.kind === 'meta') {
			meta = {header: step.header, dataBytes: step.dataBytes};
			const need = paddedBytes(step.dataBytes);
			if (gather.length < need) gather = Buffer.allocUnsafe(need);
			gathered = 0;
			state = need === 0 ? 'header' : 'meta';
			if (need === 0) walker.meta(step.header, gather.subarray(0, 0));
			return;
		}
		const fields = recordFields(step.record as TarRecord);
		dataLeft = step.dataBytes;
		padLeft = paddedBytes(step.dataBytes) - step.dataBytes;
		if (fields) {
			sizeBytes += fields.size;
			if (fields.type === 'file') file = {fields, hash: createContentHash(), head: wantsHead(fields) ? headKeeper() : undefined};
			else entries.push({...fields, digest: ''});
		}
		if (dataLeft === 0) finishFile();
		state = dataLeft + padLeft > 0 ? 'data' : 'header';
	};

	return {
		push(chunk: Buffer): void {
			let at = 0;
			while (at < chunk.length && state !== 'ended') {
				if (state === 'data') {
					if (dataLeft > 0) {
						const take = Math.min(dataLeft, chunk.length - at);
						if (file) {
							const part = chunk.subarray(at, at + take);
							file.hash.update(part);
							file.head?.add(Buffer.from(part.subarray(0, 4096)));
						}
						at += take;
						dataLeft -= take;
						if (dataLeft === 0) finishFile();
						continue;
					}
					const skip = Math.min(padLeft, chunk.length - at);
					at += skip;
					padLeft -= skip;
					if (padLeft === 0) state = 'header';
					continue;
				}
				const need = state === 'header' ? 512 : paddedBytes(meta!.dataBytes);
				const take = Math.min(need - gathered, chunk.length - at);
				// A whole header block in this chunk is read in place; one split across chunks is gathered first.
				if (gathered === 0 && take === need && state === 'header') {
					at += take;
					onHeader(chunk.subarray(at - take, at));
					continue;
				}
				chunk.copy(gather, gathered, at, at + take);
				gathered += take;
				at += take;
				if (gathered < need) continue;
				gathered = 0;
				if (state === 'header') {
					onHeader(gather.subarray(0, 512));
				} else {
					walker.meta(meta!.header, gather.subarray(0, meta!.dataBytes));
					meta = undefined;
					state = 'header';
				}
			}
		},
		/** The layer, once every byte was pushed: a tar cut inside a header or an entry's data is truncated. */
		end(compression: ParsedLayer['compression']): ParsedLayer {
			// After one zero block, a partial block is tolerated as the seekable walker tolerates it.
			if (state === 'meta' || state === 'data' || (state === 'header' && gathered > 0 && !afterZero)) {
				throw new InputError('truncated (unexpected end of data)');
			}
			return {compression, entries, sizeBytes};
		},
	};
}
