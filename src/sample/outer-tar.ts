import {createReadStream} from 'node:fs';
import type {Writable} from 'node:stream';
import {pipeline} from 'node:stream/promises';
import {createGzip} from 'node:zlib';
import {pack as tarPack} from 'tar-stream';
import type {OuterEntry} from './archive-entries.js';
import type {EntryDescription} from './image-description.js';
import {addTarEntry, feedPack} from './layer-tar.js';

function describe(entry: OuterEntry): EntryDescription {
	switch (entry.kind) {
		case 'dir':
			return {path: entry.name, type: 'dir'};
		case 'bytes':
			return {path: entry.name, type: 'file', content: entry.bytes};
		case 'symlink':
			return {path: entry.name, type: 'symlink', linkTarget: entry.target};
		case 'file':
			return {
				path: entry.name,
				type: 'file',
				size: entry.size,
				content: createReadStream(entry.file, {highWaterMark: 1 << 20}) as AsyncIterable<Buffer>,
			};
	}
}

export type OuterTarOptions = {
	readonly mtime: Date;
	/** gzip the whole archive (like `docker save img | gzip`). */
	readonly gzip: boolean;
	readonly gzipLevel?: number;
};

/** Streams the outer archive tar into `destination`; layer blobs are copied from their temp files chunk by chunk. */
export async function writeOuterTar(entries: readonly OuterEntry[], destination: Writable, options: OuterTarOptions): Promise<void> {
	const tar = tarPack();
	const written = options.gzip
		? pipeline(tar, createGzip({level: options.gzipLevel ?? 6}), destination)
		: pipeline(tar, destination);
	await feedPack(tar, written, async () => {
		for (const entry of entries) await addTarEntry(tar, describe(entry), options.mtime);
	});
}
