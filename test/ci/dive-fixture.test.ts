import {readFileSync} from 'node:fs';
import {beforeAll, expect, it} from 'vitest';
import type {Analysis} from '../../src/core/analysis-types.js';
import {evaluate, exitCodeFor} from '../../src/ci/evaluate.js';
import {renderReport} from '../../src/ci/report.js';
import {resolveRules} from '../../src/ci/resolve-rules.js';
import {describeWithFixtures, fixturePath} from '../helpers/fixtures.js';
import {analyzePath} from '../helpers/load-fixture.js';
import {diveEvaluatorCases, diveFixtureReport} from './dive-numbers.js';

describeWithFixtures('CI gate on the real test-docker-image.tar', () => {
	let analysis: Analysis;
	beforeAll(async () => {
		analysis = await analyzePath('dive/test-docker-image.tar');
	});

	it('prints the report dive prints (rules 0.9 / 20MB / 0.90), exit 0', () => {
		const {rules, errors} = resolveRules({
			flags: {lowestEfficiency: '0.9', highestWastedBytes: '20MB', highestUserWastedPercent: '0.90'},
		});
		expect(errors).toEqual([]);
		const results = evaluate(analysis, rules);
		expect(renderReport(analysis, results)).toBe(diveFixtureReport);
		expect(exitCodeFor(results)).toBe(0);
	});

	for (const testCase of diveEvaluatorCases) {
		it(`dive evaluator case ${testCase.name}`, () => {
			const [lowestEfficiency, highestWastedBytes, highestUserWastedPercent] = testCase.values;
			const {rules} = resolveRules({flags: {lowestEfficiency, highestWastedBytes, highestUserWastedPercent}});
			const results = evaluate(analysis, rules);
			expect(results.map(result => result.status)).toEqual(testCase.expected);
			expect(exitCodeFor(results)).toBe(testCase.exit);
		});
	}

	it('fails with dive built-in defaults on highestUserWastedPercent (exit 1)', () => {
		const results = evaluate(analysis, resolveRules({}).rules);
		expect(results.find(result => result.status === 'fail')?.name).toBe('highestUserWastedPercent');
		expect(exitCodeFor(results)).toBe(1);
	});

	it('passes with dive-ci.yaml (0.95 / 20Mb / 0.5)', () => {
		const fileText = readFileSync(fixturePath('dive/dive-ci.yaml'), 'utf8');
		const results = evaluate(analysis, resolveRules({fileText}).rules);
		expect(renderReport(analysis, results).split('\n').slice(-5)).toEqual([
			'  PASS  highestUserWastedPercent (0.5)',
			'  PASS  highestWastedBytes (20Mb)',
			'  PASS  lowestEfficiency (0.95)',
			'',
			'PASS [pass:3]',
		]);
	});
});

describeWithFixtures('CI report on a single-layer OCI fixture (nothing wasted)', () => {
	it('prints the zero-waste analysis rows and (None)', async () => {
		const analysis = await analyzePath('dive/test-oci-gzip-image.tar');
		const text = renderReport(analysis, evaluate(analysis, resolveRules({}).rules));
		expect(text.split('\n').slice(0, 6)).toEqual([
			'Analysis:',
			'  efficiency:        100.00 %',
			'  wastedBytes:       0 bytes ',
			'  userWastedPercent: 0 %',
			'',
			'Inefficient Files: (None)',
		]);
		expect(text.endsWith('PASS [pass:2 skip:1]')).toBe(true);
	});
});
