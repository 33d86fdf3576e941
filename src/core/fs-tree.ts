import type {LayerEntry} from './model.js';
import {baseName, joinPath, parentOf, splitPath} from './paths.js';

/** A node of a stacked filesystem: the copy of a path currently visible, and which layer wrote it. */
export type FsNode = {
	readonly name: string;
	readonly path: string;
	parent: FsNode | undefined;
	children: Map<string, FsNode> | undefined;
	entry: LayerEntry;
	layer: number;
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
	return {name: '', path: '', parent: undefined, children: new Map(), entry: rootEntry, layer: -1};
}

export function lookup(root: FsNode, path: string): FsNode | undefined {
	let node: FsNode | undefined = root;
	for (const name of splitPath(path)) {
		node = node.children?.get(name);
		if (!node) return undefined;
	}
	return node;
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
	let node = root;
	const names = splitPath(entry.path);
	for (let i = 0; i < names.length; i++) {
		const name = names[i]!;
		node.children ??= new Map();
		let child = node.children.get(name);
		const last = i === names.length - 1;
		if (!child) {
			const path = joinPath(node.path, name);
			child = {
				name,
				path,
				parent: node,
				children: undefined,
				entry: last ? entry : implicitDir(path),
				layer,
			};
			node.children.set(name, child);
			if (!last) parents?.push({node: child, previous: undefined});
		} else if (last) {
			child.entry = entry;
			child.layer = layer;
		} else if (child.entry.type !== 'dir') {
			parents?.push({node: child, previous: child.entry});
			child.entry = implicitDir(child.path);
			child.layer = layer;
		}
		node = child;
	}
	return node;
}

/** Detaches the node at `path` with everything below it; returns it, or undefined if the path is absent. */
export function remove(root: FsNode, path: string): FsNode | undefined {
	const parent = lookup(root, parentOf(path));
	const node = parent?.children?.get(baseName(path));
	if (!parent || !node) return undefined;
	parent.children!.delete(node.name);
	node.parent = undefined;
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
	return [...node.children.values()].sort((a, b) => compareNames(a.name, b.name));
}

/** Bytewise order (what Go's sort.Strings gives for UTF-8). */
export function compareNames(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Sum of the entry sizes of a node and everything below it. */
export function subtreeBytes(node: FsNode): number {
	let total = 0;
	walk(node, n => {
		total += n.entry.size;
	});
	return total;
}
