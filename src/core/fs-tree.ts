import type {LayerEntry} from './model.js';
import {baseName, parentOf} from './paths.js';
import {compareBytewise} from './compare-bytewise.js';

/**
A node of a stacked filesystem: the copy of a path currently visible, and which layer wrote it. Its name is not kept
(`nodeName` cuts it from the path when asked), and a directory's children are a list of nodes rather than a map by
name: lookups go through the root's index, so a name string and a map slot per node bought nothing (a 235k-file
image has 220k nodes, each 8-byte field of them some 2 MB). A list, not a `Set`: a set's hash table took some 1.3 KB
for a directory of 40 files (15 MB on that image). Read it with `childrenOf` (or `walk`): a removed child may still
be in its old parent's list until the list is compacted (see `remove`); it is the one whose `parent` is no longer
that directory.
*/
export type FsNode = {
	readonly path: string;
	parent: FsNode | undefined;
	children: FsNode[] | undefined;
	entry: LayerEntry;
	layer: number;
	/**
	Only on a root made by `createRoot`: every node of its tree by path, kept in step by `put` and `remove`, so a
	lookup is one hash lookup instead of a split and a walk (most of the aggregator's time on many-file images).
	*/
	readonly index?: NodeIndex;
};

/**
Numbers for paths, given in order from 0: `pathNumber` finds or gives a path's number, `paths` maps a number back
to its path. A tree indexes its nodes by these numbers, and the analysis's efficiency tracker numbers its records
with the same table, so that one hash table holds every path once (not one per structure).
An open-addressing table in typed arrays rather than a `Map`: a `Map` of 235k paths cost about 1 µs per new path
(its growth, and the collector tracing its slots), and some 30 bytes a path; here a new path costs its hash and a
probe, and 12 bytes (slots at most half full, and the hash of each number).
*/
export type PathTable = {
	readonly paths: string[];
	/** The hash of each path, by number (compared before the strings, and what the slots are rebuilt from). */
	hashes: Int32Array;
	/** A power of two slots, each 0 (empty) or a path's number + 1, placed by hash with linear probing. */
	slots: Int32Array;
	/**
	Where each hash starts: random by default, so that an archive cannot be made of paths that all land in one run
	of slots (a fixed hash can be searched for such paths offline, and probing them would take quadratic time).
	*/
	readonly seed: number;
};

/** An empty table; `seed` fixes the hash (tests), random by default. */
export function createPathTable(seed: number = (Math.random() * 0x100000000) | 0): PathTable {
	return {paths: [], hashes: new Int32Array(1024), slots: new Int32Array(2048), seed};
}

/** FNV-1a over the UTF-16 code units from `seed`, then mixed so that the low bits (the slot) depend on every unit. */
function pathHash(path: string, seed: number): number {
	let hash = seed;
	for (let i = 0; i < path.length; i++) hash = Math.imul(hash ^ path.charCodeAt(i), 0x01000193);
	hash ^= hash >>> 16;
	hash = Math.imul(hash, 0x45d9f3b);
	return hash ^ (hash >>> 16);
}

/** The slot of `path` (hashing to `hash`): the one holding its number, or the empty one where it would go. */
function slotOf(table: PathTable, path: string, hash: number): number {
	const {slots, hashes, paths} = table;
	const mask = slots.length - 1;
	for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
		const held = slots[slot]!;
		if (held === 0 || (hashes[held - 1] === hash && paths[held - 1] === path)) return slot;
	}
}

/** The number of `path` in `table`, or -1 if it has none. */
export function pathId(table: PathTable, path: string): number {
	return table.slots[slotOf(table, path, pathHash(path, table.seed))]! - 1;
}

/** The number of `path` in `table`, the next free one if it has none yet. */
export function pathNumber(table: PathTable, path: string): number {
	const hash = pathHash(path, table.seed);
	const slot = slotOf(table, path, hash);
	const held = table.slots[slot]!;
	if (held !== 0) return held - 1;
	const id = table.paths.length;
	table.paths.push(path);
	if (id === table.hashes.length) {
		const hashes = new Int32Array(id * 2);
		hashes.set(table.hashes);
		table.hashes = hashes;
	}
	table.hashes[id] = hash;
	table.slots[slot] = id + 1;
	if ((id + 1) * 2 > table.slots.length) rehash(table);
	return id;
}

/** Twice the slots, every number placed again from its hash. */
function rehash(table: PathTable): void {
	const slots = new Int32Array(table.slots.length * 2);
	const mask = slots.length - 1;
	const {hashes} = table;
	for (let id = 0; id < table.paths.length; id++) {
		let slot = hashes[id]! & mask;
		while (slots[slot] !== 0) slot = (slot + 1) & mask;
		slots[slot] = id + 1;
	}
	table.slots = slots;
}

/** A tree's nodes by path number (undefined where the tree holds no node at that path), and how many it holds. */
type NodeIndex = {readonly table: PathTable; readonly nodes: Array<FsNode | undefined>; size: number};

function indexGet(index: NodeIndex, path: string): FsNode | undefined {
	const id = pathId(index.table, path);
	return id === -1 ? undefined : index.nodes[id];
}

function indexSet(index: NodeIndex, path: string, node: FsNode, known?: number): void {
	const id = known ?? pathNumber(index.table, path);
	const {nodes} = index;
	// Filled in order, never with a gap (a write far past the end would turn the array into a dictionary).
	while (nodes.length < id) nodes.push(undefined);
	if (nodes[id] === undefined) index.size++;
	nodes[id] = node;
}

function indexDelete(index: NodeIndex, path: string): void {
	const id = pathId(index.table, path);
	if (id === -1 || index.nodes[id] === undefined) return;
	index.nodes[id] = undefined;
	index.size--;
}

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

/** An empty tree, its paths numbered in `table` (which others may share; a new table by default). */
export function createRoot(table: PathTable = createPathTable()): FsNode {
	const index: NodeIndex = {table, nodes: [], size: 0};
	const root: FsNode = {path: '', parent: undefined, children: [], entry: rootEntry, layer: -1, index};
	indexSet(index, '', root);
	return root;
}

/** The table that numbers the paths of the tree of `root` (made by `createRoot`). */
export function pathTableOf(root: FsNode): PathTable {
	return indexOf(root).table;
}

/** How many nodes the tree of `root` (made by `createRoot`) holds, the root included. */
export function nodeCount(root: FsNode): number {
	return indexOf(root).size;
}

/** Every node of the tree of `root` (made by `createRoot`) by path, the root at ''. */
export function nodesByPath(root: FsNode): Map<string, FsNode> {
	const {table, nodes} = indexOf(root);
	const byPath = new Map<string, FsNode>();
	for (let id = 0; id < nodes.length; id++) {
		const node = nodes[id];
		if (node !== undefined) byPath.set(table.paths[id]!, node);
	}
	return byPath;
}

/** The name of `node`: the last component of its path ('' for the root). */
export function nodeName(node: FsNode): string {
	return baseName(node.path);
}

/** The node whose path has number `id` in the tree's table (`pathTableOf(root)`), or undefined. */
export function nodeAt(root: FsNode, id: number): FsNode | undefined {
	return indexOf(root).nodes[id];
}

/** The node at `path` (relative to `root`, which must be made by `createRoot`), or undefined. */
export function lookup(root: FsNode, path: string): FsNode | undefined {
	return indexGet(indexOf(root), path);
}

function indexOf(root: FsNode): NodeIndex {
	if (!root.index) throw new Error('fs-tree: put and remove need the root made by createRoot');
	return root.index;
}

/**
A parent `put` had to make: created (`previous` undefined), or a non-directory turned into a directory (`previous`
is then the entry it held, written by layer `previousLayer`).
*/
export type ParentChange = {readonly node: FsNode; readonly previous: LayerEntry | undefined; readonly previousLayer?: number};

/**
Sets the entry at `path`, creating missing parents as implicit directories. A parent that exists but is not a
directory (a layer lists `a/child` over a lower file or symlink `a`) becomes an implicit directory, so that only
directories ever have children. Every parent made either way is pushed onto `parents`, outermost first, for a
caller that reports them.
*/
export function put(root: FsNode, entry: LayerEntry, layer: number, parents?: ParentChange[]): FsNode {
	const index = indexOf(root);
	const existing = indexGet(index, entry.path);
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

/**
`put` for a path the tree does not hold (the caller has just looked); `cache` must only ever be used with `root`;
`id`, when given, is the number of the entry's path in the tree's table (saves hashing the path again).
*/
export function putAbsent(root: FsNode, entry: LayerEntry, layer: number, parents?: ParentChange[], cache?: ParentCache, id?: number): FsNode {
	const index = indexOf(root);
	let parent = cache ? cachedParent(cache, entry.path) : undefined;
	if (parent !== undefined && parent.entry.type === 'dir') {
		// The common case (a sibling of the path put last): one node, no list of missing parents.
		const node: FsNode = {path: entry.path, parent, children: undefined, entry, layer};
		(parent.children ??= []).push(node);
		indexSet(index, entry.path, node, id);
		return node;
	}
	// Climb to the nearest existing ancestor (the root at the latest), remembering the missing paths on the way.
	const missing = [entry.path];
	if (!parent) {
		let parentPath = parentOf(entry.path);
		parent = indexGet(index, parentPath);
		while (!parent) {
			missing.push(parentPath);
			parentPath = parentOf(parentPath);
			parent = indexGet(index, parentPath);
		}
	}
	// Only directories have children, so every ancestor above `parent` is one already.
	if (parent.entry.type !== 'dir') {
		parents?.push({node: parent, previous: parent.entry, previousLayer: parent.layer});
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
		(parent.children ??= []).push(node);
		indexSet(index, path, node, i === 0 ? id : undefined);
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
	const node = indexGet(index, path);
	if (!node?.parent) return undefined;
	removals++;
	const parent = node.parent;
	node.parent = undefined;
	forget(parent, parent.children!);
	walk(node, detached => indexDelete(index, detached.path));
	return node;
}

/**
Removed children not yet dropped from each list that has some. A removal leaves the child in its parent's list
(finding it there costs a scan of the list, and a layer may remove many children of a large directory one by one);
the list is compacted once half of it is removed children.
*/
const removedIn = new WeakMap<FsNode[], number>();

function forget(parent: FsNode, children: FsNode[]): void {
	const removed = (removedIn.get(children) ?? 0) + 1;
	if (removed * 2 < children.length) {
		removedIn.set(children, removed);
		return;
	}
	removedIn.delete(children);
	let kept = 0;
	for (let i = 0; i < children.length; i++) if (children[i]!.parent === parent) children[kept++] = children[i]!;
	children.length = kept;
}

/** The children of `node` in the order they were added (none: an empty list). */
export function childrenOf(node: FsNode): FsNode[] {
	const children = node.children;
	if (children === undefined) return [];
	if (!removedIn.has(children)) return children.slice();
	return children.filter(child => child.parent === node);
}

/** Whether `node` has a child. */
export function hasChildren(node: FsNode): boolean {
	const children = node.children;
	if (children === undefined) return false;
	for (let i = 0; i < children.length; i++) if (children[i]!.parent === node) return true;
	return false;
}

/** Pre-order walk of `node` and its descendants, children in bytewise name order when `sorted`. */
export function walk(node: FsNode, visit: (node: FsNode) => void, sorted = false): void {
	// An explicit stack, not recursion: one PAX path can be thousands of directories deep.
	const stack: FsNode[] = [node];
	while (stack.length > 0) {
		const current = stack.pop()!;
		visit(current);
		const children = current.children;
		if (children === undefined || children.length === 0) continue;
		if (sorted) {
			const ordered = sortedChildren(current);
			for (let i = ordered.length - 1; i >= 0; i--) stack.push(ordered[i]!);
		} else {
			for (let i = children.length - 1; i >= 0; i--) if (children[i]!.parent === current) stack.push(children[i]!);
		}
	}
}

export function sortedChildren(node: FsNode): FsNode[] {
	const children = childrenOf(node);
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
