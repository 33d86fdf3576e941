import {afterEach, expect, test} from 'vitest';
import {describeWithFixtures, fixturePath, repoRoot} from '../helpers/fixtures.js';
import {haveTmux, Tmux} from './tmux.js';

let tmux: Tmux | undefined;

afterEach(() => {
	tmux?.kill();
	tmux = undefined;
});

describeWithFixtures('a multi-image archive in the explorer (tmux)', () => {
	test('offers its images instead of failing; the one picked opens', async () => {
		if (!haveTmux()) throw new Error('tmux is needed for the end-to-end test (apt-get install tmux)');
		tmux = new Tmux();
		tmux.start(`node bin/layerlens.js '${fixturePath('real/multi-image.docker-save.tar')}'`, {cwd: repoRoot, columns: 120, rows: 30, env: {TERM: 'xterm-256color'}});
		const screen = await tmux.waitFor(text => text.includes('holds 2 images: pick one'), 60_000);
		expect(screen).toMatch(/▶ .*multi-a/);
		expect(screen).toMatch(/ {2}.*multi-b/);
		tmux.keys('Down');
		await tmux.waitFor(text => /▶ .*multi-b/.test(text));
		tmux.keys('Enter');
		// The panes open on the first layer read; the whole image follows.
		// The status bar (the frame's last row) too: a screen captured while a frame is half written lacks the
		// `Reading…` line without the image being read.
		const opened = await tmux.waitFor(text => text.includes('Current Layer Contents') && text.includes('Quit') && !text.includes('Reading…'), 60_000);
		// multi-b adds a layer that multi-a does not have, and its name heads the image details.
		expect(opened).toMatch(/ 1 +6 B +rm -rf \/home\/app/);
		expect(opened).toMatch(/multi-b:1\.0 ├/);
		tmux.keys('q');
	}, 120_000);
});
