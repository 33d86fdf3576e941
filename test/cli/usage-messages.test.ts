import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {runCli} from '../helpers/run-cli.js';

describe('usage and input messages', () => {
	let empty: string;
	beforeAll(async () => {
		empty = await mkdtemp(path.join(tmpdir(), 'layerlens-usage-'));
	});
	afterAll(() => rm(empty, {recursive: true, force: true}));

	test('an unknown option is named plainly, with balanced quotes', async () => {
		const run = await runCli(['--bogus', 'x.tar']);
		expect(run.code).toBe(2);
		expect(run.stderr).toBe("layerlens: unknown option --bogus\nTry 'layerlens --help'.\n");
	});

	test('an option missing its value, and a switch given one', async () => {
		expect((await runCli(['x.tar', '--json'])).stderr.split('\n')[0]).toBe('layerlens: --json needs a value');
		expect((await runCli(['x.tar', '--ci=yes'])).stderr.split('\n')[0]).toBe('layerlens: --ci takes no value');
	});

	test('a missing file says so even where there is no terminal for the explorer', async () => {
		const run = await runCli(['/nonexistent/app.tar']);
		expect(run.code).toBe(2);
		expect(run.stderr).toBe('layerlens: /nonexistent/app.tar: no such file or directory\n');
	});

	test('a directory that is not an OCI layout is not called a plain filesystem tar', async () => {
		const run = await runCli(['--json', '-', empty]);
		expect(run.code).toBe(2);
		expect(run.stderr).toBe(`layerlens: ${empty}: not an OCI image layout: the directory has neither index.json nor manifest.json\n`);
	});
});
