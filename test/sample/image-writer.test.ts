import {describe, expect, it} from 'vitest';
import {ImageDescriptionError} from '../../src/sample/content-source.js';
import {archiveFormats, buildImageArchive, readArchive, readTar, streamedFile, type TarEntry} from '../helpers/image-builder.js';
import {readViaIndex, readViaManifestJson, sha256, type CheckedImage} from './archive-check.js';
import {letters, smallImage} from './small-image.js';

const compressions = ['none', 'gzip', 'zstd'] as const;

function checkLayers(image: CheckedImage) {
	expect(image.layers).toHaveLength(3);
	expect(image.config.history?.map((entry) => entry.empty_layer ?? false)).toEqual([false, true, false, false, true]);
	expect(image.config.history?.[1]?.created_by).toBe('/bin/sh -c #(nop)  CMD ["/bin/sh"]');
	expect(image.config.architecture).toBe('amd64');
	expect(image.config.os).toBe('linux');
}

async function layerEntries(layer: Buffer): Promise<Map<string, TarEntry>> {
	return new Map((await readTar(layer)).map((entry) => [entry.name, entry]));
}

describe('writeImageArchive formats', () => {
	for (const format of archiveFormats) {
		for (const compression of compressions) {
			it(`${format} with ${compression} layers: digests and structure`, async () => {
				const archive = await readArchive(await buildImageArchive(smallImage, format, {compression}));
				const images = format === 'oci-archive' ? readViaIndex(archive) : readViaManifestJson(archive);
				expect(images).toHaveLength(1);
				const image = images[0] as CheckedImage;
				checkLayers(image);
				const magic = {none: '', gzip: '1f8b', zstd: '28b52ffd'}[compression];
				for (const blob of image.blobs) expect(blob.subarray(0, magic.length / 2).toString('hex')).toBe(magic);
				if (format === 'docker-oci') {
					expect(readViaIndex(archive).map((indexed) => indexed.layers)).toEqual([image.layers]);
					expect(JSON.parse(archive.get('repositories')?.data.toString() ?? '')).toHaveProperty(['example.com/small', '1.0']);
				}
				if (format === 'oci-archive') expect(archive.has('manifest.json')).toBe(false);
				if (format === 'kaniko') expect([...archive.keys()].filter((name) => name.endsWith('.tar.gz'))).toHaveLength(3);
				expect(image.tags).toEqual(format === 'oci-archive' ? ['example.com/small:1.0'] : ['example.com/small:1.0']);
			});
		}
	}

	it('docker-legacy writes <id>/layer.tar, <id>/json, <id>/VERSION, <hex>.json and repositories', async () => {
		const archive = await readArchive(await buildImageArchive(smallImage, 'docker-legacy'));
		const manifest = JSON.parse(archive.get('manifest.json')?.data.toString() ?? '');
		expect(manifest[0].Config).toMatch(/^[0-9a-f]{64}\.json$/);
		for (const layer of manifest[0].Layers as string[]) {
			const id = layer.replace('/layer.tar', '');
			expect(layer).toMatch(/^[0-9a-f]{64}\/layer\.tar$/);
			expect(archive.get(`${id}/VERSION`)?.data.toString()).toBe('1.0');
			expect(JSON.parse(archive.get(`${id}/json`)?.data.toString() ?? '').id).toBe(id);
			expect(archive.get(`${id}/`)?.type).toBe('directory');
		}
		const top = (manifest[0].Layers.at(-1) as string).replace('/layer.tar', '');
		expect(JSON.parse(archive.get('repositories')?.data.toString() ?? '')).toEqual({'example.com/small': {'1.0': top}});
	});
});

describe('layer contents', () => {
	it('keeps types, modes, owners, link targets and streamed bytes', async () => {
		const archive = await readArchive(await buildImageArchive(smallImage, 'oci-archive', {compression: 'gzip'}));
		const [image] = readViaIndex(archive);
		const base = await layerEntries(image?.layers[0] as Buffer);
		expect(base.get('etc/')?.type).toBe('directory');
		expect(base.get('usr/bin/tool')).toMatchObject({type: 'file', mode: 0o755, data: Buffer.from('#!/bin/sh\necho tool\n')});
		expect(base.get('usr/bin/tool2')).toMatchObject({type: 'link', linkname: 'usr/bin/tool', size: 0});
		expect(base.get('usr/bin/t')).toMatchObject({type: 'symlink', linkname: '/usr/bin/tool', mode: 0o777});
		expect(base.get('dev/null')?.type).toBe('character-device');
		expect(base.get('run/pipe')?.type).toBe('fifo');
		expect(base.get('tmp/')?.mode).toBe(0o1777);
		const top = await layerEntries(image?.layers[2] as Buffer);
		expect([...top.keys()]).toEqual(['etc/', 'etc/.wh.motd', 'opt/app/', 'opt/app/.wh..wh..opq', 'opt/app/big.bin']);
		expect(top.get('etc/.wh.motd')).toMatchObject({type: 'file', mode: 0, size: 0});
		expect(top.get('opt/app/big.bin')).toMatchObject({uid: 1000, gid: 1000, size: 3000});
		expect(top.get('opt/app/big.bin')?.data).toEqual(Buffer.concat([...letters(3000)]));
	});

	it('writes long and non-ASCII names with PAX records', async () => {
		const long = `srv/${'d'.repeat(120)}/${'f'.repeat(110)}.txt`;
		const image = {layers: [{createdBy: 'x', entries: [{path: long, type: 'file' as const, content: 'x'}, {path: 'srv/ünï文件.txt', type: 'file' as const, content: 'y'}]}]};
		const [checked] = readViaIndex(await readArchive(await buildImageArchive(image, 'oci-archive')));
		expect((await readTar(checked?.layers[0] as Buffer)).map((entry) => entry.name)).toEqual([long, 'srv/ünï文件.txt']);
	});

	it('rejects streamed content that does not match its declared size', async () => {
		const short = {layers: [{createdBy: 'x', entries: [streamedFile('a', 10, [Buffer.alloc(4)])]}]};
		await expect(buildImageArchive(short, 'oci-archive')).rejects.toBeInstanceOf(ImageDescriptionError);
		const long = {layers: [{createdBy: 'x', entries: [streamedFile('a', 2, [Buffer.alloc(4)])]}]};
		await expect(buildImageArchive(long, 'oci-archive')).rejects.toThrow(/longer than its declared size/);
		const noSize = {layers: [{createdBy: 'x', entries: [{path: 'a', type: 'file' as const, content: [Buffer.alloc(1)]}]}]};
		await expect(buildImageArchive(noSize, 'docker-oci')).rejects.toThrow(/declared size/);
	});

	it('is deterministic: the same description gives the same bytes', async () => {
		const [a, b] = await Promise.all([buildImageArchive(smallImage, 'docker-oci', {compression: 'gzip'}), buildImageArchive(smallImage, 'docker-oci', {compression: 'gzip'})]);
		expect(sha256(a)).toBe(sha256(b));
	});
});
