import {createReadStream, mkdirSync, createWriteStream, renameSync, symlinkSync} from 'node:fs';
import path from 'node:path';
import {pipeline} from 'node:stream/promises';
import {extract} from 'tar-stream';
import {expect, test} from 'vitest';
import {tempDir} from '../helpers/temp-dir.js';
import {describeWithFixtures, fixturePath} from '../helpers/fixtures.js';
import {analyzePath} from '../helpers/load-fixture.js';

/** Unpacks an OCI archive into a plain directory: what `skopeo copy … oci:dir` leaves on disk. */
async function unpack(archive: string): Promise<string> {
	const target = tempDir('layerlens-layout-');
	const parser = extract();
	const reading = pipeline(createReadStream(archive), parser);
	for await (const entry of parser) {
		const destination = path.join(target, path.normalize(entry.header.name).replace(/^(\.\.(\/|$))+/, ''));
		if (entry.header.type === 'directory') {
			mkdirSync(destination, {recursive: true});
			entry.resume();
			continue;
		}
		mkdirSync(path.dirname(destination), {recursive: true});
		await pipeline(entry, createWriteStream(destination));
	}
	await reading;
	return target;
}

describeWithFixtures('OCI image layout directories', () => {
	test('a layout directory reads like the archive it came from', async () => {
		const archive = fixturePath('real/small-app.oci-archive.gzip.tar');
		const directory = await unpack(archive);
		const fromDirectory = await analyzePath(directory);
		const fromArchive = await analyzePath(archive);
		expect(fromDirectory.image.format).toBe('oci-layout-dir');
		expect(fromDirectory.layers).toEqual(fromArchive.layers);
		expect({...fromDirectory.image, format: '', name: ''}).toEqual({...fromArchive.image, format: '', name: ''});
	});

	test('a multi-platform layout directory needs --platform', async () => {
		const directory = await unpack(fixturePath('real/small-multiarch.oci-archive.tar'));
		await expect(analyzePath(directory)).rejects.toThrow(/--platform/);
		const arm = await analyzePath(directory, {platform: 'linux/arm64'});
		expect(arm.layers[1]!.changes.map(change => change.path)).toContain('/opt/arm64/lib/extra.txt');
	});

	test('blobs/ (or blobs/sha256/) as a symbolic link to a shared blob store reads like the plain layout', async () => {
		const archive = fixturePath('real/small-app.oci-archive.gzip.tar');
		const fromArchive = await analyzePath(archive);
		const linkedBlobs = await unpack(archive);
		renameSync(path.join(linkedBlobs, 'blobs'), path.join(linkedBlobs, 'store'));
		symlinkSync('store', path.join(linkedBlobs, 'blobs'));
		const linkedAlgorithm = await unpack(archive);
		renameSync(path.join(linkedAlgorithm, 'blobs/sha256'), path.join(linkedAlgorithm, 'sha256-store'));
		symlinkSync('../sha256-store', path.join(linkedAlgorithm, 'blobs/sha256'));
		for (const directory of [linkedBlobs, linkedAlgorithm]) {
			const fromDirectory = await analyzePath(directory);
			expect(fromDirectory.layers).toEqual(fromArchive.layers);
		}
	});

	test('links that would walk far (to /, to the layout itself, in a loop) are not followed past the layout\'s depth', async () => {
		const archive = fixturePath('real/small-app.oci-archive.gzip.tar');
		const fromArchive = await analyzePath(archive);
		const directory = await unpack(archive);
		symlinkSync('/', path.join(directory, 'root-link'));
		symlinkSync('..', path.join(directory, 'blobs/sha256/up'));
		mkdirSync(path.join(directory, 'blobs/sha256/nested/deeper'), {recursive: true});
		symlinkSync('/proc', path.join(directory, 'blobs/sha256/nested/deeper/proc'));
		expect((await analyzePath(directory)).layers).toEqual(fromArchive.layers);
	});
});
