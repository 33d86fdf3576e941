import type {Analysis, Change, CompareMode} from '../../core/analysis-types.js';
import {buildCompareTree, type TreeNode} from '../../core/compare-tree.js';
import {nextLayerTree} from '../../core/next-layer-tree.js';
import type {ContentSource} from '../../loader/content-source.js';
import {InputError} from '../../loader/errors.js';
import {TreeCache} from '../tree/tree-cache.js';

/** File content while the image is read: not yet (the content source comes with the loaded image). */
export const contentWhileReading: ContentSource = {
	available: false,
	unavailableReason: 'the image is still being read (file content can be read once every layer is)',
	async forEachEntry() {
		throw new InputError('file content is not available while the image is being read');
	},
};

/** How many trees built while reading are kept for the next snapshot (each the size of a layer's filesystem). */
const keptTrees = 4;

type Kept = {readonly tree: TreeNode; readonly changes: readonly (readonly Change[])[]};

/**
Tree caches for the successive analyses of an image being read, and for its final analysis. Layer k's tree needs only
the changes of layers 0..k, and a layer read once does not change while later ones arrive, so a tree built for one
snapshot serves the next ones: each new cache starts with the trees built most recently, as long as the analysis
holds the very same changes for the layers below (the final analysis does when it finishes the one made while
reading; a fresh one does not, and its trees are built again).
*/
export function createReadingCaches(): (analysis: Analysis) => TreeCache {
	const trees = new Map<string, Kept>();
	const key = (layer: number, mode: CompareMode) => `${layer}:${layer === 0 ? 'layer' : mode}`;
	const changesUpTo = (analysis: Analysis, layer: number) => analysis.layers.slice(0, layer + 1).map(item => item.changes);
	const find = (analysis: Analysis, layer: number, mode: CompareMode) => {
		const kept = trees.get(key(layer, mode));
		if (!kept || kept.changes.length !== layer + 1) return undefined;
		return kept.changes.every((changes, index) => analysis.layers[index]?.changes === changes) ? kept.tree : undefined;
	};
	const keep = (analysis: Analysis, layer: number, mode: CompareMode, tree: TreeNode) => {
		trees.delete(key(layer, mode));
		trees.set(key(layer, mode), {tree, changes: changesUpTo(analysis, layer)});
		if (trees.size > keptTrees) trees.delete(trees.keys().next().value!);
		return tree;
	};
	const build = (analysis: Analysis, layer: number, mode: CompareMode) => find(analysis, layer, mode) ?? keep(analysis, layer, mode, buildCompareTree(analysis, layer, mode));
	const derive = (analysis: Analysis, below: TreeNode, layer: number) => find(analysis, layer, 'layer') ?? keep(analysis, layer, 'layer', nextLayerTree(analysis, below, layer));
	return analysis => new TreeCache(analysis, build, derive);
}
