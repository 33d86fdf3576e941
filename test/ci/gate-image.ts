import type {Analysis} from '../../src/core/analysis-types.js';
import {evaluateGate} from '../../src/ci/evaluate-gate.js';
import {parseGateFile} from '../../src/ci/gate-file.js';
import type {GateResult} from '../../src/ci/gate-types.js';
import {resolveGate} from '../../src/ci/resolve-gate.js';
import {expect} from 'vitest';
import {file, whiteout, type ImageDescription} from '../helpers/image-builder.js';

/**
Three layers, sizes chosen so every number below is known by hand:
layer 0: /etc/passwd 100, /bin/busybox 1000 (1100)
layer 1: /app/node_modules/a/index.js 5000, /app/node_modules/b/big.wasm 20000, /app/src/main.js 300, /root/.ssh/id_rsa 400 (25700)
layer 2: deletes /root/.ssh/id_rsa, rewrites /app/node_modules/a/index.js with 6000 bytes (6000)
*/
export const gateImage: ImageDescription = {
	tags: ['example.com/gate:1.0'],
	layers: [
		{createdBy: '/bin/sh -c #(nop) ADD file:base in / ', entries: [file('etc/passwd', 'p'.repeat(100)), file('bin/busybox', 'b'.repeat(1000))]},
		{
			createdBy: '/bin/sh -c npm ci && cp key /root/.ssh/id_rsa',
			entries: [
				file('app/node_modules/a/index.js', 'a'.repeat(5000)),
				file('app/node_modules/b/big.wasm', 'w'.repeat(20000)),
				file('app/src/main.js', 'm'.repeat(300)),
				file('root/.ssh/id_rsa', 'k'.repeat(400)),
			],
		},
		{
			createdBy: '/bin/sh -c rm /root/.ssh/id_rsa && build',
			entries: [whiteout('root/.ssh/id_rsa'), file('app/node_modules/a/index.js', 'A'.repeat(6000))],
		},
	],
};

export const gateNumbers = {sizeBytes: 32800, userSizeBytes: 31700, layers: 3, largestLayer: 25700, reclaimable: 5400, nodeModules: 26000};

/** Evaluates a `.layerlens.yaml` text (and flags) on an analysis; results by name. */
export function gate(analysis: Analysis, yaml: string, flags: Record<string, string> = {}): Map<string, GateResult> {
	const resolved = resolveGate({flags, files: [parseGateFile(yaml, '.layerlens.yaml')]});
	expect(resolved.errors).toEqual([]);
	return new Map(evaluateGate(analysis, resolved.rules).results.map(result => [result.name, result]));
}
