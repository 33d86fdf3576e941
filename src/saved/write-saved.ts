import {once} from 'node:events';
import {createWriteStream} from 'node:fs';
import {rename, rm, stat} from 'node:fs/promises';
import path from 'node:path';
import {createGzip} from 'node:zlib';
import type {ImageModel} from '../core/model.js';
import type {BlobLocation} from '../loader/collected.js';
import type {InputSource} from '../loader/input-source.js';
import {chunkSize, savedMagic, savedSchemaVersion, toTuple, type SavedHeader, type SavedImage, type SavedSource} from './saved-format.js';

/**
Writes a saved analysis: streamed through gzip into a temporary file beside `target`, renamed into place when
complete, so a failed save never leaves a half-written file under the name asked for.
*/
export async function writeSaved(
	target: string,
	model: ImageModel,
	source: SavedSource,
	writer: string,
): Promise<void> {
	const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
	const file = createWriteStream(temporary, {flags: 'wx'});
	const gzip = createGzip({level: 6});
	gzip.pipe(file);
	const failed = new Promise<never>((_, reject) => {
		file.on('error', reject);
		gzip.on('error', reject);
	});
	const write = async (value: unknown) => {
		if (!gzip.write(`${JSON.stringify(value)}\n`)) await Promise.race([once(gzip, 'drain'), failed]);
	};
	try {
		const header: SavedHeader = {format: savedMagic, schemaVersion: savedSchemaVersion, writer, savedAt: new Date().toISOString()};
		await write(header);
		const {layers, ...image} = model;
		const saved: SavedImage = {
			...image,
			source,
			layers: layers.map(({entries, ...layer}) => ({...layer, entryCount: entries.length})),
		};
		await write(saved);
		let entryCount = 0;
		for (const layer of layers) {
			for (let start = 0; start < layer.entries.length; start += chunkSize) {
				const chunk = layer.entries.slice(start, start + chunkSize);
				await write({layer: layer.index, entries: chunk.map(toTuple)});
				entryCount += chunk.length;
			}
		}
		await write({end: true, entryCount});
		gzip.end();
		await Promise.race([once(file, 'close'), failed]);
		await rename(temporary, target);
	} catch (error) {
		gzip.destroy();
		file.destroy();
		await rm(temporary, {force: true});
		throw error;
	}
}

/** What a saved analysis records about its input: its place, size and mtime, and where each blob sits in it. */
export async function savedSourceOf(source: InputSource | undefined, locations: ReadonlyMap<string, BlobLocation> | undefined): Promise<SavedSource> {
	const kind = source?.kind ?? 'stdin';
	const onDisk = (kind === 'file' || kind === 'directory') && source?.path !== undefined ? path.resolve(source.path) : '';
	const info = onDisk ? await stat(onDisk) : undefined;
	return {
		display: source?.display ?? 'stdin',
		kind,
		path: onDisk,
		size: info?.size ?? 0,
		mtimeMs: info?.mtimeMs ?? 0,
		locations: [...(locations ?? new Map<string, BlobLocation>())].map(([name, at]) => [name, path.resolve(at.file), at.offset, at.size] as const),
	};
}
