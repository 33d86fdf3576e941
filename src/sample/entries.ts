import type {ChunkSource, EntryDescription} from './image-description.js';

/** Owner, mode and mtime of an entry, for the constructors below. */
export type EntryAttributes = Pick<EntryDescription, 'mode' | 'uid' | 'gid' | 'mtime'>;

export function file(path: string, content: string | Uint8Array = '', attributes: EntryAttributes = {}): EntryDescription {
	return {path, type: 'file', content, ...attributes};
}

/** A file whose bytes are streamed: `chunks` must add up to `size`. */
export function streamedFile(path: string, size: number, chunks: ChunkSource, attributes: EntryAttributes = {}): EntryDescription {
	return {path, type: 'file', size, content: chunks, ...attributes};
}

export function dir(path: string, attributes: EntryAttributes = {}): EntryDescription {
	return {path, type: 'dir', ...attributes};
}

export function symlink(path: string, target: string, attributes: EntryAttributes = {}): EntryDescription {
	return {path, type: 'symlink', linkTarget: target, ...attributes};
}

/** A hard link: `target` is the tar name of an earlier entry (`usr/bin/a`). */
export function hardlink(path: string, target: string, attributes: EntryAttributes = {}): EntryDescription {
	return {path, type: 'hardlink', linkTarget: target, ...attributes};
}

export function device(path: string, type: 'char' | 'block', major: number, minor: number, attributes: EntryAttributes = {}): EntryDescription {
	return {path, type, devMajor: major, devMinor: minor, ...attributes};
}

export function fifo(path: string, attributes: EntryAttributes = {}): EntryDescription {
	return {path, type: 'fifo', ...attributes};
}

/** The whiteout that deletes `path` (file or directory): `a/b/.wh.c` for `a/b/c`, mode 0 as overlay writes it. */
export function whiteout(path: string): EntryDescription {
	const slash = path.lastIndexOf('/');
	const name = `${path.slice(0, slash + 1)}.wh.${path.slice(slash + 1)}`;
	return {path: name, type: 'file', mode: 0};
}

/** The marker that hides everything below `dirPath` in lower layers. */
export function opaque(dirPath: string): EntryDescription {
	return {path: `${dirPath}/.wh..wh..opq`, type: 'file', mode: 0o755};
}
