import {once} from 'node:events';
import {createWriteStream} from 'node:fs';
import {rename, rm, stat} from 'node:fs/promises';
import path from 'node:path';
import {createGzip, gzipSync} from 'node:zlib';
import type {Analysis} from '../core/analysis-types.js';
import type {BlobLocation} from '../loader/collected.js';
import type {InputSource} from '../loader/input-source.js';
import {align, sectionBytes} from './columns.js';
import {encodeAnalysis, type EncodedPart} from './encode-analysis.js';
import {savedMagic, savedSchemaVersion, type SavedHeader, type SavedSource} from './saved-format.js';

/**
Writes a saved analysis (schema 3) as three gzip members:
1. the header line, alone (a reader tells the file apart from an image by it, whatever happens to the rest);
2. the front: the manifest line, then the front part's data (what the explorer's first screen needs);
3. the rest part's data (entries, changes, final filesystem).
A part's data is its string table's text, then its number sections, each starting at a multiple of 8 bytes of the
member's content. The header gives the front's compressed size, so a reader inflates both members at once, and each
member's size inflated. The rest is streamed through gzip into a temporary file beside `target`, renamed into place
when complete, so a failed save never leaves a half-written file under the name asked for.
*/
export async function writeSaved(target: string, analysis: Analysis, source: SavedSource, writer: string): Promise<void> {
	const encoded = encodeAnalysis(analysis, source);
	const savedAt = new Date().toISOString();
	const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
	// The manifest line is padded so that the data after it starts at a multiple of 8 bytes of the member's content.
	const manifest = JSON.stringify(encoded.manifest);
	const end = Buffer.byteLength(manifest) + 1;
	const manifestLine = `${manifest}${' '.repeat(align(end) - end)}\n`;
	const front = Buffer.concat([Buffer.from(manifestLine), ...partChunks(encoded.front)]);
	const frontMember = gzipSync(front, {level: 6});
	const header: SavedHeader = {format: savedMagic, schemaVersion: savedSchemaVersion, writer, savedAt, bytes: front.length, frontGzipBytes: frontMember.length, restBytes: partBytes(encoded.rest)};
	const file = createWriteStream(temporary, {flags: 'wx'});
	file.write(gzipSync(`${JSON.stringify(header)}\n`));
	file.write(frontMember);
	const gzip = createGzip({level: 6});
	gzip.pipe(file);
	const failed = new Promise<never>((_, reject) => {
		file.on('error', reject);
		gzip.on('error', reject);
	});
	failed.catch(() => {});
	try {
		for (const chunk of partChunks(encoded.rest)) {
			if (!gzip.write(chunk)) await Promise.race([once(gzip, 'drain'), failed]);
		}
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

/** A part's bytes in order: the text, then each section after padding to a multiple of 8, then the final padding. */
function* partChunks(part: EncodedPart): Generator<Uint8Array> {
	let written = part.text.length;
	yield part.text;
	for (const section of part.sections) {
		yield Buffer.alloc(align(written) - written);
		const bytes = sectionBytes(section);
		written = align(written) + bytes.length;
		yield bytes;
	}
	yield Buffer.alloc(align(written) - written);
}

/** The bytes of a part's text and sections, each section starting at a multiple of 8 (the text starts aligned). */
function partBytes(part: EncodedPart): number {
	let length = part.text.length;
	for (const section of part.sections) length = align(length) + sectionBytes(section).length;
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
