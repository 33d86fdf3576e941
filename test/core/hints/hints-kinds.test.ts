import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {Analysis} from '../../../src/core/analysis-types.js';
import type {Hint, HintKind} from '../../../src/core/hints/hint-types.js';
import {buildImageArchive, writeTempImage} from '../../helpers/image-builder.js';
import {analyzeBuffer, analyzePath} from '../../helpers/load-fixture.js';
import {envWithToken, pemKey, tlsKey, wasteImage} from './waste-image.js';

const ofKind = (analysis: Analysis, kind: HintKind) => analysis.hints.hints.filter(hint => hint.kind === kind);
const brief = (hint: Hint) => ({bytes: hint.bytes, layer: hint.layer, layers: hint.layers, paths: hint.paths});

// The same image read both ways: streamed (every file hashed) and from disk (only what a comparison needs hashed).
const paths = ['streamed', 'seekable'] as const;
const analyses = new Map<string, Analysis>();
let cleanup: (() => Promise<void>) | undefined;

beforeAll(async () => {
	analyses.set('streamed', await analyzeBuffer(await buildImageArchive(wasteImage, 'docker-oci')));
	const written = await writeTempImage(wasteImage, 'docker-oci');
	cleanup = written.cleanup;
	analyses.set('seekable', await analyzePath(written.path));
});
afterAll(async () => cleanup?.());

describe.each(paths)('hints on a built image (%s)', way => {
	const analysis = () => analyses.get(way)!;

	test('chmod-only, chown-only and touch-only rewrites are metadata-rewrite, one per rewriting layer', () => {
		const hints = ofKind(analysis(), 'metadata-rewrite');
		expect(hints.map(brief).sort((a, b) => a.layer - b.layer)).toEqual([
			{bytes: 2000, layer: 1, layers: [0, 1], paths: ['/etc/app.conf']},
			{bytes: 2000, layer: 2, layers: [0, 2], paths: ['/etc/owned.conf']},
			{bytes: 2000, layer: 3, layers: [0, 3], paths: ['/etc/touched.conf']},
		]);
		const byLayer = new Map(hints.map(hint => [hint.layer, hint]));
		expect(byLayer.get(1)!.message).toContain('only its mode changed');
		expect(byLayer.get(1)!.fix).toContain('--chmod');
		expect(byLayer.get(2)!.message).toContain('only its owner changed');
		expect(byLayer.get(2)!.fix).toContain('--chown');
		expect(byLayer.get(3)!.message).toContain('only the timestamp');
		expect(byLayer.get(1)!.message).toContain('RUN chmod 0600 /etc/app.conf');
	});

	test('a file re-stored with different content (same size) is overwritten, not metadata-rewrite', () => {
		expect(ofKind(analysis(), 'overwritten').map(brief)).toEqual([{bytes: 3000, layer: 0, layers: [0, 7], paths: ['/srv/data.txt']}]);
		expect(ofKind(analysis(), 'metadata-rewrite').flatMap(hint => hint.paths)).not.toContain('/srv/data.txt');
	});

	test('a key added in one layer and deleted in the next, and a file deleted later, are deleted-later naming the creating command', () => {
		const hints = ofKind(analysis(), 'deleted-later').sort((a, b) => a.layer - b.layer);
		expect(hints.map(brief)).toEqual([
			{bytes: pemKey.length, layer: 4, layers: [4, 5], paths: ['/root/.ssh/id_rsa']},
			{bytes: 10000, layer: 8, layers: [8, 9], paths: ['/tmp/build.tar']},
		]);
		expect(hints[1]!.message).toContain('Layer 8 (COPY assets/ /srv/)');
		expect(hints[1]!.message).toContain('layer 9 (RUN rm /tmp/build.tar)');
	});

	test('secrets: the deleted key, a PEM key by content, an .env with a token; not .env.example, not a certificate', () => {
		const hints = ofKind(analysis(), 'secret');
		expect(hints.map(hint => hint.paths[0]).sort()).toEqual(['/root/.ssh/id_rsa', '/srv/app/.env', '/srv/tls/server.key']);
		expect(hints.every(hint => hint.severity === 'high')).toBe(true);
		const key = hints.find(hint => hint.paths[0] === '/root/.ssh/id_rsa')!;
		expect(key).toMatchObject({layer: 4, layers: [4, 5], bytes: pemKey.length});
		expect(key.message).toContain('layer 5 deletes it, but that does not remove it from layer 4');
		expect(hints.find(hint => hint.paths[0] === '/srv/tls/server.key')).toMatchObject({bytes: tlsKey.length, layer: 4});
		expect(hints.find(hint => hint.paths[0] === '/srv/app/.env')!.message).toContain('in the final image');
		expect(hints.find(hint => hint.paths[0] === '/srv/app/.env')!.bytes).toBe(envWithToken.length);
	});

	test('identical content at two paths and a hard link broken into a copy are duplicate-content; a real hard link and files under 1 KiB are not', () => {
		const hints = ofKind(analysis(), 'duplicate-content').sort((a, b) => a.bytes - b.bytes);
		expect(hints.map(brief)).toEqual([
			{bytes: 4096, layer: 8, layers: [8], paths: ['/srv/a.bin', '/srv/b.bin']},
			{bytes: 5000, layer: 6, layers: [0, 6], paths: ['/opt/tool.bin', '/usr/bin/tool-copy']},
		]);
		expect(hints.flatMap(hint => hint.paths)).not.toContain('/srv/x.txt');
		expect(hints.flatMap(hint => hint.paths)).not.toContain('/opt/tool-link');
		expect(hints.flatMap(hint => hint.paths)).not.toContain('/srv/p.bin');
	});

	test('apt lists left behind are a package-cache hint with the apt fix', () => {
		const [hint, ...rest] = ofKind(analysis(), 'package-cache');
		expect(rest).toEqual([]);
		expect(brief(hint!)).toEqual({bytes: 4000, layer: 0, layers: [0], paths: ['/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease']});
		expect(hint!.fix).toContain('rm -rf /var/lib/apt/lists/*');
	});

	test('totals per kind count each copy once; the hidden-copy kinds add up to the reclaimable bytes', () => {
		const {totals, savableBytes} = analysis().hints;
		expect(totals).toEqual({
			secret: pemKey.length + tlsKey.length + envWithToken.length,
			'deleted-later': pemKey.length + 10000,
			overwritten: 3000,
			'metadata-rewrite': 6000,
			'duplicate-content': 4096 + 5000,
			'package-cache': 4000,
		});
		expect(totals['deleted-later'] + totals.overwritten + totals['metadata-rewrite']).toBe(analysis().image.reclaimableBytes);
		// Redundant duplicates and the cache are in the final filesystem, so they add to what the hidden copies free.
		expect(savableBytes).toBe(analysis().image.reclaimableBytes + 4096 + 5000 + 4000);
	});

	test('hints come largest first', () => {
		const bytes = analysis().hints.hints.map(hint => hint.bytes);
		expect(bytes).toEqual([...bytes].sort((a, b) => b - a));
	});
});
