import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {Readable} from 'node:stream';
import {gunzipSync} from 'node:zlib';
import {extract, type Header} from 'tar-stream';
import {decompress as zstdDecompress} from 'zstd-napi';
import type {ArchiveFormat, ImageDescription} from '../../src/sample/image-description.js';
import {writeImageArchive, type ArchiveSummary, type WriteOptions} from '../../src/sample/image-writer.js';

export * from '../../src/sample/entries.js';
export {buildImageArchive, writeImageArchive, type WriteOptions} from '../../src/sample/image-writer.js';
export {archiveFormats, type ArchiveFormat, type ImageDescription} from '../../src/sample/image-description.js';

export type TarEntry = {
	readonly name: string;
	readonly type: Header['type'];
	readonly mode: number;
	readonly uid: number;
	readonly gid: number;
	readonly size: number;
	readonly linkname: string;
	readonly data: Buffer;
};

/** Undoes gzip or zstd (sniffed by magic bytes); anything else is returned as is. */
export function decompressBytes(bytes: Buffer): Buffer {
	if (bytes[0] === 0x1f && bytes[1] === 0x8b) return gunzipSync(bytes);
	if (bytes.readUInt32LE(0) === 0xfd2fb528) return zstdDecompress(bytes);
	return bytes;
}

/** Every entry of a tar (gzip'd or zstd'd tars are decompressed first), with its bytes. For small test archives. */
export async function readTar(bytes: Buffer): Promise<TarEntry[]> {
	const entries: TarEntry[] = [];
	const reader = extract();
	const done = (async () => {
		for await (const entry of reader) {
			const chunks: Buffer[] = [];
			for await (const chunk of entry) chunks.push(chunk as Buffer);
			const {header} = entry;
			entries.push({
				name: header.name,
				type: header.type,
				mode: header.mode,
				uid: header.uid,
				gid: header.gid,
				size: header.size,
				linkname: header.linkname ?? '',
				data: Buffer.concat(chunks),
			});
		}
	})();
	Readable.from([decompressBytes(bytes)]).pipe(reader as unknown as NodeJS.WritableStream);
	await done;
	return entries;
}

/** The outer archive as name → entry. */
export async function readArchive(bytes: Buffer): Promise<Map<string, TarEntry>> {
	return new Map((await readTar(bytes)).map((entry) => [entry.name, entry]));
}

/** Writes the image to a file in a fresh temp directory; `cleanup` removes the directory. */
export async function writeTempImage(
	image: ImageDescription | readonly ImageDescription[],
	format: ArchiveFormat,
	options: WriteOptions = {},
	fileName = 'image.tar',
): Promise<{path: string; summary: ArchiveSummary; cleanup: () => Promise<void>}> {
	const dir = await mkdtemp(path.join(tmpdir(), 'layerlens-test-'));
	const file = path.join(dir, fileName);
	const summary = await writeImageArchive(image, format, file, {tmpDir: dir, ...options});
	return {path: file, summary, cleanup: () => rm(dir, {recursive: true, force: true})};
}
