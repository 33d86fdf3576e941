import {createHash, type Hash} from 'node:crypto';
import {createWriteStream} from 'node:fs';
import type {Transform} from 'node:stream';
import {pipeline} from 'node:stream/promises';
import {createGzip} from 'node:zlib';
import {pack as tarPack} from 'tar-stream';
import {CompressStream} from 'zstd-napi';
import type {LayerCompression, LayerDescription} from './image-description.js';
import {addTarEntry, feedPack} from './layer-tar.js';

/** One layer written to a temp file: what the archive's manifests and config say about it. */
export type LayerBlob = {
	readonly file: string;
	/** `sha256:<hex>` of the blob's bytes (compressed if compressed). */
	readonly digest: string;
	readonly size: number;
	/** `sha256:<hex>` of the uncompressed tar. */
	readonly diffId: string;
	readonly diffSize: number;
	readonly compression: LayerCompression;
};

export type LayerBlobOptions = {
	readonly file: string;
	readonly compression: LayerCompression;
	readonly level?: number;
	/** mtime of entries that don't give one. */
	readonly mtime: Date;
};

type Counter = {hash: Hash; bytes: number};

function tap(counter: Counter) {
	return async function* (source: AsyncIterable<unknown>): AsyncGenerator<Buffer> {
		for await (const item of source) {
			const chunk = item as Buffer;
			counter.hash.update(chunk);
			counter.bytes += chunk.byteLength;
			yield chunk;
		}
	};
}

function compressor(compression: Exclude<LayerCompression, 'none'>, level: number | undefined): Transform {
	if (compression === 'gzip') return createGzip({level: level ?? 6, chunkSize: 1 << 16});
	return new CompressStream({compressionLevel: level ?? 3});
}

/**
Streams a layer's entries through tar → (compressor) → file, hashing the tar and the blob on the way.
Only stream buffers are held in memory, whatever the layer's size.
*/
export async function writeLayerBlob(layer: LayerDescription, options: LayerBlobOptions): Promise<LayerBlob> {
	const tar = tarPack();
	const diff: Counter = {hash: createHash('sha256'), bytes: 0};
	const blob: Counter = {hash: createHash('sha256'), bytes: 0};
	const out = createWriteStream(options.file, {highWaterMark: 1 << 20});
	const written =
		options.compression === 'none'
			? pipeline(tar, tap(diff), out)
			: pipeline(tar, tap(diff), compressor(options.compression, options.level), tap(blob), out);
	await feedPack(tar, written, async () => {
		for (const entry of layer.entries) await addTarEntry(tar, entry, options.mtime);
	});
	const diffId = `sha256:${diff.hash.digest('hex')}`;
	if (options.compression === 'none') {
		return {file: options.file, digest: diffId, size: diff.bytes, diffId, diffSize: diff.bytes, compression: 'none'};
	}
	return {
		file: options.file,
		digest: `sha256:${blob.hash.digest('hex')}`,
		size: blob.bytes,
		diffId,
		diffSize: diff.bytes,
		compression: options.compression,
	};
}
