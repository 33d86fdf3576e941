import {open, type FileHandle} from 'node:fs/promises';
import {InputError} from './errors.js';

/** Positioned reads from a file, through a window so that walking many small headers costs few system calls. */
export type RandomAccess = {
	readonly path: string;
	readonly size: number;
	read(position: number, length: number): Promise<Buffer>;
	/** The bytes if the current window already holds them (no I/O), else undefined. */
	cached(position: number, length: number): Buffer | undefined;
	close(): Promise<void>;
};

const windowSize = 256 * 1024;

export async function openRandomAccess(path: string): Promise<RandomAccess> {
	const handle: FileHandle = await open(path, 'r');
	const {size} = await handle.stat();
	let windowStart = 0;
	let window: Buffer = Buffer.alloc(0);
	return {
		path,
		size,
		cached(position, length) {
			if (position < windowStart || position + length > windowStart + window.length) return undefined;
			return window.subarray(position - windowStart, position - windowStart + length);
		},
		async read(position, length) {
			if (position + length > size) throw new InputError('truncated (unexpected end of data)');
			if (position >= windowStart && position + length <= windowStart + window.length) {
				return window.subarray(position - windowStart, position - windowStart + length);
			}
			if (length > windowSize) return readExactly(handle, position, length);
			windowStart = position;
			window = await readExactly(handle, position, Math.min(windowSize, size - position));
			return window.subarray(0, length);
		},
		close: () => handle.close(),
	};
}

async function readExactly(handle: FileHandle, position: number, length: number): Promise<Buffer> {
	const buffer = Buffer.allocUnsafe(length);
	let done = 0;
	while (done < length) {
		const {bytesRead} = await handle.read(buffer, done, length - done, position + done);
		if (bytesRead === 0) throw new InputError('truncated (unexpected end of data)');
		done += bytesRead;
	}
	return buffer;
}
