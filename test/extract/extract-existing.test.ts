import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {existingTargets, extractTree} from '../../src/extract/extract-tree.js';
import {child, fakeContent, tree} from './fake-content.js';

let base: string;
let target: string;

beforeEach(async () => {
	base = await mkdtemp(path.join(tmpdir(), 'layerlens-extract-existing-'));
	target = path.join(base, 'target');
	await mkdir(path.join(target, 'app'), {recursive: true});
});

afterEach(() => rm(base, {recursive: true, force: true}));

const app = () => tree({app: {children: {'a.txt': {size: 3, layer: 1}, 'b.txt': {size: 3, layer: 1}, 'c.txt': {size: 3, layer: 1}}}});
const content = () => fakeContent({1: {'app/a.txt': 'AAA', 'app/b.txt': 'BBB', 'app/c.txt': 'CCC'}});

describe('extract into a directory that already has some of the files', () => {
	test('existingTargets counts what would be replaced, creating nothing', async () => {
		await writeFile(path.join(target, 'app/a.txt'), 'edited by hand');
		await writeFile(path.join(target, 'app/c.txt'), 'mine');
		const found = await existingTargets(child(app(), '/app'), target);
		expect(found.count).toBe(2);
		expect(found.first).toMatch(/\/target\/app\/a\.txt$/);
		expect(await existingTargets(child(app(), '/app'), path.join(base, 'not-there'))).toEqual({count: 0, first: undefined});
	});

	test("'skip' keeps what is there and writes the rest; 'overwrite' replaces it", async () => {
		await writeFile(path.join(target, 'app/a.txt'), 'edited by hand');
		const kept = await extractTree(child(app(), '/app'), content(), target, {existing: 'skip'});
		expect(kept).toMatchObject({files: 2, kept: 1});
		expect(await readFile(path.join(target, 'app/a.txt'), 'utf8')).toBe('edited by hand');
		expect(await readFile(path.join(target, 'app/b.txt'), 'utf8')).toBe('BBB');
		const replaced = await extractTree(child(app(), '/app'), content(), target, {existing: 'overwrite'});
		expect(replaced).toMatchObject({files: 3, kept: 0});
		expect(await readFile(path.join(target, 'app/a.txt'), 'utf8')).toBe('AAA');
	});
});

describe('extract of what a layer does not show as such', () => {
	test('a removed file is written from its last copy (the layer that stored it)', async () => {
		const root = tree({etc: {children: {'secret.env': {size: 6, layer: 2, diff: 'removed'}}}});
		const source = fakeContent({2: {'etc/secret.env': 'TOKEN='}});
		const result = await extractTree(child(root, '/etc/secret.env'), source, target);
		expect(result.files).toBe(1);
		expect(await readFile(path.join(target, 'secret.env'), 'utf8')).toBe('TOKEN=');
		expect(source.reads).toEqual([2]);
	});

	test('a hard link whose target a lower layer stores takes its bytes from that layer', async () => {
		// Layer 3 adds /usr/bin/python3 as a hard link to /usr/bin/python3.12, which layer 1 stored.
		const root = tree({usr: {children: {bin: {children: {python3: {type: 'hardlink', linkTarget: 'usr/bin/python3.12', layer: 3}}}}}});
		const source = fakeContent({1: {'usr/bin/python3.12': 'ELF...'}, 2: {'usr/bin/other': 'x'}, 3: {}});
		const result = await extractTree(child(root, '/usr/bin/python3'), source, target);
		expect(result.skipped).toEqual([]);
		expect(result.files).toBe(1);
		expect(await readFile(path.join(target, 'python3'), 'utf8')).toBe('ELF...');
		expect(source.reads).toEqual([3, 2, 1]);
	});
});
