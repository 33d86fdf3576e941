import {spawn} from 'node:child_process';
import {createHash} from 'node:crypto';
import {existsSync, readFileSync} from 'node:fs';
import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {gzipSync} from 'node:zlib';
import {dir, file, hardlink, symlink} from '../sample/entries.js';
import type {ArchiveFormat, ImageDescription, LayerCompression} from '../sample/image-description.js';
import {buildImageArchive} from '../sample/image-writer.js';
import {mutate, random} from './mutate.js';

export type FuzzOptions = {
	readonly seed: number;
	readonly iterations: number;
	/** CLI runs at once. */
	readonly concurrency?: number;
	/** A run that takes longer is a hang. */
	readonly timeoutMs?: number;
	/** A run whose resident memory passes this is a finding. */
	readonly rssLimitBytes?: number;
	/** Where inputs that broke the contract are saved (a regression case each). */
	readonly keepDir?: string;
	/** Extra seed archives (the shared fixtures, when present). */
	readonly seedFiles?: readonly string[];
	readonly log?: (line: string) => void;
};

export type Finding = {readonly problem: string; readonly how: string; readonly way: Way; readonly saved?: string};
type Way = 'file' | 'stdin' | 'tar.gz';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(repoRoot, 'bin/layerlens.js');

const seedImage: ImageDescription = {
	tags: ['fuzz:seed'],
	layers: [
		{createdBy: 'ADD rootfs', entries: [dir('etc/'), file('etc/hosts', '127.0.0.1 localhost\n'), symlink('etc/link', 'hosts'), file('bin/tool', 'x'.repeat(700))]},
		{createdBy: 'RUN update', entries: [dir('etc/'), file('etc/hosts', '::1 localhost\n'), hardlink('bin/again', 'bin/tool'), file('etc/.wh.link', '')]},
	],
};

const seedFormats: ReadonlyArray<readonly [ArchiveFormat, LayerCompression]> = [
	['docker-legacy', 'none'],
	['docker-oci', 'gzip'],
	['oci-archive', 'zstd'],
	['kaniko', 'gzip'],
];

/** The generated seed archives (small, deterministic), then any extra files. */
export async function seedArchives(extra: readonly string[] = []): Promise<Buffer[]> {
	const seeds: Buffer[] = [];
	for (const [format, compression] of seedFormats) seeds.push(await buildImageArchive(seedImage, format, {compression}));
	for (const name of extra) seeds.push(await readFile(name));
	return seeds;
}

/** Runs the built CLI on one input and checks the contract: exit 0 with valid JSON, or exit 2 with one line. */
export async function checkContract(
	input: Buffer,
	way: Way,
	work: string,
	limits: {timeoutMs: number; rssLimitBytes: number},
): Promise<string | undefined> {
	const name = path.join(work, `input-${process.pid}-${Math.random().toString(36).slice(2)}`);
	const out = `${name}.json`;
	const target = way === 'tar.gz' ? `${name}.tar.gz` : `${name}.tar`;
	if (way !== 'stdin') await writeFile(target, way === 'tar.gz' ? gzipSync(input) : input);
	try {
		const run = await runLimited(['--json', out, '-q', way === 'stdin' ? '-' : target], way === 'stdin' ? input : undefined, limits);
		if (run.problem) return run.problem;
		if (run.code === 0) {
			if (!existsSync(out)) return 'exit 0 without the JSON file';
			try {
				JSON.parse(readFileSync(out, 'utf8'));
			} catch {
				return 'exit 0 with invalid JSON';
			}
			return run.stderr === '' ? undefined : `exit 0 with stderr: ${firstLine(run.stderr)}`;
		}
		if (run.code !== 2) return `exit ${run.code} (${run.signal ?? 'no signal'}): ${firstLine(run.stderr)}`;
		const lines = run.stderr.split('\n').filter(line => line !== '');
		if (lines.length !== 1) return `exit 2 with ${lines.length} lines on stderr: ${firstLine(run.stderr)}`;
		if (!lines[0]!.startsWith('layerlens: ')) return `exit 2 with an odd line: ${lines[0]}`;
		if (/unexpected error/.test(lines[0]!)) return `an unexpected error: ${lines[0]}`;
		return undefined;
	} finally {
		await rm(target, {force: true});
		await rm(out, {force: true});
	}
}

const firstLine = (text: string) => text.split('\n').find(line => line.trim() !== '')?.slice(0, 300) ?? '(nothing)';

function runLimited(
	args: string[],
	stdin: Buffer | undefined,
	limits: {timeoutMs: number; rssLimitBytes: number},
): Promise<{code: number | null; signal: string | null; stderr: string; problem?: string}> {
	return new Promise(resolve => {
		const child = spawn(process.execPath, [cli, ...args], {stdio: ['pipe', 'ignore', 'pipe'], env: {...process.env, CI: '', NO_COLOR: '1'}});
		let stderr = '';
		let problem: string | undefined;
		child.stderr.on('data', (chunk: Buffer) => {
			if (stderr.length < 64 * 1024) stderr += chunk.toString();
		});
		const stop = (why: string) => {
			problem ??= why;
			child.kill('SIGKILL');
		};
		const timer = setTimeout(() => stop(`no exit in ${limits.timeoutMs} ms (a hang)`), limits.timeoutMs);
		const watch = setInterval(() => {
			const rss = residentBytes(child.pid);
			if (rss > limits.rssLimitBytes) stop(`resident memory ${Math.round(rss / 1024 ** 2)} MB, over ${Math.round(limits.rssLimitBytes / 1024 ** 2)} MB`);
		}, 50);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			clearInterval(watch);
			resolve({code, signal, stderr, ...(problem ? {problem} : {})});
		});
		child.stdin.on('error', () => {});
		child.stdin.end(stdin);
	});
}

/** VmRSS of a process from /proc (0 when unknown: not Linux, or already gone). */
function residentBytes(pid: number | undefined): number {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = /VmRSS:\s+(\d+)/.exec(status);
		return kb ? Number(kb[1]) * 1024 : 0;
	} catch {
		return 0;
	}
}

/**
A seeded mutation loop over the seed archives: each iteration mutates one seed 1–3 times and feeds it to the built
CLI as a file, on stdin, or as a whole-archive .tar.gz. Inputs that break the contract are saved to `keepDir`.
*/
export async function runFuzz(options: FuzzOptions): Promise<{iterations: number; findings: Finding[]}> {
	const rng = random(options.seed);
	const seeds = await seedArchives(options.seedFiles);
	const work = await mkdtemp(path.join(tmpdir(), 'layerlens-fuzz-'));
	const limits = {timeoutMs: options.timeoutMs ?? 20_000, rssLimitBytes: options.rssLimitBytes ?? 1024 ** 3};
	const findings: Finding[] = [];
	// Inputs are drawn up front, in order, so the same seed gives the same inputs whatever the concurrency.
	const cases = Array.from({length: options.iterations}, () => {
		let bytes = rng.pick(seeds);
		const hows: string[] = [];
		for (let i = 0, count = 1 + rng.int(3); i < count; i++) {
			const mutated = mutate(bytes, rng);
			bytes = mutated.bytes;
			hows.push(mutated.how);
		}
		const way: Way = rng.pick(['file', 'file', 'stdin', 'tar.gz'] as const);
		return {bytes, how: hows.join('; '), way};
	});
	let next = 0;
	const worker = async () => {
		while (next < cases.length) {
			const index = next++;
			const {bytes, how, way} = cases[index]!;
			const problem = await checkContract(bytes, way, work, limits);
			if (!problem) continue;
			let saved: string | undefined;
			if (options.keepDir) {
				await mkdir(options.keepDir, {recursive: true});
				saved = path.join(options.keepDir, `${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.${way}.bin`);
				await writeFile(saved, bytes);
			}
			findings.push({problem, how, way, ...(saved ? {saved} : {})});
			options.log?.(`finding at iteration ${index} (${way}; ${how}): ${problem}${saved ? ` → ${saved}` : ''}`);
		}
	};
	try {
		await Promise.all(Array.from({length: options.concurrency ?? 2}, worker));
	} finally {
		await rm(work, {recursive: true, force: true});
	}
	return {iterations: cases.length, findings};
}
