import {once} from 'node:events';
import {createWriteStream} from 'node:fs';
import {rename, rm, stat} from 'node:fs/promises';
import path from 'node:path';
import {createGzip, gzipSync} from 'node:zlib';
import type {Analysis} from '../core/analysis-types.js';
import type {BlobLocation} from '../loader/collected.js';
import type {InputSource} from '../loader/input-source.js';
import {align, sectionBytes} from './columns.js';
import {encodeAnalysis, type EncodedAnalysis} from './encode-analysis.js';
import {savedMagic, savedSchemaVersion, type SavedHeader, type SavedSource} from './saved-format.js';

/**
Writes a saved analysis (schema 2): the header line, the manifest line, then the string table's text and the number
sections, each starting at a multiple of 8 bytes, all streamed through gzip into a temporary file beside `target`,
renamed into place when complete, so a failed save never leaves a half-written file under the name asked for.
*/
export async function writeSaved(target: string, analysis: Analysis, source: SavedSource, writer: string): Promise<void> {
	const encoded = encodeAnalysis(analysis, source);
	const savedAt = new Date().toISOString();
	const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
	const manifest = JSON.stringify(encoded.manifest);
	// The manifest line is padded so that the data after it starts at a multiple of 8 bytes of the whole content.
	const lines = (header: string) => {
		const end = Buffer.byteLength(header) + Buffer.byteLength(manifest) + 1;
		return {header, manifest: `${manifest}${' '.repeat(align(end) - end)}\n`};
	};
	// The header states the size of what follows it, which depends on the header's own length: settle both.
	const settle = (bytes: number, round: number): ReturnType<typeof lines> => {
		const header: SavedHeader = {format: savedMagic, schemaVersion: savedSchemaVersion, writer, savedAt, bytes};
		const layout = lines(`${JSON.stringify(header)}\n`);
		const next = Buffer.byteLength(layout.manifest) + dataBytes(encoded);
		if (next === bytes) return layout;
		if (round === 8) throw new Error('the saved analysis header does not settle');
		return settle(next, round + 1);
	};
	const layout = settle(0, 0);
	const headerLine = layout.header;
	const file = createWriteStream(temporary, {flags: 'wx'});
	// The header line is a gzip member of its own: whatever happens to the rest, a reader can still tell the file apart.
	file.write(gzipSync(headerLine));
	const gzip = createGzip({level: 6});
	gzip.pipe(file);
	const failed = new Promise<never>((_, reject) => {
		file.on('error', reject);
		gzip.on('error', reject);
	});
	failed.catch(() => {});
	let written = Buffer.byteLength(headerLine);
	const write = async (bytes: Uint8Array) => {
		written += bytes.length;
		if (!gzip.write(bytes)) await Promise.race([once(gzip, 'drain'), failed]);
	};
	const pad = () => write(Buffer.alloc(align(written) - written));
	try {
		await write(Buffer.from(layout.manifest));
		await write(encoded.text);
		for (const section of encoded.sections) {
			await pad();
			await write(sectionBytes(section));
		}
		await pad();
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

/** The bytes of the text and the sections, each section starting at a multiple of 8 (the text starts aligned). */
function dataBytes(encoded: EncodedAnalysis): number {
	let length = encoded.text.length;
	for (const section of encoded.sections) length = align(length) + sectionBytes(section).length;
	return align(length);
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
