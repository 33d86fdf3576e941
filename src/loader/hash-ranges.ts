import {closeSync, openSync, readSync} from 'node:fs';
import {createContentHash} from './content-hash.js';

const windowSize = 1024 * 1024;

/**
Content digests of byte ranges of one file. Runs on a worker thread, so it reads with blocking calls through one
window: the small files of a tar lie next to each other and are hashed from a single read.
*/
export async function hashRanges(file: string, ranges: ReadonlyArray<readonly [number, number]>): Promise<string[]> {
	const fd = openSync(file, 'r');
	const window = Buffer.allocUnsafe(windowSize);
	let windowStart = 0;
	let windowLength = 0;
	const fill = (position: number) => {
		windowStart = position;
		windowLength = readSync(fd, window, 0, windowSize, position);
		if (windowLength === 0) throw new Error('truncated (unexpected end of data)');
	};
	try {
		return ranges.map(([offset, size]) => {
			const hash = createContentHash();
			let done = 0;
			while (done < size) {
				const position = offset + done;
				if (position < windowStart || position >= windowStart + windowLength) fill(position);
				const from = position - windowStart;
				const take = Math.min(size - done, windowLength - from);
				hash.update(window.subarray(from, from + take));
				done += take;
			}
			return hash.hex();
		});
	} finally {
		closeSync(fd);
	}
}
