import {lstat, mkdir, mkdtemp, readFile, readlink, readdir, rm, stat, symlink, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {buildCompareTree} from '../../src/core/compare-tree.js';
import {analyze} from '../../src/core/analyze.js';
import {extractTree, ExtractError} from '../../src/extract/extract-tree.js';
import {describeWithFixtures} from '../helpers/fixtures.js';
import {loadPath} from '../helpers/load-fixture.js';
import type {NodeSpec} from '../helpers/tree-builder.js';
import {child, fakeContent, tree} from './fake-content.js';

let base: string;
let target: string;
let outside: string;

beforeEach(async () => {
	base = await mkdtemp(path.join(tmpdir(), 'layerlens-extract-'));
	target = path.join(base, 'target');
	outside = path.join(base, 'outside');
	await mkdir(target);
	await mkdir(outside);
});

afterEach(async () => {
	await rm(base, {recursive: true, force: true});
});

/** Every path under a directory, relative, sorted. */
async function listing(dir: string): Promise<string[]> {
	const out: string[] = [];
	const walk = async (at: string, rel: string) => {
		for (const name of (await readdir(at)).sort()) {
			const full = path.join(at, name);
			out.push(path.join(rel, name));
			const info = await lstat(full);
			if (info.isDirectory()) await walk(full, path.join(rel, name));
		}
	};
	await walk(dir, '');
	return out;
}

describe('extract', () => {
	test('writes a directory as of its tree: files from their own layers, modes, links; removed paths left out', async () => {
		const root = tree({
			app: {
				children: {
					'main.js': {size: 5, layer: 2, mode: 0o755},
					'old.js': {size: 3, layer: 1, diff: 'removed'},
					lib: {children: {'util.js': {size: 4, layer: 1}}},
					'current': {type: 'symlink', linkTarget: '/etc/passwd', layer: 2},
					'same.js': {type: 'hardlink', linkTarget: '/app/main.js', layer: 2},
					'fifo': {type: 'fifo', layer: 2},
				},
			},
		});
		const content = fakeContent({1: {'app/lib/util.js': 'util', 'app/old.js': 'old'}, 2: {'app/main.js': 'main!'}});
		const result = await extractTree(child(root, '/app'), content, target);
		expect(result.written).toBe(path.join(await realTarget(), 'app'));
		expect(await listing(target)).toEqual(['app', 'app/current', 'app/lib', 'app/lib/util.js', 'app/main.js', 'app/same.js']);
		expect(await readFile(path.join(target, 'app/main.js'), 'utf8')).toBe('main!');
		expect(await readFile(path.join(target, 'app/same.js'), 'utf8')).toBe('main!');
		expect((await stat(path.join(target, 'app/main.js'))).mode & 0o777).toBe(0o755);
		expect(await readlink(path.join(target, 'app/current'))).toBe('/etc/passwd');
		// A hard link is written as a hard link to the file already extracted: one inode, bytes written once.
		expect((await stat(path.join(target, 'app/same.js'))).ino).toBe((await stat(path.join(target, 'app/main.js'))).ino);
		expect(result).toMatchObject({files: 3, links: 1, bytes: 9});
		expect(result.skipped).toEqual([{path: '/app/fifo', reason: 'fifo not extracted'}]);
		expect(content.reads.sort()).toEqual([1, 2]);
	});

	test('hostile names never leave the target directory', async () => {
		const root = tree({
			top: {
				children: {
					'..': {children: {'escaped.txt': {size: 1}}},
					'.': {size: 1},
					'a/../../b': {size: 1},
					'ok.txt': {size: 2},
				},
			},
		});
		const content = fakeContent({0: {'top/ok.txt': 'ok', 'top/../escaped.txt': 'x', '..': 'x'}});
		const result = await extractTree(child(root, '/top'), content, target);
		expect(await listing(target)).toEqual(['top', 'top/ok.txt']);
		expect(await listing(base)).toEqual(['outside', 'target', 'target/top', 'target/top/ok.txt']);
		expect(result.skipped.map(item => item.reason)).toEqual(['unsafe name', 'unsafe name', 'unsafe name']);
		await expect(extractTree(tree({'..': {size: 1}}).children[0]!, content, target)).rejects.toThrow(ExtractError);
	});

	test('a symlink planted in the target is never followed', async () => {
		await symlink(outside, path.join(target, 'etc'));
		const root = tree({etc: {children: {passwd: {size: 4}}}});
		const result = await extractTree(child(root, '/etc'), fakeContent({0: {'etc/passwd': 'root'}}), target);
		expect(await readdir(outside)).toEqual([]);
		expect(result.files).toBe(0);
		expect(result.skipped[0]!.reason).toMatch(/symbolic link/);
	});

	test('an archive link followed by a file of the same name cannot redirect the write', async () => {
		// A lower layer's directory `d` replaced by a link to the outside, its old child still in the tree.
		const root = tree({top: {children: {d: {type: 'symlink', linkTarget: outside, children: {'x.txt': {size: 1}}}}}});
		const result = await extractTree(child(root, '/top'), fakeContent({0: {'top/d/x.txt': 'x'}}), target);
		expect(await readdir(outside)).toEqual([]);
		expect((await lstat(path.join(target, 'top/d'))).isDirectory()).toBe(true);
		expect(result.skipped.map(item => item.path)).toEqual(['/top/d']);
	});

	test('an existing file or link at a file’s spot is replaced, the link’s target untouched', async () => {
		await writeFile(path.join(outside, 'keep.txt'), 'keep');
		await symlink(path.join(outside, 'keep.txt'), path.join(target, 'a.txt'));
		const root = tree({'a.txt': {size: 3}});
		await extractTree(child(root, '/a.txt'), fakeContent({0: {'a.txt': 'new'}}), target);
		expect(await readFile(path.join(outside, 'keep.txt'), 'utf8')).toBe('keep');
		expect((await lstat(path.join(target, 'a.txt'))).isFile()).toBe(true);
		expect(await readFile(path.join(target, 'a.txt'), 'utf8')).toBe('new');
	});

	test('a tree deeper than the system allows: what fits is written, the first path that cannot is skipped once, saying why', async () => {
		// 1,500 nested `ddd` directories are 6,000 bytes of path, past Linux's PATH_MAX of 4096. Checking every prefix
		// of every directory from the top cost depth² system calls on growing paths: this extract did not end in minutes.
		let spec: NodeSpec = {children: {'deep.txt': {size: 1}}};
		for (let i = 0; i < 1500; i++) spec = {children: {ddd: spec}};
		const root = tree({top: {children: {...spec.children, 'near.txt': {size: 4}}}});
		const result = await extractTree(child(root, '/top'), fakeContent({0: {'top/near.txt': 'near'}}), target);
		expect(await readFile(path.join(target, 'top/near.txt'), 'utf8')).toBe('near');
		expect(result.files).toBe(1);
		expect(result.skipped).toHaveLength(1);
		expect(result.skipped[0]!.reason).toMatch(/^path too long \(\d+ bytes under the target; at most \d+ fit in 4096\)$/);
		const room = 4096 - 1 - Buffer.byteLength(await realTarget()) - 1;
		// `top`, then `/ddd` per level: every level that fits was made, and the skipped path is the first that does not.
		const fitting = Math.floor((room - 3) / 4);
		expect(result.dirs).toBe(1 + fitting);
		expect(result.skipped[0]!.path).toBe(`/top${'/ddd'.repeat(fitting + 1)}`);
	});

	test('content that cannot be read back is a clear error', async () => {
		const content = {available: false, unavailableReason: 'stdin was streamed once', forEachEntry: async () => {}};
		await expect(extractTree(child(tree({a: {size: 1}}), '/a'), content, target)).rejects.toThrow('stdin was streamed once');
	});
});

async function realTarget(): Promise<string> {
	const {realpath} = await import('node:fs/promises');
	return realpath(target);
}

describeWithFixtures('extract from test-docker-image.tar', () => {
	test('/root at the last layer, aggregated: every surviving file with its bytes, the removed example left out', async () => {
		const {model, content} = await loadPath('dive/test-docker-image.tar');
		const analysis = analyze(model);
		const root = buildCompareTree(analysis, 13, 'aggregated');
		const result = await extractTree(child(root, '/root'), content, target);
		expect(await listing(path.join(target, 'root'))).toEqual([
			'.data',
			'.data/saved.again2.txt',
			'.data/tag.sh',
			'.data/test.sh',
			'.saved.txt',
			'saved.txt',
		]);
		// /somefile.txt is dive's README (6405 bytes); saved.txt is a copy of it, chmod +x in the last layer.
		const saved = await stat(path.join(target, 'root/saved.txt'));
		expect(saved.size).toBe(6405);
		expect(saved.mode & 0o777).toBe(0o755);
		expect((await readFile(path.join(target, 'root/saved.txt'), 'utf8')).startsWith('# dive')).toBe(true);
		expect(result.skipped).toEqual([]);
	});
});
