/**
The OSC 52 sequence that asks the terminal to put `text` on the clipboard; it works over SSH. Inside tmux the same
sequence is also sent wrapped for passthrough, so it reaches the outer terminal whether tmux's `set-clipboard` or
`allow-passthrough` is on.
*/
export function osc52(text: string, env: Readonly<Record<string, string | undefined>>): string {
	const payload = Buffer.from(text, 'utf8').toString('base64');
	const plain = `\u001B]52;c;${payload}\u0007`;
	if (!env['TMUX']) return plain;
	return `${plain}\u001BPtmux;${plain.replaceAll('\u001B', '\u001B\u001B')}\u001B\\`;
}
