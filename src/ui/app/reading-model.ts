import type {Analysis, CompareMode} from '../../core/analysis-types.js';
import {buildCompareTree, type TreeNode} from '../../core/compare-tree.js';
import {nextLayerTree} from '../../core/next-layer-tree.js';
import type {ContentSource} from '../../loader/content-source.js';
import {InputError} from '../../loader/errors.js';
import {TreeCache} from '../tree/tree-cache.js';
import type {LayersSoFar} from './progress-feed.js';

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

/**
Tree caches for the successive snapshots of an image being read. Layer k's tree needs only layers 0..k, and a layer
read once does not change while later ones arrive, so a tree built for one snapshot serves the next ones: each new
snapshot's cache starts with the trees built most recently instead of building the shown layer's tree again.
*/
export function createReadingCaches(): (layers: LayersSoFar) => TreeCache {
	const trees = new Map<string, TreeNode>();
	const keep = (key: string, tree: TreeNode) => {
		trees.delete(key);
		trees.set(key, tree);
		if (trees.size > keptTrees) trees.delete(trees.keys().next().value!);
		return tree;
	};
	const key = (layer: number, mode: CompareMode) => `${layer}:${layer === 0 ? 'layer' : mode}`;
	const build = (analysis: Analysis, layer: number, mode: CompareMode) => trees.get(key(layer, mode)) ?? keep(key(layer, mode), buildCompareTree(analysis, layer, mode));
	const derive = (analysis: Analysis, below: TreeNode, layer: number) => trees.get(key(layer, 'layer')) ?? keep(key(layer, 'layer'), nextLayerTree(analysis, below, layer));
	return ({analysis}) => new TreeCache(analysis, build, derive);
}
