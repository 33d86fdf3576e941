import {htmlReporter} from '../../report/html/html-reporter.js';
import {githubReporter} from './github-report.js';
import {jsonReporter} from './json-report.js';
import {junitReporter} from './junit-report.js';
import {markdownReporter} from './markdown-report.js';
import type {Reporter} from './report-input.js';
import {sarifReporter} from './sarif-report.js';
import {textReporter} from './text-report.js';

/** Every `--report` format by name. To add one, write a `Reporter` and add it here. */
export const reporters: Readonly<Record<string, Reporter>> = Object.fromEntries(
	[textReporter, githubReporter, junitReporter, sarifReporter, markdownReporter, jsonReporter, htmlReporter].map(reporter => [reporter.format, reporter]),
);

export function reporterFor(format: string): Reporter | undefined {
	return Object.hasOwn(reporters, format) ? reporters[format] : undefined;
}

export type {Reporter, ReportInput} from './report-input.js';
