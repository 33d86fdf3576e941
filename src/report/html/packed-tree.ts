/** One sized thing placed at a path: a file of the final filesystem, or a hidden copy a layer stores. */
export type TreeItem = {
	/** Absolute: `/usr/lib/libc.so`. */
	readonly path: string;
	readonly bytes: number;
	/** The layer that wrote it. */
	readonly layer: number;
};

export const nodeKind = {file: 0, dir: 1, small: 2} as const;

/**
A tree in columns, nodes in pre-order (a parent before its children), node 0 the root: compact in JSON and never
nested, however deep the paths go. `bytes` is exact everywhere: a directory's is the sum of everything below it,
a `small` node's the sum of the items it stands for.
*/
export type PackedTree = {
	readonly names: string[];
	readonly parents: number[];
	readonly kinds: number[];
	readonly bytes: number[];
	/** The writing layer; -1 for directories. */
	readonly layers: number[];
	/** Items a node stands for: 1 for a file, the items below for a directory or a `small` node. */
	readonly counts: number[];
	/** Items and directories smaller than this many bytes were merged into per-layer `small` nodes (-1: none were). */
	readonly threshold: number;
};

type Dir = {readonly name: string; readonly dirs: Map<string, Dir>; readonly files: TreeItem[]; total: number; count: number};

const newDir = (name: string): Dir => ({name, dirs: new Map(), files: [], total: 0, count: 0});

/**
Packs items into a tree of at most about `budget` nodes: when there are more, the files and directories below a
size threshold are merged, per directory and per layer, into one `small` node each, keeping every byte count exact.
*/
export function packTree(items: Iterable<TreeItem>, budget: number): PackedTree {
	const root = newDir('');
	for (const item of items) {
		let dir = root;
		const parts = item.path.split('/').filter(part => part !== '');
		for (let i = 0; i < parts.length - 1; i++) {
			const name = parts[i]!;
			let next = dir.dirs.get(name);
			if (!next) {
				next = newDir(name);
				dir.dirs.set(name, next);
			}
			dir = next;
		}
		dir.files.push(item);
	}
	const order = preOrder(root);
	for (let i = order.length - 1; i >= 0; i--) {
		const dir = order[i]!;
		for (const file of dir.files) {
			dir.total += file.bytes;
			dir.count++;
		}
		for (const child of dir.dirs.values()) {
			dir.total += child.total;
			dir.count += child.count;
		}
	}
	const threshold = thresholdFor(order, budget);
	return encode(root, threshold);
}

function preOrder(root: Dir): Dir[] {
	const order: Dir[] = [];
	const stack = [root];
	while (stack.length > 0) {
		const dir = stack.pop()!;
		order.push(dir);
		for (const child of dir.dirs.values()) stack.push(child);
	}
	return order;
}

/** The size at or below which nodes are merged so that at most `budget` nodes stay; -1 when all fit. */
function thresholdFor(order: readonly Dir[], budget: number): number {
	const sizes: number[] = [];
	for (const dir of order) {
		if (dir !== order[0]) sizes.push(dir.total);
		for (const file of dir.files) sizes.push(file.bytes);
	}
	if (sizes.length <= budget) return -1;
	const sorted = Float64Array.from(sizes).sort().reverse();
	return sorted[budget]!;
}

function encode(root: Dir, threshold: number): PackedTree {
	const tree: PackedTree = {names: [], parents: [], kinds: [], bytes: [], layers: [], counts: [], threshold};
	const push = (parent: number, name: string, kind: number, bytes: number, layer: number, count: number): number => {
		tree.names.push(name);
		tree.parents.push(parent);
		tree.kinds.push(kind);
		tree.bytes.push(bytes);
		tree.layers.push(layer);
		tree.counts.push(count);
		return tree.names.length - 1;
	};
	const stack: Array<{dir: Dir; parent: number}> = [{dir: root, parent: -1}];
	while (stack.length > 0) {
		const {dir, parent} = stack.pop()!;
		const index = push(parent, dir.name, nodeKind.dir, dir.total, -1, dir.count);
		const small = new Map<number, {bytes: number; count: number}>();
		const addSmall = (item: TreeItem) => {
			const bucket = small.get(item.layer) ?? {bytes: 0, count: 0};
			bucket.bytes += item.bytes;
			bucket.count++;
			small.set(item.layer, bucket);
		};
		for (const file of dir.files) {
			if (file.bytes > threshold) push(index, baseName(file.path), nodeKind.file, file.bytes, file.layer, 1);
			else addSmall(file);
		}
		const children = [...dir.dirs.values()];
		for (let i = children.length - 1; i >= 0; i--) {
			const child = children[i]!;
			if (child.total > threshold) stack.push({dir: child, parent: index});
			else for (const below of preOrder(child)) for (const file of below.files) addSmall(file);
		}
		for (const [layer, bucket] of [...small].sort((a, b) => a[0] - b[0])) {
			push(index, `(${bucket.count} small)`, nodeKind.small, bucket.bytes, layer, bucket.count);
		}
	}
	return tree;
}

function baseName(path: string): string {
	return path.slice(path.lastIndexOf('/') + 1);
}
