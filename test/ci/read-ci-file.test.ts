import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {CiFileError, readCiFile} from '../../src/cli/read-ci-file.js';

describe('readCiFile', () => {
	let dir: string;
	beforeAll(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'layerlens-ci-'));
	});
	afterAll(async () => {
		await rm(dir, {recursive: true, force: true});
	});

	it('reads .dive-ci from the working directory by default, and is quiet when it is absent', async () => {
		const empty = path.join(dir, 'empty');
		const withFile = path.join(dir, 'with-file');
		await mkdir(empty);
		await mkdir(withFile);
		await writeFile(path.join(withFile, '.dive-ci'), 'rules:\n  lowestEfficiency: 0.5\n');
		expect(await readCiFile(undefined, empty)).toBeUndefined();
		expect(await readCiFile(undefined, withFile)).toEqual({path: '.dive-ci', text: 'rules:\n  lowestEfficiency: 0.5\n'});
		expect(await readCiFile('.dive-ci', withFile)).toEqual({path: '.dive-ci', text: 'rules:\n  lowestEfficiency: 0.5\n'});
	});

	it('requires a file named with --ci-config to exist', async () => {
		const missing = path.join(dir, 'nope.yaml');
		await expect(readCiFile(missing)).rejects.toThrow(CiFileError);
		await expect(readCiFile(missing)).rejects.toThrow('CI config file not found');
		await expect(readCiFile(dir)).rejects.toThrow('is a directory');
	});
});
