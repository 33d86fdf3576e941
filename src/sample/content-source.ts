import type {ChunkSource, EntryDescription} from './image-description.js';

export type EntryContent = {readonly size: number; readonly chunks: ChunkSource};

/** Thrown when a description cannot be written (missing size, content on a non-file, size mismatch). */
export class ImageDescriptionError extends Error {
	override readonly name = 'ImageDescriptionError';
}

/** The bytes a regular file entry writes: an in-memory buffer, or a chunk source with its declared size. */
export function entryContent(entry: EntryDescription): EntryContent {
	const {content} = entry;
	if (content === undefined) {
		if (entry.size !== undefined && entry.size !== 0) {
			throw new ImageDescriptionError(`${entry.path}: size ${entry.size} given without content`);
		}
		return {size: 0, chunks: []};
	}
	if (typeof content === 'string' || content instanceof Uint8Array) {
		const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
		if (entry.size !== undefined && entry.size !== bytes.byteLength) {
			throw new ImageDescriptionError(`${entry.path}: size ${entry.size} but content has ${bytes.byteLength} bytes`);
		}
		return {size: bytes.byteLength, chunks: bytes.byteLength === 0 ? [] : [bytes]};
	}
	if (entry.size === undefined) {
		throw new ImageDescriptionError(`${entry.path}: streamed content needs a declared size`);
	}
	return {size: entry.size, chunks: content};
}
