import type {Analysis, CompareMode} from '../../core/analysis-types.js';
import {buildCompareTree, dirNode, type TreeNode} from '../../core/compare-tree.js';
import {nextLayerTree} from '../../core/next-layer-tree.js';
import type {TreeState} from '../state/ui-state.js';
import {compilePathFilter, type PathFilter} from './path-filter.js';
import {TreeRows} from './tree-rows.js';
import {Visibility, type HiddenKinds} from './visibility.js';

const hiddenKey = (hidden: HiddenKinds) => `${+hidden.added}${+hidden.modified}${+hidden.removed}${+hidden.unmodified}`;

/** Nodes kept across cached trees (~190 bytes each, measured): many trees of a small image, four of a 220k-file one. */
const nodeBudget = 1_000_000;

/**
Memoizes what the explorer derives from the analysis: compare trees per (layer, mode), visibility per (tree,
hidden kinds, filter), and rows per (visibility, sort, collapse) — a collapse change reuses the previous rows' caches.
*/
export class TreeCache {
	private readonly trees = new Map<string, TreeNode>();
	private readonly treeCapacity: number;
	private visibilities: {key: string; root: TreeNode; visibility: Visibility}[] = [];
	private rowsList: TreeRows[] = [];
	private readonly filters = new Map<string, PathFilter | undefined>();

	constructor(
		readonly analysis: Analysis,
		private readonly build: typeof buildCompareTree = buildCompareTree,
		private readonly derive: typeof nextLayerTree = nextLayerTree,
	) {
		const nodes = Math.max(1, analysis.image.finalFileCount);
		this.treeCapacity = Math.max(2, Math.min(16, Math.floor(nodeBudget / nodes)));
	}

	/** Whether the tree of a layer and mode is in the cache. */
	has(layer: number, mode: CompareMode): boolean {
		return this.trees.has(treeKey(layer, mode));
	}

	tree(layer: number, mode: CompareMode): TreeNode {
		const key = treeKey(layer, mode);
		let tree = this.trees.get(key);
		if (tree) {
			this.trees.delete(key);
		} else {
			tree = this.analysis.layers.length === 0 ? emptyRoot() : this.make(layer, mode);
			if (this.trees.size >= this.treeCapacity) this.trees.delete(this.trees.keys().next().value!);
		}
		this.trees.set(key, tree);
		return tree;
	}

	/**
	A new tree. Stepping to the next layer in layer mode derives it from the cached tree of the layer below (the cost of
	the two layers' changes, not of the whole filesystem: 220k rows took 190–340 ms to rebuild); otherwise it is built.
	*/
	private make(layer: number, mode: CompareMode): TreeNode {
		const below = layer > 0 && (mode === 'layer' || layer === 1) ? this.trees.get(treeKey(layer - 1, 'layer')) : undefined;
		return below ? this.derive(this.analysis, below, layer) : this.build(this.analysis, layer, mode);
	}

	/** The compiled path filter (RE2 syntax), undefined for none or an invalid one. */
	filter(pattern: string): PathFilter | undefined {
		if (pattern === '') return undefined;
		if (!this.filters.has(pattern)) this.filters.set(pattern, compilePathFilter(pattern).filter);
		return this.filters.get(pattern);
	}

	visibility(root: TreeNode, hidden: HiddenKinds, pattern: string): Visibility {
		const key = `${hiddenKey(hidden)}/${pattern}`;
		let found = this.visibilities.find(entry => entry.root === root && entry.key === key);
		if (!found) {
			found = {key, root, visibility: new Visibility(root, hidden, this.filter(pattern))};
			this.visibilities = [found, ...this.visibilities].slice(0, 6);
		}
		return found.visibility;
	}

	rows(layer: number, mode: CompareMode, tree: TreeState, pattern: string): TreeRows {
		return this.rowsOf(this.tree(layer, mode), tree, pattern);
	}

	/** The rows of any tree (a layer's, or the comparison with another image), memoized the same way. */
	rowsOf(root: TreeNode, tree: TreeState, pattern: string): TreeRows {
		const visibility = this.visibility(root, tree.hidden, pattern);
		const hit = this.rowsList.find(rows => rows.visibility === visibility && rows.sort === tree.sort && rows.collapse === tree.collapse);
		if (hit) return hit;
		const previous = this.rowsList.find(rows => rows.visibility === visibility && rows.sort === tree.sort);
		const rows = new TreeRows(visibility, tree.sort, tree.collapse, previous);
		this.rowsList = [rows, ...this.rowsList].slice(0, 6);
		return rows;
	}
}

function treeKey(layer: number, mode: CompareMode): string {
	return `${layer}:${layer === 0 ? 'layer' : mode}`;
}

function emptyRoot(): TreeNode {
	return dirNode('', '/', undefined, -1);
}
