import {readFileSync} from 'node:fs';
import {beforeAll, expect, it} from 'vitest';
import type {Analysis} from '../../src/core/analysis-types.js';
import {toDiveExport} from '../../src/export/dive-export.js';
import {marshalIndent} from '../../src/export/marshal-indent.js';
import {describeWithFixtures, fixturePath} from '../helpers/fixtures.js';
import {analyzePath} from '../helpers/load-fixture.js';

type DiveExport = {
	layer: Array<{id: string; [key: string]: unknown}>;
	image: Record<string, unknown>;
};

/** dive's go-snaps file: `[Test_Export - 1]`, the JSON (sorted keys, 1-space indent), then `---`. */
function readSnapshot(): DiveExport {
	const text = readFileSync(fixturePath('dive/expected/test-docker-image.export.snap'), 'utf8');
	const match = /^\s*\[Test_Export - 1\]\n([\s\S]*)\n---\n?$/.exec(text);
	if (!match?.[1]) throw new Error('unexpected snapshot layout');
	return JSON.parse(match[1]) as DiveExport;
}

const diveLayerKeys = ['index', 'id', 'digestId', 'sizeBytes', 'command', 'fileList'] as const;
const diveImageKeys = ['sizeBytes', 'inefficientBytes', 'efficiencyScore', 'fileReference'] as const;

describeWithFixtures('export of test-docker-image.tar against dive snapshot', () => {
	let analysis: Analysis;
	let ours: DiveExport;
	let snapshot: DiveExport;
	beforeAll(async () => {
		analysis = await analyzePath('dive/test-docker-image.tar');
		// Through the serializer, so the comparison covers what is written, not just the object.
		ours = JSON.parse(marshalIndent(toDiveExport(analysis))) as DiveExport;
		snapshot = readSnapshot();
	});

	it('has dive image values', () => {
		const image = Object.fromEntries(diveImageKeys.map(key => [key, ours.image[key]]));
		expect(image).toEqual(snapshot.image);
	});

	it('has dive layers, file lists included', () => {
		expect(ours.layer).toHaveLength(snapshot.layer.length);
		ours.layer.forEach((layer, i) => {
			const expected = snapshot.layer[i]!;
			for (const key of diveLayerKeys) expect(layer[key], `layer ${i} ${key}`).toEqual(expected[key]);
		});
	});

	it('writes dive keys first, in dive struct order', () => {
		expect(Object.keys(ours).slice(1, 3)).toEqual(['layer', 'image']);
		expect(Object.keys(ours.layer[0]!).slice(0, 6)).toEqual([...diveLayerKeys]);
		expect(Object.keys(ours.image).slice(0, 4)).toEqual([...diveImageKeys]);
		const fileList = ours.layer[0]!['fileList'] as Array<Record<string, unknown>>;
		expect(Object.keys(fileList[0]!)).toEqual(['path', 'typeFlag', 'linkName', 'size', 'fileMode', 'uid', 'gid', 'isDir']);
	});

	it('uses the legacy layer directory name as id, as dive does for this layout', () => {
		// For `<id>/layer.tar` the id is the directory name in both; only OCI layouts differ ("blobs" in dive).
		ours.layer.forEach((layer, i) => expect(layer.id).toBe(snapshot.layer[i]!.id));
		expect(ours.layer[0]!.id).toBe('28cfe03618aa2e914e81fdd90345245c15f4478e35252c06ca52d238fd3cc694');
	});

	it('adds layerlens keys with the analysis numbers', () => {
		expect(ours.image).toMatchObject({
			format: 'docker-legacy',
			layerCount: 14,
			userSizeBytes: 66237,
			userWastedPercent: 0.4834911001404049,
			// Layers 3 to 7 each store a 6405-byte copy that a later layer overwrites or deletes (Dockerfile.test-image).
			reclaimableBytes: 5 * 6405,
		});
		expect(ours).toMatchObject({schemaVersion: 1});
		// Layer 9 runs `rm -rf /root/example/`: its changes say what it removed.
		const layer9 = ours.layer[9] as unknown as {changes: Array<{path: string; kind: string}>};
		expect(layer9.changes).toContainEqual(expect.objectContaining({path: '/root/example/somefile1.txt', kind: 'removed'}));
	});
});

describeWithFixtures('export of a single-layer OCI fixture (dive-behavior §8 example)', () => {
	it('matches dive values, with the layer digest as id instead of "blobs"', async () => {
		const analysis = await analyzePath('dive/test-oci-gzip-image.tar');
		const doc = JSON.parse(marshalIndent(toDiveExport(analysis))) as DiveExport;
		const layer = doc.layer[0]!;
		expect(Object.fromEntries(diveLayerKeys.filter(key => key !== 'id').map(key => [key, layer[key]]))).toEqual({
			index: 0,
			digestId: 'sha256:356d5e7f4012d87cb1078ac1f480e90528eec4940ce45c50380321436db38758',
			sizeBytes: 11189,
			command: 'COPY README.md /README.md # buildkit',
			fileList: [
				{path: 'README.md', typeFlag: 48, linkName: '', size: 11189, fileMode: 420, uid: 0, gid: 0, isDir: false},
			],
		});
		expect(layer.id).toMatch(/^sha256:[0-9a-f]{64}$/);
		expect(Object.fromEntries(diveImageKeys.map(key => [key, doc.image[key]]))).toEqual({
			sizeBytes: 11189,
			inefficientBytes: 0,
			efficiencyScore: 1,
			fileReference: [],
		});
		// One layer: dive's ratio is 0/0 = NaN, which JSON cannot carry.
		expect(doc.image['userWastedPercent']).toBeNull();
	});
});
