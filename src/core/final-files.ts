import type {Analysis} from './analysis-types.js';
import type {EntryType} from './model.js';

/** A path of the image's final filesystem and the layer that last wrote it. */
export type FinalFile = {
	/** Absolute: `/etc/passwd`. */
	readonly path: string;
	readonly type: EntryType;
	/** Content bytes (0 for everything but regular files). */
	readonly size: number;
	readonly layer: number;
};

/**
The final filesystem, replayed from every layer's changes (a removal lists everything it hides, so the last change of
each path decides): what a container started from the image sees. O(total changes), no tar reading.
*/
export function finalFiles(analysis: Pick<Analysis, 'layers'>): Map<string, FinalFile> {
	const files = new Map<string, FinalFile>();
	for (const layer of analysis.layers) {
		for (const change of layer.changes) {
			if (change.kind === 'removed') files.delete(change.path);
			else files.set(change.path, {path: change.path, type: change.type, size: change.size, layer: layer.index});
		}
	}
	return files;
}
