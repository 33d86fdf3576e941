import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {buildImageArchive, dir, file, readTar} from '../helpers/image-builder.js';
import {errorLine, runCli} from '../helpers/run-cli.js';

const work = mkdtempSync(path.join(tmpdir(), 'layerlens-fifo-'));

/** An OCI layout directory (an OCI archive unpacked), and the path of its largest blob (the layer). */
async function layoutDirectory(name: string): Promise<{root: string; layer: string}> {
	const archive = await buildImageArchive({layers: [{createdBy: 'ADD', entries: [dir('etc/'), file('etc/hosts', 'x'.repeat(3000))]}]}, 'oci-archive', {compression: 'gzip'});
	const root = path.join(work, name);
	let layer = {name: '', size: -1};
	for (const entry of await readTar(archive)) {
		const target = path.join(root, entry.name);
		if (entry.type === 'directory') {
			mkdirSync(target, {recursive: true});
			continue;
		}
		mkdirSync(path.dirname(target), {recursive: true});
		writeFileSync(target, entry.data);
		if (entry.name.startsWith('blobs/') && entry.data[0] === 0x1f && entry.data.length > layer.size) layer = {name: entry.name, size: entry.data.length};
	}
	return {root, layer: layer.name};
}

describe('an OCI layout directory whose blob is not a regular file is refused before anything opens it', () => {
	test('the unchanged directory loads (the cases below differ from it in one blob)', async () => {
		const {root} = await layoutDirectory('good');
		const run = await runCli(['--json', path.join(work, 'good.json'), root]);
		expect(run.code, run.stderr).toBe(0);
	});

	test('a FIFO blob', async () => {
		const {root, layer} = await layoutDirectory('fifo');
		rmSync(path.join(root, layer));
		execFileSync('mkfifo', [path.join(root, layer)]);
		const run = await runCli(['--json', path.join(work, 'fifo.json'), root], {timeoutMs: 20_000});
		expect(run.code).toBe(2);
		expect(errorLine(run)).toBe(`layerlens: ${root}: ${layer} is not a regular file (a FIFO)`);
	});

	test('a blob that is a symlink to a FIFO', async () => {
		const {root, layer} = await layoutDirectory('fifo-link');
		rmSync(path.join(root, layer));
		const fifo = path.join(work, 'outside-fifo');
		execFileSync('mkfifo', [fifo]);
		symlinkSync(fifo, path.join(root, layer));
		const run = await runCli(['--json', path.join(work, 'fifo-link.json'), root], {timeoutMs: 20_000});
		expect(run.code).toBe(2);
		expect(errorLine(run)).toBe(`layerlens: ${root}: ${layer} is not a regular file (a FIFO)`);
		expect(readdirSync(work)).not.toContain('fifo-link.json');
	});

	test('a blob that is a dangling symlink', async () => {
		const {root, layer} = await layoutDirectory('dangling');
		rmSync(path.join(root, layer));
		symlinkSync(path.join(work, 'nowhere'), path.join(root, layer));
		const run = await runCli(['--json', path.join(work, 'dangling.json'), root], {timeoutMs: 20_000});
		expect(run.code).toBe(2);
		expect(errorLine(run)).toBe(`layerlens: ${root}: ${layer} is a symbolic link that cannot be followed (ENOENT)`);
	});
});
