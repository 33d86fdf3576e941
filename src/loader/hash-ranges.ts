import {createHash} from 'node:crypto';
import {open} from 'node:fs/promises';
import {contentHash} from './read-layer.js';

const step = 4 * 1024 * 1024;

/** Content digests of byte ranges of one file, read with positioned reads into one reused buffer. */
export async function hashRanges(file: string, ranges: ReadonlyArray<readonly [number, number]>): Promise<string[]> {
	const handle = await open(file, 'r');
	const buffer = Buffer.allocUnsafe(step);
	try {
		const digests: string[] = [];
		for (const [offset, size] of ranges) {
			const hash = createHash(contentHash);
			for (let done = 0; done < size; ) {
				const {bytesRead} = await handle.read(buffer, 0, Math.min(step, size - done), offset + done);
				if (bytesRead === 0) throw new Error('truncated (unexpected end of data)');
				hash.update(buffer.subarray(0, bytesRead));
				done += bytesRead;
			}
			digests.push(hash.digest('hex'));
		}
		return digests;
	} finally {
		await handle.close();
	}
}
