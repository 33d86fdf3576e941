import type {Analysis, CompareMode} from '../../core/analysis-types.js';
import {buildCompareTree, buildCompareTreeSteps, dirNode, type TreeNode} from '../../core/compare-tree.js';
import {nextAggregatedTreeSteps, nextLayerTree, nextLayerTreeSteps} from '../../core/next-layer-tree.js';
import {runSteps, type Steps} from '../../core/steps.js';
import type {TreeState} from '../state/ui-state.js';
import {compilePathFilter, type PathFilter} from './path-filter.js';
import {TreeRows} from './tree-rows.js';
import {Visibility, type HiddenKinds} from './visibility.js';

const hiddenKey = (hidden: HiddenKinds) => `${+hidden.added}${+hidden.modified}${+hidden.removed}${+hidden.unmodified}`;

/**
Nodes kept across cached trees (~190 bytes each, measured): many trees of a small image, a few of a 220k-file one.
A derived tree counts only the nodes it adds (the paths of two layers' changes); the rest it shares.
*/
const nodeBudget = 1_000_000;

/** Directories the row caches shared among trees may hold at least (see `rowsOf`). */
const sharedRowsFloor = 10_000;

/** Trees being built a slice at a time, kept to resume (a layer passed by quickly is finished when visited again). */
const maxJobs = 3;

type Held = {readonly tree: TreeNode; readonly nodes: number};

/** Builders that pause (see `Steps`): how a cache that finds trees elsewhere first (the reading caches) still builds in slices. */
export type TreeSteps = {
	readonly build: (analysis: Analysis, layer: number, mode: CompareMode) => Steps<TreeNode>;
	readonly derive: (analysis: Analysis, below: TreeNode, layer: number) => Steps<TreeNode>;
	/** An aggregated tree from the aggregated tree of the layer below and layer 0's (`nextAggregatedTreeSteps` if absent). */
	readonly deriveAggregated?: (analysis: Analysis, below: TreeNode, base: TreeNode, layer: number) => Steps<TreeNode>;
};
/** `derived`: from the tree of the layer below (else a full build, dropped for a derivation once that tree is built). */
type Job = {readonly steps: Steps<TreeNode>; readonly nodes: number; readonly derived: boolean};

/** Layer 0's tree: the first screen and the start of every chain of derivations, so never dropped for others. */
const baseKey = '0:layer';

/**
Memoizes what the explorer derives from the analysis: compare trees per (layer, mode), visibility per (tree,
hidden kinds, filter), and rows per (visibility, sort, collapse) — a collapse change reuses the previous rows' caches.
A tree can be built all at once (`tree`) or a slice at a time (`advance`), so that keys are read in between.
*/
export class TreeCache {
	private readonly trees = new Map<string, Held>();
	private readonly jobs = new Map<string, Job>();
	private held = 0;
	private visibilities: {key: string; root: TreeNode; visibility: Visibility}[] = [];
	private rowsList: TreeRows[] = [];
	private readonly filters = new Map<string, PathFilter | undefined>();

	/**
	`build` and `derive` replace the builders (tests count the calls); each then runs in one step. `steps` replaces
	them with builders that pause, run a slice at a time like the default ones.
	*/
	constructor(
		readonly analysis: Analysis,
		private readonly build?: typeof buildCompareTree,
		private readonly derive?: typeof nextLayerTree,
		private readonly steps?: TreeSteps,
	) {}

	/** Whether the tree of a layer and mode is in the cache. */
	has(layer: number, mode: CompareMode): boolean {
		return this.trees.has(treeKey(layer, mode));
	}

	tree(layer: number, mode: CompareMode): TreeNode {
		const key = treeKey(layer, mode);
		const held = this.trees.get(key);
		if (held) {
			this.trees.delete(key);
			this.trees.set(key, held);
			return held.tree;
		}
		const job = this.resumable(key, layer, mode) ?? this.start(layer, mode);
		return this.keep(key, runSteps(job.steps), job.nodes);
	}

	/**
	Builds the tree of a layer and mode until it is done or `due()` says the slice is over (checked between steps of
	about 2,000 nodes); true once the tree is in the cache. Unfinished work is kept and resumed by the next call.
	*/
	advance(layer: number, mode: CompareMode, due: () => boolean): boolean {
		const key = treeKey(layer, mode);
		if (this.trees.has(key)) return true;
		let job = this.resumable(key, layer, mode);
		if (!job) {
			job = this.start(layer, mode);
			this.jobs.set(key, job);
			if (this.jobs.size > maxJobs) this.jobs.delete([...this.jobs.keys()].find(other => other !== baseKey && other !== key)!);
		}
		for (;;) {
			const step = job.steps.next();
			if (step.done) {
				this.keep(key, step.value, job.nodes);
				return true;
			}
			if (due()) return false;
		}
	}

	/**
	The unfinished work kept for a tree, unless it is a full build and the tree of the layer below has been built since
	(a layer passed quickly started a build; deriving it now costs a fraction of what is left of that build).
	*/
	private resumable(key: string, layer: number, mode: CompareMode): Job | undefined {
		const job = this.jobs.get(key);
		if (job && !job.derived && this.below(layer, mode)) {
			this.jobs.delete(key);
			return undefined;
		}
		return job;
	}

	/**
	The tree a layer's tree can be derived from, if built: the layer-mode tree of the layer below (and for layer 1 in
	aggregated mode, layer 0's); for a higher aggregated tree, the aggregated tree below, with layer 0's as `base`.
	*/
	private below(layer: number, mode: CompareMode): {held: Held; base?: TreeNode} | undefined {
		if (layer === 0) return undefined;
		if (mode === 'layer' || layer === 1) {
			const held = this.trees.get(treeKey(layer - 1, 'layer'));
			return held && {held};
		}
		const held = this.trees.get(treeKey(layer - 1, 'aggregated'));
		const base = this.trees.get(baseKey);
		return held && base && this.derivesAggregated ? {held, base: base.tree} : undefined;
	}

	/** Whether aggregated trees are derived (not when the builders are replaced by ones that count their calls). */
	get derivesAggregated(): boolean {
		return this.build === undefined && this.derive === undefined;
	}

	/**
	The work for a new tree. Stepping to the next layer in layer mode derives it from the cached tree of the layer below
	(the cost of the two layers' changes, not of the whole filesystem: 220k rows took 190–340 ms to rebuild); otherwise
	it is built.
	*/
	private start(layer: number, mode: CompareMode): Job {
		const {analysis} = this;
		if (analysis.layers.length === 0) return {steps: once(emptyRoot), nodes: 1, derived: false};
		const below = this.below(layer, mode);
		if (below?.base) {
			const {base} = below;
			const derive = this.steps?.deriveAggregated ?? nextAggregatedTreeSteps;
			return {steps: derive(analysis, below.held.tree, base, layer), nodes: analysis.layers[layer]!.changes.length, derived: true};
		}
		if (below) {
			const nodes = analysis.layers[layer]!.changes.length + (layer >= 2 ? analysis.layers[layer - 1]!.changes.length : 0);
			const {derive, steps} = this;
			const tree = below.held.tree;
			return {steps: derive ? once(() => derive(analysis, tree, layer)) : (steps?.derive ?? nextLayerTreeSteps)(analysis, tree, layer), nodes, derived: true};
		}
		const {build, steps} = this;
		return {steps: build ? once(() => build(analysis, layer, mode)) : (steps?.build ?? buildCompareTreeSteps)(analysis, layer, mode), nodes: Math.max(1, analysis.image.finalFileCount), derived: false};
	}

	/**
	Stores a finished tree, dropping the least recently used ones beyond the node budget (two trees are always kept,
	and layer 0's).
	*/
	private keep(key: string, tree: TreeNode, nodes: number): TreeNode {
		this.jobs.delete(key);
		while (this.trees.size >= 2 && (this.held + nodes > nodeBudget || this.trees.size >= 16)) {
			const oldest = [...this.trees.keys()].find(other => other !== baseKey);
			if (oldest === undefined) break;
			this.held -= this.trees.get(oldest)!.nodes;
			this.trees.delete(oldest);
		}
		this.trees.set(key, {tree, nodes});
		this.held += nodes;
		return tree;
	}

	/** The compiled path filter (RE2 syntax), undefined for none or an invalid one. */
	filter(pattern: string): PathFilter | undefined {
		if (pattern === '') return undefined;
		if (!this.filters.has(pattern)) this.filters.set(pattern, compilePathFilter(pattern).filter);
		return this.filters.get(pattern);
	}

	visibility(root: TreeNode, hidden: HiddenKinds, pattern: string): Visibility {
		const key = `${hiddenKey(hidden)}/${pattern}`;
		const found = this.visibilities.find(entry => entry.root === root && entry.key === key) ?? {key, root, visibility: new Visibility(root, hidden, this.filter(pattern))};
		// Most recently used first: the trees built ahead must not push out the one on screen.
		if (this.visibilities[0] !== found) this.visibilities = keepRecent([found, ...this.visibilities.filter(entry => entry !== found)], entry => entry.root === this.baseTree());
		return found.visibility;
	}

	/** Counts the rows of a cached tree under the tree settings a slice at a time (see `advance`); true once counted. */
	countRows(layer: number, mode: CompareMode, tree: TreeState, pattern: string, due: () => boolean): boolean {
		const rows = this.rows(layer, mode, tree, pattern);
		const steps = rows.countSteps();
		for (;;) {
			if (steps.next().done) return true;
			if (due()) return false;
		}
	}

	rows(layer: number, mode: CompareMode, tree: TreeState, pattern: string): TreeRows {
		return this.rowsOf(this.tree(layer, mode), tree, pattern);
	}

	/** The rows of any tree (a layer's, or the comparison with another image), memoized the same way. */
	rowsOf(root: TreeNode, tree: TreeState, pattern: string): TreeRows {
		const visibility = this.visibility(root, tree.hidden, pattern);
		const hit = this.rowsList.find(rows => rows.visibility === visibility && rows.sort === tree.sort && rows.collapse === tree.collapse);
		if (hit) {
			if (this.rowsList[0] !== hit) this.rowsList = [hit, ...this.rowsList.filter(rows => rows !== hit)];
			return hit;
		}
		const previous = this.rowsList.find(rows => rows.visibility === visibility && rows.sort === tree.sort);
		// Another tree's rows under the same settings share their caches (a derived tree then counts only its new
		// directories), until those caches hold as many directories as the image has files: then they start afresh, so
		// that trees dropped from the cache are not kept alive by them for long.
		const sibling = this.rowsList.find(rows => rows.sharesWith(visibility, tree.sort, tree.collapse) && rows.cached < Math.max(sharedRowsFloor, this.analysis.image.finalFileCount));
		const rows = new TreeRows(visibility, tree.sort, tree.collapse, previous, sibling);
		this.rowsList = keepRecent([rows, ...this.rowsList], held => held.visibility.root === this.baseTree());
		return rows;
	}

	/** Layer 0's tree, if built. */
	private baseTree(): TreeNode | undefined {
		return this.trees.get(baseKey)?.tree;
	}
}

/** Views (visibilities, rows) kept for trees: the most recently used. */
const keptViews = 6;

/**
The first `keptViews` of a most-recently-used list, and also the most recent one of layer 0's tree (`isBase`) when it
falls beyond them: like that tree (see `keep`), its view is not dropped for others, so going back to the first layer
(Home in the Layers pane) does not recount a tree of the whole base image (129k rows on the bench's image).
*/
function keepRecent<T>(list: readonly T[], isBase: (item: T) => boolean): T[] {
	const kept = list.slice(0, keptViews);
	if (kept.some(isBase)) return kept;
	const base = list.slice(keptViews).find(isBase);
	return base === undefined ? kept : [...kept, base];
}

function treeKey(layer: number, mode: CompareMode): string {
	return `${layer}:${layer === 0 ? 'layer' : mode}`;
}

/** Work done in one step. */
function once(make: () => TreeNode): Steps<TreeNode> {
	return {next: () => ({done: true, value: make()})};
}

function emptyRoot(): TreeNode {
	return dirNode('', '/', undefined, -1);
}
