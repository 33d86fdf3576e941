import type {FsNode} from '../fs-tree.js';
import type {DirectoryGrowth, FileDiff} from './compare-types.js';
import type {FinalFiles} from './final-files.js';

type Bucket = {oldBytes: number; newBytes: number; added: number; removed: number; changed: number};

/**
Bytes of regular files per directory, old and new, with each path counted in exactly one directory: its parent cut
to `depth` components (`/usr/lib/python3.11/site-packages/x.py` at depth 3 counts in `/usr/lib/python3.11`; a file at
the root counts in `/`). The deltas therefore add up to the whole filesystem's delta. Directories where nothing
changed are left out; the rest come largest growth first, then by path.
*/
export function growthByDirectory(
	oldFiles: FinalFiles,
	newFiles: FinalFiles,
	diffs: readonly FileDiff[],
	depth: number,
): DirectoryGrowth[] {
	const buckets = new Map<string, Bucket>();
	const bucket = (path: string) => {
		const dir = directoryAt(path, depth);
		let found = buckets.get(dir);
		if (!found) buckets.set(dir, (found = {oldBytes: 0, newBytes: 0, added: 0, removed: 0, changed: 0}));
		return found;
	};
	const add = (files: FinalFiles, key: 'oldBytes' | 'newBytes') => {
		for (const [path, node] of files) if (isFile(node)) bucket(path)[key] += node.entry.size;
	};
	add(oldFiles, 'oldBytes');
	add(newFiles, 'newBytes');
	const touched = new Set<string>();
	for (const diff of diffs) {
		const path = diff.path.slice(1);
		bucket(path)[diff.kind]++;
		touched.add(directoryAt(path, depth));
	}
	const growth: DirectoryGrowth[] = [];
	for (const [dir, totals] of buckets) {
		const delta = totals.newBytes - totals.oldBytes;
		if (delta === 0 && !touched.has(dir)) continue;
		growth.push({path: `/${dir}`, ...totals, delta});
	}
	return growth.sort((a, b) => b.delta - a.delta || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The directory a path counts in: its parent, cut to at most `depth` components ('' for the root). */
export function directoryAt(path: string, depth: number): string {
	const parts = path.split('/');
	parts.pop();
	return parts.slice(0, Math.max(0, depth)).join('/');
}

function isFile(node: FsNode): boolean {
	return node.entry.type === 'file' && node.path !== '';
}
