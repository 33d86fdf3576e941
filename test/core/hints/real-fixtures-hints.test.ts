import {expect, test} from 'vitest';
import type {Analysis} from '../../../src/core/analysis-types.js';
import {describeWithFixtures} from '../../helpers/fixtures.js';
import {analyzePath} from '../../helpers/load-fixture.js';

const summary = (analysis: Analysis) =>
	analysis.hints.hints.map(hint => `${hint.kind} ${hint.bytes} L${hint.layer} [${hint.layers.join(',')}] ${hint.paths.join(' ')}`).sort();

// What real/README.md describes for small-app, with the sizes of real/small-app.layers.tsv.
const smallApp = [
	'deleted-later 1048576 L9 [9,10] /tmp/download/blob.bin', // COPY blob.bin, then RUN rm: "its 1 MiB is wasted space"
	'duplicate-content 1048576 L9 [1,9] /opt/data/blob.bin /tmp/download/blob.bin', // "the same 1 MiB content as /opt/data/blob.bin, at a new path"
	'overwritten 20480 L1 [1,2] /srv/docs/notes.txt', // "same path, new content (20480 -> 20893 bytes)"
	'deleted-later 75 L1 [1,6] /usr/share/sample-doc/changelog.txt /usr/share/sample-doc/copyright.txt /usr/share/sample-doc/examples/example.conf', // 30 + 30 + 15
	'deleted-later 67 L1 [1,7] /opt/app/run.sh /opt/app/lib/util.sh /opt/app/VERSION', // opaque opt/app: 40 + 21 + 6
	'deleted-later 38 L1 [1,5] /etc/app/obsolete.txt',
	'metadata-rewrite 36 L4 [1,4] /etc/app/settings.conf', // chown only: "the whole file is in the layer again"
	'metadata-rewrite 33 L3 [1,3] /etc/app/config.ini', // chmod only
].sort();

describeWithFixtures('the hints the real fixtures imply (real/README.md)', () => {
	for (const archive of ['small-app.docker-archive.tar', 'small-app.oci-archive.zstd.tar', 'small-app.docker-archive.tar.gz']) {
		test(`small-app: ${archive}`, async () => {
			const analysis = await analyzePath(`real/${archive}`);
			expect(summary(analysis)).toEqual(smallApp);
			const byPath = new Map(analysis.hints.hints.map(hint => [hint.paths[0], hint]));
			expect(byPath.get('/etc/app/config.ini')!.message).toContain('only its mode changed');
			expect(byPath.get('/etc/app/settings.conf')!.message).toContain('only its owner changed');
			expect(byPath.get('/tmp/download/blob.bin')!.message).toContain('RUN rm /tmp/download/blob.bin');
			expect(analysis.hints.totals['package-cache']).toBe(0);
			expect(analysis.hints.totals.secret).toBe(0);
		});
	}

	test('multi-image: multi-b deletes only a directory (no bytes), multi-a adds one file: no hints', async () => {
		expect(summary(await analyzePath('real/multi-image.docker-archive.tar', {image: 'multi-a:latest'}))).toEqual([]);
		expect(summary(await analyzePath('real/multi-image.docker-archive.tar', {image: 'multi-b:1.0'}))).toEqual([]);
	});

	test("dive's test image: its three inefficient files are re-stored copies", async () => {
		const analysis = await analyzePath('dive/test-docker-image.tar');
		const kinds = new Set(analysis.hints.hints.filter(hint => hint.kind !== 'duplicate-content').map(hint => hint.kind));
		expect([...kinds].every(kind => kind === 'deleted-later' || kind === 'overwritten' || kind === 'metadata-rewrite')).toBe(true);
		expect(analysis.hints.totals['deleted-later'] + analysis.hints.totals.overwritten + analysis.hints.totals['metadata-rewrite']).toBe(analysis.image.reclaimableBytes);
	});
});
