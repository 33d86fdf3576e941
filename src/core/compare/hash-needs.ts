import {isFullDigest} from '../content-digest.js';
import type {ImageModel} from '../model.js';
import type {FinalFiles} from './final-files.js';

/** A stored copy whose content digest a comparison needs but the loader did not record. */
export type HashNeed = {readonly layer: number; readonly path: string};

/**
The copies whose content must be hashed to compare two images: regular files at the same path in both final
filesystems, with the same size, from layers the images do not share (a shared layer means equal bytes), whose
full digest is not known yet. Everything else is decided without reading content.
*/
export function hashNeeds(
	oldModel: ImageModel,
	oldFiles: FinalFiles,
	newModel: ImageModel,
	newFiles: FinalFiles,
): {readonly old: HashNeed[]; readonly new: HashNeed[]} {
	const needs = {old: [] as HashNeed[], new: [] as HashNeed[]};
	for (const [path, after] of newFiles) {
		const before = oldFiles.get(path);
		if (!before || before.entry.type !== 'file' || after.entry.type !== 'file') continue;
		if (before.entry.size !== after.entry.size) continue;
		if (sameLayer(oldModel, before.layer, newModel, after.layer)) continue;
		if (!isFullDigest(before.entry.digest)) needs.old.push({layer: before.layer, path});
		if (!isFullDigest(after.entry.digest)) needs.new.push({layer: after.layer, path});
	}
	return needs;
}

/** Whether two layers (one per image) are the same layer: same diff_id. */
export function sameLayer(oldModel: ImageModel, oldLayer: number, newModel: ImageModel, newLayer: number): boolean {
	const before = oldModel.layers[oldLayer];
	const after = newModel.layers[newLayer];
	return before !== undefined && after !== undefined && before.diffId !== '' && before.diffId === after.diffId;
}
