import type {DiffKind} from '../../core/analysis-types.js';
import type {TreeNode} from '../../core/compare-tree.js';
import type {PathFilter} from './path-filter.js';

export type HiddenKinds = Readonly<Record<DiffKind, boolean>>;

export const noneHidden: HiddenKinds = {added: false, modified: false, removed: false, unmodified: false};

type DirView = {readonly kids: readonly TreeNode[]; readonly size: number};

/**
Which nodes of a tree show under the hidden diff kinds and the path filter, with dive's rules (its `Update`):
a node is shown if any child is shown; otherwise if its kind is not hidden and (without a filter, or when the filter
finds a non-empty match in its absolute path). Directory sizes then count only what is shown, as dive's view tree does.
Computed once per tree and settings (one pass); without restrictions nothing is computed at all.
*/
export class Visibility {
	readonly restricted: boolean;
	private readonly dirs = new Map<TreeNode, DirView>();

	constructor(
		readonly root: TreeNode,
		readonly hidden: HiddenKinds,
		readonly filter: PathFilter | undefined,
	) {
		this.restricted = filter !== undefined || Object.values(hidden).some(Boolean);
		if (this.restricted) this.visit(root);
	}

	/** The shown children of a node, in name order. */
	kids(node: TreeNode): readonly TreeNode[] {
		if (!this.restricted) return node.children;
		return this.dirs.get(node)?.kids ?? [];
	}

	/** The size shown for a node (dive §5.7 over the shown subtree). */
	size(node: TreeNode): number {
		if (!this.restricted) return node.totalSize;
		return this.dirs.get(node)?.size ?? node.size;
	}

	private matches(node: TreeNode): boolean {
		return this.filter ? this.filter.matches(node.path) : true;
	}

	/** Returns whether the node shows; records the shown children and size of every node that has children. */
	private visit(node: TreeNode): boolean {
		const selfShown = () => !this.hidden[node.diff] && this.matches(node);
		if (node.children.length === 0) return selfShown();
		const kids: TreeNode[] = [];
		let size = node.size;
		for (const child of node.children) {
			if (!this.visit(child)) continue;
			kids.push(child);
			if (child.diff !== 'removed' || node.diff === 'removed') size += this.size(child);
		}
		this.dirs.set(node, {kids, size});
		return kids.length > 0 || selfShown();
	}
}
