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
	/**
	Like `readNow` without making a view: brings `length` bytes (at most the window) into `window` and says where they
	start in it. Valid until the next call on this handle.
	*/
	windowAt(position: number, length: number, ahead?: number): number;
	/** The read window `windowAt` reads into. */
	readonly window: Buffer;
	/** The bytes if the current window already holds them (no I/O), else undefined; valid until the next call. */
	cached(position: number, length: number): Buffer | undefined;
	/** Reads `length` bytes (at most `target`'s length) from `position` into the start of `target`, bypassing the window. */
	readInto(target: Buffer, position: number, length: number): void;
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
	const windowAt = (position: number, length: number, ahead = windowSize) => {
		if (position + length > size) throw new InputError('truncated (unexpected end of data)');
		if (length > windowSize) throw new RangeError(`a read of ${length} bytes does not fit the window`);
		if (position >= windowStart && position + length <= windowStart + windowLength) return position - windowStart;
		// Emptied first: should the read fail, no stale bytes stay behind under the new position.
		windowLength = 0;
		windowStart = position;
		windowLength = readExactly(handle.fd, window, position, Math.min(Math.max(ahead, length), windowSize, size - position));
		return 0;
	};
	const readNow = (position: number, length: number, ahead = windowSize) => {
		if (length > windowSize) {
			if (position + length > size) throw new InputError('truncated (unexpected end of data)');
			const buffer = Buffer.allocUnsafe(length);
			readExactly(handle.fd, buffer, position, length);
			return buffer;
		}
		const at = windowAt(position, length, ahead);
		return window.subarray(at, at + length);
	};
	return {
		path,
		size,
		cached,
		readNow,
		windowAt,
		window,
		read: async (position, length) => Buffer.from(readNow(position, length, length)),
		readInto: (target, position, length) => {
			if (position + length > size) throw new InputError('truncated (unexpected end of data)');
			readExactly(handle.fd, target, position, length);
		},
		close: () => handle.close(),
	};
}

/** Reads `length` bytes into the start of `buffer`; returns `length`. */
function readExactly(fd: number, buffer: Buffer, position: number, length: number): number {
	let done = 0;
	while (done < length) {
		const bytesRead = readSync(fd, buffer, done, length - done, position + done);
		if (bytesRead === 0) throw new InputError('truncated (unexpected end of data)');
		done += bytesRead;
	}
	return length;
}
