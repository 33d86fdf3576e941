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
	In layer mode a tree is derived cheaply from the one of the layer below: when that one is not built yet but is
	wanted ahead too, it comes first (a jump to the last layer then fills the layers above it by derivation).
	*/
	private chainStart(target: TreeTarget, ahead: readonly TreeTarget[]): TreeTarget {
		let start = target;
		for (;;) {
			if (start.mode !== 'layer' || start.layer === 0 || this.cache.has(start.layer - 1, 'layer')) return start;
			const below = ahead.find(other => other.layer === start.layer - 1 && other.mode === 'layer');
			if (!below) return start;
			start = below;
		}
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
			if (!this.cache.advance(wanted.layer, wanted.mode, due)) return this.schedule(0);
			this.request = {...request, wanted: undefined};
			request.onReady();
			return this.schedule(0);
		}
		const quietFor = performance.now() - this.requestedAt;
		if (quietFor < this.idleMs) return this.schedule(this.idleMs - quietFor);
		for (const wanted of request.ahead) {
			const key = `${wanted.layer}:${wanted.mode}`;
			if (this.warmed.has(key)) continue;
			const target = this.chainStart(wanted, request.ahead);
			if (!this.cache.advance(target.layer, target.mode, due)) return this.schedule(0);
			if (target !== wanted) return this.schedule(0);
			// Counting the rows walks the whole tree once: done here, a slice at a time, rather than on the key.
			if (!this.cache.countRows(wanted.layer, wanted.mode, request.tree, request.pattern, due)) return this.schedule(0);
			this.warmed.add(key);
			return this.schedule(0);
		}
	}
}
