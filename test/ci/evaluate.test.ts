import {describe, expect, it} from 'vitest';
import {evaluate, exitCodeFor} from '../../src/ci/evaluate.js';
import {resolveRules} from '../../src/ci/resolve-rules.js';
import {parseRule, type RuleName} from '../../src/ci/rules.js';
import {diveEvaluatorCases, diveFixtureNumbers} from './dive-numbers.js';

function rulesOf(lowestEfficiency: string, highestWastedBytes: string, highestUserWastedPercent: string) {
	const {rules, errors} = resolveRules({flags: {lowestEfficiency, highestWastedBytes, highestUserWastedPercent}});
	expect(errors).toEqual([]);
	return rules;
}

const image = (efficiencyScore: number, wastedBytes: number, userWastedPercent: number) => ({
	image: {efficiencyScore, wastedBytes, userWastedPercent},
});

describe('evaluate on dive numbers of test-docker-image.tar', () => {
	for (const testCase of diveEvaluatorCases) {
		it(`${testCase.name}: ${testCase.values.join(' / ')}`, () => {
			const [efficiency, wastedBytes, userWasted] = testCase.values;
			const results = evaluate(diveFixtureNumbers, rulesOf(efficiency, wastedBytes, userWasted));
			expect(results.map(result => result.status)).toEqual(testCase.expected);
			expect(exitCodeFor(results)).toBe(testCase.exit);
		});
	}

	it('fails dive built-in defaults on highestUserWastedPercent', () => {
		const results = evaluate(diveFixtureNumbers, resolveRules({}).rules);
		expect(results.map(result => result.status)).toEqual(['pass', 'skip', 'fail']);
		expect(exitCodeFor(results)).toBe(1);
	});

	it('writes dive failure messages', () => {
		const results = evaluate(diveFixtureNumbers, rulesOf('0.99', '1B', '0.01'));
		expect(results.map(result => result.message)).toEqual([
			'image efficiency is too low (efficiency=0.98 < threshold=0.99)',
			'too many bytes wasted (wasted-bytes=32025 > threshold=1)',
			'too many bytes wasted, relative to the user bytes added (%-user-wasted-bytes=0.48 > threshold=0.01)',
		]);
	});

	it('echoes the configured text on PASS and "disabled" on SKIP', () => {
		const results = evaluate(diveFixtureNumbers, rulesOf('0.90', 'off', '1'));
		expect(results.map(result => [result.status, result.message])).toEqual([
			['pass', '0.90'],
			['skip', 'disabled'],
			['pass', '1'],
		]);
	});
});

describe('evaluate comparisons', () => {
	const one = (name: RuleName, value: string, analysis: ReturnType<typeof image>) =>
		evaluate(analysis, [parseRule(name, value, 'flag')])[0]?.status;

	it('passes on equality (strict comparisons)', () => {
		expect(one('lowestEfficiency', '0.5', image(0.5, 0, 0))).toBe('pass');
		expect(one('highestWastedBytes', '1kB', image(1, 1000, 0))).toBe('pass');
		expect(one('highestWastedBytes', '1kB', image(1, 1001, 0))).toBe('fail');
		expect(one('highestUserWastedPercent', '0.5', image(1, 10, 0.5))).toBe('pass');
	});

	it('never fails on a NaN ratio or a NaN threshold', () => {
		expect(one('highestUserWastedPercent', '0', image(1, 0, Number.NaN))).toBe('pass');
		expect(one('lowestEfficiency', 'NaN', image(0, 0, 0))).toBe('pass');
	});

	it('fails an infinite ratio (wasted bytes with no user bytes) and says +Inf', () => {
		const results = evaluate(image(0.5, 100, Infinity), [parseRule('highestUserWastedPercent', '1', 'flag')]);
		expect(results[0]?.message).toBe(
			'too many bytes wasted, relative to the user bytes added (%-user-wasted-bytes=+Inf > threshold=1)',
		);
	});

	it('prints the threshold with Go %v', () => {
		const results = evaluate(image(0.5, 0, 0), [parseRule('lowestEfficiency', '0.90', 'flag')]);
		expect(results[0]?.message).toBe('image efficiency is too low (efficiency=0.50 < threshold=0.9)');
		const tiny = evaluate(image(0, 0, 0), [parseRule('lowestEfficiency', '1e-5', 'flag')]);
		expect(tiny[0]?.message).toBe('image efficiency is too low (efficiency=0.00 < threshold=1e-05)');
	});

	it('exits 0 when nothing failed', () => {
		expect(exitCodeFor([])).toBe(0);
	});
});
