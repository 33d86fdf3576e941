import {createReadStream, mkdirSync, createWriteStream} from 'node:fs';
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
});
