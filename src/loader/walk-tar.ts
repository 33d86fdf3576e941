import {InputError} from './errors.js';
import type {RandomAccess} from './random-access.js';
import {createTarWalker, paddedBytes, type TarEntryHeader} from './tar-walker.js';

/** A tar entry with long names applied, and where its data sits in the file. */
export type TarRecord = TarEntryHeader & {readonly dataOffset: number};

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
	const walker = createTarWalker();
	let position = start;
	while (true) {
		if (position + 512 > end) {
			// A layer tar without the end marker is tolerated, as Go's reader does; a whole archive cut there is not.
			if (position === end && !requireEndMarker) return;
			throw new InputError('truncated (unexpected end of data)');
		}
		const step = walker.header(await read(position, 512));
		if (step.kind === 'end') {
			// Like Go's reader: the end marker is two zero blocks; one zero block and then nothing is a cut archive.
			if (requireEndMarker && createTarWalker().header(await read(position + 512, 512)).kind !== 'end') {
				throw new InputError('not a valid tar archive (data after a zero block)');
			}
			return;
		}
		const dataOffset = position + 512;
		if (dataOffset + step.dataBytes > end) throw new InputError('truncated (unexpected end of data)');
		position = dataOffset + paddedBytes(step.dataBytes);
		if (step.kind === 'meta') {
			walker.meta(step.header, await read(dataOffset, step.dataBytes));
			continue;
		}
		const record = step.record as TarRecord & {dataOffset: number};
		record.dataOffset = dataOffset;
		const waiting = onRecord(record);
		if (waiting) await waiting;
	}
}
