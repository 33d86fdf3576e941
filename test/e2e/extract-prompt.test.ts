import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {describeWithFixtures, fixturePath, repoRoot} from '../helpers/fixtures.js';
import {haveTmux, Tmux} from './tmux.js';

let tmux: Tmux | undefined;
let work: string;

beforeAll(async () => {
	work = await mkdtemp(path.join(tmpdir(), 'layerlens-e2e-extract-'));
});

afterAll(async () => {
	tmux?.kill();
	await rm(work, {recursive: true, force: true});
});

describeWithFixtures('extract in a real terminal (tmux)', () => {
	test('asks before overwriting an edited file: s keeps it, o replaces it', async () => {
		if (!haveTmux()) throw new Error('tmux is needed for the end-to-end test (apt-get install tmux)');
		// A first extract of /root/saved.txt at the last layer left this file, since edited by hand.
		await mkdir(path.join(work, 'out'));
		await writeFile(path.join(work, 'out', 'saved.txt'), 'edited by hand\n');
		tmux = new Tmux();
		tmux.start(`node ${path.join(repoRoot, 'bin/layerlens.js')} '${fixturePath('dive/test-docker-image.tar')}'`, {cwd: work, columns: 120, rows: 40, env: {TERM: 'xterm-256color'}});
		await tmux.waitFor(text => text.includes('Current Layer Contents') && !text.includes('Reading…'), 60_000);
		const extractTo = async (dir: string) => {
			tmux!.keys('x');
			// The prompt names the default directory, absolute (the directory layerlens started in).
			await tmux!.waitFor(text => text.includes(`into:  ▏${work} (default)`));
			tmux!.type(dir);
			// A relative path shows where it lands.
			await tmux!.waitFor(text => text.includes(`→ ${path.join(work, dir)}`));
			tmux!.keys('Enter');
		};
		tmux.keys('End', 'Tab', '/');
		tmux.type('^/root/saved.txt$');
		tmux.keys('Enter', 'Down');
		await tmux.waitFor(text => /▶.*── saved\.txt/.test(text));
		await extractTo('out');
		await tmux.waitFor(text => text.includes(`${path.join(work, 'out', 'saved.txt')} exists:`) && text.includes('o overwrite  s skip existing  c cancel'));
		tmux.keys('s');
		await tmux.waitFor(text => text.includes('1 already there, kept'));
		expect(await readFile(path.join(work, 'out', 'saved.txt'), 'utf8')).toBe('edited by hand\n');
		await extractTo('out');
		await tmux.waitFor(text => text.includes('o overwrite'));
		tmux.keys('o');
		await tmux.waitFor(text => text.includes('Extracted /root/saved.txt (layer 13)'));
		const written = await readFile(path.join(work, 'out', 'saved.txt'), 'utf8');
		// dive's README, as the last layer stores it.
		expect(written.startsWith('# dive')).toBe(true);
		tmux.keys('q');
	}, 120_000);
});
