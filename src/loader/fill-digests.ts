import {isFullDigest} from '../core/content-digest.js';
import {digestKey} from '../core/compare/final-files.js';
import type {HashNeed} from '../core/compare/hash-needs.js';
import type {ImageModel, Layer, LayerEntry} from '../core/model.js';
import {createContentHash} from './content-hash.js';
import type {ContentSource} from './content-source.js';
import {InputError} from './errors.js';

/**
The second pass of a comparison: hashes the content of the given copies, reading back only their layers (streamed,
one layer at a time), and returns the digests by `digestKey`. Copies a layer lists twice keep the last, as the
filesystem does.
*/
export async function hashCopies(content: ContentSource, needs: readonly HashNeed[]): Promise<Map<string, string>> {
	const digests = new Map<string, string>();
	if (needs.length === 0) return digests;
	if (!content.available) throw new InputError(`cannot compare file content: ${content.unavailableReason}`);
	const byLayer = new Map<number, Set<string>>();
	for (const {layer, path} of needs) {
		const paths = byLayer.get(layer);
		if (paths) paths.add(path);
		else byLayer.set(layer, new Set([path]));
	}
	for (const [layer, paths] of byLayer) {
		await content.forEachEntry(layer, path => paths.has(path), async (entry, body) => {
			const hash = createContentHash();
			for await (const chunk of body) hash.update(chunk as Buffer);
			if (entry.type === 'file') digests.set(digestKey(layer, entry.path), hash.hex());
		});
	}
	for (const {layer, path} of needs) {
		if (!digests.has(digestKey(layer, path))) throw new InputError(`layer ${layer} no longer holds /${path} (has the archive changed?)`);
	}
	return digests;
}

/**
The model with a digest on every regular file: what a saved analysis stores, so that it can be compared later
without the archive. Only layers with undigested files are read back (uncompressed layers on disk; every other
input was hashed while it streamed).
*/
export async function withAllDigests(model: ImageModel, content: ContentSource): Promise<ImageModel> {
	const needs = model.layers.flatMap(layer => layer.entries.filter(missingDigest).map(entry => ({layer: layer.index, path: entry.path})));
	if (needs.length === 0) return model;
	const digests = await hashCopies(content, needs);
	return {
		...model,
		layers: model.layers.map((layer): Layer => {
			if (!layer.entries.some(missingDigest)) return layer;
			return {
				...layer,
				entries: layer.entries.map(entry => (missingDigest(entry) ? {...entry, digest: digests.get(digestKey(layer.index, entry.path))!} : entry)),
			};
		}),
	};
}

function missingDigest(entry: LayerEntry): boolean {
	return entry.type === 'file' && !isFullDigest(entry.digest);
}
