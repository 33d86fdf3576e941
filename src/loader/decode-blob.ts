import {closeSync, createReadStream, openSync, readSync} from 'node:fs';
import type {ParsedLayer} from './read-layer.js';
import {isZstdMagic} from './sniff.js';
import {zstdDecoder} from './zstd-decoder.js';
import {readZstdLayerSync} from './zstd-layer-sync.js';

/**
Decodes and parses the layer blob at [start, end) of a file (a decode job). zstd with the native decoder goes the
synchronous way (`readZstdLayerSync`) when `blocking` allows it (on a worker thread); everything else, and everything
decoded on the main thread, streams through `readLayer`, so that the event loop (keys, Ctrl+C, progress) runs between
chunks however far a small blob expands.
*/
export async function decodeBlob(file: string, start: number, end: number, blocking = true): Promise<ParsedLayer | undefined> {
	if (blocking && isZstd(file, start, end)) {
		const decoder = await zstdDecoder();
		if (decoder.napi) return readZstdLayerSync(decoder.napi, file, start, end);
	}
	const {readLayer} = await import('./read-layer.js');
	return readLayer(createReadStream(file, {start, end: end - 1, highWaterMark: 128 * 1024}));
}

function isZstd(file: string, start: number, end: number): boolean {
	if (end - start < 4) return false;
	const fd = openSync(file, 'r');
	try {
		const magic = Buffer.alloc(4);
		return readSync(fd, magic, 0, 4, start) === 4 && isZstdMagic(magic);
	} finally {
		closeSync(fd);
	}
}
