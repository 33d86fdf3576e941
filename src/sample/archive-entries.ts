import type {LayerBlob} from './layer-blob.js';
import type {ImageDescription, Platform} from './image-description.js';
import {repositoryOf, tagOf, type ImageConfig, type JsonBlob, type MediaTypeFamily} from './image-json.js';

/** One entry of the outer archive tar. */
export type OuterEntry =
	| {readonly kind: 'dir'; readonly name: string}
	| {readonly kind: 'bytes'; readonly name: string; readonly bytes: Buffer}
	| {readonly kind: 'file'; readonly name: string; readonly file: string; readonly size: number; readonly layer: true}
	| {readonly kind: 'symlink'; readonly name: string; readonly target: string};

/** An image whose layers sit in temp files and whose config is serialised. */
export type BuiltImage = {
	readonly description: ImageDescription;
	readonly tags: readonly string[];
	readonly platform: Platform;
	readonly layers: readonly LayerBlob[];
	readonly configJson: ImageConfig;
	readonly config: JsonBlob;
};

export type LayoutOptions = {
	/** docker-legacy: `copy` writes every layer.tar; `duplicates` (Docker's own) links a repeated layer to its first copy; `podman` stores `<hex>.tar` once and links every `<id>/layer.tar` to it. */
	readonly legacyLinks: 'copy' | 'duplicates' | 'podman';
	/** OCI formats: index.json points to an image index that lists the platform manifests. */
	readonly nestedIndex: boolean;
	/** OCI formats: add a buildx-style attestation manifest (platform unknown/unknown) for each image. */
	readonly attestation: boolean;
	/** Media types of manifests and layers in the OCI formats. */
	readonly mediaTypes: MediaTypeFamily;
	/** Edits docker `manifest.json` before it is written (bad-input tests). */
	readonly transformManifestJson?: (manifest: Record<string, unknown>[]) => unknown;
};

export function bytesEntry(name: string, value: string | Buffer): OuterEntry {
	return {kind: 'bytes', name, bytes: typeof value === 'string' ? Buffer.from(value, 'utf8') : value};
}

export function jsonEntry(name: string, value: unknown): OuterEntry {
	return bytesEntry(name, JSON.stringify(value));
}

export function layerEntry(name: string, layer: LayerBlob): OuterEntry {
	return {kind: 'file', name, file: layer.file, size: layer.size, layer: true};
}

export function manifestJsonEntry(manifest: Record<string, unknown>[], options: LayoutOptions): OuterEntry {
	return jsonEntry('manifest.json', options.transformManifestJson ? options.transformManifestJson(manifest) : manifest);
}

/** Keeps the first entry of each name (blobs shared by several images are stored once). */
export function uniqueByName(entries: readonly OuterEntry[]): OuterEntry[] {
	const seen = new Set<string>();
	return entries.filter((entry) => !seen.has(entry.name) && Boolean(seen.add(entry.name)));
}

/** Byte order of names, as `tar` of a directory tree writes them. */
export function byName(a: OuterEntry, b: OuterEntry): number {
	return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** `repositories`: repository → tag → id of the top layer. */
export function repositoriesJson(images: readonly {tags: readonly string[]; topId: string}[]): OuterEntry {
	const repositories: Record<string, Record<string, string>> = {};
	for (const image of images) {
		for (const reference of image.tags) (repositories[repositoryOf(reference)] ??= {})[tagOf(reference)] = image.topId;
	}
	return jsonEntry('repositories', repositories);
}
