import type {Analysis, Change, CompareMode} from '../../core/analysis-types.js';
import {buildCompareTreeSteps, type TreeNode} from '../../core/compare-tree.js';
import {nextAggregatedTreeSteps, nextLayerTreeSteps} from '../../core/next-layer-tree.js';
import type {Steps} from '../../core/steps.js';
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

/** Trees built while reading are kept for the next snapshot: at most this many, and this many nodes in all (as TreeCache). */
const keptTrees = 4;
const keptNodes = 1_000_000;

type Kept = {readonly tree: TreeNode; readonly changes: readonly (readonly Change[])[]};

/**
Tree caches for the successive analyses of an image being read, and for its final analysis. Layer k's tree needs only
the changes of layers 0..k, and a layer read once does not change while later ones arrive, so a tree built for one
snapshot serves the next ones: each new cache starts with the trees built most recently, as long as the analysis
holds the very same changes for the layers below (the final analysis does when it finishes the one made while
reading; a fresh one does not, and its trees are built again). With `reading` false (the final analysis) the cache
takes over the kept trees it uses and keeps no new ones.
*/
export function createReadingCaches(): (analysis: Analysis, reading?: boolean) => TreeCache {
	const trees = new Map<string, Kept>();
	const key = (layer: number, mode: CompareMode) => `${layer}:${layer === 0 ? 'layer' : mode}`;
	const changesUpTo = (analysis: Analysis, layer: number) => analysis.layers.slice(0, layer + 1).map(item => item.changes);
	let reading = true;
	const find = (analysis: Analysis, layer: number, mode: CompareMode) => {
		const kept = trees.get(key(layer, mode));
		if (!kept || kept.changes.length !== layer + 1) return undefined;
		if (!kept.changes.every((changes, index) => analysis.layers[index]?.changes === changes)) return undefined;
		if (!reading) trees.delete(key(layer, mode));
		return kept.tree;
	};
	const keep = (analysis: Analysis, layer: number, mode: CompareMode, tree: TreeNode) => {
		if (!reading) return tree;
		trees.delete(key(layer, mode));
		trees.set(key(layer, mode), {tree, changes: changesUpTo(analysis, layer)});
		const limit = Math.max(1, Math.min(keptTrees, Math.floor(keptNodes / Math.max(1, analysis.image.finalFileCount))));
		while (trees.size > limit) trees.delete(trees.keys().next().value!);
		return tree;
	};
	// Built a slice at a time, as in any TreeCache: a build here used to run whole, keys waiting (0.2-0.5 s per tree on
	// the 235k-file image, for the trees built ahead too).
	function* build(analysis: Analysis, layer: number, mode: CompareMode): Generator<void, TreeNode, undefined> {
		return find(analysis, layer, mode) ?? keep(analysis, layer, mode, yield* resumable(buildCompareTreeSteps(analysis, layer, mode)));
	}
	function* derive(analysis: Analysis, below: TreeNode, layer: number): Generator<void, TreeNode, undefined> {
		return find(analysis, layer, 'layer') ?? keep(analysis, layer, 'layer', yield* resumable(nextLayerTreeSteps(analysis, below, layer)));
	}
	function* deriveAggregated(analysis: Analysis, below: TreeNode, base: TreeNode, layer: number): Generator<void, TreeNode, undefined> {
		return find(analysis, layer, 'aggregated') ?? keep(analysis, layer, 'aggregated', yield* resumable(nextAggregatedTreeSteps(analysis, below, base, layer)));
	}
	return (analysis, stillReading = true) => {
		reading = stillReading;
		return new TreeCache(analysis, undefined, undefined, {build, derive, deriveAggregated});
	};
}

/** Steps as something `yield*` can delegate to. */
function* resumable<T>(steps: Steps<T>): Generator<void, T, undefined> {
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
		yield;
	}
}
