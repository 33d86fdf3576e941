import type {ImageModel, Layer} from '../core/model.js';
import {commandOf, layerHistory} from './config.js';
import {createContentSource, type ContentSource} from './content-source.js';
import {describeProblem, InputError} from './errors.js';
import type {InputSource} from './input-source.js';
import {fromDockerManifest, fromOciIndex, type ImageRef, type Selection} from './manifest.js';
import {peek} from './peek.js';
import {readLayer, type ParsedLayer} from './read-layer.js';
import {sniff} from './sniff.js';

export type LoadProgress = {
	readonly bytesRead: number;
	readonly totalBytes: number | undefined;
	readonly layersRead: number;
	readonly layersTotal: number | undefined;
};

export type LoadOptions = Selection & {readonly onProgress?: (progress: LoadProgress) => void};

export type LoadedImage = {readonly model: ImageModel; readonly content: ContentSource};

const maxJsonBytes = 64 * 1024 * 1024;

/**
Streams an image archive once: layer tars are parsed as they pass (whatever their compression), small JSON files
are kept, everything else is skipped. The image is then assembled from `manifest.json` or `index.json`.
*/
export async function loadImage(source: InputSource, options: LoadOptions = {}): Promise<LoadedImage> {
	const json = new Map<string, unknown>();
	const invalidJson = new Set<string>();
	const layers = new Map<string, ParsedLayer>();
	const failures = new Map<string, string>();
	const links = new Map<string, string>();
	let bytesRead = 0;
	const report = () =>
		options.onProgress?.({bytesRead, totalBytes: source.size, layersRead: layers.size, layersTotal: undefined});
	const onBytes = (bytes: number) => {
		bytesRead += bytes;
		report();
	};

	try {
		for await (const entry of source.entries(onBytes)) {
			if (entry.kind === 'symlink') {
				links.set(entry.name, entry.target);
				continue;
			}
			if (entry.kind !== 'file') continue;
			const {head, stream} = await peek(entry.body, 512);
			const kind = sniff(head);
			if (kind === 'json') {
				if (entry.size > maxJsonBytes) throw new InputError(`${entry.name} is too large for a JSON document (${entry.size} bytes)`);
				const parsed = parseJson(await readAll(stream));
				if (parsed === invalid) invalidJson.add(entry.name);
				else json.set(entry.name, parsed);
			} else if (kind === 'tar' || kind === 'gzip' || kind === 'zstd') {
				try {
					const parsed = await readLayer(stream);
					if (parsed) layers.set(entry.name, parsed);
				} catch (error) {
					if (error instanceof InputError && /decompression bomb/.test(error.message)) throw new InputError(`${entry.name}: ${error.message}`);
					failures.set(entry.name, describeProblem(error));
					stream.destroy();
					if (/truncated/.test(failures.get(entry.name)!)) throw new InputError(`${entry.name}: ${failures.get(entry.name)!}`);
				}
			} else {
				stream.resume();
			}
			report();
		}
	} catch (error) {
		throw error instanceof InputError ? error : new InputError(describeProblem(error));
	}

	const read = (name: string, what: string) => {
		if (invalidJson.has(name)) throw new InputError(`${what} ${name} is not valid JSON`);
		if (!json.has(name)) throw new InputError(`${what} ${name} is missing from the archive`);
		return json.get(name);
	};
	const ref = resolveRef(read, options, source.kind === 'directory', [...invalidJson, ...json.keys()]);
	const config = read(ref.config, 'image config');
	const {layers: history, platform} = layerHistory(config, ref.layers.length);
	const model: ImageModel = {
		name: ref.tags[0] ?? source.display,
		tags: ref.tags,
		format: ref.format,
		configDigest: configDigest(ref.config),
		platform: ref.platform || platform,
		layers: ref.layers.map((name, index): Layer => {
			const blob = follow(name, links);
			const parsed = layers.get(blob);
			if (!parsed) {
				const failure = failures.get(blob);
				throw new InputError(failure ? `layer ${name}: ${failure}` : `the manifest names layer ${name}, which is not in the archive`);
			}
			const {createdBy, created, diffId} = history[index]!;
			return {
				index,
				blob,
				id: layerId(name, blob),
				diffId,
				command: commandOf(createdBy),
				createdBy,
				created,
				sizeBytes: parsed.sizeBytes,
				compression: parsed.compression,
				entries: parsed.entries,
			};
		}),
	};
	return {model, content: createContentSource(source, model)};
}

function resolveRef(
	read: (name: string, what: string) => unknown,
	selection: Selection,
	isDirectory: boolean,
	names: readonly string[],
): ImageRef {
	if (names.includes('manifest.json')) {
		return fromDockerManifest(read('manifest.json', 'manifest'), selection, names.includes('index.json'));
	}
	if (names.includes('index.json')) {
		return fromOciIndex(name => read(name, 'OCI document'), selection, isDirectory ? 'oci-layout-dir' : 'oci-archive');
	}
	throw new InputError('not an image archive: it has neither manifest.json nor index.json (a plain filesystem tar?)');
}

/** Legacy archives may store a duplicate layer as a symlink to another layer's tar: read the target. */
function follow(name: string, links: Map<string, string>): string {
	let current = name;
	for (let hops = 0; hops < 16 && links.has(current); hops++) current = links.get(current)!;
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

async function readAll(stream: AsyncIterable<Buffer>): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk);
	return Buffer.concat(chunks);
}

const invalid = Symbol('invalid JSON');

function parseJson(bytes: Buffer): unknown {
	try {
		return JSON.parse(bytes.toString('utf8'));
	} catch {
		return invalid;
	}
}
