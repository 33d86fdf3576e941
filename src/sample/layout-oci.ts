import {
	byName,
	bytesEntry,
	jsonEntry,
	layerEntry,
	manifestJsonEntry,
	repositoriesJson,
	uniqueByName,
	type BuiltImage,
	type LayoutOptions,
	type OuterEntry,
} from './archive-entries.js';
import {
	dockerMediaTypes,
	imageIndex,
	imageManifest,
	jsonBlob,
	ociMediaTypes,
	tagOf,
	type Descriptor,
	type JsonBlob,
} from './image-json.js';

const blobName = (digest: string) => `blobs/sha256/${digest.slice('sha256:'.length)}`;

function descriptor(blob: JsonBlob, mediaType: string, extra: Partial<Descriptor> = {}): Descriptor {
	return {mediaType, digest: blob.digest, size: blob.bytes.byteLength, ...extra};
}

/** A buildx-style attestation manifest for `subject`: an in-toto JSON layer, never a tar. */
function attestation(subject: JsonBlob, blobs: OuterEntry[]): Descriptor {
	const statement = jsonBlob({
		_type: 'https://in-toto.io/Statement/v0.1',
		predicateType: 'https://spdx.dev/Document',
		subject: [{name: 'image', digest: {sha256: subject.hex}}],
		predicate: {spdxVersion: 'SPDX-2.3', name: 'layerlens-test-sbom', packages: []},
	});
	const config = jsonBlob({architecture: 'unknown', os: 'unknown', config: {}, rootfs: {type: 'layers', diff_ids: [statement.digest]}});
	const manifest = jsonBlob({
		schemaVersion: 2,
		mediaType: ociMediaTypes.manifest,
		config: descriptor(config, ociMediaTypes.config),
		layers: [descriptor(statement, 'application/vnd.in-toto+json', {annotations: {'in-toto.io/predicate-type': 'https://spdx.dev/Document'}})],
	});
	for (const blob of [statement, config, manifest]) blobs.push(bytesEntry(blobName(blob.digest), blob.bytes));
	return descriptor(manifest, ociMediaTypes.manifest, {
		annotations: {'vnd.docker.reference.digest': subject.digest, 'vnd.docker.reference.type': 'attestation-manifest'},
		platform: {architecture: 'unknown', os: 'unknown'},
	});
}

/**
The OCI image layout as an archive. `docker-oci` is what `docker save` writes since Docker 25 (layout plus
`manifest.json` and `repositories`); `oci-archive` is the plain layout (skopeo, podman, buildx `type=oci`).
*/
export function ociEntries(images: readonly BuiltImage[], options: LayoutOptions, docker: boolean): OuterEntry[] {
	const family = options.mediaTypes;
	const blobs: OuterEntry[] = [];
	const platformManifests: Descriptor[] = [];
	const topLevel: Descriptor[] = [];
	const dockerManifest: Record<string, unknown>[] = [];
	for (const image of images) {
		for (const layer of image.layers) blobs.push(layerEntry(blobName(layer.digest), layer));
		blobs.push(bytesEntry(blobName(image.config.digest), image.config.bytes));
		const manifest = imageManifest(image.config, image.layers, family);
		blobs.push(bytesEntry(blobName(manifest.digest), manifest.bytes));
		const mediaType = family === 'oci' ? ociMediaTypes.manifest : dockerMediaTypes.manifest;
		platformManifests.push(descriptor(manifest, mediaType, {platform: image.platform}));
		if (options.attestation) platformManifests.push(attestation(manifest, blobs));
		const references = image.tags.length > 0 ? image.tags : [undefined];
		for (const reference of references) {
			const annotations: Record<string, string> | undefined =
				reference === undefined
					? undefined
					: docker
						? {'io.containerd.image.name': reference, 'org.opencontainers.image.ref.name': tagOf(reference)}
						: {'org.opencontainers.image.ref.name': reference};
			topLevel.push(descriptor(manifest, mediaType, {...(annotations ? {annotations} : {}), platform: image.platform}));
		}
		dockerManifest.push({
			Config: blobName(image.config.digest),
			RepoTags: image.tags.length > 0 ? [...image.tags] : null,
			Layers: image.layers.map((layer) => blobName(layer.digest)),
		});
	}
	let index: unknown;
	if (options.nestedIndex) {
		const nested = imageIndex(platformManifests, family);
		blobs.push(bytesEntry(blobName(nested.digest), nested.bytes));
		const reference = images.flatMap((image) => image.tags)[0];
		const annotations = reference === undefined ? {} : {annotations: {'org.opencontainers.image.ref.name': reference}};
		index = {schemaVersion: 2, manifests: [descriptor(nested, ociMediaTypes.index, annotations)]};
	} else {
		const attestations = platformManifests.filter((entry) => entry.annotations?.['vnd.docker.reference.type']);
		index = {schemaVersion: 2, mediaType: ociMediaTypes.index, manifests: [...topLevel, ...attestations]};
	}
	const uniqueBlobs = uniqueByName(blobs).sort(byName);
	const entries: OuterEntry[] = [{kind: 'dir', name: 'blobs/'}, {kind: 'dir', name: 'blobs/sha256/'}, ...uniqueBlobs];
	entries.push(jsonEntry('index.json', index));
	if (docker) entries.push(manifestJsonEntry(dockerManifest, options));
	entries.push(jsonEntry('oci-layout', {imageLayoutVersion: '1.0.0'}));
	if (docker) entries.push(repositoriesJson(images.map((image) => ({tags: image.tags, topId: image.config.hex}))));
	return entries;
}
