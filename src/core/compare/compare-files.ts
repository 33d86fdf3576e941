import {isFullDigest} from '../content-digest.js';
import {entryAttributes} from '../entry-attributes.js';
import type {FsNode} from '../fs-tree.js';
import {compareTreeOrder} from '../layer-entries.js';
import type {ImageModel, LayerEntry} from '../model.js';
import {absolute, cleanEntryPath} from '../paths.js';
import type {FileChangeField, FileDiff, FileSide} from './compare-types.js';
import {digestKey, type FinalFiles} from './final-files.js';
import {sameLayer} from './hash-needs.js';

/** Digests the loader did not record, filled in for a comparison (keyed by `digestKey`). */
export type ExtraDigests = ReadonlyMap<string, string>;

export type CompareSide = {
	readonly model: ImageModel;
	readonly files: FinalFiles;
	readonly digests?: ExtraDigests;
};

/** The final filesystems compared path by path, in tree order (the root itself is never listed). */
export function compareFiles(before: CompareSide, after: CompareSide): FileDiff[] {
	const diffs: FileDiff[] = [];
	for (const [path, node] of before.files) {
		if (path === '') continue;
		if (!after.files.has(path)) diffs.push({path: absolute(path), kind: 'removed', old: side(node), byteDelta: -fileBytes(node.entry)});
	}
	for (const [path, node] of after.files) {
		if (path === '') continue;
		const lower = before.files.get(path);
		if (!lower) {
			diffs.push({path: absolute(path), kind: 'added', new: side(node), byteDelta: fileBytes(node.entry)});
			continue;
		}
		if (sameLayer(before.model, lower.layer, after.model, node.layer)) continue;
		const fields = changedFields(lower, before.digests, node, after.digests);
		if (fields.length === 0) continue;
		diffs.push({
			path: absolute(path),
			kind: 'changed',
			old: side(lower),
			new: side(node),
			fields,
			byteDelta: fileBytes(node.entry) - fileBytes(lower.entry),
		});
	}
	return diffs.sort((a, b) => compareTreeOrder(a.path, b.path));
}

function changedFields(lower: FsNode, lowerDigests: ExtraDigests | undefined, upper: FsNode, upperDigests: ExtraDigests | undefined): FileChangeField[] {
	const a = lower.entry;
	const b = upper.entry;
	const fields: FileChangeField[] = [];
	if (a.type !== b.type) {
		fields.push('type');
		if (a.size !== b.size) fields.push('size');
	} else if (b.type === 'file') {
		if (a.size !== b.size) fields.push('content', 'size');
		else if (digestOf(lower, lowerDigests) !== digestOf(upper, upperDigests)) fields.push('content');
	} else if ((b.type === 'symlink' || b.type === 'hardlink') && target(a) !== target(b)) {
		fields.push('target');
	}
	if ((a.mode & 0o7777) !== (b.mode & 0o7777)) fields.push('mode');
	if (a.uid !== b.uid || a.gid !== b.gid) fields.push('owner');
	return fields;
}

/**
A regular file's content digest. Both sides of a same-size pair from unshared layers have one by the time they are
compared (the loader's or a filled-in one); a missing one would make equal files look different, so it throws.
*/
function digestOf(node: FsNode, digests: ExtraDigests | undefined): string {
	const digest = isFullDigest(node.entry.digest) ? node.entry.digest : digests?.get(digestKey(node.layer, node.path));
	if (!digest) throw new Error(`no content digest for /${node.path} (layer ${node.layer}): hash it before comparing`);
	return digest;
}

function target(entry: LayerEntry): string {
	return entry.type === 'hardlink' ? cleanEntryPath(entry.linkTarget) : entry.linkTarget;
}

function fileBytes(entry: LayerEntry): number {
	return entry.type === 'file' ? entry.size : 0;
}

function side(node: FsNode): FileSide {
	const {entry} = node;
	return {...entryAttributes(entry), layer: node.layer};
}
