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
`items.sort((a, b) => compareTreeOrder(a.path, b.path))`, found by `treeOrder` (names compared, not whole paths).
*/
export function sortInTreeOrder<T extends {readonly path: string}>(items: T[]): T[] {
	const order = treeOrder(items);
	if (order === undefined) return items;
	const before = items.slice();
	for (let i = 0; i < order.length; i++) items[i] = before[order[i]!]!;
	return items;
}

/**
The order that `sortInTreeOrder` would put `items` in, as the position in `items` of each item of the sorted list;
undefined when they are in that order already. For lists that travel with other columns (a layer's changes).

Tree order is the order of the paths' lists of components (`/` lowest, so a path's components compare as names, and
a path before everything below it), so the list is sorted one component at a time (a most-significant-digit radix
sort over components): the items of a range that share the components before `offset` fall into blocks of
consecutive items with the same next component (tar lists a directory's subtree together, so there are about as
many blocks as the directory has entries listed); the blocks are ordered by that component, stably (a name met in
two blocks joins them), the item that ends there first, and the rest of each block is sorted the same way one
component further. Each item is read once per component with `startsWith`, and only names are compared: comparing
whole paths a character at a time (a plain sort) was half of applying a layer of `node_modules`.
*/
export function treeOrder(items: ReadonlyArray<{readonly path: string}>): Int32Array | undefined {
	const count = items.length;
	if (count < 2) return undefined;
	const order = identity(count);
	let scratch: Int32Array | undefined;
	let moved = false;
	// Ranges left to sort, three numbers each: from, to (exclusive), offset of the component they are told apart by.
	const ranges: number[] = [0, count, 0];
	// The blocks of the range at hand: where each starts (and where the last ends), and their component.
	const starts: number[] = [];
	const names: string[] = [];
	const blocks: number[] = [];
	const byName = (a: number, b: number) => (names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : a - b);
	while (ranges.length > 0) {
		const offset = ranges.pop()!;
		const to = ranges.pop()!;
		const from = ranges.pop()!;
		starts.length = 0;
		names.length = 0;
		let inOrder = true;
		for (let i = from; i < to; ) {
			const path = items[order[i]!]!.path;
			const slash = path.indexOf('/', offset);
			const end = slash === -1 ? path.length : slash;
			const name = path.slice(offset, end);
			let next = i + 1;
			for (; next < to; next++) {
				const other = items[order[next]!]!.path;
				if (!other.startsWith(name, offset) || (other.length !== end && other.charCodeAt(end) !== 47)) break;
			}
			if (names.length > 0 && !(names[names.length - 1]! < name)) inOrder = false;
			starts.push(i);
			names.push(name);
			i = next;
		}
		starts.push(to);
		blocks.length = 0;
		for (let b = 0; b < names.length; b++) blocks.push(b);
		if (!inOrder) {
			// Stable (ties by block number), so equal names keep their order and their blocks join.
			blocks.sort(byName);
			scratch ??= new Int32Array(count);
			let at = from;
			for (const b of blocks) for (let i = starts[b]!; i < starts[b + 1]!; i++) scratch[at++] = order[i]!;
			order.set(scratch.subarray(from, to), from);
			moved = true;
		}
		// Each group of items with the same component: the one(s) ending there first, then the rest, one component on.
		let at = from;
		for (let g = 0; g < blocks.length; ) {
			const name = names[blocks[g]!]!;
			let size = 0;
			for (; g < blocks.length && names[blocks[g]!] === name; g++) size += starts[blocks[g]! + 1]! - starts[blocks[g]!]!;
			const groupEnd = at + size;
			const length = offset + name.length;
			let ends = 0;
			let endsInFront = true;
			for (let i = at; i < groupEnd; i++) {
				if (items[order[i]!]!.path.length === length) {
					if (ends !== i - at) endsInFront = false;
					ends++;
				}
			}
			if (!endsInFront) {
				scratch ??= new Int32Array(count);
				let front = at;
				let back = at + ends;
				for (let i = at; i < groupEnd; i++) scratch[items[order[i]!]!.path.length === length ? front++ : back++] = order[i]!;
				order.set(scratch.subarray(at, groupEnd), at);
				moved = true;
			}
			if (groupEnd - (at + ends) > 1) ranges.push(at + ends, groupEnd, length + 1);
			at = groupEnd;
		}
	}
	return moved ? order : undefined;
}

function identity(length: number): Int32Array {
	const order = new Int32Array(length);
	for (let i = 0; i < length; i++) order[i] = i;
	return order;
}
