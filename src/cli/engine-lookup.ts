import {spawn} from 'node:child_process';

export type Engine = 'docker' | 'podman';

export type EngineAnswer = {readonly found: boolean; readonly note: string};

/** Whether `engine` is installed and holds image `name` (`<engine> image inspect`), with a note for "where I looked". */
export async function engineHasImage(engine: Engine, name: string): Promise<EngineAnswer> {
	const result = await runQuiet(engine, ['image', 'inspect', '--format', '{{.Id}}', name]);
	if (result.code === 'ENOENT') return {found: false, note: `${engine} (not installed)`};
	if (result.code === 0) return {found: true, note: `${engine} (found)`};
	if (/cannot connect|is the docker daemon running|permission denied/i.test(result.stderr)) return {found: false, note: `${engine} (not reachable: ${firstLine(result.stderr)})`};
	return {found: false, note: `${engine} (no such image)`};
}

/** `<engine> pull NAME`, its output passed through to stderr. Returns the exit status (or the spawn error code). */
export function pullImage(engine: Engine, name: string, stderr: NodeJS.WritableStream): Promise<number | string> {
	return new Promise(resolve => {
		const child = spawn(engine, ['pull', name], {stdio: ['ignore', 'pipe', 'pipe']});
		child.stdout.pipe(stderr, {end: false});
		child.stderr.pipe(stderr, {end: false});
		child.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
		child.on('close', code => resolve(code ?? 'signal'));
	});
}

function runQuiet(program: string, args: string[]): Promise<{code: number | string; stderr: string}> {
	return new Promise(resolve => {
		const child = spawn(program, args, {stdio: ['ignore', 'ignore', 'pipe']});
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
		child.on('error', (error: NodeJS.ErrnoException) => resolve({code: error.code ?? 'error', stderr}));
		child.on('close', code => resolve({code: code ?? 'signal', stderr}));
	});
}

function firstLine(text: string): string {
	return text.trim().split('\n')[0] ?? '';
}
