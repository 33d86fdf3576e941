import {copyFile, mkdtemp, readFile, rm, truncate, utimes, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {gzipSync} from 'node:zlib';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {openSavedAnalysis} from '../../src/cli/open-image.js';
import {describeWithFixtures, fixturePath} from '../helpers/fixtures.js';
import {errorLine, runCli} from '../helpers/run-cli.js';

describeWithFixtures('saved analysis: bad files and the original archive', () => {
	let dir = '';
	let archive = '';
	let saved = '';
	beforeAll(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'layerlens-saved-errors-'));
		archive = path.join(dir, 'app.tar');
		await copyFile(fixturePath('real/small-app.oci-archive.uncompressed.tar'), archive);
		saved = path.join(dir, 'app.lla');
		const run = await runCli(['--save', saved, archive]);
		expect(run.code).toBe(0);
		expect(run.stderr).toMatch(/Saved the analysis of .*app\.tar to .*app\.lla \(12 layers, 364 entries/);
	});
	afterAll(async () => {
		await rm(dir, {recursive: true, force: true});
	});

	test('a file written by a newer schema: one line, exit 2', async () => {
		const newer = path.join(dir, 'newer.lla');
		await writeFile(newer, gzipSync('{"format":"layerlens-saved-analysis","schemaVersion":4,"writer":"layerlens 9.0.0","savedAt":""}\n'));
		const run = await runCli(['--json', '-', newer]);
		expect(run.code).toBe(2);
		expect(errorLine(run)).toBe(`layerlens: ${newer}: saved by a newer layerlens (layerlens 9.0.0, schema 4; this one reads schema 3)`);
	});

	test('truncated, corrupt and garbled files: one line each, exit 2', async () => {
		const bytes = await readFile(saved);
		const cut = path.join(dir, 'cut.lla');
		await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
		const flipped = Buffer.from(bytes);
		for (let i = 200; i < 260; i++) flipped[i] = flipped[i]! ^ 0x55;
		const corrupt = path.join(dir, 'corrupt.lla');
		await writeFile(corrupt, flipped);
		const garbled = path.join(dir, 'garbled.lla');
		await writeFile(garbled, gzipSync('{"format":"layerlens-saved-analysis","schemaVersion":1,"writer":"x","savedAt":""}\n{"name": 3}\n'));
		const expectations: Array<[string, RegExp]> = [
			[cut, /^layerlens: .*cut\.lla: truncated saved analysis/],
			[corrupt, /^layerlens: .*corrupt\.lla: corrupt saved analysis/],
			[garbled, /^layerlens: .*garbled\.lla: corrupt saved analysis: the image record is incomplete$/],
		];
		for (const [file, expected] of expectations) {
			for (const mode of [['--json', '/dev/null'], ['--ci']]) {
				const run = await runCli([...mode, file]);
				expect(run.code, `${file} ${mode.join(' ')}`).toBe(2);
				expect(errorLine(run)).toMatch(expected);
				expect(errorLine(run).split('\n')).toHaveLength(1);
			}
		}
	}, 60_000);

	test('file content is read from the original archive while it is unchanged, and refused with the reason otherwise', async () => {
		const reopened = (await openSavedAnalysis(saved))!;
		expect(reopened.content.available).toBe(true);
		let text = '';
		const layer = reopened.model.layers.findIndex(l => l.entries.some(entry => entry.path === 'opt/app/x'));
		await reopened.content.forEachEntry(layer, p => p === 'opt/app/x', async (_entry, body) => {
			for await (const chunk of body) text += String(chunk);
		});
		expect(text).toBe('new\n');

		await utimes(archive, new Date(), new Date(Date.now() + 5000));
		const touched = (await openSavedAnalysis(saved))!;
		expect(touched.content.available).toBe(false);
		expect(touched.content.unavailableReason).toBe(`the original archive ${archive} has changed since the analysis was saved (size or modification time differ)`);

		await rm(archive);
		const gone = (await openSavedAnalysis(saved))!;
		expect(gone.content.available).toBe(false);
		expect(gone.content.unavailableReason).toBe(`the original archive ${archive} is gone`);
		// The numbers need no archive.
		const run = await runCli(['--json', '-', saved]);
		expect(run.code).toBe(0);
		expect(JSON.parse(run.stdout).image.layerCount).toBe(12);
	});

	test('a gzip\'d image archive is not taken for a saved analysis', async () => {
		expect(await openSavedAnalysis(fixturePath('real/small-app.docker-archive.tar.gz'))).toBeUndefined();
		const empty = path.join(dir, 'empty.lla');
		await writeFile(empty, '');
		await truncate(empty, 0);
		expect(await openSavedAnalysis(empty)).toBeUndefined();
	});
});
