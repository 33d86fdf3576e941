import {spawn} from 'node:child_process';
import {accessSync, constants, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {errorLine} from './error-line.js';

type Engine = 'docker' | 'podman';

/** layerlens's own options inside `layerlens build …`; every other argument goes to the engine's build. */
const ownFlags = new Set(['--ci']);
const ownOptions = new Set(['--json', '-j', '--ci-config', '--lowestEfficiency', '--highestWastedBytes', '--highestUserWastedPercent']);

export type BuildArgs = {readonly engine: string | undefined; readonly own: string[]; readonly build: string[]};

/** Splits `layerlens build` arguments: `--engine`, the mode and rule options are ours, the rest the engine's. Pure. */
export function splitBuildArgs(argv: readonly string[]): BuildArgs | {error: string} {
	let engine: string | undefined;
	const own: string[] = [];
	const build: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
		if (name === '--engine' || ownOptions.has(name)) {
			const value = inline ?? argv[++i];
			if (value === undefined) return {error: `${name} needs a value`};
			if (name === '--engine') engine = value;
			else own.push(name, value);
		} else if (ownFlags.has(arg)) {
			own.push(arg);
		} else {
			build.push(arg);
		}
	}
	if (engine !== undefined && engine !== 'docker' && engine !== 'podman') return {error: `unknown --engine ${engine} (docker or podman)`};
	return {engine, own, build};
}

/**
`layerlens build [build args…]`, like `dive build`: runs `docker build` (or `podman build` where docker is missing,
or the `--engine` given) with `--iidfile`, its output streamed to stderr, then analyses the image it produced through
`main` (the explorer, or the CI gate with --ci / CI=true). A failed build exits with the build's own status.
*/
export async function runBuild(argv: readonly string[], env: NodeJS.ProcessEnv, analyse: (argv: readonly string[]) => Promise<number>): Promise<number> {
	const split = splitBuildArgs(argv);
	if ('error' in split) {
		process.stderr.write(errorLine('build', split.error));
		return 2;
	}
	const engine = (split.engine as Engine | undefined) ?? (onPath('docker', env) ? 'docker' : onPath('podman', env) ? 'podman' : undefined);
	if (!engine) {
		process.stderr.write('layerlens: build: neither docker nor podman is installed (or on PATH)\n');
		return 2;
	}
	const dir = mkdtempSync(path.join(tmpdir(), 'layerlens-build-'));
	const iidfile = path.join(dir, 'iid');
	try {
		const status = await run(engine, ['build', '--iidfile', iidfile, ...split.build]);
		if (status === 'ENOENT') {
			process.stderr.write(`layerlens: build: ${engine} is not installed or not on PATH\n`);
			return 2;
		}
		if (status !== 0) return typeof status === 'number' ? status : 1;
		let id = '';
		try {
			id = readFileSync(iidfile, 'utf8').trim();
		} catch {
			id = '';
		}
		if (!/^(sha256:)?[a-f0-9]{12,64}$/.test(id)) {
			process.stderr.write(`layerlens: build: ${engine} build succeeded but wrote no image ID to --iidfile\n`);
			return 2;
		}
		return await analyse([...split.own, `${engine}://${id.replace(/^sha256:/, '')}`]);
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}

function run(program: string, args: string[]): Promise<number | string> {
	return new Promise(resolve => {
		const child = spawn(program, args, {stdio: ['inherit', 'pipe', 'pipe']});
		// The build's output goes to stderr: stdout may carry the JSON export (--json -).
		child.stdout.pipe(process.stderr, {end: false});
		child.stderr.pipe(process.stderr, {end: false});
		child.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
		child.on('close', (code, signal) => resolve(code ?? (signal ? 128 + 15 : 1)));
	});
}

function onPath(program: string, env: NodeJS.ProcessEnv): boolean {
	for (const dir of (env['PATH'] ?? '').split(path.delimiter)) {
		if (!dir) continue;
		try {
			accessSync(path.join(dir, program), constants.X_OK);
			return true;
		} catch {
			// not in this directory
		}
	}
	return false;
}
