import {execFileSync} from 'node:child_process';

/** A tmux server of our own (its own socket), so tests never touch the user's sessions. */
export class Tmux {
	readonly socket = `layerlens-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

	run(...args: string[]): string {
		return execFileSync('tmux', ['-L', this.socket, ...args], {encoding: 'utf8', env: terminalEnv()});
	}

	start(command: string, options: {cwd: string; columns: number; rows: number; env?: Record<string, string>}): void {
		const env = Object.entries(options.env ?? {}).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
		this.run('-f', '/dev/null', 'new-session', '-d', '-s', 'e2e', '-x', String(options.columns), '-y', String(options.rows), '-c', options.cwd, ...env, command);
	}

	keys(...keys: string[]): void {
		this.run('send-keys', '-t', 'e2e', ...keys);
	}

	/** Sends text literally (no key-name lookup). */
	type(text: string): void {
		this.run('send-keys', '-t', 'e2e', '-l', text);
	}

	screen(colors = false): string {
		return this.run('capture-pane', '-p', ...(colors ? ['-e'] : []), '-t', 'e2e');
	}

	format(format: string): string {
		return this.run('display-message', '-p', '-t', 'e2e', format).trim();
	}

	/** Polls the screen until `predicate` holds; generous for a loaded machine, and a timeout shows the last screen. */
	async waitFor(predicate: (screen: string) => boolean, timeoutMs = 45_000): Promise<string> {
		const start = Date.now();
		for (;;) {
			const screen = this.screen();
			if (predicate(screen)) return screen;
			if (Date.now() - start > timeoutMs) throw new Error(`screen never matched in ${timeoutMs} ms; it shows:\n${screen}`);
			await new Promise(resolve => setTimeout(resolve, 50));
		}
	}

	kill(): void {
		try {
			this.run('kill-server');
		} catch {
			// Already gone.
		}
	}
}

export function haveTmux(): boolean {
	try {
		execFileSync('tmux', ['-V'], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
}

/**
The environment the terminal starts with: ours, less CI (CI=true would put layerlens in CI mode, and CI runs these
tests with it set) and less TMUX (so the tests also run from inside a tmux).
*/
function terminalEnv(): NodeJS.ProcessEnv {
	const env = {...process.env};
	delete env['CI'];
	delete env['TMUX'];
	delete env['NO_COLOR'];
	return env;
}
