import {constants} from 'node:fs';
import {access, appendFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {evaluateGate, gateExitCode} from '../ci/evaluate-gate.js';
import type {GateRule} from '../ci/gate-types.js';
import {reporterFor, type ReportInput} from '../ci/reporters/reporters.js';
import type {Analysis} from '../core/analysis-types.js';
import type {ImageComparison} from '../core/compare/compare-types.js';
import type {CliOptions} from './args.js';
import {colorFor} from './color.js';
import type {ReportTarget} from './gate-args.js';
import {UsageError} from './rules-for.js';
import {readTreemapLibrarySync} from '../report/html/treemap-library.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The reports to write: those asked for, else dive's text (plus GitHub annotations when run by GitHub Actions). */
export function reportTargets(options: CliOptions, env: Env): readonly ReportTarget[] {
	if (options.reports.length > 0) return options.reports;
	return env['GITHUB_ACTIONS'] === 'true' ? [{format: 'text'}, {format: 'github'}] : [{format: 'text'}];
}

/** Fail before reading a large image when a report file could not be written anyway. */
export async function checkReportTargets(options: CliOptions): Promise<void> {
	for (const target of options.reports) {
		if (target.path === undefined) continue;
		try {
			await access(path.dirname(path.resolve(target.path)), constants.W_OK);
		} catch (error) {
			throw new UsageError(target.path, `cannot write the ${target.format} report (${(error as {code?: string}).code ?? 'not writable'})`);
		}
	}
}

/**
CI mode: evaluate the rules, write each report (stdout ones to stdout, or to stderr when stdout carries the JSON
export; file ones to their files, even with --quiet), exit 0 (pass, warnings allowed) or 1 (a rule failed).
*/
export async function runGate(
	options: CliOptions,
	analysis: Analysis,
	rules: readonly GateRule[],
	version: string,
	env: Env = process.env,
	baseline?: ImageComparison,
): Promise<0 | 1> {
	const gate = evaluateGate(analysis, rules, baseline);
	const out = options.json === '-' ? process.stderr : process.stdout;
	let separated = false;
	for (const target of reportTargets(options, env)) {
		const reporter = reporterFor(target.format)!;
		const toTerminal = target.path === undefined;
		const input: ReportInput = {
			analysis,
			gate,
			tool: {name: 'layerlens', version},
			color: toTerminal && colorFor(out),
			...(target.format === 'html' ? {assets: {treemapLibrary: readTreemapLibrarySync()}} : {}),
		};
		const extra = reporter.appendToFileIn;
		const file = extra ? env[extra.variable] : undefined;
		if (extra && file) await write(file, `${target.format} summary`, () => appendFile(file, extra.render(input)));
		if (toTerminal && options.quiet) continue;
		const text = reporter.render(input);
		if (toTerminal) {
			// dive prints an empty line on stderr before its report.
			if (!separated) process.stderr.write('\n');
			separated = true;
			out.write(text);
		} else {
			await write(target.path!, target.format, () => writeFile(target.path!, text));
		}
	}
	return gateExitCode(gate);
}

async function write(file: string, what: string, action: () => Promise<void>): Promise<void> {
	try {
		await action();
	} catch (error) {
		throw new UsageError(file, `cannot write the ${what} report (${(error as {code?: string}).code ?? (error as Error).message})`);
	}
}
