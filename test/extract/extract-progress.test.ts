import {mkdtemp, readdir, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {extractTree} from '../../src/extract/extract-tree.js';
import {child, fakeContent, tree} from './fake-content.js';

let base: string;
beforeEach(async () => {
	base = await mkdtemp(path.join(tmpdir(), 'layerlens-extract-progress-'));
});
afterEach(async () => {
	await rm(base, {recursive: true, force: true});
});

const files = Object.fromEntries(Array.from({length: 20}, (_, i) => [`f${String(i).padStart(2, '0')}`, {size: 1, layer: 1}]));
const content = () => fakeContent({1: Object.fromEntries(Object.keys(files).map(name => [`app/${name}`, 'x']))});

describe('extract: target directories, progress and cancel', () => {
	test('a target under /proc fails with the system\'s answer instead of spinning in a mkdir loop', async () => {
		const root = tree({app: {children: files}});
		await expect(extractTree(child(root, '/app'), content(), '/proc/layerlens-test/out')).rejects.toThrow(
			/^cannot create \/proc\/layerlens-test\/out: (ENOENT|EACCES|EPERM|EROFS) at \/proc\/layerlens-test$/,
		);
	});

	test('a target whose parent is a file fails, naming it', async () => {
		const root = tree({app: {children: files}});
		const plain = path.join(base, 'plain');
		await writeFile(plain, 'x');
		await expect(extractTree(child(root, '/app'), content(), path.join(plain, 'sub'))).rejects.toThrow(`cannot create ${plain}/sub: ${plain} is not a directory`);
	});

	test('progress counts every directory, file and link up to the total', async () => {
		const root = tree({app: {children: files}});
		const seen: Array<[number, number]> = [];
		await extractTree(child(root, '/app'), content(), path.join(base, 'a', 'b'), {onProgress: (done, total) => seen.push([done, total])});
		expect(seen.at(-1)).toEqual([21, 21]);
		expect(seen.every(([done], i) => i === 0 || done > seen[i - 1]![0])).toBe(true);
	});

	test('an abort stops before the next item, and says how far it got', async () => {
		const root = tree({app: {children: files}});
		const controller = new AbortController();
		const target = path.join(base, 'cancelled');
		const extracting = extractTree(child(root, '/app'), content(), target, {
			signal: controller.signal,
			onProgress: done => {
				if (done === 5) controller.abort();
			},
		});
		await expect(extracting).rejects.toThrow('cancelled after 5 of 21 items (what was written stays)');
		expect((await readdir(path.join(target, 'app'))).length).toBeLessThan(20);
	});
});
