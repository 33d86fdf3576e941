import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, beforeAll, expect, test} from 'vitest';
import {repoRoot} from '../helpers/fixtures.js';
import {hostileImage} from '../helpers/hostile-image.js';
import {buildImageArchive} from '../helpers/image-builder.js';
import {tempDir} from '../helpers/temp-dir.js';
import {haveTmux, Tmux} from './tmux.js';

let tmux: Tmux | undefined;
afterEach(() => {
	tmux?.kill();
	tmux = undefined;
});

beforeAll(() => {
	if (!haveTmux()) throw new Error('tmux is needed for the end-to-end test (apt-get install tmux)');
});

test('a real terminal (tmux) shown hostile names: its title, clipboard and screen stay ours, the names read with U+FFFD', async () => {
	const dir = tempDir('layerlens-hostile-tmux-');
	const image = path.join(dir, 'image.tar');
	writeFileSync(image, await buildImageArchive(hostileImage, 'docker-oci'));
	tmux = new Tmux();
	// The explorer starts once the terminal accepts what an attacker would want: OSC 52 into tmux's buffers, titles.
	const script = `while [ ! -e go ]; do sleep 0.05; done; node '${path.join(repoRoot, 'bin/layerlens.js')}' '${image}'; echo "exit=$?"; sleep 60`;
	tmux.start(script, {cwd: dir, columns: 200, rows: 40, env: {TERM: 'xterm-256color'}});
	tmux.run('set-option', '-g', 'set-clipboard', 'on');
	tmux.run('set-option', '-g', 'allow-rename', 'on');
	tmux.run('set-option', '-g', 'set-titles', 'on');
	const titleBefore = tmux.format('#{pane_title}');
	writeFileSync(path.join(dir, 'go'), '');
	// Layer 0 writes every hostile name; its tree is what the explorer opens on.
	const screen = await tmux.waitFor(text => text.includes('Current Layer Contents') && text.includes('clip') && !text.includes('Reading…'));
	expect(screen).toContain('\uFFFD]52;c;ZXZpbA==\uFFFDclip\uFFFD]0;TITLE\uFFFD\uFFFD[2J');
	expect(screen).toContain('safe\uFFFDgpj.exe \uFFFDiso\uFFFD');
	expect(screen).toContain('x\uFFFD::set-output name=a::b');
	expect(screen).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069]/);
	expect(tmux.format('#{pane_title}')).toBe(titleBefore);
	expect(tmux.format('#{window_name}')).not.toContain('TITLE');
	expect(tmux.run('list-buffers')).toBe('');
	tmux.keys('q');
	await tmux.waitFor(text => /exit=\d/.test(text));
	expect(tmux.screen()).toContain('exit=0');
	expect(tmux.run('list-buffers')).toBe('');
}, 120_000);
