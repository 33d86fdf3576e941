import type {Change, ChangedField} from './analysis-types.js';
import {createParentCache, lookup, nodeAt, putAbsent, remove, sortedChildren, walk, type FsNode, type ParentChange} from './fs-tree.js';
import {entryAttributes} from './entry-attributes.js';
import type {LayerEntry} from './model.js';
import {absolute, parseWhiteout} from './paths.js';
import {sortInTreeOrder} from './layer-entries.js';

/**
Applies one layer to the stacked filesystem `root` with OCI semantics and returns what it changed:
whiteouts and opaque directories hide lower content first, then the layer's entries are laid down in tar order.
`ids`, when given, holds the number of each entry's path in the tree's table (`pathTableOf(root)`), as
`effectiveLayer` returns them: the entries are then found in the tree without hashing their paths again.
*/
export function applyLayer(root: FsNode, entries: readonly LayerEntry[], layer: number, ids?: readonly number[]): Change[] {
	// Made with relative paths, sorted, and only then given their absolute paths (see `withAbsolutePaths`).
	const changes: Pending[] = [];
	const removedHere = new Map<string, {change: Pending; entry: LayerEntry}>();
	const dropped = new Set<Pending>();
	const hide = (node: FsNode) => {
		walk(node, hidden => {
			const change = toChange(hidden.entry, hidden.path, 'removed');
			changes.push(change);
			removedHere.set(hidden.path, {change, entry: hidden.entry});
		});
	};

	const added = (entry: LayerEntry, path: string) => {
		const before = removedHere.get(path);
		if (!before) {
			changes.push(toChange(entry, path, 'added'));
			return;
		}
		// Hidden earlier in this layer (opaque marker, whiteout) and written again: one modification, not two changes.
		// The removal is dropped at the end in one pass (a splice per path was quadratic: `rm -rf x && npm ci`).
		removedHere.delete(path);
		dropped.add(before.change);
		const fields = sharedFields(changedFields(before.entry, entry));
		if (fields.length > 0) changes.push(toChange(entry, path, 'modified', fields));
	};

	for (const entry of entries) {
		const whiteout = parseWhiteout(entry.path);
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
			if (existing.children?.size && entry.type !== 'dir') {
				for (const child of sortedChildren(existing)) {
					remove(root, child.path);
					hide(child);
				}
				existing.children = undefined;
			}
			const fields = sharedFields(changedFields(existing.entry, entry));
			if (fields.length > 0) changes.push(toChange(entry, entry.path, 'modified', fields));
			existing.entry = entry;
			existing.layer = layer;
			continue;
		}
		parents.length = 0;
		putAbsent(root, entry, layer, parents, near, id);
		for (const {node, previous} of parents) {
			// A file or symlink below which this layer lists a path is now a directory; the layer does not list it, so
			// only its type is known to change (the implicit directory's attributes are assumed, not read).
			if (previous) changes.push(toChange(node.entry, node.path, 'modified', sharedFields(['type'])));
			else added(node.entry, node.path);
		}
		added(entry, entry.path);
	}

	return withAbsolutePaths(sortInTreeOrder(dropped.size > 0 ? changes.filter(change => !dropped.has(change)) : changes));
}

export function changedFields(lower: LayerEntry, upper: LayerEntry): ChangedField[] {
	const fields: ChangedField[] = [];
	if (lower.type !== upper.type) fields.push('type');
	else if (upper.type === 'file' && (lower.digest !== upper.digest || lower.size !== upper.size)) fields.push('content');
	else if ((upper.type === 'symlink' || upper.type === 'hardlink') && lower.linkTarget !== upper.linkTarget) {
		fields.push('target');
	}
	if ((lower.mode & 0o7777) !== (upper.mode & 0o7777)) fields.push('mode');
	if (lower.uid !== upper.uid || lower.gid !== upper.gid) fields.push('owner');
	return fields;
}

/** One frozen list per distinct set of changed fields (at most 2^5), shared by every change that has it. */
const fieldLists = new Map<string, readonly ChangedField[]>();

/**
`fields` as the shared list with the same fields in the same order: a modified change keeps no array of its own
(about 50 bytes each, for a list that takes one of a few dozen values).
*/
function sharedFields(fields: ChangedField[]): readonly ChangedField[] {
	if (fields.length === 0) return fields;
	const key = fields.join(',');
	let shared = fieldLists.get(key);
	if (shared === undefined) {
		shared = Object.freeze(fields);
		fieldLists.set(key, shared);
	}
	return shared;
}

/** A change while applyLayer makes it: its path still relative (the entry's own string). */
type Pending = {-readonly [K in keyof Change]: Change[K]};

/**
Gives every change its absolute path, in place, once the changes are sorted. The sort compares the relative paths,
which are the entries' own flat strings; comparing the absolute ones (`/` + the path, made as a rope that shares the
entry's string) would flatten each into a copy of its own, some 60 bytes a change kept as long as the analysis.
*/
function withAbsolutePaths(changes: Pending[]): Change[] {
	for (const change of changes) change.path = absolute(change.path);
	return changes;
}

/** Built field by field (no spread of entryAttributes): a million-entry layer makes a million of them. */
function toChange(entry: LayerEntry, path: string, kind: Change['kind'], fields?: readonly ChangedField[]): Pending {
	const linkTarget = entry.type === 'hardlink' ? entryAttributes(entry).linkTarget : entry.linkTarget;
	const {type, size, uid, gid} = entry;
	const mode = entry.mode & 0o7777;
	return fields
		? {path, kind, type, size, mode, uid, gid, linkTarget, fields}
		: {path, kind, type, size, mode, uid, gid, linkTarget};
}
