import type {TreeNode} from '../../core/compare-tree.js';
import {compareNames} from '../../core/fs-tree.js';
import type {HiddenKinds, Visibility} from './visibility.js';

export type SortOrder = 'name' | 'size';

/** Collapsed directories: every directory follows `all`, except the paths in `except`. */
export type CollapseState = {readonly all: boolean; readonly except: ReadonlySet<string>};

export const nothingCollapsed: CollapseState = {all: false, except: new Set()};

export type TreeRow = {
	readonly node: TreeNode;
	readonly index: number;
	/** 0 for entries of `/`. */
	readonly depth: number;
	/** One flag per level, from the top-level ancestor down to this node: whether that node is its parent's last shown child. */
	readonly lastAt: readonly boolean[];
	readonly collapsed: boolean;
	readonly hasChildren: boolean;
	readonly size: number;
};

/**
The rows of a tree under a visibility, a sort order and a collapse state, without ever listing them all: each
directory caches how many rows it spans and the running totals of its children, so finding row i or the row of a
path costs one descent, and the screen builds only the rows it shows.
*/
export class TreeRows {
	private readonly counts: Map<TreeNode, number>;
	private readonly prefixes: Map<TreeNode, Float64Array>;
	private readonly sorted: Map<TreeNode, readonly TreeNode[]>;

	/**
	`previous`: rows of the same visibility and sort under another collapse state, whose counts stay valid but for the
	paths whose collapse changed. `sibling`: rows of another tree under the same settings (hidden kinds, filter, sort,
	collapse), whose caches are shared, not copied: they are keyed by node, and a node two trees share (a derived tree
	shares every subtree its layer does not touch) has the same subtree in both, so the same rows below it.
	*/
	constructor(
		readonly visibility: Visibility,
		readonly sort: SortOrder,
		readonly collapse: CollapseState,
		previous?: TreeRows,
		sibling?: TreeRows,
	) {
		const reusable = previous && previous.visibility === visibility && previous.sort === sort;
		if (!reusable && sibling && sibling.sharesWith(visibility, sort, collapse)) {
			this.sorted = sibling.sorted;
			this.counts = sibling.counts;
			this.prefixes = sibling.prefixes;
			return;
		}
		this.sorted = reusable ? previous.sorted : new Map();
		if (reusable && previous.collapse.all === collapse.all) {
			this.counts = new Map(previous.counts);
			this.prefixes = new Map(previous.prefixes);
			this.invalidate(symmetricDifference(previous.collapse.except, collapse.except));
		} else {
			this.counts = new Map();
			this.prefixes = new Map();
		}
	}

	/** Whether rows of another tree under these settings can share this one's caches (see the constructor). */
	sharesWith(visibility: Visibility, sort: SortOrder, collapse: CollapseState): boolean {
		const mine = this.visibility;
		if (mine.root === visibility.root || mine.filter !== visibility.filter || this.sort !== sort || this.collapse !== collapse) return false;
		return (Object.keys(mine.hidden) as Array<keyof HiddenKinds>).every(kind => mine.hidden[kind] === visibility.hidden[kind]);
	}

	/** Directories whose rows are cached (the caches shared with sibling rows hold those of every tree they served). */
	get cached(): number {
		return this.counts.size;
	}

	get root(): TreeNode {
		return this.visibility.root;
	}

	/** Number of rows. */
	get count(): number {
		return this.span(this.root) - 1;
	}

	isCollapsed(node: TreeNode): boolean {
		return node.type === 'dir' && this.collapse.all !== this.collapse.except.has(node.path);
	}

	/** The shown children of a node in display order. */
	kids(node: TreeNode): readonly TreeNode[] {
		const kids = this.visibility.kids(node);
		if (this.sort === 'name' || kids.length < 2) return kids;
		let sorted = this.sorted.get(node);
		if (!sorted) {
			const size = (n: TreeNode) => this.visibility.size(n);
			sorted = [...kids].sort((a, b) => size(b) - size(a) || compareNames(a.name, b.name));
			this.sorted.set(node, sorted);
		}
		return sorted;
	}

	rowAt(index: number): TreeRow | undefined {
		if (!Number.isInteger(index) || index < 0 || index >= this.count) return undefined;
		let node = this.root;
		let rest = index;
		const lastAt: boolean[] = [];
		for (;;) {
			const kids = this.kids(node);
			const prefix = this.prefix(node);
			const slot = upperBound(prefix, rest) - 1;
			const child = kids[slot]!;
			rest -= prefix[slot]!;
			lastAt.push(slot === kids.length - 1);
			if (rest === 0) return this.row(child, index, lastAt);
			rest -= 1;
			node = child;
		}
	}

	/** Rows `from` .. `from + length - 1` (fewer at the end). */
	rows(from: number, length: number): TreeRow[] {
		const rows: TreeRow[] = [];
		for (let i = Math.max(0, from); i < Math.min(this.count, from + length); i++) rows.push(this.rowAt(i)!);
		return rows;
	}

	/**
	The row of an absolute path. When the path is not shown (hidden, filtered, or below a collapsed directory),
	`index` is the row of its deepest shown ancestor (-1 if none) and `exact` is false.
	*/
	locate(path: string): {index: number; exact: boolean} {
		const names = path.split('/').filter(Boolean);
		let node = this.root;
		let index = -1;
		for (let level = 0; level < names.length; level++) {
			if (level > 0 && !this.expanded(node)) return {index, exact: false};
			const kids = this.kids(node);
			const slot = findChild(kids, names[level]!, this.sort === 'name');
			if (slot < 0) return {index, exact: false};
			index += 1 + this.prefix(node)[slot]!;
			node = kids[slot]!;
		}
		return {index, exact: names.length > 0};
	}

	/** Index of the parent directory's row, or -1 for a top-level row. */
	parentIndex(index: number): number {
		const row = this.rowAt(index);
		const parent = row?.node.parent;
		if (!row || !parent || parent === this.root) return -1;
		return this.locate(parent.path).index;
	}

	private row(node: TreeNode, index: number, lastAt: readonly boolean[]): TreeRow {
		const hasChildren = this.visibility.kids(node).length > 0;
		return {
			node,
			index,
			depth: lastAt.length - 1,
			lastAt,
			collapsed: this.isCollapsed(node),
			hasChildren,
			size: this.visibility.size(node),
		};
	}

	private expanded(node: TreeNode): boolean {
		return node === this.root || (!this.isCollapsed(node) && this.visibility.kids(node).length > 0);
	}

	/**
	Counts the rows (fills the span of every expanded directory) in pieces: each `next()` does about 2,000 nodes. The
	same counting is handed out until it ends, so work dropped halfway is resumed where it stopped.
	*/
	countSteps(): Generator<void, number, undefined> {
		this.counting ??= this.countAll();
		return this.counting;
	}

	private counting: Generator<void, number, undefined> | undefined;

	private *countAll(): Generator<void, number, undefined> {
		// Post-order without recursion: a directory's span is summed once all of its children's are known.
		const stack: {node: TreeNode; next: number}[] = [{node: this.root, next: 0}];
		let work = 0;
		while (stack.length > 0) {
			const top = stack.at(-1)!;
			const kids = this.visibility.kids(top.node);
			if (top.next < kids.length && !this.counts.has(top.node)) {
				const child = kids[top.next++]!;
				if (this.expanded(child) && !this.counts.has(child)) stack.push({node: child, next: 0});
				if (++work % 2048 === 0) yield;
				continue;
			}
			stack.pop();
			this.span(top.node);
		}
		return this.count;
	}

	/** Rows a node spans: itself plus, when expanded, everything shown below it. */
	private span(node: TreeNode): number {
		if (!this.expanded(node)) return 1;
		let count = this.counts.get(node);
		if (count === undefined) {
			count = 1;
			for (const child of this.visibility.kids(node)) count += this.span(child);
			this.counts.set(node, count);
		}
		return count;
	}

	/** prefix[i] = rows spanned by the first i children in display order. */
	private prefix(node: TreeNode): Float64Array {
		let prefix = this.prefixes.get(node);
		if (!prefix) {
			const kids = this.kids(node);
			prefix = new Float64Array(kids.length + 1);
			for (let i = 0; i < kids.length; i++) prefix[i + 1] = prefix[i]! + this.span(kids[i]!);
			this.prefixes.set(node, prefix);
		}
		return prefix;
	}

	/** Drops the cached spans of the node at `path` and of its ancestors. */
	/**
	Drops the cached rows of the directories whose collapse changed and of their ancestors. By path, over the whole
	cache, not by a walk of this tree: the caches copied from `previous` may have been shared with sibling rows, so they
	also hold those trees' nodes, whose rows changed with the collapse too.
	*/
	private invalidate(paths: Iterable<string>): void {
		const stale = new Set<string>([this.root.path]);
		for (const path of paths) {
			for (let end = path.length; end > 0; end = path.lastIndexOf('/', end - 1)) stale.add(path.slice(0, end));
		}
		if (stale.size === 1) return;
		for (const node of this.counts.keys()) if (stale.has(node.path)) this.counts.delete(node);
		for (const node of this.prefixes.keys()) if (stale.has(node.path)) this.prefixes.delete(node);
	}
}

function* symmetricDifference(a: ReadonlySet<string>, b: ReadonlySet<string>): Generator<string> {
	for (const item of a) if (!b.has(item)) yield item;
	for (const item of b) if (!a.has(item)) yield item;
}

/** First i with prefix[i] > value. */
function upperBound(prefix: Float64Array, value: number): number {
	let low = 0;
	let high = prefix.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (prefix[mid]! <= value) low = mid + 1;
		else high = mid;
	}
	return low;
}

function findChild(kids: readonly TreeNode[], name: string, byName: boolean): number {
	if (!byName) return kids.findIndex(kid => kid.name === name);
	let low = 0;
	let high = kids.length - 1;
	while (low <= high) {
		const mid = (low + high) >>> 1;
		const order = compareNames(kids[mid]!.name, name);
		if (order === 0) return mid;
		if (order < 0) low = mid + 1;
		else high = mid - 1;
	}
	return -1;
}
