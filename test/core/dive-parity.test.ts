import {expect, test} from 'vitest';
import {describeWithFixtures} from '../helpers/fixtures.js';
import {analyzePath} from '../helpers/load-fixture.js';

// The values dive's own test suite asserts on its fixture (shared/fixtures/README.md).
describeWithFixtures('dive parity on test-docker-image.tar', () => {
	test('efficiency, sizes, wasted bytes and user wasted ratio equal dive\'s to the last digit', async () => {
		const {image} = await analyzePath('dive/test-docker-image.tar');
		expect(image.layerCount).toBe(14);
		expect(image.efficiencyScore).toBe(0.9844212134184309);
		expect(image.sizeBytes).toBe(1220598);
		expect(image.userSizeBytes).toBe(66237);
		expect(image.wastedBytes).toBe(32025);
		expect(image.userWastedPercent).toBe(0.4834911001404049);
	});

	test('inefficient files in dive\'s order', async () => {
		const {inefficiencies} = await analyzePath('dive/test-docker-image.tar');
		expect(inefficiencies).toEqual([
			{path: '/root/saved.txt', count: 2, cumulativeBytes: 12810},
			{path: '/root/example/somefile1.txt', count: 2, cumulativeBytes: 12810},
			{path: '/root/example/somefile3.txt', count: 2, cumulativeBytes: 6405},
		]);
	});

	test('history maps to layers skipping empty_layer entries; commands lose the shell prefix', async () => {
		const {layers} = await analyzePath('dive/test-docker-image.tar');
		expect(layers[2]!.command).toBe('mkdir -p /root/example/really/nested');
		expect(layers[13]!.command).toBe('chmod +x /root/saved.txt');
		expect(layers[0]!.diffId).toBe('sha256:23bc2b70b2014dec0ac22f27bb93e9babd08cdd6f1115d0c955b9ff22b382f5a');
	});

	test('reclaimable counts the copy dive misses (somefile2.txt, deleted with its directory)', async () => {
		const analysis = await analyzePath('dive/test-docker-image.tar');
		const somefile2 = analysis.reclaimable.find(item => item.path === '/root/example/somefile2.txt');
		expect(somefile2).toEqual({path: '/root/example/somefile2.txt', copies: 1, bytes: 6405});
		// Per layer: somefile1 (layers 3 and 4), somefile2 (5) and somefile3 (6) are deleted; saved.txt of layer 7
		// is hidden by the chmod copy-up of layer 13.
		expect(analysis.layers.map(layer => layer.reclaimableBytes)).toEqual([0, 0, 0, 6405, 6405, 6405, 6405, 6405, 0, 0, 0, 0, 0, 0]);
		// Which files, and which layer hides each: rm -rf /root/example/ (layer 9) and chmod +x (layer 13).
		expect(analysis.layers[5]!.hidden).toEqual([{path: '/root/example/somefile2.txt', bytes: 6405, hiddenBy: 9}]);
		expect(analysis.layers[3]!.hidden).toEqual([{path: '/root/example/somefile1.txt', bytes: 6405, hiddenBy: 4}]);
		expect(analysis.layers[6]!.hidden).toEqual([{path: '/root/example/somefile3.txt', bytes: 6405, hiddenBy: 7}]);
		expect(analysis.layers[7]!.hidden).toEqual([{path: '/root/saved.txt', bytes: 6405, hiddenBy: 13}]);
		// saved.txt: two copies stored (layer 7 and the chmod copy-up of layer 13), one survives.
		expect(analysis.reclaimable.find(item => item.path === '/root/saved.txt')).toEqual({
			path: '/root/saved.txt',
			copies: 1,
			bytes: 6405,
		});
	});

	test('the kaniko build of the same Dockerfile (gzip layers) reads', async () => {
		const {image, inefficiencies} = await analyzePath('dive/test-kaniko-image.tar');
		expect(image.format).toBe('kaniko');
		expect(image.layerCount).toBe(14);
		expect(inefficiencies.map(item => item.path)).toEqual([
			'/root/saved.txt',
			'/root/example/somefile1.txt',
			'/root/example/somefile3.txt',
		]);
	});

	test('OCI fixtures without manifest.json: uncompressed, gzip, zstd and estargz read the same', async () => {
		const names = ['uncompressed', 'gzip', 'zstd', 'estargz'];
		const analyses = await Promise.all(names.map(name => analyzePath(`dive/test-oci-${name}-image.tar`)));
		for (const analysis of analyses) {
			expect(analysis.layers).toHaveLength(1);
			expect(analysis.layers[0]!.changes.map(change => change.path)).toEqual(['/README.md']);
			expect(analysis.image.sizeBytes).toBe(11189);
			expect(analysis.layers[0]!.command).toBe('COPY README.md /README.md # buildkit');
			expect(analysis.layers[0]!.id).toMatch(/^sha256:[a-f0-9]{64}$/);
		}
		expect(analyses.map(analysis => analysis.layers[0]!.compression)).toEqual(['none', 'gzip', 'zstd', 'estargz']);
	});
});
