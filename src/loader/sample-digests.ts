import {closeSync, openSync, readSync} from 'node:fs';
import {contentDigestRaw} from './content-hash.js';

const windowSize = 8 * 1024 * 1024;
const maxGap = 64 * 1024;

/**
Digests (as numbers, see `digestHex`) of short byte ranges of one file, given in ascending offset order: read with
blocking calls through one window, so the small files of a tar that lie side by side cost one read together, and
hashed whole, one call per range. A read stops before a gap of more than `maxGap` bytes (the content of files not
sampled), so only about the sampled bytes are read. A range longer than the window is refused (samples are a few KiB).
*/
export function sampleDigests(file: string, ranges: ReadonlyArray<readonly [number, number]>): bigint[] {
	const fd = openSync(file, 'r');
	const window = Buffer.allocUnsafe(windowSize);
	let windowStart = 0;
	let windowLength = 0;
	try {
		return ranges.map(([offset, size], i) => {
			if (size > windowSize) throw new Error(`sample of ${size} bytes is larger than the read window`);
			if (offset < windowStart || offset + size > windowStart + windowLength) {
				let end = offset + size;
				for (let next = i + 1; next < ranges.length; next++) {
					const [nextOffset, nextSize] = ranges[next]!;
					if (nextOffset - end > maxGap || nextOffset + nextSize - offset > windowSize) break;
					end = Math.max(end, nextOffset + nextSize);
				}
				windowStart = offset;
				windowLength = readSync(fd, window, 0, end - offset, offset);
				if (windowLength < size) throw new Error('truncated (unexpected end of data)');
			}
			const from = offset - windowStart;
			return contentDigestRaw(window.subarray(from, from + size));
		});
	} finally {
		closeSync(fd);
	}
}
