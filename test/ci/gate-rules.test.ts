import {beforeAll, describe, expect, it} from 'vitest';
import type {Analysis} from '../../src/core/analysis-types.js';
import {renderReport} from '../../src/ci/report.js';
import {buildImageArchive, file, readArchive} from '../helpers/image-builder.js';
import {analyzeBuffer} from '../helpers/load-fixture.js';
import {gate, gateImage, gateNumbers} from './gate-image.js';

const off = 'lowestEfficiency: disabled\n  highestUserWastedPercent: disabled\n';

describe('gate rules on a built image (gzip OCI archive)', () => {
	let analysis: Analysis;
	let blobBytes: number;
	beforeAll(async () => {
		const archive = await buildImageArchive(gateImage, 'oci-archive', {compression: 'gzip'});
		analysis = await analyzeBuffer(archive);
		// The compressed size, read independently: the manifest's layer descriptors.
		const entries = await readArchive(archive);
		const index = JSON.parse(entries.get('index.json')!.data.toString('utf8'));
		const manifestName = `blobs/${index.manifests[0].digest.replace(':', '/')}`;
		const manifest = JSON.parse(entries.get(manifestName)!.data.toString('utf8'));
		blobBytes = manifest.layers.reduce((sum: number, layer: {size: number}) => sum + layer.size, 0);
	});

	it('size thresholds pass on equality, fail one byte below, warn with severity warn, skip when disabled', () => {
		const {sizeBytes, userSizeBytes, largestLayer, layers, reclaimable} = gateNumbers;
		const atLimit = gate(analysis, `ci:\n  ${off}  maxImageSize: ${sizeBytes}\n  maxUserSize: ${userSizeBytes}B\n  maxLayerSize: ${largestLayer}\n  maxLayers: ${layers}\n  maxReclaimableBytes: ${reclaimable}\n`);
		for (const name of ['maxImageSize', 'maxUserSize', 'maxLayerSize', 'maxLayers', 'maxReclaimableBytes']) {
			expect(atLimit.get(name)?.status, name).toBe('pass');
		}
		expect(atLimit.get('maxImageSize')).toMatchObject({actual: sizeBytes, threshold: sizeBytes, unit: 'bytes', severity: 'error'});
		const below = gate(analysis, `ci:\n  ${off}  maxImageSize: ${sizeBytes - 1}\n  maxUserSize: ${userSizeBytes - 1}\n  maxLayerSize: ${largestLayer - 1}\n  maxLayers: ${layers - 1}\n  maxReclaimableBytes: ${reclaimable - 1}\n`);
		expect([...below.values()].filter(result => result.status === 'fail').map(result => [result.name, result.actual])).toEqual([
			['maxImageSize', sizeBytes],
			['maxUserSize', userSizeBytes],
			['maxLayerSize', largestLayer],
			['maxLayers', layers],
			['maxReclaimableBytes', reclaimable],
		]);
		expect(below.get('maxLayerSize')?.message).toContain('layer 1 ');
		const warn = gate(analysis, `ci:\n  ${off}  maxImageSize: {value: 32kB, severity: warn}\n  maxLayers: {value: disabled, severity: warn}\n`);
		expect(warn.get('maxImageSize')).toMatchObject({status: 'warn', severity: 'warn', actual: sizeBytes, threshold: 32000});
		expect(warn.get('maxLayers')).toMatchObject({status: 'skip', message: 'disabled', actual: null, threshold: null});
	});

	it('maxCompressedSize sums the stored layer blobs', () => {
		expect(blobBytes).toBeGreaterThan(0);
		const results = gate(analysis, `ci:\n  ${off}  maxCompressedSize: ${blobBytes}\n`);
		expect(results.get('maxCompressedSize')).toMatchObject({status: 'pass', actual: blobBytes});
		expect(gate(analysis, `ci:\n  maxCompressedSize: ${blobBytes - 1}\n`).get('maxCompressedSize')?.status).toBe('fail');
	});

	it('budgets total the final files under a glob (or a matched directory) and name the three largest', () => {
		const results = gate(analysis, `ci:\n  ${off}  budgets:\n    /app/node_modules/**: ${gateNumbers.nodeModules}\n    /app/node_modules: 25kB\n    '**/*.{js,wasm}': {value: 1MB, severity: warn}\n    /nothing/**: 1B\n`);
		const exact = results.get('budgets:/app/node_modules/**')!;
		expect(exact).toMatchObject({status: 'pass', actual: 26000, pathCount: 2});
		expect(exact.paths?.map(path => [path.path, path.bytes, path.layer])).toEqual([
			['/app/node_modules/b/big.wasm', 20000, 1],
			['/app/node_modules/a/index.js', 6000, 2],
		]);
		const dir = results.get('budgets:/app/node_modules')!;
		expect(dir).toMatchObject({status: 'fail', actual: 26000, threshold: 25000});
		expect(dir.message).toContain('largest: /app/node_modules/b/big.wasm (20 kB), /app/node_modules/a/index.js (6.0 kB)');
		expect(results.get('budgets:**/*.{js,wasm}')).toMatchObject({status: 'pass', actual: 26300, pathCount: 3});
		expect(results.get('budgets:/nothing/**')).toMatchObject({status: 'pass', actual: 0, pathCount: 0});
	});

	it('deny looks at the final image; denyInAnyLayer at every layer, naming the one that stores the path', () => {
		const results = gate(analysis, `ci:\n  ${off}  deny:\n    - '**/id_rsa'\n    - '**/*.wasm'\n    - {pattern: /app/src/**, severity: warn}\n  denyInAnyLayer:\n    - '**/id_rsa'\n    - /etc/shadow\n`);
		expect(results.get('deny:**/id_rsa')).toMatchObject({status: 'pass', actual: 0});
		expect(results.get('deny:**/*.wasm')).toMatchObject({status: 'fail', actual: 1, paths: [{path: '/app/node_modules/b/big.wasm', bytes: 20000, layer: 1}]});
		expect(results.get('deny:/app/src/**')).toMatchObject({status: 'warn', severity: 'warn', pathCount: 2});
		expect(results.get('deny:/app/src/**')?.paths?.map(path => path.path)).toEqual(['/app/src', '/app/src/main.js']);
		const stored = results.get('denyInAnyLayer:**/id_rsa')!;
		expect(stored).toMatchObject({status: 'fail', actual: 1, paths: [{path: '/root/.ssh/id_rsa', bytes: 400, layer: 1}]});
		expect(stored.message).toBe('1 path matching **/id_rsa is stored in layer 1');
		expect(results.get('denyInAnyLayer:/etc/shadow')?.status).toBe('pass');
	});

	it('a failing rule fails the gate, a warning does not', () => {
		const warnOnly = gate(analysis, `ci:\n  ${off}  deny: [{pattern: '**/*.wasm', severity: warn}]\n`);
		expect([...warnOnly.values()].map(result => result.status)).toEqual(['skip', 'skip', 'skip', 'warn']);
	});
});

describe('gate rules on an uncompressed legacy docker save', () => {
	it('skips maxCompressedSize with the reason', async () => {
		const analysis = await analyzeBuffer(await buildImageArchive(gateImage, 'docker-legacy'));
		const result = gate(analysis, 'ci:\n  maxCompressedSize: 1B\n').get('maxCompressedSize');
		expect(result).toMatchObject({status: 'skip', actual: null});
		expect(result?.message).toBe('the archive stores layer 0 uncompressed, so its compressed size is unknown');
	});
});

describe('matched paths are listed ten at a time', () => {
	it('keeps the first 10 and counts the rest; the text report says how many more', async () => {
		const entries = Array.from({length: 15}, (_, i) => file(`keys/k${String(i).padStart(2, '0')}.pem`, 'x'));
		const analysis = await analyzeBuffer(await buildImageArchive({layers: [{createdBy: 'COPY keys /keys', entries}]}, 'docker-oci'));
		const results = gate(analysis, `ci:\n  ${off}  deny: ['**/*.pem']\n`);
		const deny = results.get('deny:**/*.pem')!;
		expect(deny.pathCount).toBe(15);
		expect(deny.paths?.map(path => path.path)).toEqual(Array.from({length: 10}, (_, i) => `/keys/k${String(i).padStart(2, '0')}.pem`));
		const text = renderReport(analysis, [...results.values()]);
		const lines = text.split('\n');
		const at = lines.findIndex(line => line.startsWith('  FAIL  deny:**/*.pem (15 paths of the final image match **/*.pem)'));
		expect(at).toBeGreaterThan(0);
		expect(lines[at + 1]).toBe('          /keys/k00.pem  (1 B, layer 0)');
		expect(lines[at + 11]).toBe('          … and 5 more');
		expect(lines.at(-1)).toBe('FAIL [fail:1 skip:3]');
	});
});
