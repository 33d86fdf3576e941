import {describe, expect, it} from 'vitest';
import {evaluate} from '../../src/ci/evaluate.js';
import {renderReport} from '../../src/ci/report.js';
import {resolveRules} from '../../src/ci/resolve-rules.js';
import {diveFixtureNumbers, diveFixtureReport} from './dive-numbers.js';

const rules = (flags: Parameters<typeof resolveRules>[0]['flags']) => resolveRules({flags}).rules;

describe('renderReport (dive CI report text)', () => {
	it('matches the report of shared/fixtures/README.md byte for byte', () => {
		const ruleSet = rules({lowestEfficiency: '0.9', highestWastedBytes: '20MB', highestUserWastedPercent: '0.90'});
		expect(renderReport(diveFixtureNumbers, evaluate(diveFixtureNumbers, ruleSet))).toBe(diveFixtureReport);
	});

	it('counts fail and skip in the summary, sorted rule lines', () => {
		const ruleSet = rules({lowestEfficiency: '0.9', highestWastedBytes: '1B', highestUserWastedPercent: 'off'});
		const text = renderReport(diveFixtureNumbers, evaluate(diveFixtureNumbers, ruleSet));
		expect(text.split('\n').slice(-6)).toEqual([
			'Evaluation:',
			'  SKIP  highestUserWastedPercent (disabled)',
			'  FAIL  highestWastedBytes (too many bytes wasted (wasted-bytes=32025 > threshold=1))',
			'  PASS  lowestEfficiency (0.9)',
			'',
			'FAIL [pass:1 fail:1 skip:1]',
		]);
	});

	it('reads PASS [skip:3] when every rule is disabled', () => {
		const ruleSet = rules({lowestEfficiency: 'disabled', highestWastedBytes: 'disabled', highestUserWastedPercent: ''});
		expect(renderReport(diveFixtureNumbers, evaluate(diveFixtureNumbers, ruleSet)).endsWith('\n\nPASS [skip:3]')).toBe(true);
	});

	it('prints "0 bytes " with a trailing space, "0 %" and (None) for an image without waste', () => {
		const clean = {image: {efficiencyScore: 1, wastedBytes: 0, userWastedPercent: Number.NaN}, inefficiencies: []};
		const text = renderReport(clean, evaluate(clean, rules({})));
		expect(text).toBe(
			[
				'Analysis:',
				'  efficiency:        100.00 %',
				'  wastedBytes:       0 bytes ',
				'  userWastedPercent: 0 %',
				'',
				'Inefficient Files: (None)',
				'',
				'Evaluation:',
				'  PASS  highestUserWastedPercent (0.1)',
				'  SKIP  highestWastedBytes (disabled)',
				'  PASS  lowestEfficiency (0.9)',
				'',
				'PASS [pass:2 skip:1]',
			].join('\n'),
		);
	});

	it('lists 0-byte inefficient entries and pads long counts and sizes like Go %-Ns', () => {
		const analysis = {
			image: {efficiencyScore: 0.5, wastedBytes: 1_234_567_890, userWastedPercent: 2.5},
			inefficiencies: [
				{path: '/big', count: 123456, cumulativeBytes: 1_234_567_890},
				{path: '/etc', count: 2, cumulativeBytes: 0},
			],
		};
		const lines = renderReport(analysis, evaluate(analysis, rules({}))).split('\n');
		expect(lines.slice(0, 9)).toEqual([
			'Analysis:',
			'  efficiency:        50.00 %',
			'  wastedBytes:       1234567890 bytes (1.2 GB)',
			'  userWastedPercent: 250.00 %',
			'',
			'Inefficient Files:',
			'  Count  Wasted Space  File Path',
			'  123456  1.2 GB        /big',
			'  2      0 B           /etc',
		]);
	});

	it('colours only when asked: titles bold, PASS green, FAIL bold red, SKIP line faint', () => {
		const ruleSet = rules({lowestEfficiency: '0.9', highestWastedBytes: '1B', highestUserWastedPercent: 'off'});
		const results = evaluate(diveFixtureNumbers, ruleSet);
		expect(renderReport(diveFixtureNumbers, results, {color: false})).not.toContain('\u001b');
		const text = renderReport(diveFixtureNumbers, results, {color: true});
		expect(text.startsWith('\u001b[1mAnalysis:\u001b[0m\n')).toBe(true);
		expect(text).toContain('\u001b[1m  Count  Wasted Space  File Path\u001b[0m');
		expect(text).toContain('  \u001b[32mPASS\u001b[0m  lowestEfficiency (0.9)');
		expect(text).toContain('  \u001b[1;31mFAIL\u001b[0m  highestWastedBytes (');
		expect(text).toContain('  \u001b[2mSKIP\u001b[0m  \u001b[2mhighestUserWastedPercent (disabled)\u001b[0m');
		expect(text.endsWith('\u001b[1;31mFAIL\u001b[0m\u001b[2m [pass:1 fail:1 skip:1]\u001b[0m')).toBe(true);
		// Stripped of its escapes, the coloured report is the plain one.
		// biome-ignore lint: control character in regex on purpose
		expect(text.replace(/\u001b\[[0-9;]*m/g, '')).toBe(renderReport(diveFixtureNumbers, results));
	});
});
