import {createWriteStream} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {Writable} from 'node:stream';
import type {BuiltImage, LayoutOptions, OuterEntry} from './archive-entries.js';
import {
	defaultCreated,
	type ArchiveFormat,
	type ImageDescription,
	type LayerCompression,
	type LayerDescription,
} from './image-description.js';
import {imageConfig, imageManifest, jsonBlob, platformOf, type ImageConfig} from './image-json.js';
import {writeLayerBlob, type LayerBlob} from './layer-blob.js';
import {dockerLegacyEntries} from './layout-docker-legacy.js';
import {kanikoEntries} from './layout-kaniko.js';
import {ociEntries} from './layout-oci.js';
import {writeOuterTar} from './outer-tar.js';

export type WriteOptions = Partial<LayoutOptions> & {
	/** Layer compression; default `none`, `gzip` for kaniko. */
	readonly compression?: LayerCompression;
	readonly compressionLevel?: number;
	/** gzip the whole archive. */
	readonly gzipArchive?: boolean;
	readonly gzipArchiveLevel?: number;
	/** Where layer blobs are staged (a private subdirectory is made and removed); default `os.tmpdir()`. */
	readonly tmpDir?: string;
	/** Leave `history` out of the config (layers then have no command). */
	readonly omitHistory?: boolean;
	/** Edits each image's config before it is serialised (bad-input tests). */
	readonly transformConfig?: (config: ImageConfig, imageIndex: number) => unknown;
	/** Drops outer entries whose name matches (bad-input tests). */
	readonly omitEntry?: (name: string) => boolean;
	/** Write every non-layer entry before the layer blobs (default: the order the real tool uses). */
	readonly metadataFirst?: boolean;
	/** Layers written at once (compression runs on libuv's pool); default 2. */
	readonly concurrency?: number;
};

export type ArchiveSummary = {
	readonly format: ArchiveFormat;
	readonly images: readonly {
		readonly tags: readonly string[];
		readonly configDigest: string;
		/** The image manifest's digest (OCI formats). */
		readonly manifestDigest?: string;
		readonly layers: readonly Omit<LayerBlob, 'file'>[];
	}[];
	/** Outer tar entry names, in archive order. */
	readonly entries: readonly string[];
};

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await fn(items[index] as T);
		}
	};
	await Promise.all(Array.from({length: Math.max(1, Math.min(limit, items.length))}, worker));
	return results;
}

async function buildImages(images: readonly ImageDescription[], format: ArchiveFormat, options: WriteOptions, dir: string): Promise<BuiltImage[]> {
	const defaultCompression: LayerCompression = options.compression ?? (format === 'kaniko' ? 'gzip' : 'none');
	// The same layer object in several images (a shared base) is written once.
	const unique = [...new Set(images.flatMap((image) => image.layers))];
	const blobs = await mapLimit(unique, options.concurrency ?? 2, (layer: LayerDescription) => {
		const owner = images.find((image) => image.layers.includes(layer));
		return writeLayerBlob(layer, {
			file: path.join(dir, `layer-${unique.indexOf(layer)}`),
			compression: layer.compression ?? defaultCompression,
			level: options.compressionLevel,
			mtime: new Date(owner?.created ?? defaultCreated),
		});
	});
	return images.map((description, index) => {
		const layers = description.layers.map((layer) => blobs[unique.indexOf(layer)] as LayerBlob);
		const configJson = imageConfig(description, layers, !options.omitHistory);
		const transformed = options.transformConfig ? options.transformConfig(configJson, index) : configJson;
		return {description, tags: description.tags ?? [], platform: platformOf(description), layers, configJson, config: jsonBlob(transformed)};
	});
}

function layout(images: readonly BuiltImage[], format: ArchiveFormat, options: WriteOptions): OuterEntry[] {
	const layoutOptions: LayoutOptions = {
		legacyLinks: options.legacyLinks ?? 'duplicates',
		nestedIndex: options.nestedIndex ?? false,
		attestation: options.attestation ?? false,
		mediaTypes: options.mediaTypes ?? 'oci',
		...(options.transformManifestJson ? {transformManifestJson: options.transformManifestJson} : {}),
	};
	let entries: OuterEntry[];
	if (format === 'docker-legacy') entries = dockerLegacyEntries(images, layoutOptions);
	else if (format === 'kaniko') entries = kanikoEntries(images, layoutOptions);
	else entries = ociEntries(images, layoutOptions, format === 'docker-oci');
	if (options.omitEntry) entries = entries.filter((entry) => !options.omitEntry?.(entry.name));
	if (options.metadataFirst) entries = [...entries.filter((e) => e.kind !== 'file'), ...entries.filter((e) => e.kind === 'file')];
	return entries;
}

function summarize(images: readonly BuiltImage[], format: ArchiveFormat, entries: readonly OuterEntry[], options: WriteOptions): ArchiveSummary {
	const oci = format === 'docker-oci' || format === 'oci-archive';
	return {
		format,
		images: images.map((image) => ({
			tags: image.tags,
			configDigest: image.config.digest,
			...(oci ? {manifestDigest: imageManifest(image.config, image.layers, options.mediaTypes ?? 'oci').digest} : {}),
			layers: image.layers.map(({file: _file, ...layer}) => layer),
		})),
		entries: entries.map((entry) => entry.name),
	};
}

/** Streams an image archive (one image, or several in one archive) into `destination`. */
export async function writeImageArchiveTo(
	image: ImageDescription | readonly ImageDescription[],
	format: ArchiveFormat,
	destination: Writable,
	options: WriteOptions = {},
): Promise<ArchiveSummary> {
	const images: readonly ImageDescription[] = Array.isArray(image) ? image : [image as ImageDescription];
	if (images.length === 0) throw new Error('no image to write');
	const dir = await mkdtemp(path.join(options.tmpDir ?? tmpdir(), 'layerlens-image-'));
	try {
		const built = await buildImages(images, format, options, dir);
		const entries = layout(built, format, options);
		const mtime = format === 'docker-legacy' || format === 'docker-oci' ? new Date(images[0]?.created ?? defaultCreated) : new Date(0);
		await writeOuterTar(entries, destination, {mtime, gzip: options.gzipArchive ?? false, gzipLevel: options.gzipArchiveLevel});
		return summarize(built, format, entries, options);
	} finally {
		await rm(dir, {recursive: true, force: true});
	}
}

/** Streams an image archive to a file. */
export function writeImageArchive(
	image: ImageDescription | readonly ImageDescription[],
	format: ArchiveFormat,
	outPath: string,
	options: WriteOptions = {},
): Promise<ArchiveSummary> {
	const out = createWriteStream(outPath, {highWaterMark: 1 << 20});
	return writeImageArchiveTo(image, format, out, options).catch((error: unknown) => {
		out.destroy();
		throw error;
	});
}

/** The whole archive in memory: for small test images. */
export async function buildImageArchive(
	image: ImageDescription | readonly ImageDescription[],
	format: ArchiveFormat,
	options: WriteOptions = {},
): Promise<Buffer> {
	const chunks: Buffer[] = [];
	const collector = new Writable({
		write(chunk: Buffer, _encoding, callback) {
			chunks.push(chunk);
			callback();
		},
	});
	await writeImageArchiveTo(image, format, collector, options);
	return Buffer.concat(chunks);
}
