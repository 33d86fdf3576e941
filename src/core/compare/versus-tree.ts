import type {DiffKind} from '../analysis-types.js';
import type {TreeNode} from '../compare-tree.js';
import {compareNames, nodeName, type FsNode} from '../fs-tree.js';
import {absolute, parentOf} from '../paths.js';
import type {FileDiff} from './compare-types.js';
import type {FinalFiles} from './final-files.js';
import {entryAttributes} from '../entry-attributes.js';

const diffOf: Record<FileDiff['kind'], DiffKind> = {added: 'added', changed: 'modified', removed: 'removed'};

/**
The explorer's tree of the new image's final filesystem marked against the old one: added and changed paths as
`added` and `modified`, the old image's paths the new one lacks as `removed` (kept in the tree), directories with
changes below them as `modified`. Sizes sum as in the layer trees (removed paths left out unless their directory
is removed itself).
*/
export function versusTree(oldFiles: FinalFiles, newFiles: FinalFiles, diffs: readonly FileDiff[]): TreeNode {
	const kinds = new Map<string, DiffKind>(diffs.map(diff => [diff.path.slice(1), diffOf[diff.kind]]));
	const nodes = new Map<string, TreeNode>();
	const root: TreeNode = {name: '', path: '/', type: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0, linkTarget: '', diff: 'unmodified', totalSize: 0, layer: -1, children: [], parent: undefined};
	nodes.set('', root);
	const order: string[] = [];
	for (const [path, node] of newFiles) {
		if (path === '') continue;
		nodes.set(path, toNode(node, kinds.get(path) ?? 'unmodified'));
		order.push(path);
	}
	for (const diff of diffs) {
		if (diff.kind !== 'removed') continue;
		const path = diff.path.slice(1);
		nodes.set(path, toNode(oldFiles.get(path)!, 'removed'));
		order.push(path);
	}
	for (const path of order) {
		const node = nodes.get(path)!;
		const parent = nodes.get(parentOf(path)) ?? root;
		node.parent = parent;
		parent.children.push(node);
	}
	finish(root);
	return root;
}

function toNode(node: FsNode, diff: DiffKind): TreeNode {
	const {entry} = node;
	return {
		name: nodeName(node),
		path: absolute(node.path),
		...entryAttributes(entry),
		diff,
		totalSize: 0,
		layer: node.layer,
		children: [],
		parent: undefined,
	};
}

/** Sorts children, sums sizes and marks directories with changes below them, children before parents (no recursion). */
function finish(root: TreeNode): void {
	const order: TreeNode[] = [];
	const stack = [root];
	while (stack.length > 0) {
		const node = stack.pop()!;
		node.children.sort((a, b) => compareNames(a.name, b.name));
		order.push(node);
		for (const child of node.children) stack.push(child);
	}
	const changedBelow = new Set<TreeNode>();
	for (let i = order.length - 1; i >= 0; i--) {
		const node = order[i]!;
		let total = node.size;
		let changed = false;
		for (const child of node.children) {
			if (child.diff !== 'removed' || node.diff === 'removed') total += child.totalSize;
			changed ||= child.diff !== 'unmodified' || changedBelow.has(child);
		}
		node.totalSize = total;
		if (changed) changedBelow.add(node);
		if (node.diff === 'unmodified' && changed && node !== root) node.diff = 'modified';
	}
}
