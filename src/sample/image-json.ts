import {createHash} from 'node:crypto';
import type {LayerBlob} from './layer-blob.js';
import {defaultCreated, type ImageDescription, type Platform} from './image-description.js';

export type MediaTypeFamily = 'oci' | 'docker';

export const ociMediaTypes = {
	index: 'application/vnd.oci.image.index.v1+json',
	manifest: 'application/vnd.oci.image.manifest.v1+json',
	config: 'application/vnd.oci.image.config.v1+json',
	layer: {none: 'application/vnd.oci.image.layer.v1.tar', gzip: 'application/vnd.oci.image.layer.v1.tar+gzip', zstd: 'application/vnd.oci.image.layer.v1.tar+zstd'},
} as const;

export const dockerMediaTypes = {
	index: 'application/vnd.docker.distribution.manifest.list.v2+json',
	manifest: 'application/vnd.docker.distribution.manifest.v2+json',
	config: 'application/vnd.docker.container.image.v1+json',
	layer: {
		none: 'application/vnd.docker.image.rootfs.diff.tar',
		gzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
		zstd: 'application/vnd.docker.image.rootfs.diff.tar.zstd',
	},
} as const;

export type HistoryEntry = {created: string; created_by: string; comment?: string; empty_layer?: true};

export type ImageConfig = {
	created: string;
	architecture: string;
	os: string;
	variant?: string;
	config: Record<string, unknown>;
	rootfs: {type: 'layers'; diff_ids: string[]};
	history?: HistoryEntry[];
};

export type Descriptor = {
	mediaType: string;
	digest: string;
	size: number;
	annotations?: Record<string, string>;
	platform?: Platform;
};

/** A small JSON blob with its digest, ready for the archive. */
export type JsonBlob = {readonly bytes: Buffer; readonly digest: string; readonly hex: string};

export function jsonBlob(value: unknown): JsonBlob {
	const bytes = Buffer.from(JSON.stringify(value), 'utf8');
	const hex = sha256Hex(bytes);
	return {bytes, digest: `sha256:${hex}`, hex};
}

export function sha256Hex(data: string | Uint8Array): string {
	return createHash('sha256').update(data).digest('hex');
}

export function platformOf(image: ImageDescription): Platform {
	return image.platform ?? {os: 'linux', architecture: 'amd64'};
}

/** History in image order: each layer's entry, with the empty-layer entries placed after the layer they follow. */
export function imageHistory(image: ImageDescription): HistoryEntry[] {
	const created = image.created ?? defaultCreated;
	const empties = (after: number): HistoryEntry[] =>
		(image.emptyHistory ?? [])
			.filter((entry) => (entry.afterLayer ?? image.layers.length - 1) === after)
			.map((entry) => ({created: entry.created ?? created, created_by: entry.createdBy, empty_layer: true}));
	const history = empties(-1);
	image.layers.forEach((layer, index) => {
		const entry: HistoryEntry = {created: layer.created ?? created, created_by: layer.createdBy};
		if (layer.comment !== undefined) entry.comment = layer.comment;
		history.push(entry, ...empties(index));
	});
	return history;
}

export function imageConfig(image: ImageDescription, layers: readonly LayerBlob[], withHistory: boolean): ImageConfig {
	const platform = platformOf(image);
	const config: ImageConfig = {
		created: image.created ?? defaultCreated,
		architecture: platform.architecture,
		os: platform.os,
		config: {...(image.config ?? {})},
		rootfs: {type: 'layers', diff_ids: layers.map((layer) => layer.diffId)},
	};
	if (platform.variant !== undefined) config.variant = platform.variant;
	if (withHistory) config.history = imageHistory(image);
	return config;
}

export function layerDescriptor(layer: LayerBlob, family: MediaTypeFamily): Descriptor {
	const types = family === 'oci' ? ociMediaTypes : dockerMediaTypes;
	return {mediaType: types.layer[layer.compression], digest: layer.digest, size: layer.size};
}

export function imageManifest(config: JsonBlob, layers: readonly LayerBlob[], family: MediaTypeFamily): JsonBlob {
	const types = family === 'oci' ? ociMediaTypes : dockerMediaTypes;
	return jsonBlob({
		schemaVersion: 2,
		mediaType: types.manifest,
		config: {mediaType: types.config, digest: config.digest, size: config.bytes.byteLength},
		layers: layers.map((layer) => layerDescriptor(layer, family)),
	});
}

export function imageIndex(manifests: readonly Descriptor[], family: MediaTypeFamily): JsonBlob {
	const types = family === 'oci' ? ociMediaTypes : dockerMediaTypes;
	return jsonBlob({schemaVersion: 2, mediaType: types.index, manifests});
}

/** `example.com/app:1.0` → `1.0`; a reference without a tag → `latest`. */
export function tagOf(reference: string): string {
	const slash = reference.lastIndexOf('/');
	const colon = reference.lastIndexOf(':');
	return colon > slash ? reference.slice(colon + 1) : 'latest';
}

/** `example.com/app:1.0` → `example.com/app`. */
export function repositoryOf(reference: string): string {
	const slash = reference.lastIndexOf('/');
	const colon = reference.lastIndexOf(':');
	return colon > slash ? reference.slice(0, colon) : reference;
}
