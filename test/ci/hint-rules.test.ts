import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {Analysis} from '../../src/core/analysis-types.js';
import {checkDenyHint, checkMaxHintBytes, parseHintKind} from '../../src/ci/hint-rules.js';
import {writeTempImage} from '../helpers/image-builder.js';
import {analyzePath} from '../helpers/load-fixture.js';
import {wasteImage} from '../core/hints/waste-image.js';

let analysis: Analysis;
let cleanup: () => Promise<void>;
beforeAll(async () => {
	const written = await writeTempImage(wasteImage, 'docker-oci');
	cleanup = written.cleanup;
	analysis = await analyzePath(written.path);
});
afterAll(async () => cleanup());

describe('hint rules', () => {
	test('denyHints fails on a kind the image has, naming its paths, and passes on one it has not', () => {
		const secret = checkDenyHint(analysis, 'secret');
		expect(secret).toMatchObject({violated: true, actual: 3, pathCount: 3});
		expect(secret.paths.map(item => item.path).sort()).toEqual(['/root/.ssh/id_rsa', '/srv/app/.env', '/srv/tls/server.key']);
		expect(secret.message).toMatch(/^3 secret hints: .* Fix: /);
		const none = checkDenyHint({hints: {...analysis.hints, hints: analysis.hints.hints.filter(hint => hint.kind !== 'secret')}}, 'secret');
		expect(none).toMatchObject({violated: false, actual: 0, message: 'no secret hint'});
	});

	test('maxHintBytes compares the kind total strictly: the apt lists hold 4000 bytes', () => {
		expect(checkMaxHintBytes(analysis, 'package-cache', 3999, '3999B')).toMatchObject({violated: true, actual: 4000});
		expect(checkMaxHintBytes(analysis, 'package-cache', 4000, '4kB')).toMatchObject({violated: false, actual: 4000, message: 'package-cache hints hold 4.0 kB (4000 bytes), within 4kB'});
		expect(checkMaxHintBytes(analysis, 'package-cache', 3999, '3999B').message).toContain('rm -rf /var/lib/apt/lists/*');
	});

	test('a hint kind must be one of the six', () => {
		expect(parseHintKind(' secret ')).toBe('secret');
		expect(() => parseHintKind('secrets')).toThrow(/unknown hint kind "secrets": expected one of secret, deleted-later/);
	});
});
