import {EventEmitter} from 'node:events';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {openSavedAnalysis} from '../../src/cli/open-image.js';
import {assembleSchema3, restWithBadReference, schema3Parts} from '../helpers/saved-files.js';
import {runCli} from '../helpers/run-cli.js';
import {expect, test} from 'vitest';
import {InputError} from '../../src/loader/errors.js';
import {defaultExplorerConfig} from '../../src/ui/config/explorer-config.js';
import {describeWithFixtures, fixturePath} from '../helpers/fixtures.js';
import {loadPath} from '../helpers/load-fixture.js';
import {analyze} from '../../src/core/analyze.js';
import {until} from '../helpers/press.js';
import {KeySource} from '../../src/ui/app/key-source.js';

class FakeTerminal extends EventEmitter {
	readonly isTTY = true;
	readonly columns = 100;
	readonly rows = 30;
	output = '';
	write = (data: string): boolean => {
		this.output += data;
		return true;
	};
}

// Ink decides at import whether it runs in CI (then it draws nothing until exit); these fake terminals are not CI.
const ci = process.env['CI'];
delete process.env['CI'];
const {createProgressFeed, runExplorer} = await import('../../src/ui/run-explorer.js');
if (ci !== undefined) process.env['CI'] = ci;

const enter = '\u001B[?1049h';
const leave = '\u001B[?1049l';

function streams() {
	const stdout = new FakeTerminal();
	const stdin = new KeySource();
	return {stdout, stdin, io: {stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, config: defaultExplorerConfig, env: {}}};
}

test('stdout that is not a terminal is an input error, and nothing is drawn', async () => {
	const stdout = Object.assign(new FakeTerminal(), {isTTY: false});
	await expect(runExplorer({input: new Promise(() => {}), name: 'x', stdout: stdout as unknown as NodeJS.WriteStream, config: defaultExplorerConfig})).rejects.toThrow(InputError);
	expect(stdout.output).toBe('');
});

test('a failed load rejects with its error after the screen is restored; progress shows meanwhile', async () => {
	const {stdout, io} = streams();
	const feed = createProgressFeed();
	let fail: (error: Error) => void = () => {};
	const input = new Promise<never>((_resolve, reject) => (fail = reject));
	const running = runExplorer({...io, input, name: 'broken.tar', progress: feed});
	feed.report({bytesRead: 500_000, totalBytes: 1_000_000, layersRead: 2, layersTotal: undefined});
	await until(() => stdout.output.includes('50%'));
	expect(stdout.output).toContain('Loading broken.tar');
	fail(new InputError('truncated (unexpected end of data)'));
	await expect(running).rejects.toThrow('truncated');
	expect(stdout.output.startsWith(enter)).toBe(true);
	expect(stdout.output.endsWith(leave)).toBe(true);
});

test('q while loading returns quit-while-loading, screen restored', async () => {
	const {stdout, stdin, io} = streams();
	const running = runExplorer({...io, input: new Promise(() => {}), name: 'slow.tar'});
	await until(() => stdout.output.includes('Loading slow.tar'));
	stdin.press('q');
	await expect(running).resolves.toEqual({reason: 'quit-while-loading'});
	expect(stdout.output.endsWith(leave)).toBe(true);
});

test('an error while drawing ends the explorer with that error, screen restored', async () => {
	const {stdout, io} = streams();
	const bogus = {analysis: {layers: null, image: {finalFileCount: 1}, inefficiencies: []}, content: {available: false, unavailableReason: '', forEachEntry: async () => {}}};
	await expect(runExplorer({...io, input: bogus as never, name: 'bogus'})).rejects.toThrow();
	expect(stdout.output.endsWith(leave)).toBe(true);
});

describeWithFixtures('runExplorer on a real archive', () => {
	test('opens, takes keys, quits with the screen restored', async () => {
		const {stdout, stdin, io} = streams();
		const loaded = await loadPath('dive/test-docker-image.tar');
		const running = runExplorer({...io, input: Promise.resolve({analysis: analyze(loaded.model), content: loaded.content}), name: 'dive'});
		await until(() => stdout.output.includes('Current Layer Contents'));
		stdin.press('\t');
		await until(() => stdout.output.includes('● Current Layer Contents'));
		stdin.press('q');
		await expect(running).resolves.toEqual({reason: 'quit'});
		expect(stdout.output.endsWith(leave)).toBe(true);
	});

	test('a saved analysis opened early shows its first screen, reads the rest, then its tree; damage in the rest ends the explorer with the file\'s error', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'layerlens-early-'));
		try {
			const good = path.join(dir, 'app.lla');
			expect((await runCli(['-q', '--save', good, fixturePath('real/small-app.oci-archive.uncompressed.tar')])).code).toBe(0);
			const opened = async (file: string) => {
				const loaded = (await openSavedAnalysis(file, {early: true}))!;
				return {analysis: loaded.analysis!, content: loaded.content, complete: loaded.complete!};
			};

			const fine = streams();
			const running = runExplorer({...fine.io, input: await opened(good), name: good});
			await until(() => fine.stdout.output.includes('Current Layer Contents') && /[├└]── \w/.test(fine.stdout.output));
			fine.stdin.press('q');
			await expect(running).resolves.toEqual({reason: 'quit'});

			const parts = schema3Parts(await readFile(good));
			const damaged = path.join(dir, 'damaged.lla');
			await writeFile(damaged, assembleSchema3({...parts, rest: restWithBadReference(parts)}));
			const {stdout, io} = streams();
			const failing = runExplorer({...io, input: await opened(damaged), name: damaged});
			await expect(failing).rejects.toThrow(new InputError('corrupt saved analysis: the section entry.path refers past the string table', damaged));
			expect(stdout.output).toContain('Building the tree of this layer');
			expect(stdout.output).not.toMatch(/[├└]── \w/);
			expect(stdout.output.endsWith(leave)).toBe(true);
		} finally {
			await rm(dir, {recursive: true, force: true});
		}
	});
});
