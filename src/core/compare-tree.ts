import type {Analysis, Change, CompareMode, DiffKind} from './analysis-types.js';
import type {EntryType} from './model.js';
import {compareNames} from './fs-tree.js';

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

type Builder = {node: TreeNode; byName: Map<string, Builder>; inBase: boolean; changed: boolean};

/**
The tree for layer `layerIndex`. Layer mode: the filesystem as of that layer with only its own changes marked.
Aggregated mode: everything layers 1..k did, marked against layer 0; removed paths stay in the tree.
Layer 0 is the base in both modes and shows unmodified, as in dive.
*/
export function buildCompareTree(analysis: Analysis, layerIndex: number, mode: CompareMode): TreeNode {
	const root = newBuilder('', '/', undefined, -1, true);
	const baseTop = layerIndex === 0 ? 0 : mode === 'layer' ? layerIndex - 1 : 0;
	for (let layer = 0; layer <= baseTop; layer++) {
		for (const change of analysis.layers[layer]!.changes) replay(root, change, layer);
	}
	for (let layer = baseTop + 1; layer <= layerIndex; layer++) {
		for (const change of analysis.layers[layer]!.changes) mark(root, change, layer);
	}
	finish(root);
	return root.node;
}

function replay(root: Builder, change: Change, layer: number): void {
	const {parent, name} = locate(root, change.path);
	if (!parent) return;
	if (change.kind === 'removed') {
		parent.byName.delete(name);
		return;
	}
	const existing = parent.byName.get(name);
	if (existing) {
		assign(existing.node, change, layer);
		if (change.type !== 'dir') existing.byName.clear();
	} else {
		parent.byName.set(name, newBuilder(name, change.path, parent.node, layer, true, change));
	}
}

function mark(root: Builder, change: Change, layer: number): void {
	const {parent, name} = locate(root, change.path);
	if (!parent) return;
	let target = parent.byName.get(name);
	if (change.kind === 'removed') {
		if (target) setSubtree(target, 'removed');
		return;
	}
	if (!target) {
		target = newBuilder(name, change.path, parent.node, layer, false, change);
		parent.byName.set(name, target);
		target.node.diff = 'added';
		return;
	}
	const wasRemoved = target.node.diff === 'removed';
	assign(target.node, change, layer);
	if (wasRemoved) target.node.diff = target.inBase ? 'modified' : 'added';
	else if (target.node.diff === 'unmodified') target.node.diff = change.kind === 'added' && !target.inBase ? 'added' : 'modified';
}

function locate(root: Builder, path: string): {parent: Builder | undefined; name: string} {
	const names = path.split('/').filter(Boolean);
	let node: Builder | undefined = root;
	for (let i = 0; i < names.length - 1 && node; i++) node = node.byName.get(names[i]!);
	return {parent: node, name: names.at(-1) ?? ''};
}

function setSubtree(builder: Builder, diff: DiffKind): void {
	const stack = [builder];
	while (stack.length > 0) {
		const current = stack.pop()!;
		current.node.diff = diff;
		for (const child of current.byName.values()) stack.push(child);
	}
}

function newBuilder(
	name: string,
	path: string,
	parent: TreeNode | undefined,
	layer: number,
	inBase: boolean,
	change?: Change,
): Builder {
	const node: TreeNode = {
		name,
		path,
		type: 'dir',
		size: 0,
		mode: 0o755,
		uid: 0,
		gid: 0,
		linkTarget: '',
		diff: 'unmodified',
		totalSize: 0,
		layer,
		children: [],
		parent,
	};
	if (change) assign(node, change, layer);
	return {node, byName: new Map(), inBase, changed: false};
}

function assign(node: TreeNode, change: Change, layer: number): void {
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
function finish(root: Builder): void {
	const order: Builder[] = [];
	const childrenOf: Builder[][] = [];
	const stack: Builder[] = [root];
	while (stack.length > 0) {
		const builder = stack.pop()!;
		const children = [...builder.byName.values()].sort((a, b) => compareNames(a.node.name, b.node.name));
		order.push(builder);
		childrenOf.push(children);
		for (const child of children) stack.push(child);
	}
	for (let i = order.length - 1; i >= 0; i--) {
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
