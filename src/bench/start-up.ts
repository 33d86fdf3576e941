import {existsSync} from 'node:fs';
import {rename} from 'node:fs/promises';
import path from 'node:path';
import {sampleImage} from '../sample/sample-image.js';
import {writeImageArchive} from '../sample/image-writer.js';
import {median, timeWithRss, type Run} from './measure.js';

/**
The fixed cost every run pays: Node's own start, importing the bundle, and the first analysis of a small image (the
case a CI gate runs hundreds of times a day). Each command against `node -e 0` (the floor: Node starting and doing
nothing) measured in the same rounds, alternating, so the machine's load hits all alike.
*/
export type StartUpFigure = {
	readonly name: string;
	/** Median wall-clock seconds. */
	readonly seconds: number;
	/** Mean user + system CPU seconds (GNU time reports hundredths: a mean over many runs, not a median). */
	readonly cpuSeconds: number;
};

export type StartUp = {readonly runs: number; readonly floor: StartUpFigure; readonly commands: readonly StartUpFigure[]};

/** The sample image (`npm start`'s), written once into the bench cache: with gzip layers as `npm start` opens it, and uncompressed. */
async function sampleArchives(dir: string): Promise<{gzip: string; uncompressed: string}> {
	const gzip = path.join(dir, 'start-up-sample-gzip.tar');
	const uncompressed = path.join(dir, 'start-up-sample.tar');
	for (const [target, compression] of [[gzip, 'gzip'], [uncompressed, 'none']] as const) {
		if (existsSync(target)) continue;
		await writeImageArchive(sampleImage, 'docker-oci', `${target}.partial`, {compression, tmpDir: dir});
		await rename(`${target}.partial`, target);
	}
	return {gzip, uncompressed};
}

export async function measureStartUp(cli: string, dir: string, runs: number): Promise<StartUp> {
	const {gzip, uncompressed} = await sampleArchives(dir);
	const commands: ReadonlyArray<{name: string; args: readonly string[]; codes: readonly number[]}> = [
		{name: 'node -e 0 (floor)', args: ['-e', '0'], codes: [0]},
		{name: 'layerlens --version', args: [cli, '--version'], codes: [0]},
		{name: 'layerlens --json, sample uncompressed', args: [cli, '-q', '--json', '/dev/null', uncompressed], codes: [0]},
		{name: 'layerlens --json, sample gzip layers', args: [cli, '-q', '--json', '/dev/null', gzip], codes: [0]},
		// The gate's verdict on the sample may be a failure (exit 1): only its start-up is measured.
		{name: 'layerlens --ci, sample uncompressed', args: [cli, '-q', '--ci', uncompressed], codes: [0, 1]},
	];
	const measured = commands.map((): Run[] => []);
	for (let round = 0; round < runs + 1; round++) {
		for (const [index, command] of commands.entries()) {
			const run = await timeWithRss(process.execPath, command.args);
			if (!command.codes.includes(run.code ?? -1)) throw new Error(`start-up: ${command.name} exited ${run.code}: ${run.stderr.trim().split('\n').at(-1) ?? ''}`);
			// The first round warms the page cache and is not counted.
			if (round > 0) measured[index]!.push(run);
		}
	}
	const figures = commands.map(({name}, index) => {
		const list = measured[index]!;
		return {name, seconds: median(list.map(run => run.seconds)), cpuSeconds: list.reduce((sum, run) => sum + (run.cpuSeconds ?? Number.NaN), 0) / list.length};
	});
	return {runs, floor: figures[0]!, commands: figures.slice(1)};
}

export function printStartUp(result: StartUp): void {
	const ms = (seconds: number) => `${(seconds * 1000).toFixed(0)} ms`;
	const signed = (seconds: number) => `${seconds < 0 ? '-' : '+'}${ms(Math.abs(seconds))}`;
	console.log(`\nStart-up (the fixed cost of every run), alternating with the floor \`node -e 0\`, ${result.runs} runs each: median wall, mean CPU (user+sys):`);
	console.log(`  ${result.floor.name}: ${ms(result.floor.seconds)} wall, ${ms(result.floor.cpuSeconds)} CPU`);
	for (const figure of result.commands) {
		console.log(
			`  ${figure.name}: ${ms(figure.seconds)} wall (${(figure.seconds / result.floor.seconds).toFixed(2)}x the floor, ${signed(figure.seconds - result.floor.seconds)}), ` +
				`${ms(figure.cpuSeconds)} CPU (${(figure.cpuSeconds / result.floor.cpuSeconds).toFixed(2)}x)`,
		);
	}
}
