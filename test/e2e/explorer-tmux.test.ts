import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {afterEach, beforeAll, expect, test} from 'vitest';
import {describeWithFixtures, fixturePath, repoRoot} from '../helpers/fixtures.js';
import {haveTmux, Tmux} from './tmux.js';

let tmux: Tmux | undefined;

/** The SGR sequences of a captured screen that set a foreground or background colour. */
function colourCodes(screen: string): string[] {
	return (screen.match(/\u001B\[[0-9;]*m/g) ?? []).filter(code => /\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;|m)/.test(code));
}

afterEach(() => {
	tmux?.kill();
	tmux = undefined;
});

describeWithFixtures('the built CLI in a real terminal (tmux)', () => {
	beforeAll(() => {
		if (!haveTmux()) throw new Error('tmux is needed for the end-to-end test (apt-get install tmux)');
		if (!existsSync(path.join(repoRoot, 'build', 'cli', 'main.js'))) {
			execFileSync(process.execPath, [path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], {cwd: repoRoot});
		}
	}, 120_000);

	test('opens, navigates, filters, quits, and leaves the terminal as it found it', async () => {
		tmux = new Tmux();
		const image = fixturePath('dive/test-docker-image.tar');
		// The shell records the terminal settings before and after, and the exit code.
		const script = `before=$(stty -g); node bin/layerlens.js '${image}'; code=$?; after=$(stty -g); if [ "$before" = "$after" ]; then echo "RESTORED exit=$code"; else echo "NOT RESTORED exit=$code"; fi; sleep 60`;
		// tmux runs the command with `sh -c`.
		tmux.start(script, {cwd: repoRoot, columns: 120, rows: 30, env: {TERM: 'xterm-256color'}});
		let screen = await tmux.waitFor(text => text.includes('Current Layer Contents') && text.includes('/root/saved.txt') && !text.includes('Reading…'));
		expect(tmux.format('#{alternate_on}')).toBe('1');
		expect(screen).toMatch(/▶● +0 +1\.2 MB/);

		tmux.keys('Down', 'Down', 'Down', 'Down');
		await tmux.waitFor(text => text.includes('Layer 4 details'));
		tmux.keys('Tab', '/');
		tmux.type('somefile1');
		tmux.keys('Enter');
		screen = await tmux.waitFor(text => /~ .*── somefile1\.txt/.test(text));
		expect(screen).toMatch(/~ -r--r--r-- .*└── somefile1\.txt/);

		tmux.keys('?');
		await tmux.waitFor(text => text.includes('Show every key'));
		tmux.keys('Escape');
		await tmux.waitFor(text => !text.includes('Show every key'));

		tmux.keys('q');
		screen = await tmux.waitFor(text => /RESTORED exit=\d/.test(text));
		expect(screen).toContain('RESTORED exit=0');
		expect(screen).not.toContain('NOT RESTORED');
		expect(tmux.format('#{alternate_on}')).toBe('0');
		expect(tmux.format('#{cursor_flag}')).toBe('1');
	}, 300_000);

	test('Ctrl+Z hands the terminal back to the shell and fg brings the explorer back', async () => {
		tmux = new Tmux();
		const image = fixturePath('dive/test-docker-image.tar');
		tmux.start('bash --norc --noprofile -i', {cwd: repoRoot, columns: 120, rows: 30, env: {TERM: 'xterm-256color'}});
		await tmux.waitFor(text => /[#$]\s*$/m.test(text));
		tmux.type("PS1='shell$ '");
		tmux.keys('Enter');
		await tmux.waitFor(text => text.includes('shell$'));
		tmux.type(`node bin/layerlens.js '${image}'`);
		tmux.keys('Enter');
		await tmux.waitFor(text => text.includes('Current Layer Contents') && !text.includes('Reading…'));
		tmux.keys('C-z');
		const stopped = await tmux.waitFor(text => text.includes('Stopped'));
		expect(stopped).not.toContain('Current Layer Contents');
		expect(tmux.format('#{alternate_on}')).toBe('0');
		tmux.type('fg');
		tmux.keys('Enter');
		await tmux.waitFor(text => text.includes('Current Layer Contents') && text.includes('Resumed'));
		expect(tmux.format('#{alternate_on}')).toBe('1');
		tmux.keys('q');
		await tmux.waitFor(text => /shell\$\s*$/m.test(text) && !text.includes('Current Layer Contents'));
	}, 300_000);

	test('frames that rewrite only their changed rows leave the same screen as fewer, larger changes', async () => {
		// Reach the same state by a long path (many small frames, moves that are undone) and a short one, and compare the
		// terminal's screens cell by cell, colours included: a row left stale or drawn at the wrong place by a frame that
		// rewrites only what changed shows as a difference (Ink's incrementalRendering failed this).
		const image = fixturePath('dive/test-docker-image.tar');
		const screenAfter = async (steps: ReadonlyArray<readonly string[]>) => {
			tmux = new Tmux();
			tmux.start(`node bin/layerlens.js '${image}'; sleep 60`, {cwd: repoRoot, columns: 120, rows: 30, env: {TERM: 'xterm-256color'}});
			await tmux.waitFor(text => text.includes('Current Layer Contents') && !text.includes('Reading…'));
			for (const keys of steps) {
				tmux.keys(...keys);
				await new Promise(resolve => setTimeout(resolve, 150));
			}
			await tmux.waitFor(text => text.includes('Layer 2 details'));
			// Settled: the same screen twice, half a second apart.
			let last = '';
			for (let shown = tmux.screen(true); shown !== last; shown = tmux.screen(true)) {
				last = shown;
				await new Promise(resolve => setTimeout(resolve, 500));
			}
			tmux.kill();
			tmux = undefined;
			return last;
		};
		const long = await screenAfter([['Down', 'Down', 'Down', 'Down'], ['Up'], ['Up'], ['Tab'], ['Down', 'Down', 'Down', 'Down', 'Down', 'Down'], ['Up', 'Up'], ['Up']]);
		const short = await screenAfter([['Down', 'Down'], ['Tab'], ['Down', 'Down', 'Down']]);
		expect(colourCodes(long).length).toBeGreaterThan(0);
		expect(long.split('\n')).toEqual(short.split('\n'));
	}, 300_000);

	test('colours in a real terminal: diff kinds, the focused pane and the compare marks are coloured', async () => {
		tmux = new Tmux();
		const image = fixturePath('dive/test-docker-image.tar');
		tmux.start(`node bin/layerlens.js '${image}'; sleep 60`, {cwd: repoRoot, columns: 120, rows: 30, env: {TERM: 'xterm-256color'}});
		await tmux.waitFor(text => text.includes('Current Layer Contents') && text.includes('/root/saved.txt') && !text.includes('Reading…'));
		tmux.keys('End', 'C-a');
		await tmux.waitFor(text => text.includes('Aggregated Layer Contents'));
		const codes = colourCodes(tmux.screen(true));
		// Red (31) for the removed /root/example and the reclaimable column, cyan (36) for the focused title, magenta (35) for ●.
		expect(codes.some(code => /\[(?:[0-9;]*;)?31[;m]/.test(code))).toBe(true);
		expect(codes.some(code => /\[(?:[0-9;]*;)?36[;m]/.test(code))).toBe(true);
		expect(codes.some(code => /\[(?:[0-9;]*;)?35[;m]/.test(code))).toBe(true);
		tmux.keys('q');
	}, 300_000);

	test('NO_COLOR: no colour codes, the text markers carry the meaning; a resize re-lays the panes', async () => {
		tmux = new Tmux();
		const image = fixturePath('dive/test-docker-image.tar');
		tmux.start(`node bin/layerlens.js '${image}'; sleep 60`, {cwd: repoRoot, columns: 120, rows: 30, env: {TERM: 'xterm-256color', NO_COLOR: '1'}});
		await tmux.waitFor(text => text.includes('Current Layer Contents') && !text.includes('Reading…'));
		tmux.keys('End', 'C-a', 'Tab', '/');
		tmux.type('example$');
		tmux.keys('Enter');
		const screen = await tmux.waitFor(text => /- drwxr-xr-x .*── example/.test(text));
		expect(screen).toMatch(/~ drwx------ .*── root/);
		const styles = tmux.screen(true).match(/\u001B\[[0-9;]*m/g) ?? [];
		// Bold, dim and inverse stay (they are not colour); no foreground or background colour is set.
		expect(styles.some(code => /\[(?:[0-9;]*;)?7[;m]/.test(code))).toBe(true);
		expect(colourCodes(tmux.screen(true))).toEqual([]);
		tmux.run('resize-window', '-t', 'e2e', '-x', '80', '-y', '24');
		const small = await tmux.waitFor(text => text.split('\n').some(line => line.startsWith('│ Layers') && line.length <= 80) && !text.includes('Permission'));
		expect(small).toMatch(/- +\d[\d.]* k?B +.*└── example/);
		tmux.keys('q');
	}, 300_000);

	test('an archive read from a pipe: the keys come from the terminal, and extract says at once that content cannot be read back', async () => {
		tmux = new Tmux();
		const image = fixturePath('dive/test-docker-image.tar');
		tmux.start(`cat '${image}' | node bin/layerlens.js -; sleep 60`, {cwd: repoRoot, columns: 120, rows: 30, env: {TERM: 'xterm-256color'}});
		await tmux.waitFor(text => text.includes('Current Layer Contents') && text.includes('/root/saved.txt') && !text.includes('Reading…'));
		tmux.keys('Tab', 'x');
		const screen = await tmux.waitFor(text => text.includes('Cannot extract'));
		expect(screen).toMatch(/Cannot extract: file content cannot be read back from .*streamed once/);
		expect(screen).not.toContain('into:');
		tmux.keys('q');
	}, 300_000);

	test('a broken archive is one line on stderr and exit 2, with the terminal restored', async () => {
		tmux = new Tmux();
		const image = fixturePath('dive/not-an-image.tar');
		const script = `node bin/layerlens.js '${image}'; echo "exit=$?"; sleep 60`;
		tmux.start(script, {cwd: repoRoot, columns: 100, rows: 30});
		const screen = await tmux.waitFor(text => /exit=\d/.test(text));
		expect(screen).toMatch(/layerlens: .*not-an-image\.tar: not an image archive/);
		expect(screen).toContain('exit=2');
		expect(tmux.format('#{alternate_on}')).toBe('0');
	}, 300_000);
});
