import type {LayerEntry} from './model.js';
import {baseName, parentOf} from './paths.js';
import {compareBytewise} from './compare-bytewise.js';

/**
A node of a stacked filesystem: the copy of a path currently visible, and which layer wrote it. Its name is not kept
(`nodeName` cuts it from the path when asked), and a directory's children are a set of nodes rather than a map by
name: lookups go through the root's index, so a name string and a map slot per node bought nothing (a 235k-file
image has 220k nodes, each 8-byte field of them some 2 MB).
*/
export type FsNode = {
	readonly path: string;
	parent: FsNode | undefined;
	children: Set<FsNode> | undefined;
	entry: LayerEntry;
	layer: number;
	/**
	Only on a root made by `createRoot`: every node of its tree by path, kept in step by `put` and `remove`, so a
	lookup is one hash lookup instead of a split and a walk (most of the aggregator's time on many-file images).
	*/
	readonly index?: Map<string, FsNode>;
};

const rootEntry: LayerEntry = {
	path: '',
	type: 'dir',
	typeFlag: 53,
	size: 0,
	mode: 0o755,
	uid: 0,
	gid: 0,
	linkTarget: '',
	digest: '',
};

/** The attributes a directory gets when a layer lists a path below it without listing the directory itself. */
export function implicitDir(path: string): LayerEntry {
	return {...rootEntry, path};
}

export function createRoot(): FsNode {
	const index = new Map<string, FsNode>();
	const root: FsNode = {path: '', parent: undefined, children: new Set(), entry: rootEntry, layer: -1, index};
	index.set('', root);
	return root;
}

/** The name of `node`: the last component of its path ('' for the root). */
export function nodeName(node: FsNode): string {
	return baseName(node.path);
}

/** The node at `path` (relative to `root`, which must be made by `createRoot`), or undefined. */
export function lookup(root: FsNode, path: string): FsNode | undefined {
	return indexOf(root).get(path);
}

function indexOf(root: FsNode): Map<string, FsNode> {
	if (!root.index) throw new Error('fs-tree: put and remove need the root made by createRoot');
	return root.index;
}

/** A parent `put` had to make: created (`previous` undefined), or a non-directory turned into a directory. */
export type ParentChange = {readonly node: FsNode; readonly previous: LayerEntry | undefined};

/**
Sets the entry at `path`, creating missing parents as implicit directories. A parent that exists but is not a
directory (a layer lists `a/child` over a lower file or symlink `a`) becomes an implicit directory, so that only
directories ever have children. Every parent made either way is pushed onto `parents`, outermost first, for a
caller that reports them.
*/
export function put(root: FsNode, entry: LayerEntry, layer: number, parents?: ParentChange[]): FsNode {
	const index = indexOf(root);
	const existing = index.get(entry.path);
	if (existing) {
		existing.entry = entry;
		existing.layer = layer;
		return existing;
	}
	return putAbsent(root, entry, layer, parents);
}

/**
The directory node a caller's last `putAbsent` put a path under, valid while no `remove` has run since (a removed
node may have been that one, or an ancestor of it). Tar order lists siblings together, so most paths find their
parent here without cutting out and hashing the parent's path. One per caller and tree (applyLayer makes one per
layer), so no tree is kept alive by it.
*/
export type ParentCache = {node: FsNode | undefined; removals: number};

/** Bumped by every `remove`. */
let removals = 0;

export function createParentCache(): ParentCache {
	return {node: undefined, removals};
}

function cachedParent(cache: ParentCache, path: string): FsNode | undefined {
	const {node} = cache;
	if (node === undefined || cache.removals !== removals) return undefined;
	const length = node.path.length;
	if (length === 0 || path.charCodeAt(length) !== 47 || !path.startsWith(node.path) || path.indexOf('/', length + 1) !== -1) return undefined;
	return node;
}

/** `put` for a path the tree does not hold (the caller has just looked); `cache` must only ever be used with `root`. */
export function putAbsent(root: FsNode, entry: LayerEntry, layer: number, parents?: ParentChange[], cache?: ParentCache): FsNode {
	const index = indexOf(root);
	// Climb to the nearest existing ancestor (the root at the latest), remembering the missing paths on the way.
	const missing = [entry.path];
	let parent = cache ? cachedParent(cache, entry.path) : undefined;
	if (!parent) {
		let parentPath = parentOf(entry.path);
		parent = index.get(parentPath);
		while (!parent) {
			missing.push(parentPath);
			parentPath = parentOf(parentPath);
			parent = index.get(parentPath);
		}
	}
	// Only directories have children, so every ancestor above `parent` is one already.
	if (parent.entry.type !== 'dir') {
		parents?.push({node: parent, previous: parent.entry});
		parent.entry = implicitDir(parent.path);
		parent.layer = layer;
	}
	for (let i = missing.length - 1; i >= 0; i--) {
		const path = missing[i]!;
		const node: FsNode = {
			path,
			parent,
			children: undefined,
			entry: i === 0 ? entry : implicitDir(path),
			layer,
		};
		(parent.children ??= new Set()).add(node);
		index.set(path, node);
		if (i > 0) parents?.push({node, previous: undefined});
		else if (cache) {
			cache.node = parent;
			cache.removals = removals;
		}
		parent = node;
	}
	return parent;
}

/** Detaches the node at `path` with everything below it; returns it, or undefined if the path is absent. */
export function remove(root: FsNode, path: string): FsNode | undefined {
	const index = indexOf(root);
	const node = index.get(path);
	if (!node?.parent) return undefined;
	removals++;
	node.parent.children!.delete(node);
	node.parent = undefined;
	walk(node, detached => index.delete(detached.path));
	return node;
}

/** Pre-order walk of `node` and its descendants, children in bytewise name order when `sorted`. */
export function walk(node: FsNode, visit: (node: FsNode) => void, sorted = false): void {
	// An explicit stack, not recursion: one PAX path can be thousands of directories deep.
	const stack: FsNode[] = [node];
	while (stack.length > 0) {
		const current = stack.pop()!;
		visit(current);
		if (!current.children?.size) continue;
		const children = sorted ? sortedChildren(current) : [...current.children.values()];
		for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
	}
}

export function sortedChildren(node: FsNode): FsNode[] {
	if (!node.children) return [];
	const children = [...node.children];
	const names = children.map(nodeName);
	const order = children.map((_, i) => i).sort((a, b) => compareNames(names[a]!, names[b]!));
	return order.map(i => children[i]!);
}

/** Names in the order of their UTF-8 bytes (what Go's sort.Strings gives, so the same order as dive). */
export const compareNames = compareBytewise;

/** Sum of the entry sizes of a node and everything below it. */
export function subtreeBytes(node: FsNode): number {
	let total = 0;
	walk(node, n => {
		total += n.entry.size;
	});
	return total;
}
