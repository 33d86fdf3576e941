import type {ReportedAnalysis} from '../../src/ci/report.js';

/** What dive asserts on test-docker-image.tar (shared/fixtures/README.md), as the report reads it. */
export const diveFixtureNumbers: ReportedAnalysis = {
	image: {efficiencyScore: 0.9844212134184309, wastedBytes: 32025, userWastedPercent: 0.4834911001404049},
	inefficiencies: [
		{path: '/root/saved.txt', count: 2, cumulativeBytes: 12810},
		{path: '/root/example/somefile1.txt', count: 2, cumulativeBytes: 12810},
		{path: '/root/example/somefile3.txt', count: 2, cumulativeBytes: 6405},
	],
};

/** The CI report in shared/fixtures/README.md, for rules 0.9 / 20MB / 0.90. */
export const diveFixtureReport = `Analysis:
  efficiency:        98.44 %
  wastedBytes:       32025 bytes (32 kB)
  userWastedPercent: 48.35 %

Inefficient Files:
  Count  Wasted Space  File Path
  2      13 kB         /root/saved.txt
  2      13 kB         /root/example/somefile1.txt
  2      6.4 kB        /root/example/somefile3.txt

Evaluation:
  PASS  highestUserWastedPercent (0.90)
  PASS  highestWastedBytes (20MB)
  PASS  lowestEfficiency (0.9)

PASS [pass:3]`;

/** dive's evaluator cases on the same image (evaluator_test.go, via shared/fixtures/README.md). */
export const diveEvaluatorCases = [
	{name: 'allFail', values: ['0.99', '1B', '0.01'], expected: ['fail', 'fail', 'fail'], exit: 1},
	{name: 'allPass', values: ['0.9', '50kB', '0.5'], expected: ['pass', 'pass', 'pass'], exit: 0},
	{name: 'allDisabled', values: ['disabled', 'disabled', 'disabled'], expected: ['skip', 'skip', 'skip'], exit: 0},
	{name: 'mixedResults', values: ['0.9', '1B', '0.5'], expected: ['pass', 'fail', 'pass'], exit: 1},
] as const;

/** Misconfigurations dive rejects: [lowestEfficiency, highestWastedBytes, highestUserWastedPercent]. */
export const diveMisconfigurations = [
	['1.1', '50kB', '0.5'],
	['-0.1', '50kB', '0.5'],
	['not_a_number', '50kB', '0.5'],
	['0.9', 'not_a_size', '0.5'],
	['0.9', '50kB', '1.1'],
	['0.9', '50kB', '-0.1'],
	['0.9', '50kB', 'not_a_number'],
] as const;
