import {describe, expect, test} from 'vitest';
import {buildImageArchive, file, type ImageDescription} from '../helpers/image-builder.js';
import {analyzeBuffer} from '../helpers/load-fixture.js';
import {platformMatches} from '../../src/loader/manifest.js';

const forPlatform = (architecture: string, variant?: string, tags: string[] = []): ImageDescription => ({
	tags,
	platform: {os: 'linux', architecture, ...(variant ? {variant} : {})},
	layers: [{createdBy: 'COPY', entries: [file(`etc/${architecture}`, architecture)]}],
});

describe('choosing an image', () => {
	test('a Docker 25+ save of two untagged platforms: listed without --platform, chosen with it', async () => {
		const archive = await buildImageArchive([forPlatform('amd64'), forPlatform('arm64', 'v8')], 'docker-oci');
		await expect(analyzeBuffer(archive)).rejects.toThrow(/2 images; choose one with --image or --platform: linux\/amd64, linux\/arm64\/v8/);
		const arm = await analyzeBuffer(archive, {platform: 'linux/arm64'});
		expect(arm.image.platform).toBe('linux/arm64/v8');
		expect(arm.layers[0]!.changes.map(change => change.path)).toContain('/etc/arm64');
		expect(arm.image.format).toBe('docker-oci');
	});

	test('--platform is checked on single-image archives too', async () => {
		const archive = await buildImageArchive(forPlatform('amd64', undefined, ['one:1']), 'docker-legacy');
		await expect(analyzeBuffer(archive, {platform: 'linux/arm64'})).rejects.toThrow(/the image is for linux\/amd64, not linux\/arm64/);
		expect((await analyzeBuffer(archive, {platform: 'linux/amd64'})).image.platform).toBe('linux/amd64');
	});

	test('one image under two tags is one image', async () => {
		const archive = await buildImageArchive([forPlatform('amd64', undefined, ['app:1']), forPlatform('amd64', undefined, ['app:latest'])], 'docker-legacy');
		const analysis = await analyzeBuffer(archive);
		expect([...analysis.image.tags].sort()).toEqual(['app:1', 'app:latest']);
	});

	test('a name that matches several platforms asks for --platform', async () => {
		const archive = await buildImageArchive([forPlatform('amd64', undefined, ['app:1']), forPlatform('arm64', undefined, ['app:1'])], 'oci-archive');
		await expect(analyzeBuffer(archive, {image: 'app:1'})).rejects.toThrow(/choose one with --image or --platform/);
		expect((await analyzeBuffer(archive, {image: 'app:1', platform: 'linux/arm64'})).image.platform).toBe('linux/arm64');
	});

	test('platform matching: a missing variant matches, a different one does not', () => {
		expect(platformMatches('linux/arm64/v8', 'linux/arm64')).toBe(true);
		expect(platformMatches('linux/arm64', 'linux/arm64/v8')).toBe(true);
		expect(platformMatches('linux/arm/v6', 'linux/arm/v7')).toBe(false);
		expect(platformMatches('linux/amd64', 'linux/arm64')).toBe(false);
		expect(platformMatches('windows/amd64', 'linux/amd64')).toBe(false);
	});
});
