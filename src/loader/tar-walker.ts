import {InputError} from './errors.js';
import {decodeHeader, decodeLongName, decodePax, isHeaderOnly, isMetaHeader, paxNumber, type RawHeader} from './tar-header.js';

/** A tar entry with PAX records and GNU long names applied. */
export type TarEntryHeader = RawHeader;

/** What one header block means, and how many data bytes follow it (before padding to 512). */
export type TarStep =
	| {readonly kind: 'end'}
	| {
		readonly kind: 'meta';
		readonly header: RawHeader;
		readonly dataBytes: number;
		/** An old GNU sparse header, or one of its extension blocks: no data, and nothing a tar parser must see. */
		readonly sparseMap?: true;
	}
	| {
		readonly kind: 'entry';
		readonly record: TarEntryHeader;
		readonly dataBytes: number;
		/** The size the header (or its PAX record) declared, which a header-only type does not carry. */
		readonly declaredBytes: number;
		/**
		For an old GNU sparse file (type S): its header as a plain file header, to hand a tar parser in place of the
		sparse header and its extension blocks.
		*/
		readonly plainBlock?: Buffer;
	};

export const maxMetaBytes = 1024 * 1024;

/**
Go's reader ends a tar at two zero blocks, or at the end of the data after one; one zero block and then a block that
is not all zeros is `invalid tar header`. Every reader says so with this message (a zero block skipped or taken as the
end hid the entries after it from the analysis, or showed entries the runtime never applies).
*/
export const dataAfterZeroBlock = 'not a valid tar archive (data after a zero block)';

export function isZeroBlock(block: Uint8Array, at = 0): boolean {
	for (let i = at; i < at + 512; i++) if (block[i] !== 0) return false;
	return true;
}

/** Bytes a tar spends on `dataBytes` of entry data: whole 512-byte blocks. */
export function paddedBytes(dataBytes: number): number {
	return Math.ceil(dataBytes / 512) * 512;
}

/**
The one tar header walker every reader shares (the seekable walker, the streaming guard in front of tar-stream, the
bench index): it decodes a header block, says how much data follows, and carries PAX records and GNU long names over
to the entry they describe. It reads as Go's archive/tar does: header-only types carry no data, a PAX `size` counts
for entries that have data, global PAX headers change nothing.
*/
export function createTarWalker() {
	let pax: Map<string, string> | undefined;
	let longName: string | undefined;
	let longLink: string | undefined;
	/** An old GNU sparse entry whose extension blocks are being read: it is returned after the last one. */
	let sparse: (TarStep & {kind: 'entry'}) | undefined;
	return {
		/**
		Reads a 512-byte header block (the one at `at` in `block`). After a `meta` step, pass its data to `meta()` before
		the next header.
		*/
		header(block: Buffer, at = 0): TarStep {
			if (sparse) {
				// A GNU sparse extension block (21 more map entries, then `isextended` at byte 504), not a header.
				if (block[at + 504] !== 0) return {kind: 'meta', header: sparse.record, dataBytes: 0, sparseMap: true};
				const step = sparse;
				sparse = undefined;
				return step;
			}
			const header = decodeHeader(block, at);
			if (!header) return {kind: 'end'};
			if (isMetaHeader(header.typeflag)) {
				if (header.size > maxMetaBytes) throw new InputError('tar metadata header is too large');
				return {kind: 'meta', header, dataBytes: header.size};
			}
			if (pax !== undefined || longName !== undefined || longLink !== undefined) {
				const paxSize = paxNumber(pax?.get('size'));
				if (paxSize !== undefined) header.size = paxSize;
				if (longName !== undefined) header.name = longName;
				if (longLink !== undefined) header.linkname = longLink;
				if (pax) applyPax(header, pax);
				pax = longName = longLink = undefined;
			}
			const declaredBytes = header.size;
			if (isHeaderOnly(header.typeflag)) header.size = 0;
			if (header.typeflag === 'S') {
				// An old GNU sparse file: read as the regular file it is (Go's reader does), its stored data counted.
				// Without this its extension blocks were taken for headers, or the entries after it were lost.
				header.typeflag = '0';
				const plainBlock = Buffer.from(block.subarray(at, at + 512));
				plainBlock[156] = 0x30;
				plainBlock.fill(0, 386, 512);
				plainBlock.fill(0x20, 148, 156);
				let sum = 0;
				for (const byte of plainBlock) sum += byte;
				plainBlock.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
				const step = {kind: 'entry', record: header, dataBytes: header.size, declaredBytes, plainBlock} as const;
				if (block[at + 482] === 0) return step;
				sparse = step;
				return {kind: 'meta', header, dataBytes: 0, sparseMap: true};
			}
			return {kind: 'entry', record: header, dataBytes: header.size, declaredBytes};
		},
		/** The data of the meta header just returned by `header()`. */
		meta(header: RawHeader, data: Uint8Array): void {
			if (header.typeflag === 'x') pax = decodePax(data);
			else if (header.typeflag === 'L') longName = decodeLongName(data);
			else if (header.typeflag === 'K') longLink = decodeLongName(data);
		},
	};
}

function applyPax(record: RawHeader, pax: Map<string, string>): void {
	// A GNU sparse file in PAX form (0.1, 1.0) is stored under a made-up path; its name is GNU.sparse.name, as Go reads it.
	const path = pax.get('GNU.sparse.name') ?? pax.get('path');
	if (path !== undefined) record.name = path;
	const link = pax.get('linkpath');
	if (link !== undefined) record.linkname = link;
	for (const key of ['uid', 'gid'] as const) {
		const value = paxNumber(pax.get(key));
		if (value !== undefined) record[key] = value;
	}
}
