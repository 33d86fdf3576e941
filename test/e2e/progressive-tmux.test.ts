import {execFileSync} from 'node:child_process';
import {existsSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, beforeAll, describe, expect, test} from 'vitest';
import {repoRoot} from '../helpers/fixtures.js';
import {stalledSampleArchive} from '../helpers/stalled-stream.js';
import {tempDir} from '../helpers/temp-dir.js';
import {haveTmux, Tmux} from './tmux.js';

let tmux: Tmux | undefined;

afterEach(() => {
	tmux?.kill();
	tmux = undefined;
});

/**
The built CLI reading `docker save …`-like input from a pipe that delivers the manifest and layer 0, then stalls until
the test creates the file `go`; then the rest (`rest.bin`, or half of it in `truncated.bin`). The shell records the
terminal settings before and after, and the exit code.
*/
async function startStalled(rest: 'rest.bin' | 'truncated.bin', columns = 120) {
	const slow = await stalledSampleArchive();
	const dir = tempDir('layerlens-progressive-');
	writeFileSync(path.join(dir, 'head.bin'), slow.archive.subarray(0, slow.cut));
	writeFileSync(path.join(dir, 'rest.bin'), slow.archive.subarray(slow.cut));
	writeFileSync(path.join(dir, 'truncated.bin'), slow.archive.subarray(slow.cut, slow.cut + Math.floor((slow.archive.length - slow.cut) / 2)));
	const feed = `{ cat '${dir}/head.bin'; while [ ! -e '${dir}/go' ]; do sleep 0.1; done; cat '${dir}/${rest}'; }`;
	const script = `before=$(stty -g); ${feed} | node bin/layerlens.js -; code=$?; after=$(stty -g); if [ "$before" = "$after" ]; then echo "RESTORED exit=$code"; else echo "NOT RESTORED exit=$code"; fi; sleep 60`;
	tmux = new Tmux();
	tmux.start(script, {cwd: repoRoot, columns, rows: 30, env: {TERM: 'xterm-256color'}});
	return {layerCount: slow.layerCount, go: () => writeFileSync(path.join(dir, 'go'), '')};
}

const layerRows = (screen: string) => screen.split('\n').filter(line => /^[▶ ][●○ ] +\d+ /.test(line));

describe('the progressive explorer in a real terminal (tmux)', () => {
	beforeAll(() => {
		if (!haveTmux()) throw new Error('tmux is needed for the end-to-end test (apt-get install tmux)');
		if (!existsSync(path.join(repoRoot, 'build', 'cli', 'main.js'))) {
			execFileSync(process.execPath, [path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], {cwd: repoRoot});
		}
	}, 120_000);

	test('layer 0 of a stalled pipe is browsed while the rest is on its way; the figures follow when it arrives', async () => {
		const {layerCount, go} = await startStalled('rest.bin');
		let screen = await tmux!.waitFor(text => text.includes('busybox') && text.includes('Reading…'));
		expect(tmux!.format('#{alternate_on}')).toBe('1');
		expect(layerRows(screen)).toHaveLength(1);
		expect(screen).toContain(`1/1 of ${layerCount}`);
		expect(screen).toMatch(/Efficiency: reading…/);
		expect(screen).toContain(`Reading… 1 of ${layerCount} layers read`);
		tmux!.keys('Tab', 'Down', 'Down');
		await tmux!.waitFor(text => /┃ ● Current Layer Contents/.test(text) && /▶.*cat → \/bin\/busybox/.test(text));
		go();
		screen = await tmux!.waitFor(text => text.includes('Most reclaimable'));
		expect(layerRows(screen)).toHaveLength(layerCount);
		expect(screen).not.toContain('reading…');
		expect(screen).toMatch(/Efficiency: \d+\.\d\d %/);
		// Browsing carried over: the tree still has the focus and its cursor.
		expect(screen).toMatch(/▶.*cat → \/bin\/busybox/);
		tmux!.keys('q');
		screen = await tmux!.waitFor(text => /RESTORED exit=\d/.test(text));
		expect(screen).toContain('RESTORED exit=0');
		expect(screen).not.toContain('NOT RESTORED');
	}, 300_000);

	test('Ctrl+C while the pipe stalls leaves at once with the terminal restored', async () => {
		const {go} = await startStalled('rest.bin');
		await tmux!.waitFor(text => text.includes('busybox') && text.includes('Reading…'));
		tmux!.keys('C-c');
		await tmux!.waitFor(() => tmux!.format('#{alternate_on}') === '0');
		// The shell waits for the feeding side of the pipe too: let it finish.
		go();
		const screen = await tmux!.waitFor(text => /RESTORED exit=\d/.test(text));
		expect(screen).toContain('RESTORED exit=0');
		expect(screen).not.toContain('NOT RESTORED');
		expect(tmux!.format('#{cursor_flag}')).toBe('1');
	}, 300_000);

	test('a truncated rest after the panes appeared: one line, exit 2, the terminal restored', async () => {
		// Wide enough for the message not to wrap.
		const {go} = await startStalled('truncated.bin', 200);
		await tmux!.waitFor(text => text.includes('busybox') && text.includes('Reading…'));
		go();
		const screen = await tmux!.waitFor(text => /RESTORED exit=\d/.test(text));
		expect(screen).toContain('RESTORED exit=2');
		expect(screen).not.toContain('NOT RESTORED');
		const lines = screen.split('\n').filter(line => line.trim() !== '');
		expect(lines).toHaveLength(2);
		expect(lines[0]).toMatch(/^layerlens: stdin: .*truncated/);
		expect(tmux!.format('#{alternate_on}')).toBe('0');
	}, 300_000);
});
