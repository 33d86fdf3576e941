import type {ChangedField} from './analysis-types.js';
import {changeCode, changedFieldMask, fieldsOfMask, type ChangeList} from './change-list.js';
import {createParentCache, hasChildren, lookup, nodeAt, putAbsent, remove, sortedChildren, walk, type FsNode, type ParentChange} from './fs-tree.js';
import type {LayerEntry} from './model.js';
import {parseWhiteout} from './paths.js';
import {treeOrder} from './layer-entries.js';

/**
Applies one layer to the stacked filesystem `root` with OCI semantics and returns what it changed:
whiteouts and opaque directories hide lower content first, then the layer's entries are laid down in tar order.
`ids`, when given, holds the number of each entry's path in the tree's table (`pathTableOf(root)`), as
`effectiveLayer` returns them: the entries are then found in the tree without hashing their paths again.
`displaced`, when given, gets every regular file with content that leaves the tree (see `DisplacedFiles`).
*/
export function applyLayer(root: FsNode, entries: readonly LayerEntry[], layer: number, ids?: ArrayLike<number>, displaced?: DisplacedFiles): ChangeList {
	const out = createPending(entries.length);
	const leaves = (entry: LayerEntry, from: number) => {
		if (displaced && entry.type === 'file' && entry.size > 0) logDisplaced(displaced, entry, from, layer);
	};
	// The removed change of each path hidden so far in this layer, by its position in `out`.
	const removedHere = new Map<string, number>();
	let dropped = 0;
	const hide = (node: FsNode) => {
		walk(node, hidden => {
			removedHere.set(hidden.path, out.length);
			push(out, hidden.entry, removedCode);
			leaves(hidden.entry, hidden.layer);
		});
	};

	const added = (entry: LayerEntry) => {
		const before = removedHere.size === 0 ? undefined : removedHere.get(entry.path);
		if (before === undefined) {
			push(out, entry, addedCode);
			return;
		}
		// Hidden earlier in this layer (opaque marker, whiteout) and written again: one modification, not two changes.
		// The removal is dropped at the end in one pass (a splice per path was quadratic: `rm -rf x && npm ci`).
		removedHere.delete(entry.path);
		out.codes[before] = droppedCode;
		dropped++;
		const mask = changedFieldMask(out.entries[before]!, entry);
		if (mask !== 0) push(out, entry, changeCode('modified', mask));
	};

	for (let i = 0; i < entries.length; i++) {
		const entry = entries[i]!;
		const whiteout = parseWhiteout(entry.path);
		// A whiteout or opaque marker is never in the tree: one with content is a copy nobody sees, from the start.
		if (whiteout) leaves(entry, layer);
		if (whiteout?.kind === 'whiteout') {
			const node = remove(root, whiteout.target);
			if (node) hide(node);
		} else if (whiteout?.kind === 'opaque') {
			const dir = lookup(root, whiteout.dir);
			for (const child of dir ? sortedChildren(dir) : []) {
				remove(root, child.path);
				hide(child);
			}
		}
	}

	const near = createParentCache();
	const parents: ParentChange[] = [];
	for (let i = 0; i < entries.length; i++) {
		const entry = entries[i]!;
		if (parseWhiteout(entry.path)) continue;
		const id = ids?.[i];
		const existing = id === undefined ? lookup(root, entry.path) : nodeAt(root, id);
		if (existing) {
			if (entry.type !== 'dir' && hasChildren(existing)) {
				for (const child of sortedChildren(existing)) {
					remove(root, child.path);
					hide(child);
				}
				existing.children = undefined;
			}
			const mask = changedFieldMask(existing.entry, entry);
			if (mask !== 0) push(out, entry, changeCode('modified', mask));
			leaves(existing.entry, existing.layer);
			existing.entry = entry;
			existing.layer = layer;
			continue;
		}
		parents.length = 0;
		putAbsent(root, entry, layer, parents, near, id);
		for (const {node, previous, previousLayer} of parents) {
			// A file or symlink below which this layer lists a path is now a directory; the layer does not list it, so
			// only its type is known to change (the implicit directory's attributes are assumed, not read).
			if (previous) {
				push(out, node.entry, typeChangedCode);
				leaves(previous, previousLayer!);
			} else added(node.entry);
		}
		added(entry);
	}

	return finish(out, dropped);
}

/**
Regular files with content that left the stacked tree (overwritten, removed, or turned into a directory), or never
entered it (a whiteout or opaque marker with content), in the order it happened: the entry, the layer that stored
it, and the layer that made it leave. What the analysis's hidden copies are made from, without looking every file
of every layer up in the final tree.
*/
export type DisplacedFiles = {readonly entries: LayerEntry[]; readonly layers: number[]; readonly by: number[]};

export function createDisplacedFiles(): DisplacedFiles {
	return {entries: [], layers: [], by: []};
}

function logDisplaced(log: DisplacedFiles, entry: LayerEntry, layer: number, by: number): void {
	log.entries.push(entry);
	log.layers.push(layer);
	log.by.push(by);
}

/** What differs between the lower copy of a path and the upper one, in the order changes list them. */
export function changedFields(lower: LayerEntry, upper: LayerEntry): ChangedField[] {
	return fieldsOfMask(changedFieldMask(lower, upper));
}

const addedCode = changeCode('added');
const removedCode = changeCode('removed');
const typeChangedCode = changeCode('modified', 1);
/** A removal replaced by a modification (or by nothing): left out at the end. Above every real code. */
const droppedCode = 255;

/** The changes while applyLayer makes them, in the order it finds them. */
type Pending = {entries: LayerEntry[]; codes: Uint8Array; length: number};

function createPending(capacity: number): Pending {
	// Made at the layer's entry count (most layers make about one change per entry): grown by push, the list left
	// copies of itself behind, large ones in the large-object space.
	return {entries: new Array<LayerEntry>(capacity), codes: new Uint8Array(Math.max(capacity, 16)), length: 0};
}

function push(pending: Pending, entry: LayerEntry, code: number): void {
	const at = pending.length++;
	if (at === pending.codes.length) {
		const codes = new Uint8Array(at * 2);
		codes.set(pending.codes);
		pending.codes = codes;
	}
	pending.entries[at] = entry;
	pending.codes[at] = code;
}

/** The pending changes without the dropped ones, in tree order of their paths. */
function finish(pending: Pending, dropped: number): ChangeList {
	const {entries, codes} = pending;
	let length = pending.length;
	if (dropped > 0) {
		let kept = 0;
		for (let i = 0; i < length; i++) {
			if (codes[i] === droppedCode) continue;
			entries[kept] = entries[i]!;
			codes[kept++] = codes[i]!;
		}
		length = kept;
	}
	entries.length = length;
	const order = treeOrder(entries);
	if (order) permute(entries, codes, order);
	return {entries, codes: codes.slice(0, length), records: undefined};
}

/** Puts item `order[i]` of `entries` (and of `codes`) at `i`, in place, one cycle of the permutation at a time. */
function permute(entries: LayerEntry[], codes: Uint8Array, order: Int32Array): void {
	const done = new Uint8Array(order.length);
	for (let start = 0; start < order.length; start++) {
		if (done[start] || order[start] === start) continue;
		const entry = entries[start]!;
		const code = codes[start]!;
		let at = start;
		for (;;) {
			done[at] = 1;
			const from = order[at]!;
			if (from === start) {
				entries[at] = entry;
				codes[at] = code;
				break;
			}
			entries[at] = entries[from]!;
			codes[at] = codes[from]!;
			at = from;
		}
	}
}
