import type {Analysis} from '../core/analysis-types.js';
import {displayText} from '../format/display-text.js';
import {formatGoFixed} from '../format/go-float.js';
import {humanizeBytes} from '../format/humanize-bytes.js';
import {styles, type Styles} from './ansi.js';
import type {EvaluatedImage} from './evaluate.js';
import type {GateResult} from './gate-types.js';

/** What a report line needs: dive's RuleResult, or any gate result (warn status, matched paths). */
export type ReportLine = Pick<GateResult, 'name' | 'status' | 'message'> & Partial<Pick<GateResult, 'paths' | 'pathCount'>>;

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
	const rows = inefficiencies.map(item => line(String(item.count), humanizeBytes(item.cumulativeBytes), displayText(item.path)));
	return [title, s.bold(line('Count', 'Wasted Space', 'File Path')), ...rows].join('\n');
}

/** The paths a failing or warning path rule matched: first ones, then how many more. */
function pathLines(result: ReportLine): string[] {
	if (!result.paths || (result.status !== 'fail' && result.status !== 'warn')) return [];
	const lines = result.paths.map(path => `          ${displayText(path.path)}  (${humanizeBytes(path.bytes)}, layer ${path.layer})`);
	const more = (result.pathCount ?? result.paths.length) - result.paths.length;
	if (more > 0) lines.push(`          … and ${more} more`);
	return lines;
}

function ruleLine(result: ReportLine, s: Styles): string {
	const text = displayText(`${result.name} (${result.message})`);
	switch (result.status) {
		case 'pass':
			return `  ${s.pass('PASS')}  ${text}`;
		case 'fail':
			return [`  ${s.fail('FAIL')}  ${text}`, ...pathLines(result)].join('\n');
		case 'warn':
			return [`  ${s.warn('WARN')}  ${text}`, ...pathLines(result)].join('\n');
		case 'skip':
			return `  ${s.faint('SKIP')}  ${s.faint(text)}`;
	}
}

function summaryLine(results: readonly ReportLine[], s: Styles): string {
	const count = (status: ReportLine['status']) => results.filter(result => result.status === status).length;
	const tally: Array<[string, number]> = [
		['pass', count('pass')],
		['fail', count('fail')],
		['warn', count('warn')],
		['skip', count('skip')],
	];
	const parts = tally.filter(([, n]) => n > 0).map(([label, n]) => `${label}:${n}`);
	const failed = count('fail') > 0;
	const status = failed ? s.fail('FAIL') : s.pass('PASS');
	return `${status}${s.faint(` [${parts.join(' ')}]`)}`;
}

function byName(a: ReportLine, b: ReportLine): number {
	return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
dive's CI report, byte for byte when colour is off and the names are ordinary (archive text goes through `displayText`:
no escape sequence, no line of its own such as a `::workflow-command::`, no bidi or invisible character): the analysis numbers, the inefficient files (descending), the rule
results sorted by rule name, and the summary (`PASS [pass:3]`). No trailing newline: print it with one. Rules beyond
dive's add lines in the same grammar: `WARN` for a broken rule of severity warn, and under a failing path rule the
paths it matched (the first 10, then how many more).
*/
export function renderReport(analysis: ReportedAnalysis, results: readonly ReportLine[], options: ReportOptions = {}): string {
	const s = styles(options.color === true);
	const evaluation = [s.bold('Evaluation:'), ...[...results].sort(byName).map(result => ruleLine(result, s))].join('\n');
	return [
		analysisSection(analysis.image, s),
		inefficientFilesSection(analysis.inefficiencies, s),
		`${evaluation}\n\n${summaryLine(results, s)}`,
	].join('\n\n');
}
