import {expect, test} from 'vitest';
import type {LoadedImage} from '../../src/loader/load-image.js';
import {describeWithFixtures} from '../helpers/fixtures.js';
import {loadPath} from '../helpers/load-fixture.js';

async function read(loaded: LoadedImage, layer: number, path: string): Promise<string> {
	let text = '';
	await loaded.content.forEachEntry(layer, candidate => candidate === path, async (_entry, body) => {
		for await (const chunk of body) text += (chunk as Buffer).toString('utf8');
	});
	return text;
}

describeWithFixtures('file content read back on demand', () => {
	for (const archive of ['real/small-app.oci-archive.gzip.tar', 'real/small-app.docker-archive.tar', 'real/small-app.oci-archive.zstd.tar']) {
		test(`${archive}: straight from the layer's blob (seekable) and by scanning the archive give the same bytes`, async () => {
			const direct = await loadPath(archive);
			const scanned = await loadPath(archive, {streaming: true});
			// Layer 2 rewrote notes.txt with 1000 numbered lines; layer 11 added the UTF-8 name.
			const notes = await read(direct, 2, 'srv/docs/notes.txt');
			expect(notes.split('\n')[999]).toBe('revision 2, line 1000');
			expect(await read(scanned, 2, 'srv/docs/notes.txt')).toBe(notes);
			expect(await read(direct, 11, 'srv/names/ünïcødé-文件.txt')).toBe('utf8\n');
			expect(await read(scanned, 11, 'srv/names/ünïcødé-文件.txt')).toBe('utf8\n');
		});
	}
});
