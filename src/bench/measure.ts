import {spawn} from 'node:child_process';

export type Run = {
	readonly seconds: number;
	readonly code: number | null;
	readonly stderr: string;
	readonly rssMb?: number;
	/** User plus system CPU seconds, from `/usr/bin/time -v`. */
	readonly cpuSeconds?: number;
};

const keepTail = (text: string, chunk: Buffer) => (text + chunk.toString('utf8')).slice(-16_384);

/** Runs a command with stdout to /dev/null and returns its wall-clock time; `env` is added to this process's environment. */
export function timeCommand(command: string, args: readonly string[], env?: Readonly<Record<string, string>>): Promise<Run> {
	return new Promise((resolve, reject) => {
		const started = process.hrtime.bigint();
		const child = spawn(command, args, {stdio: ['ignore', 'ignore', 'pipe'], ...(env ? {env: {...process.env, ...env}} : {})});
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr = keepTail(stderr, chunk)));
		child.on('error', reject);
		child.on('close', (code) => resolve({seconds: Number(process.hrtime.bigint() - started) / 1e9, code, stderr}));
	});
}

/** Like timeCommand, under `/usr/bin/time -v`, adding the peak resident set size and the CPU time it reports. */
export async function timeWithRss(command: string, args: readonly string[], env?: Readonly<Record<string, string>>): Promise<Run> {
	const run = await timeCommand('/usr/bin/time', ['-v', command, ...args], env);
	const rssMb = parseMaxRssMb(run.stderr);
	const cpuSeconds = parseCpuSeconds(run.stderr);
	const stderr = run.stderr.replace(/\n?\tCommand being timed:[\s\S]*$/, '');
	return {...run, stderr, ...(rssMb === undefined ? {} : {rssMb}), ...(cpuSeconds === undefined ? {} : {cpuSeconds})};
}

/** GNU time's `-v` report: user plus system seconds. */
export function parseCpuSeconds(report: string): number | undefined {
	const user = /User time \(seconds\): ([\d.]+)/.exec(report);
	const system = /System time \(seconds\): ([\d.]+)/.exec(report);
	return user && system ? Number(user[1]) + Number(system[1]) : undefined;
}

/** GNU time's `-v` report: "Maximum resident set size (kbytes): N", in MiB. */
export function parseMaxRssMb(report: string): number | undefined {
	const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(report);
	return match ? Number(match[1]) / 1024 : undefined;
}

export function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Runs `measure` `times` times and keeps every run. */
export async function repeat(times: number, measure: () => Promise<Run>): Promise<Run[]> {
	const runs: Run[] = [];
	for (let i = 0; i < times; i++) runs.push(await measure());
	return runs;
}
