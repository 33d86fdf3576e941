import type {Analysis} from '../core/analysis-types.js';
import {formatGoFixed} from '../format/go-float.js';
import {humanizeBytes} from '../format/humanize-bytes.js';
import {styles, type Styles} from './ansi.js';
import type {EvaluatedImage, RuleResult} from './evaluate.js';

export type ReportOptions = {
	/** ANSI colours as dive uses them on a TTY (PASS green, FAIL bold red, SKIP faint, titles bold). */
	readonly color?: boolean;
};

export type ReportedAnalysis = {
	readonly image: EvaluatedImage;
	readonly inefficiencies: Analysis['inefficiencies'];
};

/** Go `%-<width>s`: pads on the right to `width` runes. */
function padEnd(text: string, width: number): string {
	return text + ' '.repeat(Math.max(0, width - [...text].length));
}

function analysisSection(image: EvaluatedImage, s: Styles): string {
	const wasted = image.wastedBytes;
	// dive prints `0 bytes ` (trailing space) and `0 %` when nothing is wasted.
	const wastedText = wasted > 0 ? `(${humanizeBytes(wasted)})` : '';
	const userWasted = wasted > 0 ? `${formatGoFixed(image.userWastedPercent * 100, 2)} %` : '0 %';
	const row = (key: string, value: string) => `  ${padEnd(`${key}:`, 18)} ${value}`;
	return [
		s.bold('Analysis:'),
		row('efficiency', `${formatGoFixed(image.efficiencyScore * 100, 2)} %`),
		row('wastedBytes', `${wasted} bytes ${wastedText}`),
		row('userWastedPercent', userWasted),
	].join('\n');
}

function inefficientFilesSection(inefficiencies: ReportedAnalysis['inefficiencies'], s: Styles): string {
	const title = s.bold('Inefficient Files:');
	if (inefficiencies.length === 0) return `${title} (None)`;
	const line = (count: string, size: string, path: string) => `  ${padEnd(count, 5)}  ${padEnd(size, 12)}  ${path}`;
	const rows = inefficiencies.map(item => line(String(item.count), humanizeBytes(item.cumulativeBytes), item.path));
	return [title, s.bold(line('Count', 'Wasted Space', 'File Path')), ...rows].join('\n');
}

function ruleLine(result: RuleResult, s: Styles): string {
	const text = `${result.name} (${result.message})`;
	switch (result.status) {
		case 'pass':
			return `  ${s.pass('PASS')}  ${text}`;
		case 'fail':
			return `  ${s.fail('FAIL')}  ${text}`;
		case 'skip':
			return `  ${s.faint('SKIP')}  ${s.faint(text)}`;
	}
}

function summaryLine(results: readonly RuleResult[], s: Styles): string {
	const count = (status: RuleResult['status']) => results.filter(result => result.status === status).length;
	const tally: Array<[string, number]> = [
		['pass', count('pass')],
		['fail', count('fail')],
		['warn', 0], // dive's WARN status is never produced
		['skip', count('skip')],
	];
	const parts = tally.filter(([, n]) => n > 0).map(([label, n]) => `${label}:${n}`);
	const failed = count('fail') > 0;
	const status = failed ? s.fail('FAIL') : s.pass('PASS');
	return `${status}${s.faint(` [${parts.join(' ')}]`)}`;
}

function byName(a: RuleResult, b: RuleResult): number {
	return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
dive's CI report, byte for byte when colour is off: the analysis numbers, the inefficient files (descending), the rule
results sorted by rule name, and the summary (`PASS [pass:3]`). No trailing newline: print it with one.
*/
export function renderReport(analysis: ReportedAnalysis, results: readonly RuleResult[], options: ReportOptions = {}): string {
	const s = styles(options.color === true);
	const evaluation = [s.bold('Evaluation:'), ...[...results].sort(byName).map(result => ruleLine(result, s))].join('\n');
	return [
		analysisSection(analysis.image, s),
		inefficientFilesSection(analysis.inefficiencies, s),
		`${evaluation}\n\n${summaryLine(results, s)}`,
	].join('\n\n');
}
