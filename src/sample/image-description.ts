/**
A plain description of a container image, from which the image writer streams an archive in any format.
Whiteouts are ordinary entries named `.wh.<name>` or `.wh..wh..opq`; nothing here interprets them.
*/

export type EntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo';

/**
Chunks of a file's bytes. Arrays and objects whose `[Symbol.iterator]` starts a fresh generator can be read any
number of times (one description written in several formats); a generator object or a Readable is read once.
*/
export type ChunkSource = Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

export type EntryDescription = {
	/** The tar name, written as given (a directory gets a trailing `/` if it has none). */
	readonly path: string;
	readonly type: EntryType;
	/** Permission bits; default 0o644 (files), 0o755 (dirs), 0o777 (symlinks). 0 is written as 0. */
	readonly mode?: number;
	readonly uid?: number;
	readonly gid?: number;
	/** A regular file's bytes; a string is written as UTF-8. */
	readonly content?: string | Uint8Array | ChunkSource;
	/** Required when `content` is a ChunkSource: the byte count the tar header declares (checked while writing). */
	readonly size?: number;
	/** Symlink target, or the tar name a hard link points at. */
	readonly linkTarget?: string;
	readonly mtime?: Date;
	readonly devMajor?: number;
	readonly devMinor?: number;
};

export type LayerCompression = 'none' | 'gzip' | 'zstd';

export type LayerDescription = {
	/** The history entry's `created_by`, e.g. `/bin/sh -c apk add curl`. */
	readonly createdBy: string;
	readonly created?: string;
	readonly comment?: string;
	/** Entries in tar order. Iterated once per archive written. */
	readonly entries: Iterable<EntryDescription>;
	/** Overrides the archive-wide layer compression for this layer. */
	readonly compression?: LayerCompression;
};

/** A history entry with `empty_layer: true` (ENV, CMD, LABEL ...). */
export type EmptyHistoryEntry = {
	readonly createdBy: string;
	/** The layer it follows (-1: before the first layer); default: after the last layer. */
	readonly afterLayer?: number;
	readonly created?: string;
};

export type Platform = {readonly os: string; readonly architecture: string; readonly variant?: string};

export type ImageDescription = {
	/** `name:tag` references, e.g. `example.com/app:1.0`. */
	readonly tags?: readonly string[];
	readonly layers: readonly LayerDescription[];
	readonly emptyHistory?: readonly EmptyHistoryEntry[];
	/** Default linux/amd64. */
	readonly platform?: Platform;
	/** ISO time for the config, history and entry mtimes; default 2024-01-01T00:00:00Z. */
	readonly created?: string;
	/** The config's `config` object (Env, Cmd, Labels ...). */
	readonly config?: Readonly<Record<string, unknown>>;
};

export type ArchiveFormat = 'docker-legacy' | 'docker-oci' | 'oci-archive' | 'kaniko';

export const archiveFormats: readonly ArchiveFormat[] = ['docker-legacy', 'docker-oci', 'oci-archive', 'kaniko'];

export const defaultCreated = '2024-01-01T00:00:00Z';
