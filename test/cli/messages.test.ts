import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {isInputish} from '../../src/cli/main.js';
import {rawTar} from '../helpers/raw-tar.js';
import {errorLine, runCli} from '../helpers/run-cli.js';

const work = mkdtempSync(path.join(tmpdir(), 'layerlens-messages-'));

async function load(name: string, archive: Buffer) {
	const input = path.join(work, name);
	writeFileSync(input, archive);
	return {input, run: await runCli(['--json', path.join(work, `${name}.json`), input])};
}

const config = JSON.stringify({rootfs: {type: 'layers', diff_ids: [`sha256:${'0'.repeat(64)}`]}, history: [{created_by: 'ADD x'}]});

describe('messages name the real problem', () => {
	test('a manifest.json of null is not "has neither manifest.json nor index.json"', async () => {
		const {input, run} = await load('null-manifest.tar', rawTar([{name: 'manifest.json', data: 'null'}]));
		expect(run.code).toBe(2);
		expect(errorLine(run)).toBe(`layerlens: ${input}: manifest.json is not a JSON array`);
	});

	test('a layer symlink loop is not "not in the archive"', async () => {
		const manifest = JSON.stringify([{Config: 'c.json', Layers: ['a/layer.tar'], RepoTags: ['loop:1']}]);
		const archive = rawTar([
			{name: 'manifest.json', data: manifest},
			{name: 'c.json', data: config},
			{name: 'a/layer.tar', type: '2', linkname: '../b/layer.tar'},
			{name: 'b/layer.tar', type: '2', linkname: '../a/layer.tar'},
		]);
		const {input, run} = await load('loop.tar', archive);
		expect(run.code).toBe(2);
		expect(errorLine(run)).toBe(`layerlens: ${input}: layer a/layer.tar: a symbolic link loop (a/layer.tar → b/layer.tar → a/layer.tar)`);
	});

	test('Node\'s own ERR_* codes are programming errors, not bad input; errno and zlib codes are the input\'s', () => {
		expect(isInputish(Object.assign(new Error('x'), {code: 'ERR_INVALID_ARG_TYPE'}))).toBe(false);
		expect(isInputish(Object.assign(new Error('x'), {code: 'ERR_STREAM_PUSH_AFTER_EOF'}))).toBe(false);
		expect(isInputish(Object.assign(new Error('x'), {code: 'ENOENT'}))).toBe(true);
		expect(isInputish(Object.assign(new Error('x'), {code: 'EACCES'}))).toBe(true);
		expect(isInputish(Object.assign(new Error('x'), {code: 'Z_DATA_ERROR'}))).toBe(true);
		expect(isInputish(new Error('no code'))).toBe(false);
	});
});
