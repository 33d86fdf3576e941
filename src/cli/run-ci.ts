import type {Analysis} from '../core/analysis-types.js';
import {evaluate, exitCodeFor} from '../ci/evaluate.js';
import {renderReport} from '../ci/report.js';
import type {Rule} from '../ci/rules.js';
import type {CliOptions} from './args.js';
import {colorFor} from './color.js';

/**
CI mode: evaluate the rules on the analysis, print dive's report, exit 0 (pass) or 1 (fail). The report goes to
stdout, or to stderr when stdout carries the JSON export.
*/
export function runCi(options: CliOptions, analysis: Analysis, rules: readonly Rule[]): 0 | 1 {
	const results = evaluate(analysis, rules);
	if (!options.quiet) {
		const out = options.json === '-' ? process.stderr : process.stdout;
		process.stderr.write('\n');
		out.write(`${renderReport(analysis, results, {color: colorFor(out)})}\n`);
	}
	return exitCodeFor(results);
}
