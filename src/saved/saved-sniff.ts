import {closeSync, fstatSync, openSync, readSync, statSync} from 'node:fs';
import {savedPrefix} from './saved-format.js';

// Every run asks whether its input is a saved analysis, so this is apart from read-saved.ts: the reader (with
// node:readline and the analysis decoder) loads only for a saved analysis, and node:zlib only for a gzip input.

/**
Whether the file at `file` is a saved analysis: gzip whose first decompressed bytes are the saved header. A
gzip'd image archive starts with a tar header instead. Reads at most 4 kB, synchronously (see `readSaved`); only a
regular file is opened, so a FIFO is never waited on.
*/
export async function isSavedAnalysis(file: string): Promise<boolean> {
	let fd;
	try {
		if (!statSync(file).isFile()) return false;
		fd = openSync(file, 'r');
	} catch {
		return false;
	}
	try {
		if (!fstatSync(fd).isFile()) return false;
		const head = Buffer.alloc(4096);
		const bytesRead = readSync(fd, head, 0, head.length, 0);
		if (bytesRead < 2 || head[0] !== 0x1f || head[1] !== 0x8b) return false;
		const text = inflatePrefix(head.subarray(0, bytesRead), savedPrefix.length);
		return text.toString('utf8') === savedPrefix;
	} finally {
		closeSync(fd);
	}
}

/**
The first `length` decompressed bytes of gzip data that may be cut short or damaged further on: growing prefixes
are inflated until one yields enough (zlib reports damage before handing out what it decoded in the same call).
*/
export function inflatePrefix(bytes: Buffer, length: number): Buffer {
	const {constants, gunzipSync} = process.getBuiltinModule('node:zlib');
	let best = Buffer.alloc(0);
	for (let size = 64; ; size *= 2) {
		try {
			best = gunzipSync(bytes.subarray(0, Math.min(size, bytes.length)), {finishFlush: constants.Z_SYNC_FLUSH});
		} catch {
			break;
		}
		if (best.length >= length || size >= bytes.length) break;
	}
	return best.subarray(0, length);
}
