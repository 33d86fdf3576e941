import {afterEach, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {describeWithFixtures} from '../helpers/fixtures.js';
import {keys, press, waitForFrame} from '../helpers/press.js';
import {renderExplorer} from './render-explorer.js';

afterEach(() => cleanup());

const archives = [
	'dive/test-kaniko-image.tar',
	'dive/test-oci-uncompressed-image.tar',
	'dive/test-oci-gzip-image.tar',
	'dive/test-oci-zstd-image.tar',
	'dive/test-oci-estargz-image.tar',
	'real/small-app.docker-save.tar',
	'real/small-app.docker-archive.tar.gz',
	'real/small-app.oci-archive.zstd.tar',
	'real/small-app.containerd-export.gzip.tar',
];

describeWithFixtures('the explorer on every kind of archive the loader reads', () => {
	for (const archive of archives) {
		test(archive, async () => {
			const {stdin, frame} = await renderExplorer(archive);
			expect(frame()).toContain('Current Layer Contents');
			await press(stdin, keys.end, keys.ctrl('a'), keys.tab, 's', 'c', 'c', keys.down);
			expect(frame()).toContain('Aggregated Layer Contents');
			expect(frame()).toMatch(/by size/);
			// The file view reads from the archive whatever its layout and compression.
			await press(stdin, '/', '^/(etc/passwd|README\\.md)$', keys.enter);
			const selected = () => frame().split('\n').find(line => /▶[+~·-] /.test(line)) ?? '';
			for (let i = 0; i < 3 && !/▶[+~·] -r/.test(selected()); i++) await press(stdin, keys.down);
			expect(selected()).toMatch(/▶[+~·] -r.*── (passwd|README\.md)$/);
			await press(stdin, 'v');
			const view = await waitForFrame(frame, text => /as of layer/.test(text) && !text.includes('Reading from the archive'));
			expect(view).not.toMatch(/Cannot read|not found in layer/);
			await press(stdin, keys.escape, 'i');
			expect(frame()).toMatch(/History of \//);
		});
	}
});
