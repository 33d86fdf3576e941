import type {Analysis, Change, DiffKind} from './analysis-types.js';
import {assign, buildCompareTreeSteps, dirNode, type TreeNode} from './compare-tree.js';
import {compareNames} from './fs-tree.js';
import {compareTreeOrder} from './layer-entries.js';
import {runSteps, stepSize, type Steps} from './steps.js';

/**
The layer-mode tree of layer `layerIndex` (≥ 1), derived from `previous`, the layer-mode tree of the layer below:
the same tree `buildCompareTree(analysis, layerIndex, 'layer')` builds, at the cost of the paths the two layers
change. The layer below's marks are committed (its removed nodes dropped, the rest unmarked), then this layer's
changes are marked. Only those paths and their ancestors get new nodes; every other subtree is shared with
`previous` (nothing is ever mutated after it is built, and a shared node's `parent` has the same path).
*/
export function nextLayerTree(analysis: Analysis, previous: TreeNode, layerIndex: number): TreeNode {
	return runSteps(nextLayerTreeSteps(analysis, previous, layerIndex));
}

/** `nextLayerTree` as work that pauses every `stepSize` changes or nodes. */
export function* nextLayerTreeSteps(analysis: Analysis, previous: TreeNode, layerIndex: number): Steps<TreeNode> {
	const merged = yield* mergeWalk(previous, analysis.layers[layerIndex]!.changes, layerIndex, undefined);
	return merged ?? (yield* byPaths(analysis, previous, layerIndex));
}

/**
The aggregated-mode tree of layer `layerIndex` (≥ 1), derived from `previous`, the aggregated tree of the layer below
(layer 0's tree for layer 1), and `base`, layer 0's tree: the same tree `buildCompareTree(analysis, layerIndex,
'aggregated')` builds. Nothing is committed (aggregated marks stay, removed nodes too); this layer's changes are
marked on top, and `base` says whether a removed path that comes back was in layer 0 (then it is modified, else added).
*/
export function nextAggregatedTree(analysis: Analysis, previous: TreeNode, base: TreeNode, layerIndex: number): TreeNode {
	return runSteps(nextAggregatedTreeSteps(analysis, previous, base, layerIndex));
}

/** `nextAggregatedTree` as work that pauses every `stepSize` changes or nodes. */
export function* nextAggregatedTreeSteps(analysis: Analysis, previous: TreeNode, base: TreeNode, layerIndex: number): Steps<TreeNode> {
	const merged = yield* mergeWalk(previous, analysis.layers[layerIndex]!.changes, layerIndex, base);
	if (merged) return merged;
	const build = buildCompareTreeSteps(analysis, layerIndex, 'aggregated');
	for (;;) {
		const step = build.next();
		if (step.done) return step.value;
		yield;
	}
}

/**
Code units from U+D800 up: names holding them sort differently in tree order (code units) and among a node's
children (UTF-8 bytes, see `compareNames`), so the merge walk leaves such layers to the derivation by paths.
*/
const highUnits = /[\uD800-\uFFFF]/;

/** A node of the new tree on the walk's spine: its children so far, and the old children not yet passed. */
type Frame = {
	readonly node: TreeNode;
	readonly old: readonly TreeNode[];
	next: number;
	readonly kids: TreeNode[];
	/** Below a path this layer removes: the old children not changed by this layer are copied as removed. */
	readonly removed: boolean;
	/** The length of `node.path` (0 for the root): where the rest of a descendant's path starts. */
	readonly prefix: number;
	/** Aggregated mode: layer 0's tree (nothing is committed; see `nextAggregatedTree`). */
	readonly base: TreeNode | undefined;
};

/**
The derivation as one merge of the tree below with this layer's changes, both in tree order: the walk keeps the
spine from the root to the last changed path, passes old children in name order, and copies only what differs.
Old children it passes are committed (the layer below's marks cleared): unmarked ones are shared as they are,
marked ones copied unmarked (their removed nodes dropped), and below a removed path everything is copied as removed.
No path is looked up: the cost is this layer's changes, the layer below's marked nodes, and the children passed on
the spine. Undefined when the changes are not strictly in tree order or hold high code units (see `highUnits`).
*/
function* mergeWalk(previous: TreeNode, changes: readonly Change[], layerIndex: number, base: TreeNode | undefined): Generator<void, TreeNode | undefined, undefined> {
	const root = copyOf(previous, undefined, 'unmodified');
	const stack: Frame[] = [{node: root, old: previous.children, next: 0, kids: [], removed: false, prefix: 0, base}];
	let work = 0;
	let before = '';
	for (const change of changes) {
		const {path} = change;
		if ((before !== '' && compareTreeOrder(before, path) >= 0) || highUnits.test(path)) return undefined;
		before = path;
		if (++work % stepSize === 0) yield;
		while (stack.length > 1 && !isBelow(path, stack[stack.length - 1]!)) {
			const done = stack.pop()!;
			yield* passRest(done);
			close(done, true);
		}
		let frame = stack[stack.length - 1]!;
		let start = frame.prefix;
		for (;;) {
			const slash = path.indexOf('/', start + 1);
			const last = slash < 0;
			const name = path.slice(start + 1, last ? path.length : slash);
			const {old} = frame;
			while (frame.next < old.length && compareNames(old[frame.next]!.name, name) < 0) {
				const child = old[frame.next++]!;
				if (!share(frame, child)) frame.kids.push(yield* copySubtree(child, frame.node, frame.removed ? 'removed' : 'unmodified', base !== undefined));
			}
			let found: TreeNode | undefined;
			if (frame.next < old.length && old[frame.next]!.name === name) {
				found = old[frame.next++]!;
				// Layer mode: removed by the layer below, so not in this layer's base. Aggregated mode keeps removed nodes.
				if (found.diff === 'removed' && !base) found = undefined;
			}
			if (!last) {
				// A change whose parent is not in the base changes nothing, as in `buildCompareTree`.
				if (!found) break;
				frame = open(frame, copyOf(found, frame.node, frame.removed ? 'removed' : base ? found.diff : 'unmodified'), found.children, frame.removed, slash);
				stack.push(frame);
				start = slash;
				continue;
			}
			if (change.kind === 'removed') {
				if (found) stack.push(open(frame, copyOf(found, frame.node, 'removed'), found.children, true, path.length));
			} else if (found) {
				const node = copyOf(found, frame.node, base ? markedAgain(found, frame.removed, base) : 'modified');
				assign(node, change, layerIndex);
				stack.push(open(frame, node, found.children, frame.removed, path.length));
			} else {
				const node = dirNode(name, path, frame.node, layerIndex);
				assign(node, change, layerIndex);
				node.diff = 'added';
				stack.push(open(frame, node, [], false, path.length));
			}
			break;
		}
	}
	while (stack.length > 0) {
		const done = stack.pop()!;
		yield* passRest(done);
		close(done, stack.length > 0);
	}
	return root;
}

/**
Aggregated mode: the mark of an existing node this layer adds or modifies, as `buildCompareTree` marks it. A removed
node (by an earlier layer, or by a removed ancestor in this one) comes back modified if layer 0 had it, else added;
an unmodified node (always one of layer 0's) is modified; an added or modified one stays as it is.
*/
function markedAgain(found: TreeNode, underRemoved: boolean, base: TreeNode): DiffKind {
	if (underRemoved || found.diff === 'removed') return inTree(base, found.path) ? 'modified' : 'added';
	return found.diff === 'unmodified' ? 'modified' : found.diff;
}

/** Whether a tree holds a path (names found by binary search: children are in `compareNames` order). */
function inTree(root: TreeNode, path: string): boolean {
	let node = root;
	for (let start = 0; start < path.length; ) {
		const slash = path.indexOf('/', start + 1);
		const end = slash < 0 ? path.length : slash;
		const name = path.slice(start + 1, end);
		const {children} = node;
		let low = 0;
		let high = children.length - 1;
		let found: TreeNode | undefined;
		while (low <= high && !found) {
			const mid = (low + high) >>> 1;
			const order = compareNames(children[mid]!.name, name);
			if (order === 0) found = children[mid]!;
			else if (order < 0) low = mid + 1;
			else high = mid - 1;
		}
		if (!found) return false;
		node = found;
		start = end;
	}
	return true;
}

function isBelow(path: string, frame: Frame): boolean {
	const {prefix} = frame;
	return path.length > prefix && path.charCodeAt(prefix) === 47 && path.startsWith(frame.node.path);
}

/** Puts a new node on the spine as the next child of `parent`'s frame. */
function open(parent: Frame, node: TreeNode, old: readonly TreeNode[], removed: boolean, prefix: number): Frame {
	parent.kids.push(node);
	return {node, old, next: 0, kids: [], removed, prefix, base: parent.base};
}

/**
Passes an old child the layer does not change, if that needs no copy: false when it needs one (`copySubtree`).
Layer mode commits the layer below's marks (removed nodes dropped, marked ones copied unmarked); aggregated mode keeps
every node as it is. Below a path this layer removes, everything is copied as removed.
*/
function share(frame: Frame, child: TreeNode): boolean {
	const aggregated = frame.base !== undefined;
	if (child.diff === 'removed' && !aggregated) return true;
	if (frame.removed) return false;
	if (child.diff !== 'unmodified' && !aggregated) return false;
	frame.kids.push(child);
	return true;
}

/** Passes the old children of a frame left after the last change below it. */
function* passRest(frame: Frame): Generator<void, void, undefined> {
	const {old} = frame;
	while (frame.next < old.length) {
		const child = old[frame.next++]!;
		if (!share(frame, child)) frame.kids.push(yield* copySubtree(child, frame.node, frame.removed ? 'removed' : 'unmodified', frame.base !== undefined));
	}
}

/** Ends a frame whose children are all passed: sums its size and marks it as `finish` does (never the root). */
function close(frame: Frame, belowRoot: boolean): void {
	const {node, kids} = frame;
	let total = node.size;
	let changedBelow = false;
	for (const child of kids) {
		changedBelow ||= child.diff !== 'unmodified';
		if (child.diff !== 'removed' || node.diff === 'removed') total += child.totalSize;
	}
	node.children = kids;
	node.totalSize = total;
	if (node.diff === 'unmodified' && changedBelow && belowRoot) node.diff = 'modified';
}

/** A copy of `old` under `parent` with the given mark, its children still the old ones (the caller replaces them). */
function copyOf(old: TreeNode, parent: TreeNode | undefined, diff: DiffKind): TreeNode {
	const node = dirNode(old.name, old.path, parent, old.layer);
	assign(node, old, old.layer);
	node.diff = diff;
	return node;
}

/**
A copy of an old subtree with every node marked `diff`: in layer mode committed ('unmodified', or 'removed' below a
path this layer removes), the layer below's removed nodes dropped and, with 'unmodified', the unmarked subtrees
shared; in aggregated mode (`keepRemoved`, only ever 'removed') every node is kept. Sizes summed again (a removed
directory counts its removed children).
*/
function* copySubtree(old: TreeNode, parent: TreeNode, diff: 'unmodified' | 'removed', keepRemoved: boolean): Generator<void, TreeNode, undefined> {
	const top = copyOf(old, parent, diff);
	const order: Array<{node: TreeNode; old: TreeNode}> = [];
	const stack = [{node: top, old}];
	while (stack.length > 0) {
		const current = stack.pop()!;
		order.push(current);
		if (order.length % stepSize === 0) yield;
		const kids: TreeNode[] = [];
		for (const child of current.old.children) {
			if (child.diff === 'removed' && !keepRemoved) continue;
			if (diff === 'unmodified' && child.diff === 'unmodified') {
				kids.push(child);
				continue;
			}
			const copied = copyOf(child, current.node, diff);
			kids.push(copied);
			stack.push({node: copied, old: child});
		}
		current.node.children = kids;
	}
	for (let i = order.length - 1; i >= 0; i--) {
		const {node} = order[i]!;
		let total = node.size;
		for (const child of node.children) if (child.diff !== 'removed' || node.diff === 'removed') total += child.totalSize;
		node.totalSize = total;
	}
	return top;
}

/** The derivation by path lookups, for changes the merge walk does not take. */
function* byPaths(analysis: Analysis, previous: TreeNode, layerIndex: number): Generator<void, TreeNode, undefined> {
	let work = 0;
	const below = layerIndex >= 2 ? analysis.layers[layerIndex - 1]!.changes : [];
	const changes = analysis.layers[layerIndex]!.changes;
	const touched = new Set<string>(['/']);
	for (const list of [below, changes]) {
		for (const change of list) {
			for (let path = change.path; !touched.has(path); path = parentPath(path)) touched.add(path);
			if (++work % stepSize === 0) yield;
		}
	}

	// Commit the layer below: copy the touched nodes unmarked, drop what it removed, share the rest.
	const byPath = new Map<string, TreeNode>();
	const made: TreeNode[] = [];
	const root = copy(previous, undefined);
	byPath.set('', root);
	const stack: TreeNode[] = [root];
	while (stack.length > 0) {
		const node = stack.pop()!;
		const kids: TreeNode[] = [];
		for (const child of node.children) {
			if (!touched.has(child.path)) kids.push(child);
			else if (child.diff !== 'removed') {
				const copied = copy(child, node);
				byPath.set(copied.path, copied);
				kids.push(copied);
				stack.push(copied);
			}
		}
		node.children = kids;
		if (++work % stepSize === 0) yield;
	}

	// Mark this layer's changes, as buildCompareTree does over its base.
	const fresh = new Set<TreeNode>();
	const unsorted = new Set<TreeNode>();
	for (const change of changes) {
		if (++work % stepSize === 0) yield;
		const slash = change.path.lastIndexOf('/');
		const parent = byPath.get(change.path.slice(0, slash));
		if (!parent) continue;
		let target = byPath.get(change.path);
		if (change.kind === 'removed') {
			if (target) markRemoved(target);
			continue;
		}
		if (!target) {
			target = node(change.path.slice(slash + 1), change.path, parent);
			assign(target, change, layerIndex);
			target.diff = 'added';
			fresh.add(target);
			parent.children.push(target);
			unsorted.add(parent);
			byPath.set(change.path, target);
			continue;
		}
		const inBase = !fresh.has(target);
		const wasRemoved = target.diff === 'removed';
		assign(target, change, layerIndex);
		if (wasRemoved) target.diff = inBase ? 'modified' : 'added';
		else if (target.diff === 'unmodified') target.diff = change.kind === 'added' && !inBase ? 'added' : 'modified';
	}

	// Finish the new nodes, children first (each was made after its parent): order, sizes, changed directories.
	const changed = new Set<TreeNode>();
	for (let i = made.length - 1; i >= 0; i--) {
		const current = made[i]!;
		if (i % stepSize === 0) yield;
		if (unsorted.has(current)) current.children.sort((a, b) => compareNames(a.name, b.name));
		let total = current.size;
		let changedBelow = false;
		for (const child of current.children) {
			changedBelow ||= changed.has(child);
			if (child.diff !== 'removed' || current.diff === 'removed') total += child.totalSize;
		}
		current.totalSize = total;
		if (current.diff === 'unmodified' && changedBelow && current.path !== '/') current.diff = 'modified';
		if (current.diff !== 'unmodified' || changedBelow) changed.add(current);
	}
	return root;

	/** `removed` on a node and everything below it (all listed by this layer's changes, so copies already; any that is not is copied first). */
	function markRemoved(target: TreeNode): void {
		const stack = [target];
		while (stack.length > 0) {
			const current = stack.pop()!;
			current.diff = 'removed';
			current.children = current.children.map(child => {
				if (byPath.get(child.path) === child) return child;
				const copied = copy(child, current);
				byPath.set(copied.path, copied);
				return copied;
			});
			for (const child of current.children) stack.push(child);
		}
	}

	function node(name: string, path: string, parent: TreeNode | undefined): TreeNode {
		const made_ = dirNode(name, path, parent, -1);
		made.push(made_);
		return made_;
	}

	function copy(old: TreeNode, parent: TreeNode | undefined): TreeNode {
		const copied = node(old.name, old.path, parent);
		assign(copied, old, old.layer);
		copied.children = old.children;
		return copied;
	}
}

function parentPath(path: string): string {
	const slash = path.lastIndexOf('/');
	return slash <= 0 ? '/' : path.slice(0, slash);
}
