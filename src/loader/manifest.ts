import type {ArchiveFormat} from '../core/model.js';
import {cleanEntryPath} from '../core/paths.js';
import {ChoiceError, InputError} from './errors.js';

/** Which image of the archive to open. */
export type Selection = {readonly image?: string; readonly platform?: string};

/** Where an image's parts sit in the archive. */
export type ImageRef = {
	readonly config: string;
	readonly layers: readonly string[];
	readonly tags: readonly string[];
	readonly platform: string;
	readonly format: ArchiveFormat;
};

type JsonRead = (name: string) => unknown;

/** `manifest.json` of `docker save` (legacy and Docker 25+), kaniko and podman. */
export function fromDockerManifest(manifest: unknown, selection: Selection): ImageRef {
	if (!Array.isArray(manifest) || manifest.length === 0) throw new InputError('manifest.json is not a non-empty array');
	const items = manifest.map((item, position) => {
		const record = asRecord(item, `manifest.json entry ${position}`);
		const config = record['Config'];
		const layers = record['Layers'];
		if (typeof config !== 'string' || !Array.isArray(layers) || !layers.every(layer => typeof layer === 'string')) {
			throw new InputError(`manifest.json entry ${position} lacks Config or Layers`);
		}
		const tags = Array.isArray(record['RepoTags']) ? record['RepoTags'].filter(tag => typeof tag === 'string') : [];
		return {config: cleanEntryPath(config), layers: (layers as string[]).map(cleanEntryPath), tags};
	});
	const chosen = choose(mergeDuplicates(items, item => item.config), item => item.tags, selection.image, 'images');
	return {...chosen, platform: '', format: dockerFormat(chosen.layers)};
}

function dockerFormat(layers: readonly string[]): ArchiveFormat {
	if (layers.some(layer => layer.startsWith('blobs/'))) return 'docker-oci';
	if (layers.some(layer => layer.endsWith('.tar.gz') || layer.endsWith('.tgz'))) return 'kaniko';
	if (layers.some(layer => !layer.includes('/'))) return 'podman-docker-archive';
	return 'docker-legacy';
}

type Candidate = {manifest: string; tags: string[]; platform: string};

/** An OCI layout: `index.json` → (nested indexes →) manifests, attestations skipped. */
export function fromOciIndex(readJson: JsonRead, selection: Selection, format: ArchiveFormat): ImageRef {
	const found: Candidate[] = [];
	collect(readJson, 'index.json', readJson('index.json'), [], found, 0);
	let pool = mergeDuplicates(found, candidate => candidate.manifest);
	if (selection.image) {
		pool = pool.filter(candidate => candidate.tags.some(tag => tagMatches(tag, selection.image!)));
		if (pool.length === 0) throw new InputError(`no image named ${selection.image}; the archive has: ${list(found.flatMap(c => c.tags))}`);
	}
	if (selection.platform) {
		const matching = pool.filter(candidate => platformMatches(candidate.platform, selection.platform!));
		if (matching.length === 0) {
			throw new InputError(`no image for platform ${selection.platform}; the archive has: ${list(pool.map(c => c.platform || '(unspecified)'))}`);
		}
		pool = matching;
	}
	const chosen = chooseOci(pool);
	const manifest = asRecord(readJson(blobPath(chosen.manifest)), `manifest ${chosen.manifest}`);
	const config = asRecord(manifest['config'], `config descriptor of ${chosen.manifest}`);
	const layers = manifest['layers'];
	if (!Array.isArray(layers)) throw new InputError(`manifest ${chosen.manifest} has no layers list`);
	return {
		config: blobPath(digestOf(config, chosen.manifest)),
		layers: layers.map(layer => blobPath(digestOf(asRecord(layer, chosen.manifest), chosen.manifest))),
		tags: chosen.tags,
		platform: chosen.platform,
		format,
	};
}

function collect(readJson: JsonRead, where: string, index: unknown, tags: string[], out: Candidate[], depth: number): void {
	if (depth > 8) throw new InputError(`${where}: image indexes nested too deep`);
	const record = asRecord(index, where);
	const manifests = record['manifests'];
	if (!Array.isArray(manifests)) throw new InputError(`${where} has no manifests list`);
	for (const item of manifests) {
		const descriptor = asRecord(item, where);
		const annotations = (descriptor['annotations'] ?? {}) as Record<string, unknown>;
		if (annotations['vnd.docker.reference.type'] === 'attestation-manifest') continue;
		const digest = digestOf(descriptor, where);
		const names = [annotations['io.containerd.image.name'], annotations['org.opencontainers.image.ref.name']]
			.filter((name): name is string => typeof name === 'string' && name !== '')
			.concat(tags);
		const mediaType = String(descriptor['mediaType'] ?? '');
		if (mediaType.endsWith('image.index.v1+json') || mediaType.endsWith('manifest.list.v2+json')) {
			collect(readJson, `index ${digest}`, readJson(blobPath(digest)), names, out, depth + 1);
			continue;
		}
		const platform = platformOf(descriptor['platform']);
		if (platform === 'unknown/unknown') continue;
		out.push({manifest: digest, tags: [...new Set(names)], platform});
	}
}

function chooseOci(candidates: Candidate[]): Candidate {
	if (candidates.length === 1) return candidates[0]!;
	if (candidates.length === 0) throw new InputError('index.json lists no image manifests');
	const described = candidates.map(candidate => [candidate.tags[0], candidate.platform].filter(Boolean).join(' '));
	const choices = candidates.map((candidate, at) => ({label: described[at]!, ...(candidate.tags[0] ? {image: candidate.tags[0]} : {}), ...(candidate.platform ? {platform: candidate.platform} : {})}));
	throw new ChoiceError(`the archive holds ${candidates.length} images; choose one with --image or --platform: ${list(described)}`, choices);
}

/** One manifest (or config) listed several times is one image: keep the first, with every tag. */
function mergeDuplicates<T extends {tags: string[]}>(items: T[], key: (item: T) => string): T[] {
	const byKey = new Map<string, T>();
	for (const item of items) {
		const seen = byKey.get(key(item));
		if (seen) seen.tags = [...new Set([...seen.tags, ...item.tags])];
		else byKey.set(key(item), {...item, tags: [...item.tags]});
	}
	return [...byKey.values()];
}

function choose<T>(items: T[], tagsOf: (item: T) => string[], wanted: string | undefined, what: string): T {
	if (wanted) {
		const match = items.find(item => tagsOf(item).some(tag => tagMatches(tag, wanted)));
		if (!match) throw new InputError(`no image named ${wanted}; the archive has: ${list(items.flatMap(tagsOf))}`);
		return match;
	}
	if (items.length === 1) return items[0]!;
	const choices = items.flatMap(item => tagsOf(item).slice(0, 1).map(tag => ({label: tag, image: tag})));
	throw new ChoiceError(`the archive holds ${items.length} ${what}; choose one with --image: ${list(items.flatMap(tagsOf))}`, choices);
}

/** `multi-b:1.0` matches `localhost/fixtures/multi-b:1.0`; a name without a tag means `:latest`. */
export function tagMatches(tag: string, wanted: string): boolean {
	const full = /:[^/]+$/.test(wanted) ? wanted : `${wanted}:latest`;
	return tag === wanted || tag === full || tag.endsWith(`/${full}`) || tag.endsWith(`/${wanted}`);
}

function platformOf(value: unknown): string {
	if (!value || typeof value !== 'object') return '';
	const platform = value as Record<string, unknown>;
	return [platform['os'], platform['architecture'], platform['variant']].filter(part => typeof part === 'string' && part).join('/');
}

/** `linux/arm64` matches any arm64 variant; `linux/arm64/v8` also matches an entry that names no variant. */
export function platformMatches(platform: string, wanted: string): boolean {
	const [os, arch, variant] = wanted.split('/');
	const [hasOs, hasArch, hasVariant] = platform.split('/');
	return os === hasOs && arch === hasArch && (variant === undefined || hasVariant === undefined || variant === hasVariant);
}

function digestOf(descriptor: Record<string, unknown>, where: string): string {
	const digest = descriptor['digest'];
	if (typeof digest !== 'string' || !/^[a-z0-9]+:[a-f0-9]{32,}$/.test(digest)) {
		throw new InputError(`${where}: a descriptor has no valid digest`);
	}
	return digest;
}

export function blobPath(digest: string): string {
	const [algorithm, hex] = digest.split(':');
	return `blobs/${algorithm}/${hex}`;
}

export function asRecord(value: unknown, where: string): Record<string, unknown> {
	if (!value || typeof value !== 'object' || Array.isArray(value)) throw new InputError(`${where} is not a JSON object`);
	return value as Record<string, unknown>;
}

function list(items: readonly string[]): string {
	return items.length === 0 ? '(none)' : items.join(', ');
}
