import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect, test} from 'vitest';
import {compareLoaded} from '../../src/cli/compare-inputs.js';
import {describeWithFixtures, fixturePath} from '../helpers/fixtures.js';
import {loadPath} from '../helpers/load-fixture.js';
import {errorLine, runCli} from '../helpers/run-cli.js';

const smallApp = [
	'small-app.docker-archive.tar',
	'small-app.docker-save.tar',
	'small-app.containerd-export.uncompressed.tar',
	'small-app.containerd-export.gzip.tar',
	'small-app.oci-archive.gzip.tar',
	'small-app.oci-archive.uncompressed.tar',
	'small-app.oci-archive.zstd.tar',
	'small-app.docker-archive.tar.gz',
];

describeWithFixtures('diff on the real fixtures', () => {
	test.each(smallApp)('small-app as %s against the docker-archive: no differences, every layer shared', async name => {
		const before = await loadPath('real/small-app.docker-archive.tar');
		const after = await loadPath(`real/${name}`);
		const {comparison} = await compareLoaded({loaded: before, spec: 'a'}, {loaded: after, spec: name}, 3);
		expect(comparison.files).toEqual([]);
		expect(comparison.layers.shared).toHaveLength(12);
		expect(comparison.layers.added).toEqual([]);
		expect(comparison.layers.removed).toEqual([]);
		expect(comparison.delta.sizeBytes).toBe(0);
		expect(comparison.growth).toEqual([]);
		expect(comparison.differ).toBe(false);
	});

	test('multi-a and multi-b share their base layer; only the top layers differ', async () => {
		const archive = 'real/multi-image.docker-archive.tar';
		const before = await loadPath(archive, {image: 'multi-a'});
		const after = await loadPath(archive, {image: 'multi-b:1.0'});
		const {comparison} = await compareLoaded({loaded: before, spec: 'a'}, {loaded: after, spec: 'b'}, 3);
		expect(comparison.layers.shared.map(layer => [layer.oldIndex, layer.newIndex])).toEqual([[0, 0]]);
		expect(comparison.layers.shared[0]!.digest).toBe(before.model.layers[0]!.diffId);
		expect(comparison.layers.added.map(layer => layer.index)).toEqual([1]);
		expect(comparison.layers.removed.map(layer => layer.index)).toEqual([1]);
		expect(comparison.differ).toBe(true);
	});

	test('layerlens diff --exit-code: 0 for the same image in two formats, 1 for different images; text names what is shared', async () => {
		const same = await runCli(['diff', '--exit-code', '-q', fixturePath('real/small-app.oci-archive.zstd.tar'), fixturePath('real/small-app.docker-save.tar')]);
		expect(same.code).toBe(0);
		expect(same.stdout).toContain('Layers: 12 shared, 0 added, 0 removed');
		expect(same.stdout).toContain('The images have the same layers and files.');
		const archive = fixturePath('real/multi-image.docker-archive.tar');
		const differ = await runCli(['diff', '--exit-code', '-q', '--old-image', 'multi-a', '--new-image', 'multi-b:1.0', archive, archive]);
		expect(differ.code).toBe(1);
		expect(differ.stdout).toContain('Layers: 1 shared, 1 added, 1 removed');
		const plain = await runCli(['diff', '-q', '--old-image', 'multi-a', '--new-image', 'multi-b:1.0', archive, archive]);
		expect(plain.code).toBe(0);
	});

	test('layerlens diff --json writes the documented document', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'layerlens-diff-'));
		try {
			const out = path.join(dir, 'diff.json');
			const archive = fixturePath('real/multi-image.docker-archive.tar');
			const run = await runCli(['diff', '-q', '--json', out, '--depth', '1', '--old-image', 'multi-a', '--new-image', 'multi-b:1.0', archive, archive]);
			expect(run.code).toBe(0);
			expect(run.stdout).toBe('');
			const doc = JSON.parse(await readFile(out, 'utf8'));
			expect(Object.keys(doc)).toEqual(['schemaVersion', 'differ', 'old', 'new', 'delta', 'layers', 'files', 'growth']);
			expect(doc.schemaVersion).toBe(1);
			expect(doc.new.sizeBytes - doc.old.sizeBytes).toBe(doc.delta.sizeBytes);
			expect(doc.layers.shared).toHaveLength(1);
			expect(doc.growth.depth).toBe(1);
			for (const dir of doc.growth.directories) expect(dir.path.split('/').filter(Boolean).length).toBeLessThanOrEqual(1);
			const deltas = doc.files.list.reduce((sum: number, file: {byteDelta: number}) => sum + file.byteDelta, 0);
			const growth = doc.growth.directories.reduce((sum: number, dir: {delta: number}) => sum + dir.delta, 0);
			expect(growth).toBe(deltas);
		} finally {
			await rm(dir, {recursive: true, force: true});
		}
	});

	test('diff errors: one line naming the side, exit 2', async () => {
		const run = await runCli(['diff', fixturePath('real/small-app.docker-save.tar'), '/nonexistent/new.tar']);
		expect(run.code).toBe(2);
		expect(errorLine(run)).toBe('layerlens: /nonexistent/new.tar: no such file or directory');
		const usage = await runCli(['diff', 'only-one.tar']);
		expect(usage.code).toBe(2);
		expect(usage.stderr.split('\n')[0]).toBe('layerlens: diff needs two images: layerlens diff <old> <new>');
		const depth = await runCli(['diff', '--depth', 'x', 'a', 'b']);
		expect(depth.code).toBe(2);
	});
});
