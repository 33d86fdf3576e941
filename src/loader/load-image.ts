import type {Analysis} from '../core/analysis-types.js';
import type {ImageModel, Layer} from '../core/model.js';
import type {ImageHeader} from '../core/progressive-analysis.js';
import {commandOf, layerHistory} from './config.js';
import {createContentSource, type ContentSource} from './content-source.js';
import {open} from 'node:fs/promises';
import {collectSeekable} from './collect-seekable.js';
import {collectStreaming} from './collect-streaming.js';
import type {BlobLocation, Collected, Tick} from './collected.js';
import {describeProblem, InputError} from './errors.js';
import type {InputSource} from './input-source.js';
import type {ParsedLayer} from './read-layer.js';
import {fromDockerManifest, fromOciIndex, platformMatches, type ImageRef, type Selection} from './manifest.js';
import {sniff} from './sniff.js';

export type LoadProgress = {
	readonly bytesRead: number;
	readonly totalBytes: number | undefined;
	readonly layersRead: number;
	readonly layersTotal: number | undefined;
};

export type LoadOptions = Selection & {
	readonly onProgress?: (progress: LoadProgress) => void;
	/**
	Each layer, in image order, as soon as it and every layer below it have been read and the image's manifest and
	config are known (for the explorer while a big image streams in). When the archive stores its manifest after its
	layers (a streamed `docker save`), the layers are only known at the end; an input that turns out to be bad may have
	reported some layers before the load fails. The model the load resolves with is the one to analyse.
	*/
	readonly onLayer?: (layer: Layer, image: {readonly header: ImageHeader; readonly layerCount: number}) => void;
	/** Read the input as one stream even when it is a seekable file (tests compare both paths). */
	readonly streaming?: boolean;
};

export type LoadedImage = {
	readonly model: ImageModel;
	readonly content: ContentSource;
	/** The input it was read from, and where each blob sits on disk (seekable inputs): what a saved analysis records. */
	readonly source?: InputSource;
	readonly locations?: ReadonlyMap<string, BlobLocation>;
	/** The analysis, when the input holds it already computed (a saved analysis, schema 2): used instead of analysing. */
	readonly analysis?: Analysis;
	/**
	A saved analysis opened early (for the explorer's first screen): reads and checks the rest of it (entries, changes,
	final filesystem); rejects with an InputError naming the file when that part is damaged.
	*/
	readonly complete?: () => Promise<void>;
};

/**
Streams an image archive once: layer tars are parsed as they pass (whatever their compression), small JSON files
are kept, everything else is skipped. The image is then assembled from `manifest.json` or `index.json`.
*/
export async function loadImage(source: InputSource, options: LoadOptions = {}): Promise<LoadedImage> {
	const progress: {bytesRead: number; totalBytes: number | undefined; layersRead: number; layersTotal: number | undefined} = {
		bytesRead: 0,
		totalBytes: source.size,
		layersRead: 0,
		layersTotal: undefined,
	};
	const tick: Tick = {
		bytes(count) {
			progress.bytesRead += count;
			options.onProgress?.({...progress});
		},
		layer() {
			progress.layersRead++;
			options.onProgress?.({...progress});
		},
		total(layers) {
			progress.layersTotal = layers;
		},
		...(options.onLayer ? earlyLayers(options, source, options.onLayer) : {}),
	};
	let collected: Collected;
	try {
		collected = source.collect
			? await source.collect(tick)
			: (await isSeekable(source, options))
			? await collectSeekable({kind: source.kind as 'file' | 'directory', path: source.path!}, tick)
			: await collectStreaming(source.entries(tick.bytes), tick);
	} catch (error) {
		throw error instanceof InputError ? error : new InputError(describeProblem(error));
	}
	const model = assemble(collected, options, source);
	return {model, content: createContentSource(source, model, collected.locations), source, locations: collected.locations};
}

/** Files that are a plain (not gzip'd) tar, and OCI layout directories, take the seekable path. */
async function isSeekable(source: InputSource, options: LoadOptions): Promise<boolean> {
	if (options.streaming || source.path === undefined) return false;
	if (source.kind === 'directory') return true;
	if (source.kind !== 'file' || source.size === 0) return false;
	const handle = await open(source.path, 'r');
	try {
		const head = Buffer.alloc(512);
		const {bytesRead} = await handle.read(head, 0, 512, 0);
		return sniff(head.subarray(0, bytesRead)) === 'tar';
	} finally {
		await handle.close();
	}
}

/** Reports layers in image order as they become known (see `LoadOptions.onLayer`). */
function earlyLayers(options: Selection, source: InputSource, onLayer: NonNullable<LoadOptions['onLayer']>): Pick<Tick, 'found' | 'rank'> {
	const parsedLayers = new Map<string, ParsedLayer>();
	let plan: Plan | undefined;
	let ranks: Map<string, number> | undefined;
	let newJson = false;
	let next = 0;
	const rank = (name: string, links: Map<string, string>) => {
		if (!plan) return undefined;
		if (!ranks) {
			ranks = new Map();
			for (const [index, layerName] of plan.names.entries()) {
				try {
					const blob = follow(layerName, links);
					if (!ranks.has(blob)) ranks.set(blob, index);
				} catch {
					// A link loop: the end of the load reports it.
				}
			}
		}
		return ranks.get(name);
	};
	let links: Map<string, string> = new Map();
	const found: NonNullable<Tick['found']> = (collected, layer) => {
		links = collected.links;
		if (layer) parsedLayers.set(layer.name, layer.parsed);
		else newJson = true;
		if (!plan && newJson) {
			newJson = false;
			try {
				plan = planImage(collected, options, source);
			} catch {
				return; // Not known yet (a document still missing), or not at all: the end of the load says why.
			}
		}
		while (plan && next < plan.names.length) {
			let blob: string;
			try {
				blob = follow(plan.names[next]!, collected.links);
			} catch {
				return;
			}
			const parsed = parsedLayers.get(blob) ?? collected.layers.get(blob);
			if (!parsed) return;
			onLayer(plan.layer(next, blob, parsed, collected), {header: plan.header, layerCount: plan.names.length});
			next++;
		}
	};
	return {found, rank: name => rank(name, links)};
}

function assemble(collected: Collected, options: Selection, source: InputSource): ImageModel {
	const {layers, failures, links, others} = collected;
	const {header, names, layer} = planImage(collected, options, source);
	return {
		...header,
		layers: names.map((name, index): Layer => {
			const blob = follow(name, links);
			const parsed = layers.get(blob);
			if (!parsed) {
				const failure = failures.get(blob) ?? others.get(blob);
				throw new InputError(failure ? `layer ${name}: ${failure}` : `the manifest names layer ${name}, which is not in the archive`);
			}
			return layer(index, blob, parsed, collected);
		}),
	};
}

/** What the manifest and config say: the image's header, its layers' names in order, and how to make each layer. */
type Plan = {
	readonly header: ImageHeader;
	readonly names: readonly string[];
	layer(index: number, blob: string, parsed: ParsedLayer, collected: Collected): Layer;
};

function planImage(collected: Collected, options: Selection, source: InputSource): Plan {
	const {json, invalidJson, others} = collected;
	const read = (name: string, what: string) => {
		if (invalidJson.has(name)) throw new InputError(`${what} ${name} is not valid JSON`);
		if (!json.has(name)) throw new InputError(`${what} ${name} is missing from the archive`);
		return json.get(name);
	};
	for (const name of ['manifest.json', 'index.json']) {
		// `null`, a number or a string: valid JSON perhaps, but not the document the name promises.
		if (others.has(name) && !json.has(name) && !invalidJson.has(name)) throw new InputError(`${name} is not a JSON ${name === 'index.json' ? 'object' : 'array'}`);
	}
	const ref = resolveRef(read, options, source.kind === 'directory', [...invalidJson, ...json.keys()]);
	const config = read(ref.config, 'image config');
	const {layers: history, platform} = layerHistory(config, ref.layers.length);
	const wanted = options.platform;
	if (wanted !== undefined && !platformMatches(ref.platform || platform, wanted)) {
		throw new InputError(`the image is for ${ref.platform || platform || 'an unspecified platform'}, not ${wanted}`);
	}
	return {
		header: {
			name: ref.tags[0] ?? source.display,
			tags: ref.tags,
			format: source.kind === 'registry' ? 'registry' : ref.format,
			configDigest: configDigest(ref.config),
			platform: ref.platform || platform,
		},
		names: ref.layers,
		layer(index, blob, parsed, {storedSizes}) {
			const {createdBy, created, diffId} = history[index]!;
			return {
				index,
				blob,
				id: layerId(ref.layers[index]!, blob),
				diffId,
				command: commandOf(createdBy),
				createdBy,
				created,
				sizeBytes: parsed.sizeBytes,
				compression: parsed.compression,
				...(storedSizes.has(blob) ? {storedBytes: storedSizes.get(blob)!} : {}),
				entries: parsed.entries,
			};
		},
	};
}

function resolveRef(
	read: (name: string, what: string) => unknown,
	selection: Selection,
	isDirectory: boolean,
	names: readonly string[],
): ImageRef {
	const manifest = names.includes('manifest.json') ? read('manifest.json', 'manifest') : undefined;
	// Docker 25+ writes both: its index.json knows platforms (a multi-platform save lists several untagged images).
	const platformsNeeded = selection.platform !== undefined || (Array.isArray(manifest) && manifest.length > 1);
	if (names.includes('index.json') && (manifest === undefined || platformsNeeded)) {
		return fromOciIndex(name => read(name, 'OCI document'), selection, manifest === undefined ? (isDirectory ? 'oci-layout-dir' : 'oci-archive') : 'docker-oci');
	}
	if (manifest !== undefined) return fromDockerManifest(manifest, selection);
	if (isDirectory) throw new InputError('not an OCI image layout: the directory has neither index.json nor manifest.json');
	throw new InputError('not an image archive: it has neither manifest.json nor index.json (a plain filesystem tar?)');
}

/** Legacy archives may store a duplicate layer as a symlink to another layer's tar: read the target. */
function follow(name: string, links: Map<string, string>): string {
	const seen = [name];
	let current = name;
	while (links.has(current)) {
		current = links.get(current)!;
		if (seen.includes(current)) throw new InputError(`layer ${name}: a symbolic link loop (${[...seen, current].join(' → ')})`);
		seen.push(current);
		if (seen.length > 16) throw new InputError(`layer ${name}: more than 16 symbolic links to follow`);
	}
	return current;
}

function layerId(name: string, blob: string): string {
	const digest = /^blobs\/([a-z0-9]+)\/([a-f0-9]+)$/.exec(blob);
	if (digest) return `${digest[1]}:${digest[2]}`;
	return name.split('/')[0]!;
}

function configDigest(config: string): string {
	const digest = /^blobs\/([a-z0-9]+)\/([a-f0-9]+)$/.exec(config);
	if (digest) return `${digest[1]}:${digest[2]}`;
	const legacy = /^(?:sha256:)?([a-f0-9]{64})(?:\.json)?$/.exec(config);
	return legacy ? `sha256:${legacy[1]}` : config;
}
