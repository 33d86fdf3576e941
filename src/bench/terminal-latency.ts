import {execFileSync, spawn} from 'node:child_process';
import path from 'node:path';
import {createInterface} from 'node:readline';

export type TerminalLatency = {readonly samples: number; readonly p50Ms: number; readonly p95Ms: number; readonly maxMs: number};

const columns = 160;
const rows = 48;

/**
Keypress to changed screen through a real terminal: the built CLI runs in tmux (its own server), and a tmux
control-mode client both types the keys and hears the pane's output (`%output`), so no polling interval and no
process start per sample adds to the figure. Each sample runs from the `send-keys` command leaving to the first
output that follows it, once the pane has been quiet for 30 ms. The keys move through the tree of the last layer.
*/
export async function measureTerminalLatency(cli: string, image: string): Promise<TerminalLatency> {
	const socket = `layerlens-bench-${process.pid}`;
	const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], {encoding: 'utf8'});
	tmux('-f', '/dev/null', 'new-session', '-d', '-s', 'bench', '-x', String(columns), '-y', String(rows), '-e', 'TERM=xterm-256color', `${process.execPath} ${cli} ${image}`);
	const client = spawn('tmux', ['-L', socket, '-C', 'attach-session', '-t', 'bench'], {stdio: ['pipe', 'pipe', 'ignore']});
	let lastOutput = performance.now();
	let waiter: ((at: number) => void) | undefined;
	createInterface({input: client.stdout}).on('line', line => {
		if (!line.startsWith('%output ')) return;
		lastOutput = performance.now();
		const wake = waiter;
		waiter = undefined;
		wake?.(lastOutput);
	});
	const command = (text: string) => client.stdin.write(`${text}\n`);
	const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
	const quiet = async (ms: number) => {
		while (performance.now() - lastOutput < ms) await sleep(5);
	};
	const screen = () => tmux('capture-pane', '-p', '-t', 'bench');
	try {
		command(`refresh-client -C ${columns}x${rows}`);
		const start = Date.now();
		// The panes open on the first layer read (`Reading…` until the last one is in): measure the finished explorer.
		for (let shown = screen(); !shown.includes('Layer Contents') || shown.includes('Reading…'); shown = screen()) {
			if (Date.now() - start > 600_000) throw new Error(`the explorer did not open on ${path.basename(image)}`);
			await sleep(100);
		}
		const keys = ['End', 'Tab', ...Array<string>(60).fill('Down'), ...Array<string>(20).fill('PageDown'), ...Array<string>(20).fill('Up'), ...Array<string>(10).fill('PageUp'), 'g', 'G', 'g'];
		const samples: number[] = [];
		for (const key of keys) {
			// A layer change builds its tree after the keys stop: let that settle before the next sample.
			await quiet(key === 'End' || key === 'Tab' ? 1000 : 30);
			const drawn = new Promise<number>(resolve => (waiter = resolve));
			const sent = performance.now();
			command(`send-keys -t bench ${key}`);
			const timeout = sleep(5000).then(() => Number.NaN);
			const at = await Promise.race([drawn, timeout]);
			if (key !== 'End' && key !== 'Tab' && Number.isFinite(at)) samples.push(at - sent);
		}
		const sorted = samples.sort((a, b) => a - b);
		const quantile = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
		return {samples: sorted.length, p50Ms: quantile(0.5), p95Ms: quantile(0.95), maxMs: sorted.at(-1) ?? Number.NaN};
	} finally {
		client.kill();
		try {
			tmux('kill-server');
		} catch {
			// Already gone.
		}
	}
}
