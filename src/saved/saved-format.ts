import type {ArchiveFormat, Compression, EntryType, ImageModel, Layer, LayerEntry} from '../core/model.js';

/**
The saved-analysis file (`--save`): gzip'd, line 1 the header, versioned by `schemaVersion`; a reader refuses a
newer schema rather than misread it.
- Schema 3 (written now): the analysis in columns (see encode-analysis.ts), in two parts: the front (the manifest
  line and what the explorer's first screen needs) and the rest, each a gzip member of its own after the header's.
- Schema 2 (still read): the manifest line, then the analysis in columns in one part, one gzip member.
- Schema 1 (still read): JSON lines: the image (without entries), then each layer's entries in chunks of tuples,
  then an end line with the entry count. Reopening it recomputes the analysis.
*/
export const savedMagic = 'layerlens-saved-analysis';
export const savedSchemaVersion = 3;
/** The bytes every saved file's decompressed content starts with: how a saved analysis is told from an image. */
export const savedPrefix = `{"format":"${savedMagic}"`;

export type SavedHeader = {
	readonly format: typeof savedMagic;
	readonly schemaVersion: number;
	readonly writer: string;
	readonly savedAt: string;
	/** Schema 2 and 3: how many bytes the second gzip member holds decompressed (the manifest line and the (front) data). */
	readonly bytes?: number;
	/** Schema 3: the second gzip member's compressed size (the third starts right after it). */
	readonly frontGzipBytes?: number;
	/** Schema 3: how many bytes the third gzip member (the rest part) holds decompressed. */
	readonly restBytes?: number;
};

/** Where the analysis was read from, so view and extract can read content from it while it is unchanged. */
export type SavedSource = {
	readonly display: string;
	readonly kind: 'file' | 'directory' | 'stdin' | 'engine' | 'registry';
	/** Absolute path on disk ('' for stdin and engines). */
	readonly path: string;
	readonly size: number;
	readonly mtimeMs: number;
	/** Blob name → [file, offset, size] on disk. */
	readonly locations: ReadonlyArray<readonly [string, string, number, number]>;
};

export type SavedLayer = Omit<Layer, 'entries'> & {readonly entryCount: number};

export type SavedImage = Omit<ImageModel, 'layers'> & {readonly source: SavedSource; readonly layers: readonly SavedLayer[]};

/** One entry: path, typeFlag, size, mode, uid, gid, linkTarget, digest. */
export type EntryTuple = [string, number, number, number, number, number, string, string];

const typeByFlag: ReadonlyMap<number, EntryType> = new Map([
	[48, 'file'],
	[49, 'hardlink'],
	[50, 'symlink'],
	[51, 'char'],
	[52, 'block'],
	[53, 'dir'],
	[54, 'fifo'],
]);

/** A tuple read back, checked field by field; throws on anything a writer of this schema would not produce. */
export function fromTuple(value: unknown): LayerEntry {
	if (!Array.isArray(value) || value.length !== 8) throw new SavedFormatError('an entry is not an 8-field record');
	const [path, typeFlag, size, mode, uid, gid, linkTarget, digest] = value as unknown[];
	const type = typeof typeFlag === 'number' ? typeByFlag.get(typeFlag) : undefined;
	if (typeof path !== 'string' || !type || typeof linkTarget !== 'string' || typeof digest !== 'string') {
		throw new SavedFormatError('an entry has a field of the wrong type');
	}
	if (![size, mode, uid, gid].every(n => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0)) {
		throw new SavedFormatError('an entry has a number out of range');
	}
	return {path, type, typeFlag: typeFlag as number, size: size as number, mode: mode as number, uid: uid as number, gid: gid as number, linkTarget, digest};
}

export class SavedFormatError extends Error {
	override readonly name = 'SavedFormatError';
}

const formats: readonly ArchiveFormat[] = ['docker-legacy', 'docker-oci', 'oci-archive', 'oci-layout-dir', 'kaniko', 'podman-docker-archive'];
const compressions: readonly Compression[] = ['none', 'gzip', 'zstd', 'estargz'];

/** Checks the header line: the magic, and a schema this reader knows. */
export function checkHeader(value: unknown): SavedHeader {
	const header = value as Partial<SavedHeader> | undefined;
	if (header?.format !== savedMagic || typeof header.schemaVersion !== 'number') throw new SavedFormatError('not a saved analysis');
	if (header.schemaVersion > savedSchemaVersion) {
		throw new SavedFormatError(
			`saved by a newer layerlens (${String(header.writer)}, schema ${header.schemaVersion}; this one reads schema ${savedSchemaVersion})`,
		);
	}
	if (header.schemaVersion < 1 || !Number.isInteger(header.schemaVersion)) throw new SavedFormatError(`unknown schema ${header.schemaVersion}`);
	return header as SavedHeader;
}

/** Checks the image line: every field a reader uses, with its type. */
export function checkImage(value: unknown): SavedImage {
	const image = value as SavedImage | undefined;
	const strings = (object: object | undefined, keys: readonly string[]) =>
		object !== undefined && object !== null && keys.every(key => typeof (object as Record<string, unknown>)[key] === 'string');
	if (
		!strings(image, ['name', 'configDigest', 'platform']) ||
		!formats.includes(image!.format) ||
		!Array.isArray(image!.tags) ||
		!Array.isArray(image!.layers) ||
		!strings(image!.source, ['display', 'kind', 'path']) ||
		!Array.isArray(image!.source.locations)
	) {
		throw new SavedFormatError('the image record is incomplete');
	}
	image!.layers.forEach((layer, index) => {
		if (
			layer?.index !== index ||
			!strings(layer, ['blob', 'id', 'diffId', 'command', 'createdBy', 'created']) ||
			!compressions.includes(layer.compression) ||
			!Number.isSafeInteger(layer.sizeBytes) ||
			!Number.isSafeInteger(layer.entryCount)
		) {
			throw new SavedFormatError(`layer record ${index} is incomplete`);
		}
	});
	return image!;
}
