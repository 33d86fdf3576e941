import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {afterEach, expect, test} from 'vitest';
import {prepareTerminalEnv} from '../../src/ui/terminal-env.js';
import {repoRoot} from '../helpers/fixtures.js';

const saved = {...process.env};
let fresh = 0;

afterEach(() => {
	for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
	Object.assign(process.env, saved);
});

/** A module of a dependency evaluated anew (its own URL), so it reads process.env as it is now. */
async function freshImport<T>(relative: string): Promise<T> {
	fresh += 1;
	return (await import(`${pathToFileURL(path.join(repoRoot, 'node_modules', relative)).href}?fresh=${fresh}`)) as T;
}

/** The colour level chalk (which Ink draws with) picks for a terminal on stdout, from its own detection code. */
async function chalkLevel(): Promise<number> {
	const {createSupportsColor} = await freshImport<{createSupportsColor: (stream: {isTTY: boolean}) => false | {level: number}}>('chalk/source/vendor/supports-color/index.js');
	const support = createSupportsColor({isTTY: true});
	return support ? support.level : 0;
}

/** Whether Ink thinks it runs in CI (then it draws no frame until exit). */
async function inkInCi(): Promise<boolean> {
	return (await freshImport<{default: boolean}>('is-in-ci/index.js')).default;
}

function terminal(extra: Record<string, string>): void {
	for (const key of ['CI', 'CONTINUOUS_INTEGRATION', 'FORCE_COLOR', 'NO_COLOR', 'COLORTERM', 'TERM_PROGRAM', 'TEAMCITY_VERSION', 'TF_BUILD']) delete process.env[key];
	Object.assign(process.env, {TERM: 'xterm-256color'}, extra);
}

test.each<Record<string, string>>([{CI: 'true'}, {CI: 'false'}, {CI: ''}, {CONTINUOUS_INTEGRATION: '1'}, {CI: 'true', CONTINUOUS_INTEGRATION: 'true'}])(
	'on a terminal, %o neither blanks Ink nor takes chalk’s colours away',
	async vars => {
		terminal(vars);
		prepareTerminalEnv(process.env, true);
		expect(await inkInCi()).toBe(false);
		expect(await chalkLevel()).toBeGreaterThanOrEqual(2);
		expect(process.env['CI']).toBeUndefined();
		expect(process.env['CONTINUOUS_INTEGRATION']).toBeUndefined();
	},
);

test('chalk really loses colour to any CI variable (why it is removed, not set to false)', async () => {
	terminal({CI: 'false'});
	expect(await chalkLevel()).toBe(0);
});

test('not a terminal: CI is left alone; NODE_ENV defaults to production and an explicit one is kept', () => {
	const env: Record<string, string | undefined> = {CI: 'true'};
	prepareTerminalEnv(env, false);
	expect(env).toEqual({CI: 'true', NODE_ENV: 'production'});
	const development: Record<string, string | undefined> = {NODE_ENV: 'development', CI: 'true'};
	prepareTerminalEnv(development, true);
	expect(development).toEqual({NODE_ENV: 'development'});
});
