import {describe, expect, it} from 'vitest';
import type {Analysis} from '../../src/core/analysis-types.js';
import type {ArchiveFormat} from '../../src/sample/image-description.js';
import type {WriteOptions} from '../../src/sample/image-writer.js';
import {writeTempImage} from '../helpers/image-builder.js';
import {analyzePath} from '../helpers/load-fixture.js';
import {smallImage} from './small-image.js';

/** What must not depend on the archive format: everything but where the blobs sit and how they are compressed. */
function formatFree(analysis: Analysis) {
	const {name: _name, format: _format, configDigest: _config, ...image} = analysis.image;
	return {
		image,
		layers: analysis.layers.map(({id: _id, blob: _blob, compression: _compression, ...layer}) => layer),
		inefficiencies: analysis.inefficiencies,
		reclaimable: analysis.reclaimable,
	};
}

const variants: [ArchiveFormat, WriteOptions][] = [
	['docker-legacy', {}],
	['docker-legacy', {legacyLinks: 'podman'}],
	['docker-legacy', {gzipArchive: true}],
	['docker-oci', {}],
	['docker-oci', {compression: 'gzip'}],
	['docker-oci', {compression: 'zstd', mediaTypes: 'docker'}],
	['oci-archive', {compression: 'gzip'}],
	['oci-archive', {compression: 'zstd', nestedIndex: true, attestation: true}],
	['oci-archive', {metadataFirst: true}],
	['kaniko', {}],
];

async function analyzeAs(format: ArchiveFormat, options: WriteOptions): Promise<Analysis> {
	const written = await writeTempImage(smallImage, format, options);
	try {
		return await analyzePath(written.path);
	} finally {
		await written.cleanup();
	}
}

describe('round trip through the loader', () => {
	it('every format of one description loads to the same analysis', async () => {
		const reference = await analyzeAs('docker-oci', {});
		expect(reference.layers.map((layer) => layer.createdBy)).toEqual(smallImage.layers.map((layer) => layer.createdBy));
		expect(reference.image.tags).toEqual(['example.com/small:1.0']);
		// What the description says each layer does: overwrite + chmod, then a whiteout and an opaque directory.
		const changes = reference.layers.map((layer) => layer.changes.map((change) => [change.path, change.kind, change.size, change.fields ?? []]));
		expect(changes[1]).toEqual([
			['/etc/motd', 'modified', 4, ['content']],
			['/etc/passwd', 'modified', 30, ['mode']],
		]);
		expect(changes[2]).toEqual([
			['/etc/motd', 'removed', 4, []],
			['/opt/app/big.bin', 'added', 3000, []],
			['/opt/app/lib', 'removed', 0, []],
			['/opt/app/lib/a.so', 'removed', 100, []],
		]);
		for (const [format, options] of variants) {
			const analysis = await analyzeAs(format, options);
			expect(formatFree(analysis), `${format} ${JSON.stringify(options)}`).toEqual(formatFree(reference));
		}
	});

	it('the loader names the format the writer wrote', async () => {
		for (const format of ['docker-legacy', 'docker-oci', 'oci-archive', 'kaniko'] as const) {
			expect((await analyzeAs(format, {})).image.format).toBe(format);
		}
	});
});
