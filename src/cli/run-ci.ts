import type {Analysis} from '../core/analysis-types.js';
import {evaluate, exitCodeFor} from '../ci/evaluate.js';
import {renderReport} from '../ci/report.js';
import type {Rule} from '../ci/rules.js';
import type {CliOptions} from './args.js';
import {useColor} from './color.js';

/** CI mode: evaluate the rules on the analysis, print dive's report on stdout, exit 0 (pass) or 1 (fail). */
export function runCi(options: CliOptions, analysis: Analysis, rules: readonly Rule[], print = true): 0 | 1 {
	const results = evaluate(analysis, rules);
	if (!options.quiet && print) {
		process.stderr.write('\n');
		process.stdout.write(`${renderReport(analysis, results, {color: useColor(process.stdout)})}\n`);
	}
	return exitCodeFor(results);
}
