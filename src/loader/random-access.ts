import {readSync} from 'node:fs';
import {open, type FileHandle} from 'node:fs/promises';
import {InputError} from './errors.js';

/**
Positioned reads from a file. Reads are synchronous system calls into one reused window (page-cache reads take
microseconds; a thread-pool round trip per header cost more than the read, and a new buffer per read cost page
faults), so that walking many small headers costs few calls and no allocation.
*/
export type RandomAccess = {
	readonly path: string;
	readonly size: number;
	/** A copy of the bytes, the caller's to keep. */
	read(position: number, length: number): Promise<Buffer>;
	/**
	The bytes, through the window: when it misses, `ahead` bytes from `position` are read into it (at least `length`,
	at most the window). The result is valid only until the next call on this handle.
	*/
	readNow(position: number, length: number, ahead?: number): Buffer;
	/** The bytes if the current window already holds them (no I/O), else undefined; valid until the next call. */
	cached(position: number, length: number): Buffer | undefined;
	close(): Promise<void>;
};

export const windowSize = 256 * 1024;

export async function openRandomAccess(path: string): Promise<RandomAccess> {
	const handle: FileHandle = await open(path, 'r');
	const {size} = await handle.stat();
	const window = Buffer.allocUnsafeSlow(windowSize);
	let windowStart = 0;
	let windowLength = 0;
	const cached = (position: number, length: number) => {
		if (position < windowStart || position + length > windowStart + windowLength) return undefined;
		return window.subarray(position - windowStart, position - windowStart + length);
	};
	const readNow = (position: number, length: number, ahead = windowSize) => {
		if (position + length > size) throw new InputError('truncated (unexpected end of data)');
		const hit = cached(position, length);
		if (hit) return hit;
		if (length > windowSize) return readExactly(handle.fd, Buffer.allocUnsafe(length), position);
		// Emptied first: should the read fail, no stale bytes stay behind under the new position.
		windowLength = 0;
		windowStart = position;
		windowLength = readExactly(handle.fd, window.subarray(0, Math.min(Math.max(ahead, length), windowSize, size - position)), position).length;
		return window.subarray(0, length);
	};
	return {
		path,
		size,
		cached,
		readNow,
		read: async (position, length) => Buffer.from(readNow(position, length, length)),
		close: () => handle.close(),
	};
}

function readExactly(fd: number, buffer: Buffer, position: number): Buffer {
	let done = 0;
	while (done < buffer.length) {
		const bytesRead = readSync(fd, buffer, done, buffer.length - done, position + done);
		if (bytesRead === 0) throw new InputError('truncated (unexpected end of data)');
		done += bytesRead;
	}
	return buffer;
}
