import type {GateResult} from '../gate-types.js';
import {markdownSummary} from './markdown-report.js';
import {detailLines, type Reporter} from './report-input.js';

/** A workflow command's message: `%`, CR and LF escaped as GitHub's runner expects. */
export function escapeData(text: string): string {
	return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** A workflow command's property value: the data escapes plus `:` and `,`. */
export function escapeProperty(text: string): string {
	return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

function command(result: GateResult): string | undefined {
	if (result.status !== 'fail' && result.status !== 'warn') return undefined;
	const name = result.status === 'fail' ? 'error' : 'warning';
	return `::${name} title=${escapeProperty(`layerlens ${result.name}`)}::${escapeData(detailLines(result).join('\n'))}`;
}

export const githubReporter: Reporter = {
	format: 'github',
	description: 'GitHub Actions annotations (::error/::warning), and a step summary in $GITHUB_STEP_SUMMARY',
	render: ({gate}) => gate.results.flatMap(result => command(result) ?? []).map(line => `${line}\n`).join(''),
	appendToFileIn: {variable: 'GITHUB_STEP_SUMMARY', render: markdownSummary},
};
