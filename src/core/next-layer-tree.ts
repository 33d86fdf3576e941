import type {Analysis} from './analysis-types.js';
import {assign, dirNode, type TreeNode} from './compare-tree.js';
import {compareNames} from './fs-tree.js';
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
