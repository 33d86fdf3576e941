import type {Reporter, ReportInput} from './report-input.js';
import {imageFacts} from './report-input.js';

/** The `--report json` document (its shape: `gateReportSchema`, and the README). */
export function gateDocument({analysis, gate}: ReportInput) {
	const facts = imageFacts(analysis);
	return {
		schemaVersion: 1,
		image: {...facts, efficiencyScore: Number.isFinite(facts.efficiencyScore) ? facts.efficiencyScore : null},
		passed: gate.passed,
		rules: gate.results.map(result => ({
			name: result.name,
			kind: result.kind,
			severity: result.severity,
			status: result.status,
			unit: result.unit,
			threshold: result.threshold,
			value: result.value,
			actual: result.actual,
			message: result.message,
			...(result.pattern === undefined ? {} : {pattern: result.pattern}),
			...(result.paths === undefined ? {} : {paths: result.paths, pathCount: result.pathCount ?? result.paths.length}),
		})),
	};
}

export const jsonReporter: Reporter = {
	format: 'json',
	description: 'the rule results as JSON: {schemaVersion, image, passed, rules}',
	render: input => `${JSON.stringify(gateDocument(input), null, 2)}\n`,
};
