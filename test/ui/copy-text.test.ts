import {execFileSync} from 'node:child_process';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {copyText} from '../../src/ui/clipboard/copy-text.js';
import {haveTmux, Tmux} from '../e2e/tmux.js';

describe('copy path inside tmux', () => {
	let tmux: Tmux;
	let tmuxEnv: Record<string, string | undefined>;

	beforeAll(() => {
		if (!haveTmux()) throw new Error('tmux is needed for this test (apt-get install tmux)');
		tmux = new Tmux();
		tmux.start('sleep 600', {cwd: '/', columns: 80, rows: 24});
		const socket = tmux.format('#{socket_path}').trim();
		const pid = tmux.format('#{pid}').trim();
		// What a program running in that tmux sees: $TMUX names the server's socket.
		tmuxEnv = {PATH: process.env['PATH'], TMUX: `${socket},${pid},0`};
	});

	afterAll(() => tmux?.kill());

	test("lands in tmux's paste buffer (tmux's default set-clipboard drops OSC 52 from programs)", async () => {
		const written: string[] = [];
		const result = await copyText('/usr/lib/python3.12/site-packages/app/deep/name.py', tmuxEnv, data => written.push(data));
		expect(result.confirmed).toBe(true);
		expect(result.text).toContain("tmux's paste buffer");
		const buffer = execFileSync('tmux', ['-L', tmux.socket, 'show-buffer'], {encoding: 'utf8'});
		expect(buffer).toBe('/usr/lib/python3.12/site-packages/app/deep/name.py');
		// The escape goes out as well, wrapped for tmux's passthrough.
		expect(written.join('')).toContain('\u001BPtmux;');
	});

	test('a path with a newline or an escape is copied quoted for a shell: pasted, it is one word naming that path', async () => {
		const path = "/h/x\ntouch /tmp/pwned\n\u001b[2J it's\\a\u0085";
		const result = await copyText(path, tmuxEnv, () => {});
		expect(result.confirmed).toBe(true);
		const buffer = execFileSync('tmux', ['-L', tmux.socket, 'show-buffer'], {encoding: 'utf8'});
		expect(buffer).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
		// The real consumer: bash reads the pasted text back as exactly the path, one argument.
		expect(execFileSync('bash', ['-c', `printf '%s|' ${buffer}`], {encoding: 'utf8', env: {LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8'}})).toBe(`${path}|`);
		// The same bytes whatever the shell's locale (a \u escape would be the locale's to encode).
		expect(execFileSync('bash', ['-c', `printf '%s|' ${buffer}`], {env: {LANG: 'C', LC_ALL: 'C'}})).toEqual(Buffer.from(`${path}|`, 'utf8'));
	});

	test('says it is not confirmed when tmux cannot be reached', async () => {
		const result = await copyText('/etc/passwd', {PATH: process.env['PATH'], TMUX: '/nonexistent/socket,1,0'}, () => {});
		expect(result.confirmed).toBe(false);
		expect(result.text).toMatch(/^Copy of \/etc\/passwd not confirmed: tmux refused its buffer/);
	});
});
