import type {CompareMode} from '../../core/analysis-types.js';
import type {TreeState} from '../state/ui-state.js';
import type {TreeCache} from './tree-cache.js';

export type TreeTarget = {readonly layer: number; readonly mode: CompareMode};

/** What the explorer asks for: the tree it waits for, the ones likely next, and the tree settings to lay their rows out with. */
export type TreeRequest = {
	/** The tree the explorer waits for (a layer or mode just selected); `onReady` follows once it is built. */
	readonly wanted: TreeTarget | undefined;
	/** Trees to build ahead while no key comes (the layers next to the selected one), in order. */
	readonly ahead: readonly TreeTarget[];
	readonly tree: TreeState;
	readonly pattern: string;
	readonly onReady: () => void;
};

export type TreeBuilderOptions = {
	/** Longest run of work between two looks at the keyboard. */
	readonly sliceMs?: number;
	/** Quiet time after a request before trees are built ahead. */
	readonly idleMs?: number;
};

/**
Builds the explorer's trees in slices of a few milliseconds, so keys (and `q`) are read in between however big the
image: first the tree the explorer waits for, then, once the keys have been quiet a moment, the trees of the layers
next to the selected one, with their rows counted, so that stepping to a neighbour draws at once.
*/
export class TreeBuilder {
	private request: TreeRequest | undefined;
	private requestedAt = 0;
	private timer: ReturnType<typeof setTimeout> | undefined;
	private immediate: ReturnType<typeof setImmediate> | undefined;
	private readonly warmed = new Set<string>();
	private readonly sliceMs: number;
	private readonly idleMs: number;

	constructor(
		private readonly cache: TreeCache,
		options: TreeBuilderOptions = {},
	) {
		this.sliceMs = options.sliceMs ?? 4;
		this.idleMs = options.idleMs ?? 100;
	}

	/** Replaces the previous request (its unfinished work is kept by the cache and resumed when asked for again). */
	want(request: TreeRequest): void {
		const before = this.request;
		const {tree} = request;
		const same = before && before.pattern === request.pattern && before.tree.hidden === tree.hidden && before.tree.sort === tree.sort && before.tree.collapse === tree.collapse;
		if (!same) this.warmed.clear();
		this.request = request;
		this.requestedAt = performance.now();
		this.schedule(0);
	}

	stop(): void {
		this.request = undefined;
		this.clear();
	}

	/**
	In layer mode a tree is derived cheaply from the one of the layer below (the cost of the two layers' changes): when
	that one is not built yet, the tree to work on first is the lowest one of the chain of derivations up from the
	nearest built layer below, if that chain costs less than building the tree itself (a jump to the last layer then
	fills the layers between by cheap derivations rather than full builds). With no layer below built, layer 0's tree
	comes first: it is the first screen (keys pressed before it is drawn must not leave it half built) and the start of
	every chain.
	*/
	private chainStart(target: TreeTarget): TreeTarget {
		if (target.mode === 'aggregated') return this.aggregatedChainStart(target);
		if (target.layer === 0 || this.cache.has(target.layer - 1, 'layer')) return target;
		const layers = this.cache.analysis.layers;
		const changes = (layer: number) => layers[layer]?.changes.length ?? 0;
		let built = target.layer - 1;
		while (built >= 0 && !this.cache.has(built, 'layer')) built--;
		if (built < 0) return {layer: 0, mode: 'layer'};
		// A build replays every change up to the layer; a derivation visits the changes of its layer and of the one below.
		let build = 0;
		for (let layer = 0; layer <= target.layer; layer++) build += changes(layer);
		let chain = 0;
		for (let layer = built + 1; layer <= target.layer; layer++) chain += changes(layer) + (layer >= 2 ? changes(layer - 1) : 0);
		if (chain >= build) return target;
		return {layer: built + 1, mode: 'layer'};
	}

	/**
	An aggregated tree is derived from the aggregated tree below it and layer 0's (the cost of its own layer's changes,
	against a build that replays every layer's up to it): the tree to work on first is layer 0's if not built, else
	the lowest missing aggregated tree above the nearest built one (layer 1's is derived from layer 0's tree).
	*/
	private aggregatedChainStart(target: TreeTarget): TreeTarget {
		if (target.layer <= 1 || !this.cache.derivesAggregated) return target;
		if (!this.cache.has(0, 'layer')) return {layer: 0, mode: 'layer'};
		let built = target.layer - 1;
		while (built >= 1 && !this.cache.has(built, 'aggregated')) built--;
		return built === target.layer - 1 ? target : {layer: built + 1, mode: 'aggregated'};
	}

	private clear(): void {
		if (this.timer !== undefined) clearTimeout(this.timer);
		if (this.immediate !== undefined) clearImmediate(this.immediate);
		this.timer = undefined;
		this.immediate = undefined;
	}

	private schedule(delayMs: number): void {
		this.clear();
		if (delayMs <= 0) this.immediate = setImmediate(() => this.slice());
		else this.timer = setTimeout(() => this.slice(), delayMs);
	}

	private slice(): void {
		this.timer = undefined;
		this.immediate = undefined;
		const request = this.request;
		if (!request) return;
		const deadline = performance.now() + this.sliceMs;
		const due = () => performance.now() >= deadline;
		const {wanted} = request;
		if (wanted) {
			const target = this.chainStart(wanted);
			if (!this.cache.advance(target.layer, target.mode, due) || target !== wanted) return this.schedule(0);
			this.request = {...request, wanted: undefined};
			request.onReady();
			return this.schedule(0);
		}
		const quietFor = performance.now() - this.requestedAt;
		if (quietFor < this.idleMs) return this.schedule(this.idleMs - quietFor);
		for (const wanted of request.ahead) {
			const key = `${wanted.layer}:${wanted.mode}`;
			if (this.warmed.has(key)) continue;
			const target = this.chainStart(wanted);
			if (!this.cache.advance(target.layer, target.mode, due)) return this.schedule(0);
			if (target !== wanted) return this.schedule(0);
			// Counting the rows walks the whole tree once: done here, a slice at a time, rather than on the key.
			if (!this.cache.countRows(wanted.layer, wanted.mode, request.tree, request.pattern, due)) return this.schedule(0);
			this.warmed.add(key);
			return this.schedule(0);
		}
	}
}
