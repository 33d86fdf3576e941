import {stat} from 'node:fs/promises';
import {evaluateGate} from '../ci/evaluate-gate.js';
import type {GateRule} from '../ci/gate-types.js';
import type {Analysis} from '../core/analysis-types.js';
import type {ReportInput} from '../report/html/report-input.js';
import {writeHtmlReport} from '../report/html/write-html-report.js';
import type {CliOptions} from './args.js';
import {UsageError} from './rules-for.js';

/** `--html PATH`: the self-contained HTML report, with the gate's results when rules were evaluated. */
export async function runHtml(options: CliOptions, analysis: Analysis, rules: readonly GateRule[] | undefined, version: string): Promise<void> {
	const target = options.html!;
	const archiveBytes = await archiveSize(options.image);
	const input: ReportInput = {
		analysis,
		...(archiveBytes === undefined ? {} : {archiveBytes}),
		...(rules ? {ci: evaluateGate(analysis, rules).results} : {}),
		generator: `layerlens ${version}`,
	};
	try {
		await writeHtmlReport(input, target);
	} catch (error) {
		const code = (error as {code?: string}).code;
		throw new UsageError(target, `cannot write the HTML report (${code ?? (error as Error).message})`);
	}
}

/** The size of the archive as stored, when the input is a regular file (not stdin, a daemon or a layout directory). */
async function archiveSize(image: string): Promise<number | undefined> {
	if (image === '-' || /^[a-z]+:\/\//.test(image)) return undefined;
	try {
		const info = await stat(image);
		return info.isFile() ? info.size : undefined;
	} catch {
		return undefined;
	}
}
