import type {Analysis, Change, CompareMode, DiffKind} from './analysis-types.js';
import type {EntryType} from './model.js';
import {compareNames} from './fs-tree.js';
import {compareTreeOrder} from './layer-entries.js';
import {runSteps, stepSize, type Steps} from './steps.js';

/** One node of the file tree the explorer shows: a path as of the selected layer, marked by how it changed. */
export type TreeNode = {
	readonly name: string;
	/** Absolute; '/' for the root. */
	readonly path: string;
	type: EntryType;
	size: number;
	mode: number;
	uid: number;
	gid: number;
	linkTarget: string;
	diff: DiffKind;
	/** dive's displayed size: a directory sums what is below it, leaving out removed nodes unless it is removed itself. */
	totalSize: number;
	/** The layer whose copy of the path this is (-1 for the root). */
	layer: number;
	children: TreeNode[];
	parent: TreeNode | undefined;
};

type Builder = {node: TreeNode; byName: Map<string, Builder> | undefined; inBase: boolean; changed: boolean};

/** The tree being built, with every node findable by its path (changes come parents first). */
type Build = {readonly root: Builder; readonly byPath: Map<string, Builder>};

/**
The tree for layer `layerIndex`. Layer mode: the filesystem as of that layer with only its own changes marked.
Aggregated mode: everything layers 1..k did, marked against layer 0; removed paths stay in the tree.
Layer 0 is the base in both modes and shows unmodified, as in dive.
*/
export function buildCompareTree(analysis: Analysis, layerIndex: number, mode: CompareMode): TreeNode {
	return runSteps(buildCompareTreeSteps(analysis, layerIndex, mode));
}

/** `buildCompareTree` as work that pauses every `stepSize` changes or nodes. */
export function* buildCompareTreeSteps(analysis: Analysis, layerIndex: number, mode: CompareMode): Steps<TreeNode> {
	if (layerIndex === 0 && analysis.layers.length > 0) {
		const base = yield* baseLayerTree(analysis.layers[0]!.changes);
		if (base) return base;
	}
	const root = newBuilder('', '/', undefined, -1, true);
	const build: Build = {root, byPath: new Map([['', root]])};
	const baseTop = layerIndex === 0 ? 0 : mode === 'layer' ? layerIndex - 1 : 0;
	let work = 0;
	for (let layer = 0; layer <= baseTop; layer++) {
		for (const change of analysis.layers[layer]!.changes) {
			replay(build, change, layer);
			if (++work % stepSize === 0) yield;
		}
	}
	for (let layer = baseTop + 1; layer <= layerIndex; layer++) {
		for (const change of analysis.layers[layer]!.changes) {
			mark(build, change, layer);
			if (++work % stepSize === 0) yield;
		}
	}
	yield* finish(root);
	return root.node;
}

function replay(build: Build, change: Change, layer: number): void {
	const {parent, name} = locate(build, change.path);
	if (!parent) return;
	if (change.kind === 'removed') {
		parent.byName?.delete(name);
		build.byPath.delete(change.path);
		return;
	}
	const existing = parent.byName?.get(name);
	if (existing) {
		assign(existing.node, change, layer);
		if (change.type !== 'dir') existing.byName = undefined;
	} else {
		add(build, parent, newBuilder(name, change.path, parent.node, layer, true, change));
	}
}

function mark(build: Build, change: Change, layer: number): void {
	const {parent, name} = locate(build, change.path);
	if (!parent) return;
	let target = parent.byName?.get(name);
	if (change.kind === 'removed') {
		if (target) setSubtree(target, 'removed');
		return;
	}
	if (!target) {
		target = newBuilder(name, change.path, parent.node, layer, false, change);
		add(build, parent, target);
		target.node.diff = 'added';
		return;
	}
	const wasRemoved = target.node.diff === 'removed';
	assign(target.node, change, layer);
	if (wasRemoved) target.node.diff = target.inBase ? 'modified' : 'added';
	else if (target.node.diff === 'unmodified') target.node.diff = change.kind === 'added' && !target.inBase ? 'added' : 'modified';
}

function locate(build: Build, path: string): {parent: Builder | undefined; name: string} {
	const slash = path.lastIndexOf('/');
	return {parent: build.byPath.get(path.slice(0, slash)), name: path.slice(slash + 1)};
}

function add(build: Build, parent: Builder, child: Builder): void {
	parent.byName ??= new Map();
	parent.byName.set(child.node.name, child);
	build.byPath.set(child.node.path, child);
}

function setSubtree(builder: Builder, diff: DiffKind): void {
	const stack = [builder];
	while (stack.length > 0) {
		const current = stack.pop()!;
		current.node.diff = diff;
		if (current.byName) for (const child of current.byName.values()) stack.push(child);
	}
}

/** A plain unmodified directory node, the start of every node a tree builder makes. */
export function dirNode(name: string, path: string, parent: TreeNode | undefined, layer: number): TreeNode {
	return {name, path, type: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0, linkTarget: '', diff: 'unmodified', totalSize: 0, layer, children: [], parent};
}

function newBuilder(
	name: string,
	path: string,
	parent: TreeNode | undefined,
	layer: number,
	inBase: boolean,
	change?: Change,
): Builder {
	const node = dirNode(name, path, parent, layer);
	if (change) assign(node, change, layer);
	return {node, byName: undefined, inBase, changed: false};
}

/** A node takes the attributes of a change (or of another node's copy of a path), as stored by `layer`. */
export function assign(node: TreeNode, change: Pick<Change, 'type' | 'size' | 'mode' | 'uid' | 'gid' | 'linkTarget'>, layer: number): void {
	node.type = change.type;
	node.size = change.size;
	node.mode = change.mode;
	node.uid = change.uid;
	node.gid = change.gid;
	node.linkTarget = change.linkTarget;
	node.layer = layer;
}

/**
Sorts children, marks directories with changes below them as modified, and sums sizes the way dive shows them.
Iterative (children are finished before their parent in reverse pre-order): paths can be thousands of levels deep.
*/
function* finish(root: Builder): Generator<void, void, undefined> {
	const order: Builder[] = [];
	const childrenOf: Builder[][] = [];
	const stack: Builder[] = [root];
	while (stack.length > 0) {
		const builder = stack.pop()!;
		const children = builder.byName ? [...builder.byName.values()].sort((a, b) => compareNames(a.node.name, b.node.name)) : [];
		order.push(builder);
		childrenOf.push(children);
		for (const child of children) stack.push(child);
		if (order.length % stepSize === 0) yield;
	}
	for (let i = order.length - 1; i >= 0; i--) {
		if (i % stepSize === 0) yield;
		const builder = order[i]!;
		const children = childrenOf[i]!;
		const node = builder.node;
		let changedBelow = false;
		let total = node.size;
		const nodes: TreeNode[] = new Array(children.length);
		for (let c = 0; c < children.length; c++) {
			const child = children[c]!;
			changedBelow ||= child.changed;
			if (child.node.diff !== 'removed' || node.diff === 'removed') total += child.node.totalSize;
			nodes[c] = child.node;
		}
		node.children = nodes;
		node.totalSize = total;
		if (node.diff === 'unmodified' && changedBelow && node.path !== '/') node.diff = 'modified';
		builder.changed = node.diff !== 'unmodified' || changedBelow;
	}
}

/**
Layer 0's tree (the first screen's), built without path lookups: a layer's changes come in tree order (a name-sorted
walk, see `compareTreeOrder`), so the parent of each path is on the stack of the previous path's ancestors, or absent
(then the path is left out, as `replay` leaves it out). Nothing is marked in layer 0's tree, so only sizes are summed.
Undefined when the changes are not strictly in tree order: `replay` then builds it (same tree, slower).
*/
function* baseLayerTree(changes: readonly Change[]): Generator<void, TreeNode | undefined, undefined> {
	const root = dirNode('', '/', undefined, -1);
	// The ancestors of the last path, root first, with their paths as `replay` keys them (the root as '').
	const stack: TreeNode[] = [root];
	const keys: string[] = [''];
	const order: TreeNode[] = [root];
	let previous: string | undefined;
	for (let i = 0; i < changes.length; i++) {
		const change = changes[i]!;
		const {path} = change;
		if (previous !== undefined && compareTreeOrder(previous, path) >= 0) return undefined;
		previous = path;
		if ((i + 1) % stepSize === 0) yield;
		const slash = path.lastIndexOf('/');
		const parentKey = path.slice(0, slash);
		while (keys.length > 1 && !isAncestorOrSelf(keys[keys.length - 1]!, parentKey)) {
			keys.pop();
			stack.pop();
		}
		// A removed path in the first layer removes nothing (each path comes once); its children find no parent.
		if (keys[keys.length - 1] !== parentKey || change.kind === 'removed') continue;
		const parent = stack[stack.length - 1]!;
		const node = dirNode(path.slice(slash + 1), path, parent, 0);
		assign(node, change, 0);
		parent.children.push(node);
		order.push(node);
		stack.push(node);
		keys.push(path);
	}
	// Children last to first, then their parents: sizes summed as `finish` does (nothing is removed or marked).
	for (let i = order.length - 1; i >= 0; i--) {
		if (i % stepSize === 0) yield;
		const node = order[i]!;
		if (node.children.length > 1) node.children.sort((a, b) => compareNames(a.name, b.name));
		let total = node.size;
		for (const child of node.children) total += child.totalSize;
		node.totalSize = total;
	}
	return root;
}

/** Whether `key` is `path` or one of its ancestors (both in `replay`'s form: no trailing slash, '' for the root). */
function isAncestorOrSelf(key: string, path: string): boolean {
	return key === path || (path.startsWith(key) && path.charCodeAt(key.length) === 47);
}
