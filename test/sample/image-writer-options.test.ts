import {readFile} from 'node:fs/promises';
import {gunzipSync} from 'node:zlib';
import {describe, expect, it} from 'vitest';
import type {ImageDescription} from '../../src/sample/image-description.js';
import {buildImageArchive, dir, file, readArchive, writeTempImage} from '../helpers/image-builder.js';
import {readViaIndex, readViaManifestJson, sha256} from './archive-check.js';
import {baseLayer, smallImage} from './small-image.js';

const sameLayer = {createdBy: '/bin/sh -c true', entries: [dir('x'), file('x/y', 'same bytes')]};
const repeated: ImageDescription = {tags: ['rep:1'], layers: [baseLayer, sameLayer, {createdBy: 'other', entries: [file('z', 'z')]}, sameLayer]};

describe('docker-legacy layer links', () => {
	it('duplicates (default): a repeated layer is a symlink to its first copy', async () => {
		const archive = await readArchive(await buildImageArchive(repeated, 'docker-legacy'));
		const layers: string[] = JSON.parse(archive.get('manifest.json')?.data.toString() ?? '')[0].Layers;
		const [first, second] = [archive.get(layers[1] as string), archive.get(layers[3] as string)];
		const links = [first, second].filter((entry) => entry?.type === 'symlink');
		expect(links).toHaveLength(1);
		const [image] = readViaManifestJson(archive);
		expect(sha256(image?.layers[1] as Buffer)).toBe(sha256(image?.layers[3] as Buffer));
	});

	it('copy: every layer.tar is a regular file', async () => {
		const archive = await readArchive(await buildImageArchive(repeated, 'docker-legacy', {legacyLinks: 'copy'}));
		expect([...archive.values()].filter((entry) => entry.type === 'symlink')).toEqual([]);
		expect(readViaManifestJson(archive)[0]?.layers).toHaveLength(4);
	});

	it('podman: <digest>.tar stored once, every <id>/layer.tar links to it', async () => {
		const archive = await readArchive(await buildImageArchive(repeated, 'docker-legacy', {legacyLinks: 'podman'}));
		const names = [...archive.keys()];
		expect(names.filter((name) => /^[0-9a-f]{64}\.tar$/.test(name))).toHaveLength(3);
		const links = [...archive.values()].filter((entry) => entry.type === 'symlink');
		expect(links).toHaveLength(4);
		for (const link of links) expect(link.linkname).toMatch(/^\.\.\/[0-9a-f]{64}\.tar$/);
		const [image] = readViaManifestJson(archive);
		expect(image?.layers).toHaveLength(4);
	});
});

describe('OCI indexes', () => {
	const arm: ImageDescription = {...smallImage, platform: {os: 'linux', architecture: 'arm64', variant: 'v8'}};

	it('nested index with two platforms and attestations', async () => {
		const archive = await readArchive(await buildImageArchive([smallImage, arm], 'oci-archive', {nestedIndex: true, attestation: true, compression: 'gzip'}));
		const index = JSON.parse(archive.get('index.json')?.data.toString() ?? '');
		expect(index.manifests).toHaveLength(1);
		expect(index.manifests[0].mediaType).toBe('application/vnd.oci.image.index.v1+json');
		const images = readViaIndex(archive);
		expect(images.map((image) => image.platform)).toEqual([
			{os: 'linux', architecture: 'amd64'},
			{os: 'linux', architecture: 'arm64', variant: 'v8'},
		]);
		expect(images[1]?.config).toMatchObject({architecture: 'arm64', variant: 'v8'});
		const nested = JSON.parse(archive.get(`blobs/sha256/${index.manifests[0].digest.slice(7)}`)?.data.toString() ?? '');
		const attestations = nested.manifests.filter((entry: any) => entry.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest');
		expect(attestations).toHaveLength(2);
		expect(attestations[0].platform).toEqual({architecture: 'unknown', os: 'unknown'});
		// Both platforms share every layer blob: stored once.
		expect([...archive.keys()].filter((name) => /^blobs\/sha256\/[0-9a-f]{64}$/.test(name))).toHaveLength(3 + 2 * 2 + 3 * 2 + 1);
	});

	it('docker media types (containerd export)', async () => {
		const archive = await readArchive(await buildImageArchive(smallImage, 'docker-oci', {mediaTypes: 'docker', compression: 'gzip'}));
		const index = JSON.parse(archive.get('index.json')?.data.toString() ?? '');
		expect(index.manifests[0].mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
		expect(index.manifests[0].annotations).toEqual({'io.containerd.image.name': 'example.com/small:1.0', 'org.opencontainers.image.ref.name': '1.0'});
		const manifest = JSON.parse(archive.get(`blobs/sha256/${index.manifests[0].digest.slice(7)}`)?.data.toString() ?? '');
		expect(manifest.layers[0].mediaType).toBe('application/vnd.docker.image.rootfs.diff.tar.gzip');
		expect(readViaIndex(archive)).toHaveLength(1);
	});

	it('several images in one docker archive', async () => {
		const other: ImageDescription = {tags: ['other:2', 'other:latest'], layers: [baseLayer, sameLayer]};
		for (const format of ['docker-legacy', 'docker-oci'] as const) {
			const images = readViaManifestJson(await readArchive(await buildImageArchive([smallImage, other], format)));
			expect(images.map((image) => image.tags)).toEqual([['example.com/small:1.0'], ['other:2', 'other:latest']]);
			expect(sha256(images[0]?.layers[0] as Buffer)).toBe(sha256(images[1]?.layers[0] as Buffer));
		}
	});
});

describe('archive options', () => {
	it('gzipArchive compresses the whole archive', async () => {
		const plain = await buildImageArchive(smallImage, 'docker-oci');
		const gzipped = await buildImageArchive(smallImage, 'docker-oci', {gzipArchive: true});
		expect(gzipped.subarray(0, 2).toString('hex')).toBe('1f8b');
		expect(gunzipSync(gzipped).equals(plain)).toBe(true);
	});

	it('writeImageArchive streams to a file the same bytes buildImageArchive returns, with a summary', async () => {
		const written = await writeTempImage(smallImage, 'kaniko');
		try {
			const bytes = await readFile(written.path);
			expect(bytes.equals(await buildImageArchive(smallImage, 'kaniko'))).toBe(true);
			const [image] = readViaManifestJson(await readArchive(bytes));
			expect(written.summary.images[0]?.layers.map((layer) => layer.diffId)).toEqual(image?.config.rootfs.diff_ids);
			expect(written.summary.images[0]?.layers.map((layer) => layer.digest)).toEqual(image?.blobs.map(sha256));
			expect(written.summary.entries.at(-1)).toBe('manifest.json');
		} finally {
			await written.cleanup();
		}
	});

	it('metadataFirst, omitEntry, omitHistory and transformConfig shape bad or unusual archives', async () => {
		const archive = await readArchive(
			await buildImageArchive(smallImage, 'oci-archive', {
				metadataFirst: true,
				omitHistory: true,
				omitEntry: (name) => name === 'oci-layout',
				transformConfig: (config) => ({...config, os: 'plan9'}),
			}),
		);
		const names = [...archive.keys()];
		expect(archive.has('oci-layout')).toBe(false);
		const firstLayer = names.findIndex((name) => archive.get(name)?.data.subarray(257, 262).toString() === 'ustar');
		expect(names.indexOf('index.json')).toBeLessThan(firstLayer);
		const config = [...archive.values()].map((entry) => entry.data.toString()).find((text) => text.includes('"rootfs"'));
		expect(JSON.parse(config ?? '{}')).toMatchObject({os: 'plan9'});
		expect(JSON.parse(config ?? '{}').history).toBeUndefined();
	});
});
