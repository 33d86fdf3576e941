import {median, timeWithRss, type Run} from './measure.js';

/** Issue 9's budget: `--json` with the waste hints may cost at most this much more than without. */
export const hintCostTarget = 0.1;

const shortImageRuns = 11;

export type HintCost = {
	readonly name: string;
	readonly runs: number;
	readonly with: Figures;
	readonly without: Figures;
};

type Figures = {readonly seconds: number; readonly cpuSeconds: number; readonly rssMb: number};

/**
`--json` with hints against the same run with `LAYERLENS_NO_HINTS=1` (the loader then skips the first bytes of
credential-like files and the duplicate samples, and the analysis computes no hints), alternating the two so that a
change in the machine's load hits both alike; medians of time and CPU, the larger peak RSS. An image that takes under
a second runs at least `shortImageRuns` times: its difference (tens of milliseconds) is within one run's noise, and a
median of 3 put it anywhere from -3% to +28%.
*/
export async function measureHintCost(cli: string, images: ReadonlyArray<{name: string; archive: string; short?: boolean}>, minRuns: number): Promise<HintCost[]> {
	const results: HintCost[] = [];
	for (const {name, archive, short} of images) {
		const runs = short ? Math.max(minRuns, shortImageRuns) : minRuns;
		const withHints: Run[] = [];
		const without: Run[] = [];
		for (let i = 0; i < runs; i++) {
			withHints.push(checked(await timeWithRss(cli, ['--json', '/dev/null', archive])));
			without.push(checked(await timeWithRss(cli, ['--json', '/dev/null', archive], {LAYERLENS_NO_HINTS: '1'})));
		}
		results.push({name, runs, with: figures(withHints), without: figures(without)});
	}
	return results;
}

function checked(run: Run): Run {
	if (run.code !== 0) throw new Error(`hint cost: layerlens exited ${run.code}: ${run.stderr.trim().split('\n').at(-1) ?? ''}`);
	return run;
}

function figures(runs: readonly Run[]): Figures {
	return {
		seconds: median(runs.map(run => run.seconds)),
		cpuSeconds: median(runs.map(run => run.cpuSeconds ?? Number.NaN)),
		rssMb: Math.max(...runs.map(run => run.rssMb ?? Number.NaN)),
	};
}

/** One line per image: time, CPU time and peak RSS with hints, and how much more than without; the verdict uses CPU time and RSS (wall time moves with the load). */
export function printHintCost(results: readonly HintCost[]): void {
	const extra = (a: number, b: number) => a / b - 1;
	const percent = (value: number) => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%`;
	console.log('\nIssue 9 hint cost: --json with hints against LAYERLENS_NO_HINTS=1, alternating, medians:');
	for (const {name, runs, with: on, without: off} of results) {
		const cpu = extra(on.cpuSeconds, off.cpuSeconds);
		const rss = extra(on.rssMb, off.rssMb);
		const pass = cpu < hintCostTarget && rss < hintCostTarget;
		console.log(
			`  ${name} (${runs} runs each): ${on.seconds.toFixed(2)} s (${percent(extra(on.seconds, off.seconds))}), CPU ${on.cpuSeconds.toFixed(2)} s (${percent(cpu)}), ` +
				`${on.rssMb.toFixed(0)} MB (${percent(rss)}) against ${off.seconds.toFixed(2)} s, CPU ${off.cpuSeconds.toFixed(2)} s, ${off.rssMb.toFixed(0)} MB ` +
				`(target < +${hintCostTarget * 100}% CPU and RSS: ${pass ? 'PASS' : 'FAIL'})`,
		);
	}
}
