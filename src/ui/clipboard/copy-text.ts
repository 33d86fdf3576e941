import {execFile} from 'node:child_process';
import {osc52} from './osc52.js';

/** What became of a copy: said to the user as it is, never as more certain than it is. */
export type CopyResult = {readonly text: string; readonly confirmed: boolean};

/** Runs `tmux load-buffer -w -` with `text` on its stdin; resolves whether tmux took it. */
function tmuxLoadBuffer(text: string, env: Readonly<Record<string, string | undefined>>): Promise<boolean> {
	return new Promise(resolve => {
		// `env` carries $TMUX, which names the server to talk to.
		const child = execFile('tmux', ['load-buffer', '-w', '-'], {timeout: 2000, env: {...env}}, error => resolve(!error));
		child.on('error', () => resolve(false));
		child.stdin?.on('error', () => resolve(false));
		child.stdin?.end(text);
	});
}

/**
A path as it is safe to paste: as it is when it holds no control character, else quoted for a shell as `$'…'`, each
control written as the `\xNN` escapes of its UTF-8 bytes (POSIX 2024 sh, bash, zsh and ksh read them back as the same
bytes in any locale; `\uNNNN` would depend on the shell's locale). A name with a newline
pasted into a shell would run what follows the newline; quoted, it stays one word that names the file.
*/
export function pastable(text: string): string {
	if (!/[\u0000-\u001f\u007f-\u009f]/.test(text)) return text;
	const escaped = text.replace(/[\\'\u0000-\u001f\u007f-\u009f]/g, ch => {
		if (ch === '\\' || ch === "'") return `\\${ch}`;
		return [...Buffer.from(ch, 'utf8')].map(byte => `\\x${byte.toString(16).padStart(2, '0')}`).join('');
	});
	return `$'${escaped}'`;
}

/**
Copies `raw` (a path, made `pastable` first). Inside tmux, tmux's own buffer takes it (`load-buffer -w` also hands it
to the outer terminal's clipboard where tmux is set to): tmux's default `set-clipboard external` drops OSC 52 sent by programs, so the
escape alone would reach nothing. Everywhere the OSC 52 escape is written too (it works over SSH); whether the
terminal honours it cannot be known, and the message says so.
*/
export async function copyText(raw: string, env: Readonly<Record<string, string | undefined>>, write: (data: string) => void): Promise<CopyResult> {
	const text = pastable(raw);
	write(osc52(text, env));
	if (env['TMUX'] && (await tmuxLoadBuffer(text, env))) return {text: `Copied ${text} to tmux's paste buffer (prefix ] pastes it)`, confirmed: true};
	const note = env['TMUX'] ? 'tmux refused its buffer; sent OSC 52, which tmux passes on only with set-clipboard on' : 'sent with OSC 52; terminals that do not allow it ignore it silently';
	return {text: `Copy of ${text} not confirmed: ${note}`, confirmed: false};
}
