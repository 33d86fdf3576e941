import {applyLayer} from '../apply-layer.js';
import {createRoot, nodesByPath, type FsNode} from '../fs-tree.js';
import {effectiveEntries} from '../layer-entries.js';
import type {ImageModel, Layer} from '../model.js';

/** The final filesystem of an image: every path (relative, as in LayerEntry; '' is the root) to its visible copy. */
export type FinalFiles = ReadonlyMap<string, FsNode>;

/** Stacks every layer with OCI semantics (whiteouts, opaque directories) and returns the resulting paths. */
export function finalFiles(model: ImageModel): FinalFiles {
	const root = createRoot();
	for (const layer of model.layers) applyLayer(root, effectiveEntries(layer.entries), layer.index);
	return nodesByPath(root);
}

/** How two images name the same layer: its uncompressed digest (diff_id), else its id. */
export function layerDigest(layer: Pick<Layer, 'diffId' | 'id'>): string {
	return layer.diffId || layer.id;
}

/** The key of one stored copy in a digest table: its layer and its path. */
export function digestKey(layer: number, path: string): string {
	return `${layer}\u0000${path}`;
}
