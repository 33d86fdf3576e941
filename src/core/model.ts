/**
The image model the loader produces: plain data, no streams, no classes.
Every layer keeps the entries of its own tar, in tar order, with a content digest for regular files.
*/

export type EntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo';

export type Compression = 'none' | 'gzip' | 'zstd' | 'estargz';

export type ArchiveFormat =
	| 'docker-legacy'
	| 'docker-oci'
	| 'oci-archive'
	| 'oci-layout-dir'
	| 'kaniko'
	| 'podman-docker-archive'
	| 'registry';

export type LayerEntry = {
	/** Cleaned tar name: relative, no leading `/` or `./`, no trailing `/`. Whiteouts keep their `.wh.` name. */
	readonly path: string;
	readonly type: EntryType;
	/** The tar typeflag byte ('0' = 48), kept for dive's export. */
	readonly typeFlag: number;
	/** The header's size field: 0 for everything but regular files. */
	readonly size: number;
	/** The header's mode field as stored (permission and special bits, sometimes type bits). */
	readonly mode: number;
	readonly uid: number;
	readonly gid: number;
	/** Symlink target, or the path a hard link points at, as stored. */
	readonly linkTarget: string;
	/** Content digest (hex) of a regular file's bytes, '' where not hashed, or a partial digest (see core/content-digest); '' for everything else. */
	readonly digest: string;
	/**
	The first bytes (at most 4 KiB, as latin1 text) of a small regular file whose name may hold a credential
	(`mayHoldSecret`); absent for every other entry. The secret hints read it.
	*/
	readonly head?: string;
};

export type Layer = {
	readonly index: number;
	/** Where the layer's blob sits in the archive (`<id>/layer.tar`, `blobs/sha256/<hex>`, `<hex>.tar.gz`). */
	readonly blob: string;
	/** The layer's id: the blob digest (`sha256:<hex>`) where the archive names one, else the legacy directory id. */
	readonly id: string;
	/** The uncompressed digest from the config's `rootfs.diff_ids` (dive's `digestId`), '' if absent. */
	readonly diffId: string;
	/** `created_by` with the `/bin/sh -c ` prefix stripped, as dive shows it; `(missing)` without history. */
	readonly command: string;
	readonly createdBy: string;
	readonly created: string;
	/** Sum of the tar header sizes of all entries (dive's layer size). */
	readonly sizeBytes: number;
	readonly compression: Compression;
	/**
	Bytes of the layer's blob as the archive stores it (compressed when `compression` is not `none`): the outer tar
	entry's size, or the file's size in an OCI layout directory. Absent when the loader could not tell.
	*/
	readonly storedBytes?: number;
	readonly entries: readonly LayerEntry[];
};

export type ImageModel = {
	/** What the user asked for: a tag when the archive names one, else the input's name. */
	readonly name: string;
	readonly tags: readonly string[];
	readonly format: ArchiveFormat;
	readonly configDigest: string;
	readonly platform: string;
	readonly layers: readonly Layer[];
};

export const whiteoutPrefix = '.wh.';
export const opaqueMarker = '.wh..wh..opq';
