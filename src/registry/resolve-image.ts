import {createHash} from 'node:crypto';
import {InputError} from '../loader/errors.js';
import {asRecord, platformMatches} from '../loader/manifest.js';
import type {RegistryClient} from './client.js';
import {registryProblem} from './problems.js';
import {readCapped} from './read-body.js';
import {formatReference, manifestTarget} from './reference.js';

export type Descriptor = {readonly mediaType: string; readonly digest: string; readonly size: number};

/** The image manifest picked for one platform, with the descriptors the loader fetches. */
export type ResolvedImage = {
	readonly manifestDigest: string;
	readonly manifest: unknown;
	/** `os/arch[/variant]` from the index entry; '' when the reference names a single manifest. */
	readonly platform: string;
	readonly config: Descriptor;
	readonly layers: readonly Descriptor[];
};

const ociIndex = 'application/vnd.oci.image.index.v1+json';
const ociManifest = 'application/vnd.oci.image.manifest.v1+json';
const dockerList = 'application/vnd.docker.distribution.manifest.list.v2+json';
const dockerManifest = 'application/vnd.docker.distribution.manifest.v2+json';
const dockerSchema1 = ['application/vnd.docker.distribution.manifest.v1+prettyjws', 'application/vnd.docker.distribution.manifest.v1+json'];
const accept = [ociIndex, ociManifest, dockerList, dockerManifest, ...dockerSchema1].join(', ');
const maxManifestBytes = 4 * 1024 * 1024;

/**
Negotiates the manifest of the client's reference (OCI index or manifest, Docker manifest list or schema 2) and,
for an index, picks the entry for `wanted` (the user's `--platform`, else the host's platform, as docker does).
*/
export async function resolveImage(client: RegistryClient, wanted: {readonly platform: string | undefined; readonly host: string}): Promise<ResolvedImage> {
	const reference = client.reference;
	let fetched = await fetchManifest(client, manifestTarget(reference), reference.digest);
	let platform = '';
	for (let depth = 0; isIndex(fetched.mediaType); depth++) {
		if (depth > 2) throw new InputError('image indexes nested too deep');
		const chosen = choosePlatform(fetched.body, wanted.platform ?? wanted.host, wanted.platform === undefined, formatReference(reference));
		platform = chosen.platform;
		fetched = await fetchManifest(client, chosen.digest, chosen.digest);
	}
	const manifest = asRecord(fetched.body, `manifest ${fetched.digest}`);
	const config = descriptor(manifest['config'], `config of manifest ${fetched.digest}`);
	if (!/container\.image\.v1\+json$|image\.config\.v1\+json$/.test(config.mediaType)) {
		throw new InputError(`${formatReference(reference)} is not a container image (its config is ${config.mediaType || 'untyped'})`);
	}
	const layers = manifest['layers'];
	if (!Array.isArray(layers)) throw new InputError(`manifest ${fetched.digest} has no layers list`);
	return {
		manifestDigest: fetched.digest,
		manifest,
		platform,
		config,
		layers: layers.map((layer, index) => descriptor(layer, `layer ${index} of manifest ${fetched.digest}`)),
	};
}

function isIndex(mediaType: string): boolean {
	return mediaType === ociIndex || mediaType === dockerList;
}

async function fetchManifest(client: RegistryClient, target: string, expectedDigest: string | undefined): Promise<{mediaType: string; body: unknown; digest: string}> {
	const response = await client.get(`manifests/${target}`, {accept});
	if (!response.ok) throw await registryProblem(response, 'manifest', client);
	const length = Number(response.headers.get('content-length') ?? '0');
	if (length > maxManifestBytes) {
		await response.body?.cancel();
		throw new InputError(`manifest ${target} is too large (${length} bytes)`);
	}
	const bytes = await readCapped(response, maxManifestBytes);
	if (bytes === undefined) throw new InputError(`manifest ${target} is too large (over ${maxManifestBytes} bytes)`);
	const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
	if (expectedDigest?.startsWith('sha256:') && digest !== expectedDigest) {
		throw new InputError(`manifest ${expectedDigest}: digest mismatch: the registry sent content with digest ${digest}`);
	}
	let body: unknown;
	try {
		body = JSON.parse(bytes.toString('utf8'));
	} catch {
		throw new InputError(`manifest ${target} is not valid JSON`);
	}
	const record = asRecord(body, `manifest ${target}`);
	const header = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
	const mediaType = typeof record['mediaType'] === 'string' ? record['mediaType'] : header;
	if (record['schemaVersion'] === 1 || dockerSchema1.includes(mediaType)) {
		throw new InputError(
			`${formatReference(client.reference)} has a Docker schema 1 manifest, which is deprecated and not supported; push it again with a current docker or skopeo (schema 2 or OCI)`,
		);
	}
	if (mediaType === '' && Array.isArray(record['manifests'])) return {mediaType: ociIndex, body, digest};
	if (mediaType === '' && record['config'] !== undefined) return {mediaType: ociManifest, body, digest};
	if (![ociIndex, ociManifest, dockerList, dockerManifest].includes(mediaType)) {
		throw new InputError(`${formatReference(client.reference)}: unsupported manifest type ${mediaType || '(none)'}`);
	}
	return {mediaType, body, digest};
}

function choosePlatform(index: unknown, wanted: string, isHostDefault: boolean, name: string): {digest: string; platform: string} {
	const manifests = asRecord(index, 'image index')['manifests'];
	if (!Array.isArray(manifests)) throw new InputError('the image index has no manifests list');
	const entries = manifests.map(item => {
		const record = asRecord(item, 'image index entry');
		const annotations = (record['annotations'] ?? {}) as Record<string, unknown>;
		return {record, platform: platformOf(record['platform']), attestation: annotations['vnd.docker.reference.type'] === 'attestation-manifest'};
	});
	const images = entries.filter(entry => !entry.attestation && entry.platform !== 'unknown/unknown');
	const match = images.find(entry => entry.platform !== '' && platformMatches(entry.platform, wanted));
	if (!match) {
		const available = images.map(entry => entry.platform || '(unspecified)').join(', ') || '(none)';
		const why = isHostDefault ? ' (this machine\'s platform; choose another with --platform)' : '';
		throw new InputError(`${name} has no image for platform ${wanted}${why}; it has: ${available}`);
	}
	return {digest: descriptor(match.record, 'image index entry').digest, platform: match.platform};
}

function platformOf(value: unknown): string {
	if (!value || typeof value !== 'object') return '';
	const platform = value as Record<string, unknown>;
	return [platform['os'], platform['architecture'], platform['variant']].filter(part => typeof part === 'string' && part).join('/');
}

function descriptor(value: unknown, where: string): Descriptor {
	const record = asRecord(value, where);
	const digest = record['digest'];
	const size = record['size'];
	if (typeof digest !== 'string' || !/^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/.test(digest)) throw new InputError(`${where} has no valid digest`);
	if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) throw new InputError(`${where} has no valid size`);
	return {mediaType: typeof record['mediaType'] === 'string' ? record['mediaType'] : '', digest, size};
}

/** The platform docker picks by default: linux on this machine's architecture. */
export function hostPlatform(arch: string): string {
	const names: Record<string, string> = {x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64', loong64: 'loong64', mips64el: 'mips64le'};
	return `linux/${names[arch] ?? arch}`;
}
