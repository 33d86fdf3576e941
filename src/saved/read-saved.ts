import {closeSync, createReadStream, fstatSync, openSync, readSync} from 'node:fs';
import {createInterface} from 'node:readline';
import {promisify} from 'node:util';
import {createGunzip, gunzip, gunzipSync} from 'node:zlib';
import type {ImageModel, Layer, LayerEntry} from '../core/model.js';
import type {Analysis} from '../core/analysis-types.js';
import {align, columnKinds, sectionByteLength, type ColumnKind, type SectionInfo} from './columns.js';
import {decodeAnalysis} from './decode-analysis.js';
import {inflatePrefix} from './saved-sniff.js';
import {checkHeader, checkImage, fromTuple, SavedFormatError, type SavedHeader, type SavedSource} from './saved-format.js';

export type SavedAnalysis = {
	readonly model: ImageModel;
	readonly source: SavedSource;
	readonly writer: string;
	readonly schemaVersion: number;
	/** The analysis as saved (schema 2 and 3); absent for schema 1, whose model is analysed again. */
	readonly analysis?: Analysis;
	/**
	Reads and checks what `readSaved` with `early` left for later (schema 3's rest part); rejects with a
	SavedFormatError on damage. Settled at once otherwise.
	*/
	readonly complete: () => Promise<void>;
};

const sources = new WeakMap<ImageModel, SavedSource>();

/** Where the archive of a model read from a saved analysis was: saving that model again keeps pointing there. */
export function recordedSource(model: ImageModel): SavedSource | undefined {
	return sources.get(model);
}

/**
Reads a saved analysis back. Schemas 2 and 3 hold the analysis itself: it is decoded, not recomputed. Schema 1 holds
the image model only (the caller analyses it). Any damage is a SavedFormatError.
Schema 3's two parts are inflated at once on the thread pool. With `early`, the promise settles once the front part is
decoded (what the explorer's first screen shows) and `complete()` reads and checks the rest; without it, the rest is
checked before the promise settles. Reading the entries, the changes or the final filesystem before `complete()` has
settled decodes the rest there and then.
*/
export async function readSaved(file: string, options: {readonly early?: boolean} = {}): Promise<SavedAnalysis> {
	let compressed: Buffer;
	try {
		compressed = readWhole(file);
	} catch (error) {
		throw new SavedFormatError((error as Error).message);
	}
	const head = headerMember(compressed);
	const headText = head?.text ?? inflatePrefix(compressed.subarray(0, 64 * 1024), 4096);
	const newline = headText.indexOf(10);
	if (newline === -1) throw new SavedFormatError('truncated saved analysis (no header)');
	const header = checkHeader(parse(headText.toString('utf8', 0, newline)));
	if (header.schemaVersion === 1) return readSchema1(file);
	if (header.schemaVersion === 2) return readSchema2(compressed, newline, header);
	const {frontGzipBytes, restBytes} = header;
	if (!isCount(frontGzipBytes) || !isCount(restBytes)) throw new SavedFormatError('the header record is incomplete');
	if (!head || head.end + frontGzipBytes >= compressed.length) throw new SavedFormatError('truncated saved analysis (the data ends early)');
	const frontMember = compressed.subarray(head.end, head.end + frontGzipBytes);
	const restMember = compressed.subarray(head.end + frontGzipBytes);
	const frontLength = declaredBytes(header.bytes, frontMember.length);
	const restLength = declaredBytes(restBytes, restMember.length);
	// Both parts inflate on the thread pool at once; the rest is decoded only when asked for.
	const restInflated = inflateMember(restMember, restLength);
	restInflated.catch(() => {});
	let rest: Uint8Array | undefined;
	const content = await inflateMember(frontMember, frontLength);
	const {manifest, data} = manifestAndData(content, 0);
	const restPart = (manifest as {rest?: unknown}).rest;
	// The inflated rest is exactly `restLength` long (inflateMember); it must also be what the manifest declares.
	const checked = (bytes: Buffer): Uint8Array => {
		const declared = declaredLength(restPart);
		if (bytes.length !== declared) throw new SavedFormatError(bytes.length < declared ? 'truncated saved analysis (the data ends early)' : 'data after the last section');
		return bytes;
	};
	// Asked for before the thread pool's inflate is in: inflated here (the same checks), and that one's result unused.
	const restNow = () => (rest ??= checked(inflateMemberSync(restMember, restLength)));
	const decoded = decodeAnalysis(manifest, data, restNow);
	let completed: Promise<void> | undefined;
	const complete = () =>
		(completed ??= (async () => {
			// Awaited first: `rest ??= checked(await …)` would test `rest` before the wait and overwrite a rest that
			// restNow() inflated meanwhile, keeping both buffers.
			const bytes = await restInflated;
			rest ??= checked(bytes);
			decoded.complete();
		})());
	if (!options.early) await complete();
	const {analysis, source} = decoded;
	sources.set(analysis.model, source);
	return {model: analysis.model, source, writer: header.writer, schemaVersion: header.schemaVersion, analysis, complete};
}

/** Schema 2: the header, the manifest and the data inflated together (the members' contents follow one another). */
async function readSchema2(compressed: Buffer, newline: number, header: SavedHeader): Promise<SavedAnalysis> {
	const total = newline + 1 + declaredBytes(header.bytes, compressed.length);
	const content = await inflateMember(compressed, total);
	const {manifest, data} = manifestAndData(content, newline + 1);
	const {analysis, source} = decodeAnalysis(manifest, data);
	sources.set(analysis.model, source);
	return {model: analysis.model, source, writer: header.writer, schemaVersion: header.schemaVersion, analysis, complete: () => Promise.resolve()};
}

/** The manifest line starting at `at`, and the data after it, checked to be as long as the manifest declares. */
function manifestAndData(content: Buffer, at: number): {manifest: unknown; data: Buffer} {
	const end = content.indexOf(10, at);
	if (end === -1) throw new SavedFormatError('the manifest record is incomplete');
	const manifest = parse(content.toString('utf8', at, end));
	const data = content.subarray(end + 1);
	const declared = declaredLength(manifest);
	if (data.length !== declared) throw new SavedFormatError(data.length < declared ? 'truncated saved analysis (the data ends early)' : 'data after the last section');
	return {manifest, data};
}

const inflate = promisify(gunzip);

/**
Gzip data inflated into one output buffer of the `length` declared (the sections are viewed in it where they lie,
never copied), on libuv's thread pool, so the explorer's modules compile on the main thread meanwhile.
*/
async function inflateMember(bytes: Buffer, length: number): Promise<Buffer> {
	let content: Buffer;
	try {
		content = await inflate(bytes, {chunkSize: Math.max(64, length + 64), maxOutputLength: length});
	} catch (error) {
		throw inflateProblem(error);
	}
	if (content.length < length) throw new SavedFormatError('truncated saved analysis (the data ends early)');
	return content;
}

function inflateMemberSync(bytes: Buffer, length: number): Buffer {
	let content: Buffer;
	try {
		content = gunzipSync(bytes, {chunkSize: Math.max(64, length + 64), maxOutputLength: length});
	} catch (error) {
		throw inflateProblem(error);
	}
	if (content.length < length) throw new SavedFormatError('truncated saved analysis (the data ends early)');
	return content;
}

function inflateProblem(error: unknown): SavedFormatError {
	if ((error as {code?: string}).code === 'ERR_BUFFER_TOO_LARGE') return new SavedFormatError('data after the last section');
	return new SavedFormatError(corruption(error));
}

function isCount(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
The whole file in one buffer, read synchronously: the compressed file is a few MB, read in a few calls, and the
inflate it feeds is then queued on the thread pool before the caller's next step. The explorer imports its modules
right after starting the read: an asynchronous read would wait for each turn of the main thread until they have
compiled, and only then start the inflate.
*/
function readWhole(file: string): Buffer {
	const fd = openSync(file, 'r');
	try {
		const size = fstatSync(fd).size;
		const bytes = Buffer.allocUnsafe(size);
		let filled = 0;
		while (filled < size) {
			const bytesRead = readSync(fd, bytes, filled, size - filled, filled);
			if (bytesRead === 0) break;
			filled += bytesRead;
		}
		return filled === size ? bytes : bytes.subarray(0, filled);
	} finally {
		closeSync(fd);
	}
}

/**
The header line of schemas 2 and 3, a gzip member of its own: found where the next member starts (its CRC tells a real
end from the same bytes inside compressed data). Undefined for a file of one member (schema 1).
*/
function headerMember(compressed: Buffer): {readonly text: Buffer; readonly end: number} | undefined {
	const magic = Buffer.from([0x1f, 0x8b, 0x08]);
	for (let at = compressed.indexOf(magic, 18); at !== -1 && at < 64 * 1024; at = compressed.indexOf(magic, at + 1)) {
		try {
			return {text: gunzipSync(compressed.subarray(0, at)), end: at};
		} catch {
			// Not the end of the first member: look further.
		}
	}
	return undefined;
}

/** What the header says a gzip member holds, checked against what gzip can make of the member's size. */
function declaredBytes(bytes: unknown, compressedBytes: number): number {
	if (!isCount(bytes)) throw new SavedFormatError('the header record is incomplete');
	// Deflate expands at most about 1032:1; more than that, or more than a buffer holds, is not a file layerlens wrote.
	if (bytes > compressedBytes * 1100 + 4096 || bytes > maxDataBytes) throw new SavedFormatError(`the header declares ${bytes} bytes, more than the file can hold`);
	return bytes;
}

/** The bytes after the manifest line that it declares: the text and every section, each aligned. */
function declaredLength(manifest: unknown): number {
	const {textBytes, sections} = (manifest ?? {}) as {textBytes?: unknown; sections?: unknown};
	if (!Number.isSafeInteger(textBytes) || (textBytes as number) < 0 || !Array.isArray(sections)) throw new SavedFormatError('the manifest record is incomplete');
	let length = align(textBytes as number);
	for (const info of sections as unknown[]) {
		if (!Array.isArray(info) || !columnKinds.includes(info[1] as ColumnKind) || !Number.isSafeInteger(info[2]) || (info[2] as number) < 0) {
			throw new SavedFormatError('a section record is malformed');
		}
		length = align(length + sectionByteLength(info as unknown as SectionInfo));
	}
	return length;
}

/** 2 GiB: far more than a saved analysis of millions of paths needs, and less than one buffer can hold. */
const maxDataBytes = 2 ** 31 - 1;

/** Schema 1: JSON lines of the image model, read record by record. */
async function readSchema1(file: string): Promise<SavedAnalysis> {
	const gunzip = createGunzip();
	const input = createReadStream(file, {highWaterMark: 1024 * 1024});
	input.on('error', error => gunzip.destroy(error));
	const lines = createInterface({input: input.pipe(gunzip), crlfDelay: Infinity});
	let header;
	let image;
	const entries: LayerEntry[][] = [];
	let ended = false;
	let count = 0;
	try {
		for await (const line of lines) {
			if (ended) throw new SavedFormatError('data after the end record');
			const value = parse(line);
			if (!header) {
				header = checkHeader(value);
			} else if (!image) {
				image = checkImage(value);
				entries.push(...image.layers.map((): LayerEntry[] => []));
			} else if ((value as {end?: unknown}).end === true) {
				if ((value as {entryCount?: unknown}).entryCount !== count) throw new SavedFormatError('the entry count does not match');
				ended = true;
			} else {
				const chunk = value as {layer?: unknown; entries?: unknown};
				const target = typeof chunk.layer === 'number' ? entries[chunk.layer] : undefined;
				if (!target || !Array.isArray(chunk.entries)) throw new SavedFormatError('an entry record is malformed');
				for (const tuple of chunk.entries) target.push(fromTuple(tuple));
				count += chunk.entries.length;
			}
		}
	} catch (error) {
		if (error instanceof SavedFormatError) throw error;
		throw new SavedFormatError(corruption(error));
	} finally {
		lines.close();
		input.destroy();
	}
	if (!header || !image || !ended) throw new SavedFormatError('truncated saved analysis (no end record)');
	const {source, layers, ...rest} = image;
	const model: ImageModel = {
		...rest,
		layers: layers.map(({entryCount, ...layer}, index): Layer => {
			if (entries[index]!.length !== entryCount) throw new SavedFormatError(`layer ${index} has ${entries[index]!.length} entries, not ${entryCount}`);
			return {...layer, entries: entries[index]!};
		}),
	};
	sources.set(model, source);
	return {model, source, writer: header.writer, schemaVersion: 1, complete: () => Promise.resolve()};
}

function parse(line: string): unknown {
	try {
		return JSON.parse(line);
	} catch {
		throw new SavedFormatError('a record is not valid JSON');
	}
}

function corruption(error: unknown): string {
	const code = (error as {code?: string}).code;
	if (code === 'Z_BUF_ERROR' || (error as Error).message === 'unexpected end of file') return 'truncated saved analysis (unexpected end of data)';
	if (code?.startsWith('Z_')) return `corrupt saved analysis (${(error as Error).message})`;
	return (error as Error).message;
}
