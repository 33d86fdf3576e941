import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {resolveRules} from '../../src/ci/resolve-rules.js';
import {describeWithFixtures, fixturePath} from '../helpers/fixtures.js';
import {diveMisconfigurations} from './dive-numbers.js';

const summary = (input: Parameters<typeof resolveRules>[0]) =>
	resolveRules(input).rules.map(rule => [rule.name, rule.value, rule.source]);

describe('resolveRules: precedence', () => {
	it('uses dive defaults 0.9 / disabled / 0.1 when nothing is given', () => {
		const {rules, errors} = resolveRules({});
		expect(errors).toEqual([]);
		expect(rules.map(rule => [rule.name, rule.value, rule.source, rule.threshold])).toEqual([
			['lowestEfficiency', '0.9', 'default', 0.9],
			['highestWastedBytes', 'disabled', 'default', undefined],
			['highestUserWastedPercent', '0.1', 'default', 0.1],
		]);
	});

	it('lets explicit flags win over the CI file, which fills in the rest', () => {
		const fileText = 'rules:\n  lowestEfficiency: 0.95\n  highestWastedBytes: 20Mb\n';
		expect(summary({flags: {lowestEfficiency: '0.5'}, fileText})).toEqual([
			['lowestEfficiency', '0.5', 'flag'],
			['highestWastedBytes', '20Mb', 'file'],
			['highestUserWastedPercent', '0.1', 'default'],
		]);
	});

	it('treats an explicit empty flag as "disabled", not as absent', () => {
		const {rules} = resolveRules({flags: {lowestEfficiency: ''}, fileText: 'rules:\n  lowestEfficiency: 0.95\n'});
		expect(rules[0]).toMatchObject({source: 'flag', threshold: undefined});
	});

	it('never parses a file value that a flag overrides', () => {
		const {rules, errors} = resolveRules({
			flags: {highestWastedBytes: '1MB'},
			fileText: 'rules:\n  highestWastedBytes: lots\n',
		});
		expect(errors).toEqual([]);
		expect(rules[1]?.threshold).toBe(1_000_000);
	});

	it('rejects each of dive misconfigurations, naming the input', () => {
		for (const [lowestEfficiency, highestWastedBytes, highestUserWastedPercent] of diveMisconfigurations) {
			const {errors} = resolveRules({flags: {lowestEfficiency, highestWastedBytes, highestUserWastedPercent}});
			expect(errors, `${lowestEfficiency} ${highestWastedBytes} ${highestUserWastedPercent}`).toHaveLength(1);
		}
		const {errors} = resolveRules({flags: {lowestEfficiency: '1.1'}});
		expect(errors).toEqual([
			{
				input: '--lowestEfficiency',
				rule: 'lowestEfficiency',
				message: "lowestEfficiency config value is outside allowed range (0-1), given '1.100000'",
			},
		]);
	});

	it('reports every bad value, not just the first', () => {
		const {errors} = resolveRules({
			flags: {lowestEfficiency: 'x'},
			fileText: 'rules:\n  highestWastedBytes: y\n  highestUserWastedPercent: 2\n',
			filePath: 'ci/rules.yaml',
		});
		expect(errors.map(error => error.input)).toEqual(['--lowestEfficiency', 'ci/rules.yaml', 'ci/rules.yaml']);
	});
});

describe('resolveRules: the .dive-ci file', () => {
	it('keeps literal scalar text: 0.20 stays "0.20", quotes are removed', () => {
		const fileText = "rules:\n  lowestEfficiency: 0.20\n  highestWastedBytes: '20MB'\n  highestUserWastedPercent: \"0.90\"\n";
		expect(summary({fileText})).toEqual([
			['lowestEfficiency', '0.20', 'file'],
			['highestWastedBytes', '20MB', 'file'],
			['highestUserWastedPercent', '0.90', 'file'],
		]);
	});

	it('decodes booleans and nulls as yaml.v3 decodes them into strings', () => {
		// `false` is text that disables the rule; a null (`~`, empty) leaves the default, as yaml.v3 does.
		const fileText = 'rules:\n  lowestEfficiency: false\n  highestWastedBytes:\n  highestUserWastedPercent: ~\n';
		const {rules} = resolveRules({fileText});
		expect(rules.map(rule => [rule.value, rule.source])).toEqual([
			['false', 'file'],
			['disabled', 'default'],
			['0.1', 'default'],
		]);
	});

	it('ignores unknown keys and the new snake-case names, reads only rules.<camelCase>', () => {
		const fileText = 'ci: true\nlowestEfficiency: 0.1\nrules:\n  lowest-efficiency: 0.5\n  other: 3\n';
		expect(summary({fileText})).toEqual([
			['lowestEfficiency', '0.9', 'default'],
			['highestWastedBytes', 'disabled', 'default'],
			['highestUserWastedPercent', '0.1', 'default'],
		]);
	});

	it('treats an empty file, or one without rules, as giving nothing', () => {
		for (const fileText of ['', '# nothing\n', 'rules:\n', 'plugins: [a]\n']) {
			expect(resolveRules({fileText}).errors, JSON.stringify(fileText)).toEqual([]);
			expect(resolveRules({fileText}).rules.every(rule => rule.source === 'default')).toBe(true);
		}
	});

	it('follows YAML aliases', () => {
		const fileText = 'limit: &limit 0.75\nrules:\n  lowestEfficiency: *limit\n';
		expect(resolveRules({fileText}).rules[0]).toMatchObject({value: '0.75', threshold: 0.75});
	});

	it('reports a broken file with its path', () => {
		for (const fileText of ['rules: [1, 2\n', '- a\n- b\n', 'rules: 5\n', 'rules:\n  lowestEfficiency: [0.9]\n']) {
			const {errors} = resolveRules({fileText, filePath: 'my-ci.yaml'});
			expect(errors.length, fileText).toBeGreaterThan(0);
			expect(errors[0]?.input).toBe('my-ci.yaml');
		}
	});
});

describeWithFixtures('resolveRules on dive-ci.yaml (dive legacy rules file)', () => {
	const fileText = readFileSync(fixturePath('dive/dive-ci.yaml'), 'utf8');

	it('reads 0.95 / 20Mb / 0.5 and ignores plugins and plugin1/rule1', () => {
		const {rules, errors} = resolveRules({fileText});
		expect(errors).toEqual([]);
		expect(rules.map(rule => [rule.value, rule.source, rule.threshold])).toEqual([
			['0.95', 'file', 0.95],
			['20Mb', 'file', 20_000_000],
			['0.5', 'file', 0.5],
		]);
	});

	it('yields to an explicit flag (dive would ignore the flag)', () => {
		const {rules} = resolveRules({fileText, flags: {highestUserWastedPercent: '0.9'}});
		expect(rules.map(rule => rule.value)).toEqual(['0.95', '20Mb', '0.9']);
	});
});
