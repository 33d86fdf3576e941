import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {gunzipSync, gzipSync} from 'node:zlib';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {openSavedAnalysis} from '../../src/cli/open-image.js';
import {InputError} from '../../src/loader/errors.js';
import {analyze} from '../../src/core/analyze.js';
import type {ImageModel} from '../../src/core/model.js';
import {toDiveExport} from '../../src/export/dive-export.js';
import {marshalIndent} from '../../src/export/marshal-indent.js';
import {withAllDigests} from '../../src/loader/fill-digests.js';
import {savedContent} from '../../src/saved/saved-content.js';
import {savedSourceOf} from '../../src/saved/write-saved.js';
import type {SavedSource} from '../../src/saved/saved-format.js';
import {describeWithFixtures, fixturePath} from '../helpers/fixtures.js';
import {assembleSchema3, restWithBadReference, schema2File, schema3Parts, withBadReference} from '../helpers/saved-files.js';
import {loadPath} from '../helpers/load-fixture.js';
import {errorLine, runCli} from '../helpers/run-cli.js';

const fixture = 'real/small-app.oci-archive.uncompressed.tar';

/** A schema 1 file as layerlens 0.1 wrote it: gzip'd JSON lines (header, image, entry tuples in chunks, end record). */
function schema1(model: ImageModel, source: SavedSource): Buffer {
	const {layers, ...image} = model;
	const lines: unknown[] = [
		{format: 'layerlens-saved-analysis', schemaVersion: 1, writer: 'layerlens 0.1.0', savedAt: '2026-12-01T00:00:00.000Z'},
		{...image, source, layers: layers.map(({entries, ...layer}) => ({...layer, entryCount: entries.length}))},
		...layers.map(layer => ({layer: layer.index, entries: layer.entries.map(e => [e.path, e.typeFlag, e.size, e.mode, e.uid, e.gid, e.linkTarget, e.digest])})),
		{end: true, entryCount: layers.reduce((sum, layer) => sum + layer.entries.length, 0)},
	];
	return gzipSync(lines.map(line => `${JSON.stringify(line)}\n`).join(''));
}

/** A schema 2 file taken apart: the header line, the manifest, the data after it (its members' contents follow one another). */
function parts(file: Buffer): {header: string; manifest: Record<string, unknown>; data: Buffer} {
	const raw = gunzipSync(file);
	const first = raw.indexOf(10);
	const second = raw.indexOf(10, first + 1);
	return {header: raw.toString('utf8', 0, first), manifest: JSON.parse(raw.toString('utf8', first + 1, second)) as Record<string, unknown>, data: raw.subarray(second + 1)};
}

/** A file put back together as the writer would: the header's `bytes` counts what follows it, the data starts aligned. */
function assemble(header: string, manifest: unknown, data: Buffer): Buffer {
	const line = JSON.stringify(manifest);
	for (let bytes = 0; ; ) {
		const head = JSON.stringify({...(JSON.parse(header) as object), bytes});
		const end = Buffer.byteLength(head) + 1 + Buffer.byteLength(line) + 1;
		const padded = `${line}${' '.repeat((8 - (end % 8)) % 8)}\n`;
		if (Buffer.byteLength(padded) + data.length === bytes) return Buffer.concat([gzipSync(`${head}\n`), gzipSync(Buffer.concat([Buffer.from(padded), data]))]);
		bytes = Buffer.byteLength(padded) + data.length;
	}
}

describeWithFixtures('saved analysis schemas', () => {
	let dir = '';
	let saved = '';
	beforeAll(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'layerlens-saved-schemas-'));
		saved = path.join(dir, 'app.lla');
		const run = await runCli(['-q', '--save', saved, fixturePath(fixture)]);
		expect(run.code).toBe(0);
	});
	afterAll(async () => {
		await rm(dir, {recursive: true, force: true});
	});

	test('--save writes schema 3: the front part holds what the first screen shows, the rest part the entries, changes and final filesystem', async () => {
		const file = await readFile(saved);
		const {header, manifest, front, rest} = schema3Parts(file);
		expect(header).toMatchObject({format: 'layerlens-saved-analysis', schemaVersion: 3, restBytes: rest.length});
		const names = (sections: unknown) => (sections as Array<[string]>).map(([name]) => name);
		expect(names(manifest['sections'])).toEqual([
			'hidden.path',
			'hidden.bytes',
			'hidden.hiddenBy',
			'inefficiency.path',
			'inefficiency.count',
			'inefficiency.cumulativeBytes',
			'reclaimable.path',
			'reclaimable.copies',
			'reclaimable.bytes',
			'hint.path',
			'string.length',
		]);
		const restPart = manifest['rest'] as {sections: unknown; textBytes: number};
		expect(names(restPart.sections)).toEqual([
			'entry.path',
			'entry.type',
			'entry.typeFlag',
			'entry.size',
			'entry.mode',
			'entry.uid',
			'entry.gid',
			'entry.linkTarget',
			'entry.digest',
			'change.path',
			'change.kind',
			'change.type',
			'change.size',
			'change.mode',
			'change.uid',
			'change.gid',
			'change.linkTarget',
			'change.fields',
			'final.path',
			'final.type',
			'final.size',
			'final.layer',
			'string.length',
		]);
		// Each part's text is its own string table: the front's holds the hidden files' paths, not the digests.
		expect(front.toString('utf8', 0, manifest['textBytes'] as number)).toContain('/etc/app/obsolete.txt');
		expect(front.toString('utf8', 0, manifest['textBytes'] as number)).not.toMatch(/[0-9a-f]{16}/);
		expect(rest.toString('utf8', 0, restPart.textBytes)).toMatch(/[0-9a-f]{16}/);
		const reopened = (await openSavedAnalysis(saved))!;
		expect(reopened.analysis).toBeDefined();
		expect(reopened.analysis!.model).toBe(reopened.model);
		// Put back together by the README's description, the file reads the same.
		const again = path.join(dir, 'again3.lla');
		await writeFile(again, assembleSchema3({header, manifest, front, rest}));
		expect((await runCli(['-q', '--json', '-', again])).stdout).toBe((await runCli(['-q', '--json', '-', saved])).stdout);
	});

	test('a schema 2 file, as the previous layerlens wrote it, is still read: the same analysis and export', async () => {
		const old = (await openSavedAnalysis(schema2File))!;
		const current = (await openSavedAnalysis(saved))!;
		expect(old.analysis).toEqual(current.analysis);
		const run = await runCli(['-q', '--json', '-', schema2File]);
		expect(run.code).toBe(0);
		expect(run.stdout).toBe((await runCli(['-q', '--json', '-', saved])).stdout);
	});

	test('a schema 1 file is still read: its model is analysed to the live numbers', async () => {
		const live = await loadPath(fixture);
		const complete = await withAllDigests(live.model, live.content);
		const old = path.join(dir, 'old.lla');
		await writeFile(old, schema1(complete, await savedSourceOf(live.source, live.locations)));
		const reopened = (await openSavedAnalysis(old))!;
		expect(reopened.analysis).toBeUndefined();
		expect(marshalIndent(toDiveExport(analyze(reopened.model)))).toBe(marshalIndent(toDiveExport(analyze(live.model))));
		const run = await runCli(['-q', '--json', '-', old]);
		expect(run.code).toBe(0);
		const fromNew = await runCli(['-q', '--json', '-', saved]);
		expect(run.stdout).toBe(fromNew.stdout);
		// Saved again, it becomes schema 3 and still reads file content from the original archive.
		const again = path.join(dir, 'again.lla');
		expect((await runCli(['-q', '--save', again, old])).code).toBe(0);
		const upgraded = (await openSavedAnalysis(again))!;
		expect(upgraded.analysis).toBeDefined();
		expect(upgraded.content.available).toBe(true);
	});

	test('damaged schema 2 files: one line each, exit 2', async () => {
		const {header, manifest, data} = parts(await readFile(schema2File));
		const sections = manifest['sections'] as Array<[string, string, number]>;
		expect(sections[0]![0]).toBe('entry.path');
		expect(sections[0]![1]).not.toBe('u8');
		const badRef = Buffer.from(data);
		// The first entry's path: a reference far past the string table.
		const first = Math.ceil((manifest['textBytes'] as number) / 8) * 8;
		badRef.fill(0xff, first, first + (sections[0]![1] === 'u16' ? 2 : 4));
		const {hints: _hints, ...noHints} = manifest;
		const cases: Array<[string, Buffer, string]> = [
			['short', assemble(header, {...manifest, textBytes: (manifest['textBytes'] as number) + 64}, data), 'truncated saved analysis (the data ends early)'],
			['long', assemble(header, manifest, Buffer.concat([data, Buffer.alloc(8)])), 'corrupt saved analysis: data after the last section'],
			['ref', assemble(header, manifest, badRef), 'corrupt saved analysis: the section entry.path refers past the string table'],
			['manifest', assemble(header, noHints, data), 'corrupt saved analysis: the manifest record is incomplete'],
			['count', assemble(header, {...manifest, summary: {...(manifest['summary'] as object), finalFileCount: 1}}, data), 'corrupt saved analysis: the final file count does not match the final filesystem'],
		];
		for (const [name, bytes, message] of cases) {
			const file = path.join(dir, `${name}.lla`);
			await writeFile(file, bytes);
			const run = await runCli(['--json', '/dev/null', file]);
			expect(run.code, name).toBe(2);
			expect(errorLine(run), name).toBe(`layerlens: ${file}: ${message}`);
		}
	});

	test('damaged schema 3 files, in either part: one line each, exit 2', async () => {
		const file = schema3Parts(await readFile(saved));
		const {manifest, front, rest} = file;
		const restPart = manifest['rest'] as {textBytes: number};
		const {hints: _hints, ...noHints} = manifest;
		const cases: Array<[string, Buffer, string]> = [
			['front-short', assembleSchema3({...file, manifest: {...manifest, textBytes: (manifest['textBytes'] as number) + 64}}), 'truncated saved analysis (the data ends early)'],
			['front-long', assembleSchema3({...file, front: Buffer.concat([front, Buffer.alloc(8)])}), 'corrupt saved analysis: data after the last section'],
			['rest-short', assembleSchema3({...file, manifest: {...manifest, rest: {...restPart, textBytes: restPart.textBytes + 64}}}), 'truncated saved analysis (the data ends early)'],
			['rest-long', assembleSchema3({...file, rest: Buffer.concat([rest, Buffer.alloc(8)])}), 'corrupt saved analysis: data after the last section'],
			['ref', assembleSchema3({...file, rest: restWithBadReference(file)}), 'corrupt saved analysis: the section entry.path refers past the string table'],
			// A list the explorer never reads (made when first read) is still checked on open.
			[
				'front-ref',
				assembleSchema3({...file, front: withBadReference(front, manifest as never, 'reclaimable.path')}),
				'corrupt saved analysis: the section reclaimable.path refers past the string table',
			],
			['manifest', assembleSchema3({...file, manifest: noHints}), 'corrupt saved analysis: the manifest record is incomplete'],
			['count', assembleSchema3({...file, manifest: {...manifest, summary: {...(manifest['summary'] as object), finalFileCount: 1}}}), 'corrupt saved analysis: the final file count does not match the final filesystem'],
			['header', assembleSchema3(file, {frontGzipBytes: 'x'}), 'corrupt saved analysis: the header record is incomplete'],
			['rest-missing', assembleSchema3(file, {frontGzipBytes: 1e6}), 'truncated saved analysis (the data ends early)'],
		];
		for (const [name, bytes, message] of cases) {
			const target = path.join(dir, `${name}.lla`);
			await writeFile(target, bytes);
			const run = await runCli(['--json', '/dev/null', target]);
			expect(run.code, name).toBe(2);
			expect(errorLine(run), name).toBe(`layerlens: ${target}: ${message}`);
		}
	});

	test('opened early (the explorer), the first screen\'s part is there before the rest is read; damage in the rest comes from complete()', async () => {
		const full = (await openSavedAnalysis(saved))!;
		const early = (await openSavedAnalysis(saved, {early: true}))!;
		expect(early.complete).toBeDefined();
		await early.complete!();
		expect(early.analysis).toEqual(full.analysis);
		// Without `early` nothing is left for later.
		expect(full.complete).toBeUndefined();

		const file = schema3Parts(await readFile(saved));
		const damaged = path.join(dir, 'damaged-rest.lla');
		await writeFile(damaged, assembleSchema3({...file, rest: restWithBadReference(file)}));
		const opened = (await openSavedAnalysis(damaged, {early: true}))!;
		const {image, layers, inefficiencies, hints} = opened.analysis!;
		expect(image.layerCount).toBe(12);
		expect(layers.map(layer => layer.hidden.length)).toEqual(full.analysis!.layers.map(layer => layer.hidden.length));
		expect(inefficiencies).toEqual(full.analysis!.inefficiencies);
		expect(hints).toEqual(full.analysis!.hints);
		const problem = await opened.complete!().then(
			() => undefined,
			(error: unknown) => error,
		);
		expect(problem).toBeInstanceOf(InputError);
		expect((problem as InputError).message).toBe('corrupt saved analysis: the section entry.path refers past the string table');
		expect((problem as InputError).input).toBe(damaged);
		await expect(openSavedAnalysis(damaged)).rejects.toThrow('corrupt saved analysis: the section entry.path refers past the string table');
	});

	test('content of an analysis saved from a registry or an engine: the message says how to open the image live', async () => {
		const live = await loadPath(fixture);
		const source = (kind: SavedSource['kind'], display: string): SavedSource => ({display, kind, path: '', size: 0, mtimeMs: 0, locations: []});
		const registry = await savedContent(source('registry', 'registry://127.0.0.1:5000/app:1.4'), live.model, process.stdin);
		expect(registry.available).toBe(false);
		expect(registry.unavailableReason).toBe(
			"the analysis was saved from registry://127.0.0.1:5000/app:1.4 and holds no file content: open the image live with 'layerlens registry://127.0.0.1:5000/app:1.4'",
		);
		const bare = await savedContent(source('registry', 'ghcr.io/acme/app:1.4'), live.model, process.stdin);
		expect(bare.unavailableReason).toContain("'layerlens registry://ghcr.io/acme/app:1.4'");
		const engine = await savedContent(source('engine', 'docker://app:1.4'), live.model, process.stdin);
		expect(engine.unavailableReason).toContain("open the image live with 'layerlens docker://app:1.4'");
		const stdin = await savedContent(source('stdin', 'stdin'), live.model, process.stdin);
		expect(stdin.unavailableReason).toBe(
			"the analysis was saved from stdin, which cannot be read again: save it from an archive file ('layerlens --save PATH ARCHIVE') to view and extract files later",
		);
	});
});
