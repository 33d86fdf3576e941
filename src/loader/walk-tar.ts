import {InputError} from './errors.js';
import type {RandomAccess} from './random-access.js';
import {decodeHeader, decodeLongName, decodePax, type RawHeader} from './tar-header.js';

/** A tar entry with long names applied, and where its data sits in the file. */
export type TarRecord = RawHeader & {readonly dataOffset: number};

const maxMetaBytes = 1024 * 1024;

/**
Walks the tar that occupies [start, end) of a file by reading headers only: entry data is skipped, never read.
Stops at the first end-of-archive block, as Go's reader does (so an estargz TOC after it is never seen).
`onRecord` may return a promise; the walk waits for it.
*/
export async function walkTar(
	file: RandomAccess,
	start: number,
	end: number,
	onRecord: (record: TarRecord) => void | Promise<void>,
	requireEndMarker = false,
): Promise<void> {
	const read = (position: number, length: number) => file.cached(position, length) ?? file.read(position, length);
	let position = start;
	let pax: Map<string, string> | undefined;
	let longName: string | undefined;
	let longLink: string | undefined;
	while (true) {
		if (position + 512 > end) {
			// A layer tar without the end marker is tolerated, as Go's reader does; a whole archive cut there is not.
			if (position === end && !requireEndMarker) return;
			throw new InputError('truncated (unexpected end of data)');
		}
		const header = decodeHeader(await read(position, 512));
		if (!header) {
			// Like Go's reader: the end marker is two zero blocks; one zero block and then nothing is a cut archive.
			if (requireEndMarker && decodeHeader(await read(position + 512, 512)) !== undefined) {
				throw new InputError('not a valid tar archive (data after a zero block)');
			}
			return;
		}
		const dataOffset = position + 512;
		const isMeta = header.typeflag === 'x' || header.typeflag === 'g' || header.typeflag === 'L' || header.typeflag === 'K';
		const paxSize = isMeta ? undefined : pax?.get('size');
		if (paxSize !== undefined && /^\d+$/.test(paxSize)) header.size = Number(paxSize);
		if (dataOffset + header.size > end) throw new InputError('truncated (unexpected end of data)');
		position = dataOffset + Math.ceil(header.size / 512) * 512;
		if (isMeta) {
			if (header.size > maxMetaBytes) throw new InputError('tar metadata header is too large');
			const data = await read(dataOffset, header.size);
			if (header.typeflag === 'x') pax = decodePax(data);
			else if (header.typeflag === 'L') longName = decodeLongName(data);
			else if (header.typeflag === 'K') longLink = decodeLongName(data);
			continue;
		}
		const record = header as TarRecord & {dataOffset: number};
		record.dataOffset = dataOffset;
		if (longName !== undefined) record.name = longName;
		if (longLink !== undefined) record.linkname = longLink;
		if (pax) applyPax(record, pax);
		pax = longName = longLink = undefined;
		const waiting = onRecord(record);
		if (waiting) await waiting;
	}
}

function applyPax(record: TarRecord, pax: Map<string, string>): void {
	const path = pax.get('path');
	if (path !== undefined) record.name = path;
	const link = pax.get('linkpath');
	if (link !== undefined) record.linkname = link;
	for (const key of ['uid', 'gid'] as const) {
		const value = pax.get(key);
		if (value !== undefined && /^\d+$/.test(value)) record[key] = Number(value);
	}
}
