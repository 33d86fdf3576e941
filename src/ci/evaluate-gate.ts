import type {Analysis} from '../core/analysis-types.js';
import {finalFiles, type FinalFile} from '../core/final-files.js';
import type {GateImage, GateReport, GateResult, GateRule} from './gate-types.js';
import {ruleKind} from './rule-kinds.js';

/** Evaluates every rule on the analysis. Pure; the final filesystem is computed once, and only if a rule needs it. */
export function evaluateGate(analysis: Analysis, rules: readonly GateRule[]): GateReport {
	let files: ReadonlyMap<string, FinalFile> | undefined;
	const image: GateImage = {analysis, finalFiles: () => (files ??= finalFiles(analysis))};
	const results = rules.map(rule => evaluateRule(rule, image));
	return {passed: !results.some(result => result.status === 'fail'), results};
}

function evaluateRule(rule: GateRule, image: GateImage): GateResult {
	const kind = ruleKind(rule.kind);
	if (!kind) throw new Error(`unknown rule kind ${rule.kind}`);
	const base = {
		name: rule.name,
		kind: rule.kind,
		severity: rule.severity,
		unit: kind.unit,
		threshold: rule.threshold ?? null,
		value: rule.value,
		...(rule.pattern === undefined ? {} : {pattern: rule.pattern}),
	};
	if (rule.threshold === undefined) return {...base, status: 'skip', actual: null, message: 'disabled'};
	const verdict = kind.check(rule, image);
	if ('skipped' in verdict) return {...base, status: 'skip', actual: verdict.actual ?? null, message: verdict.skipped};
	return {
		...base,
		status: verdict.violated ? (rule.severity === 'warn' ? 'warn' : 'fail') : 'pass',
		actual: Number.isFinite(verdict.actual) ? verdict.actual : null,
		message: verdict.message,
		...(verdict.paths === undefined ? {} : {paths: verdict.paths, pathCount: verdict.pathCount ?? verdict.paths.length}),
	};
}

/** 1 when any rule failed (warnings do not), else 0. */
export function gateExitCode(report: GateReport): 0 | 1 {
	return report.passed ? 0 : 1;
}
