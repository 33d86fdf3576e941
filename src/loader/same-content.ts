import type {RandomAccess} from './random-access.js';

/** A stored copy of a file: where its bytes start in which file. */
export type StoredCopy = {readonly file: RandomAccess; readonly offset: number};

/**
Whether two stored copies of `size` bytes hold the same bytes: read side by side, a chunk of each at a time, and
compared, stopping at the first chunk that differs. This reads what hashing both would read and computes nothing
else. A copy may be gigabytes long: the event loop runs every few milliseconds (progress, keys, Ctrl+C).
*/
export async function sameBytes(a: StoredCopy, b: StoredCopy, size: number, chunks: CompareChunks): Promise<boolean> {
	const {left, right} = chunks;
	let lastYield = Date.now();
	for (let done = 0; done < size; ) {
		const take = Math.min(left.length, size - done);
		a.file.readInto(left, a.offset + done, take);
		b.file.readInto(right, b.offset + done, take);
		if (left.compare(right, 0, take, 0, take) !== 0) return false;
		done += take;
		if (done < size && Date.now() - lastYield > yieldMs) {
			await new Promise(resolve => setImmediate(resolve));
			lastYield = Date.now();
		}
	}
	return true;
}

/** The two read buffers `sameBytes` uses, made once per load. */
export type CompareChunks = {readonly left: Buffer; readonly right: Buffer};

export function createCompareChunks(bytes = 1024 * 1024): CompareChunks {
	return {left: Buffer.allocUnsafeSlow(bytes), right: Buffer.allocUnsafeSlow(bytes)};
}

// Timed with Date.now: the first use of the `performance` global loads node:perf_hooks, a few ms of every run's start.
const yieldMs = 20;
