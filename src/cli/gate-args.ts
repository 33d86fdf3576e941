import {isReportFormat, reportFormats} from '../ci/reporters/report-formats.js';
import {thresholdFlags} from '../ci/rule-flags.js';

/** Where one report goes: a file, or stdout when `path` is absent. */
export type ReportTarget = {readonly format: string; readonly path?: string};

/** The gate's own threshold flags (dive's three keep their camelCase flags in args.ts). */
const sizeKinds = Object.entries(thresholdFlags).map(([id, flag]) => ({id, flag}));

export const sizeFlagNames: readonly string[] = sizeKinds.map(kind => kind.flag);

/** The threshold flags given, by rule kind id; an error message for an empty one. */
export function sizeFlags(values: Readonly<Record<string, unknown>>): Record<string, string> | string {
	const flags: Record<string, string> = {};
	for (const kind of sizeKinds) {
		const value = values[kind.flag];
		if (typeof value !== 'string') continue;
		if (value === '') return `--${kind.flag} needs a value`;
		flags[kind.id] = value;
	}
	return flags;
}

/** `--report FORMAT[=PATH]` values; an error message when a format is unknown or two reports want stdout. */
export function parseReportTargets(values: readonly string[], json: string | undefined): ReportTarget[] | string {
	const targets: ReportTarget[] = [];
	for (const value of values) {
		const equals = value.indexOf('=');
		const format = equals === -1 ? value : value.slice(0, equals);
		const path = equals === -1 ? undefined : value.slice(equals + 1);
		if (!isReportFormat(format)) return `--report: unknown format "${format}" (${reportFormats.join(', ')})`;
		if (path === '') return `--report ${format}=: the path is empty`;
		targets.push(path === undefined ? {format} : {format, path});
	}
	const toStdout = targets.filter(target => target.path === undefined);
	if (toStdout.length > 1) return `--report: only one report can go to stdout (${toStdout.map(target => target.format).join(', ')}); give the others =PATH`;
	if (toStdout.length === 1 && json === '-') return `--report ${toStdout[0]!.format}: stdout carries the JSON (--json -); give the report =PATH`;
	return targets;
}
