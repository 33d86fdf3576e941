import type {Analysis, DiffKind} from '../../src/core/analysis-types.js';
import {buildCompareTree} from '../../src/core/compare-tree.js';
import {nextLayerTree} from '../../src/core/next-layer-tree.js';
import {TreeCache} from '../../src/ui/tree/tree-cache.js';
import type {TreeNode} from '../../src/core/compare-tree.js';
import type {EntryType} from '../../src/core/model.js';

export type NodeSpec = {
	readonly type?: EntryType;
	readonly size?: number;
	readonly mode?: number;
	readonly layer?: number;
	readonly diff?: DiffKind;
	readonly linkTarget?: string;
	readonly children?: Record<string, NodeSpec>;
};

/** Builds a TreeNode tree by hand (names are taken as given, hostile ones included). */
export function tree(children: Record<string, NodeSpec>): TreeNode {
	const make = (name: string, path: string, spec: NodeSpec, parent: TreeNode | undefined): TreeNode => {
		const node: TreeNode = {
			name,
			path,
			type: spec.type ?? (spec.children ? 'dir' : 'file'),
			size: spec.size ?? 0,
			mode: spec.mode ?? (spec.children ? 0o755 : 0o644),
			uid: 0,
			gid: 0,
			linkTarget: spec.linkTarget ?? '',
			diff: spec.diff ?? 'unmodified',
			totalSize: 0,
			layer: spec.layer ?? 0,
			children: [],
			parent,
		};
		node.children = Object.entries(spec.children ?? {})
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
			.map(([childName, child]) => make(childName, path === '/' ? `/${childName}` : `${path}/${childName}`, child, node));
		return node;
	};
	const root = make('', '/', {children}, undefined);
	root.layer = -1;
	// dive's displayed size (§5.7): a directory sums its children, leaving out removed ones unless it is removed.
	const total = (node: TreeNode): number => {
		let sum = node.size;
		for (const kid of node.children) {
			const size = total(kid);
			if (kid.diff !== 'removed' || node.diff === 'removed') sum += size;
		}
		node.totalSize = sum;
		return sum;
	};
	total(root);
	return root;
}

export function child(root: TreeNode, path: string): TreeNode {
	let node = root;
	for (const name of path.split('/').filter(Boolean)) node = node.children.find(candidate => candidate.name === name)!;
	return node;
}

/** A TreeCache whose full builds and derivations are recorded in `calls` (`build 2 layer`, `derive 3`). */
export function countingTreeCache(analysis: Analysis, calls: string[]): TreeCache {
	return new TreeCache(
		analysis,
		(a, layer, mode) => {
			calls.push(`build ${layer} ${mode}`);
			return buildCompareTree(a, layer, mode);
		},
		(a, below, layer) => {
			calls.push(`derive ${layer}`);
			return nextLayerTree(a, below, layer);
		},
	);
}
