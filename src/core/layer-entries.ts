import type {LayerEntry} from './model.js';
import {baseName, hasNamePrefix} from './paths.js';

/**
The entries of one layer as a filesystem sees them: the root entry (`./`) and AUFS metadata (`.wh..wh.plnk`, …)
dropped, and a path listed twice keeping its last copy (at the position of its first).
*/
export function effectiveEntries(entries: readonly LayerEntry[]): LayerEntry[] {
	return [...effectiveByPath(entries).values()];
}

/** The same entries keyed by path, in the same order (the map the analysis also answers "does this layer list it" with). */
export function effectiveByPath(entries: readonly LayerEntry[]): Map<string, LayerEntry> {
	const byPath = new Map<string, LayerEntry>();
	for (const entry of entries) {
		if (entry.path === '' || isAufsMetadata(entry.path)) continue;
		byPath.set(entry.path, entry);
	}
	return byPath;
}

/** AUFS bookkeeping (`.wh..wh.plnk`, `.wh..wh.aufs`), not a deletion: every `.wh..wh.` name but the opaque marker. */
export function isAufsMetadata(path: string): boolean {
	return hasNamePrefix(path, '.wh..wh.') && baseName(path) !== '.wh..wh..opq';
}

/**
Compares two paths component by component, bytewise: the order of a name-sorted tree walk. Treating `/` as lower
than every other character gives exactly that order without splitting the strings.
*/
export function compareTreeOrder(a: string, b: string): number {
	const n = Math.min(a.length, b.length);
	for (let i = 0; i < n; i++) {
		const x = a.charCodeAt(i);
		const y = b.charCodeAt(i);
		if (x === y) continue;
		return (x === 47 ? -1 : x) - (y === 47 ? -1 : y);
	}
	return a.length - b.length;
}

/**
Sorts `items` in place into `compareTreeOrder` of their paths (stably) and returns them; the result is the same as
`items.sort((a, b) => compareTreeOrder(a.path, b.path))`. Made for lists in tar order, which is tree order but for the
order of siblings (`file-10` listed after `file-9`): each run of consecutive paths in one directory is sorted first,
with V8's own string comparison (tree order and code-unit order agree on names below one directory, which hold no
`/`), and only if the whole list is still out of order (a sibling directory's subtree listed between) is it sorted
with the character-by-character comparator, over runs already in order. Comparing whole paths a character at a time
cost half a second on a 130k-entry layer; so the list is found in order or not by the runs (in order within) and the
pairs where one run meets the next, not by comparing every neighbour that way.
*/
export function sortInTreeOrder<T extends {readonly path: string}>(items: T[]): T[] {
	const byCodeUnits = (a: T, b: T) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
	let boundariesInOrder = true;
	let previous = '';
	for (let start = 0; start < items.length; ) {
		const end = runEnd(items, start);
		if (!runInOrder(items, start, end)) {
			const run = items.slice(start, end).sort(byCodeUnits);
			for (let i = 0; i < run.length; i++) items[start + i] = run[i]!;
		}
		if (start > 0 && boundariesInOrder && compareTreeOrder(previous, items[start]!.path) > 0) boundariesInOrder = false;
		previous = items[end - 1]!.path;
		start = end;
	}
	return boundariesInOrder ? items : items.sort((a, b) => compareTreeOrder(a.path, b.path));
}

/**
The order that `sortInTreeOrder` would put `items` in, as the position in `items` of each item of the sorted list;
undefined when they are in that order already. For lists that travel with other columns (a layer's changes).
*/
export function treeOrder(items: ReadonlyArray<{readonly path: string}>): Int32Array | undefined {
	let order: Int32Array | undefined;
	const byCodeUnits = (a: number, b: number) => {
		const x = items[a]!.path;
		const y = items[b]!.path;
		return x < y ? -1 : x === y ? 0 : 1;
	};
	let boundariesInOrder = true;
	let previous = '';
	const run: number[] = [];
	for (let start = 0; start < items.length; ) {
		const end = runEnd(items, start);
		if (!runInOrder(items, start, end)) {
			order ??= identity(items.length);
			// A plain array's sort (stable) is about twice as fast as a typed array's with a comparator.
			run.length = 0;
			for (let i = start; i < end; i++) run.push(i);
			run.sort(byCodeUnits);
			order.set(run, start);
		}
		const first = order === undefined ? start : order[start]!;
		if (start > 0 && boundariesInOrder && compareTreeOrder(previous, items[first]!.path) > 0) boundariesInOrder = false;
		previous = items[order === undefined ? end - 1 : order[end - 1]!]!.path;
		start = end;
	}
	if (boundariesInOrder) return order;
	// Over the runs as sorted so far, as a plain array (its sort is about twice as fast as a typed array's).
	const all = new Array<number>(items.length);
	for (let i = 0; i < all.length; i++) all[i] = order === undefined ? i : order[i]!;
	all.sort((a, b) => compareTreeOrder(items[a]!.path, items[b]!.path));
	order ??= new Int32Array(items.length);
	order.set(all);
	return order;
}

function identity(length: number): Int32Array {
	const order = new Int32Array(length);
	for (let i = 0; i < length; i++) order[i] = i;
	return order;
}

/** The end of the run of paths from `start` that lie directly in the directory of the path at `start`. */
function runEnd(items: ReadonlyArray<{readonly path: string}>, start: number): number {
	const first = items[start]!.path;
	const slash = first.lastIndexOf('/');
	const directory = first.slice(0, slash + 1);
	let end = start + 1;
	for (; end < items.length; end++) {
		const path = items[end]!.path;
		if (path.lastIndexOf('/') !== slash || !path.startsWith(directory)) break;
	}
	return end;
}

/** Whether the run `start`..`end` (one directory's names) is in order; code-unit order is tree order there. */
function runInOrder(items: ReadonlyArray<{readonly path: string}>, start: number, end: number): boolean {
	for (let i = start + 1; i < end; i++) if (items[i - 1]!.path > items[i]!.path) return false;
	return true;
}
