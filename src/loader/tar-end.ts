import {Transform} from 'node:stream';
import {decodeHeader, decodePax} from './tar-header.js';

const maxPaxBytes = 1024 * 1024;
const trailerBytes = 4096;

/** A pass-through for a tar stream that ends it at the first end-of-archive block, as Go's reader (and dive) stop. */
export type TarEndCut = Transform & {
	/** The first bytes found after the end marker (an estargz TOC lives there), empty if none. */
	trailer(): Buffer;
};

/**
Follows header positions (PAX sizes included) without touching entry data; at the first all-zero header block it
emits a clean end marker and drops the rest, keeping a few KB of it for `trailer()`. A header it cannot read is
passed on untouched, for the tar parser to report.
*/
export function cutAtEndOfArchive(): TarEndCut {
	let start = 0;
	let held = Buffer.alloc(0);
	let next = 0;
	let pax: {dataStart: number; size: number} | undefined;
	let paxSize: number | undefined;
	let state: 'tracking' | 'ended' | 'passing' = 'tracking';
	let trailer = Buffer.alloc(0);

	const cut = new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			if (state === 'ended') {
				if (trailer.length < trailerBytes) trailer = Buffer.concat([trailer, chunk]).subarray(0, trailerBytes);
				callback();
				return;
			}
			if (state === 'passing') {
				callback(null, chunk);
				return;
			}
			let data = held.length > 0 ? Buffer.concat([held, chunk]) : chunk;
			const out: Buffer[] = [];
			for (;;) {
				if (pax) {
					if (start + data.length < pax.dataStart + pax.size) break;
					const payload = data.subarray(pax.dataStart - start, pax.dataStart - start + pax.size);
					const size = decodePax(payload).get('size');
					paxSize = size !== undefined && /^\d+$/.test(size) ? Number(size) : undefined;
					pax = undefined;
				}
				if (next > start) {
					const take = Math.min(next - start, data.length);
					out.push(data.subarray(0, take));
					data = data.subarray(take);
					start += take;
					if (data.length === 0) break;
				}
				if (data.length < 512) break;
				const block = data.subarray(0, 512);
				let header;
				try {
					header = decodeHeader(block);
				} catch {
					state = 'passing';
					out.push(data);
					data = Buffer.alloc(0);
					break;
				}
				if (!header) {
					out.push(Buffer.alloc(1024));
					state = 'ended';
					trailer = Buffer.from(data.subarray(0, trailerBytes));
					data = Buffer.alloc(0);
					break;
				}
				const isMeta = 'xgLK'.includes(header.typeflag);
				let size = header.size;
				if (!isMeta && paxSize !== undefined) size = paxSize;
				if (!isMeta) paxSize = undefined;
				out.push(block);
				data = data.subarray(512);
				start += 512;
				if (header.typeflag === 'x') {
					if (size > maxPaxBytes) {
						state = 'passing';
						out.push(data);
						data = Buffer.alloc(0);
						break;
					}
					pax = {dataStart: start, size};
				}
				next = start + Math.ceil(size / 512) * 512;
			}
			held = Buffer.from(data);
			for (const piece of out) this.push(piece);
			callback();
		},
		flush(callback) {
			if (state !== 'ended' && held.length > 0) this.push(held);
			callback();
		},
	}) as TarEndCut;
	cut.trailer = () => trailer;
	return cut;
}
