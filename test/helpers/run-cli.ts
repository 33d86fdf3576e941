import {spawn} from 'node:child_process';
import {statSync} from 'node:fs';
import path from 'node:path';
import {repoRoot} from './fixtures.js';

/**
bin/layerlens.js runs the bundle (build/bundle/), which `npm run build` writes after tsc's output (build/cli/, ...).
A bundle older than tsc's output (tsc run alone) would test yesterday's program: say so instead.
*/
function checkBundleIsCurrent(): void {
	const bundled = statSync(path.join(repoRoot, 'build/bundle/main.js'), {throwIfNoEntry: false})?.mtimeMs ?? 0;
	const compiled = statSync(path.join(repoRoot, 'build/cli/main.js'), {throwIfNoEntry: false})?.mtimeMs ?? 0;
	if (bundled < compiled) throw new Error('build/bundle/ is missing or older than build/cli/: run `npm run build` (tsc, then bin/bundle.js)');
}

export type CliRun = {readonly code: number | null; readonly stdout: string; readonly stderr: string; readonly ms: number};

/** Runs the built CLI (`npm test` builds first) the way a user would, with a hard time limit. */
export function runCli(
	args: readonly string[],
	options: {stdin?: Buffer; cwd?: string; env?: Record<string, string>; timeoutMs?: number} = {},
): Promise<CliRun> {
	checkBundleIsCurrent();
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [path.join(repoRoot, 'bin/layerlens.js'), ...args], {
			cwd: options.cwd ?? repoRoot,
			env: {...process.env, CI: '', NO_COLOR: '1', ...options.env},
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', chunk => (stdout += chunk));
		child.stderr.on('data', chunk => (stderr += chunk));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`layerlens ${args.join(' ')} did not finish in ${options.timeoutMs ?? 30000} ms`));
		}, options.timeoutMs ?? 30000);
		child.on('close', code => {
			clearTimeout(timer);
			resolve({code, stdout, stderr, ms: Date.now() - started});
		});
		child.stdin.on('error', () => {});
		child.stdin.end(options.stdin);
	});
}

/** The one-line error contract: exit 2, one line naming the input and the problem, no stack trace. */
export function errorLine(run: CliRun): string {
	const lines = run.stderr.split('\n').filter(line => line !== '' && !line.startsWith('Loading '));
	return lines.join('\n');
}
