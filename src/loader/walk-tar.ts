import {InputError} from './errors.js';
import type {RandomAccess} from './random-access.js';
import {createTarWalker, dataAfterZeroBlock, isZeroBlock, paddedBytes, type TarEntryHeader} from './tar-walker.js';

/** A tar entry with long names applied, and where its data sits in the file. */
export type TarRecord = TarEntryHeader & {readonly dataOffset: number};

/**
Walks the tar that occupies [start, end) of a file by reading headers only: entry data is skipped, never read.
Stops at the first end-of-archive block, as Go's reader does (so an estargz TOC after it is never seen).
`onRecord` may return a promise; the walk waits for it. The reads are synchronous, so the walk lets the event loop
run every few milliseconds (progress, Ctrl+C).
*/
export async function walkTar(
	file: RandomAccess,
	start: number,
	end: number,
	onRecord: (record: TarRecord) => void | Promise<void>,
	requireEndMarker = false,
): Promise<void> {
	const walker = createTarWalker();
	let position = start;
	// Entries that span more than a window are skipped with a small read at each header, not a window of data that
	// nobody needs; runs of small entries are read a window at a time.
	let span = 0;
	let lastYield = Date.now();
	let count = 0;
	while (true) {
		if (position + 512 > end) {
			// A layer tar without the end marker is tolerated, as Go's reader does; a whole archive cut there is not.
			if (position === end && !requireEndMarker) return;
			throw new InputError('truncated (unexpected end of data)');
		}
		const at = file.windowAt(position, 512, span > bigSpan ? smallRead : undefined);
		const step = walker.header(file.window, at);
		if (step.kind === 'end') {
			// Like Go's reader: the end marker is two zero blocks; one zero block and then nothing is a cut archive.
			if (requireEndMarker && createTarWalker().header(file.readNow(position + 512, 512)).kind !== 'end') {
				throw new InputError(dataAfterZeroBlock);
			}
			// A zero block and then a block that is not zero fails Go's reader too (a layer may end after one zero block).
			if (position + 1024 <= end && !isZeroBlock(file.readNow(position + 512, 512))) throw new InputError(dataAfterZeroBlock);
			return;
		}
		const dataOffset = position + 512;
		if (dataOffset + step.dataBytes > end) throw new InputError('truncated (unexpected end of data)');
		const next = dataOffset + paddedBytes(step.dataBytes);
		span = next - position;
		position = next;
		if (step.kind === 'meta') {
			walker.meta(step.header, file.readNow(dataOffset, step.dataBytes));
			continue;
		}
		const record = step.record as TarRecord & {dataOffset: number};
		record.dataOffset = dataOffset;
		const waiting = onRecord(record);
		if (waiting) await waiting;
		if ((++count & 255) === 0 && Date.now() - lastYield > yieldMs) {
			await new Promise(resolve => setImmediate(resolve));
			lastYield = Date.now();
		}
	}
}

/** An entry this long (header and data) is followed by a small read, not a window. */
const bigSpan = 32 * 1024;
/**
A header and the first 4 KiB of its file: enough for a PAX record and the next header in most archives, and the
duplicate-content hint's sample of a big file is then in the window (no read of its own).
*/
const smallRead = 512 + 4096;
// Timed with Date.now: the first use of the `performance` global loads node:perf_hooks, a few ms of every run's start.
const yieldMs = 20;
