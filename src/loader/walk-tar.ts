import {InputError} from './errors.js';
import type {RandomAccess} from './random-access.js';
import {decodeHeader, decodeLongName, decodePax, type RawHeader} from './tar-header.js';

/** A tar entry with long names applied, and where its data sits in the file. */
export type TarRecord = RawHeader & {readonly dataOffset: number};

const maxMetaBytes = 1024 * 1024;

/**
Walks the tar that occupies [start, end) of a file by reading headers only: entry data is skipped, never read.
Stops at the first end-of-archive block, as Go's reader does (so an estargz TOC after it is never seen).
*/
export async function* walkTar(
	file: RandomAccess,
	start: number,
	end: number,
	requireEndMarker = false,
): AsyncGenerator<TarRecord> {
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
		const header = decodeHeader(await file.read(position, 512));
		if (!header) {
			// Like Go's reader: the end marker is two zero blocks; one zero block and then nothing is a cut archive.
			if (requireEndMarker && decodeHeader(await file.read(position + 512, 512)) !== undefined) {
				throw new InputError('not a valid tar archive (data after a zero block)');
			}
			return;
		}
		const dataOffset = position + 512;
		const isMeta = 'xgLK'.includes(header.typeflag);
		if (!isMeta && pax?.has('size') && /^\d+$/.test(pax.get('size')!)) header.size = Number(pax.get('size'));
		if (dataOffset + header.size > end) throw new InputError('truncated (unexpected end of data)');
		position = dataOffset + Math.ceil(header.size / 512) * 512;
		switch (header.typeflag) {
			case 'x':
			case 'g':
			case 'L':
			case 'K': {
				if (header.size > maxMetaBytes) throw new InputError('tar metadata header is too large');
				const data = await file.read(dataOffset, header.size);
				if (header.typeflag === 'x') pax = decodePax(data);
				else if (header.typeflag === 'L') longName = decodeLongName(data);
				else if (header.typeflag === 'K') longLink = decodeLongName(data);
				continue;
			}
		}
		const record: TarRecord = {...header, dataOffset};
		if (longName !== undefined) record.name = longName;
		if (longLink !== undefined) record.linkname = longLink;
		if (pax) applyPax(record, pax);
		pax = longName = longLink = undefined;
		yield record;
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
