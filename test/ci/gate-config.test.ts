import {describe, expect, it} from 'vitest';
import {parseGateFile, parseLayerlensFile} from '../../src/ci/gate-file.js';
import {resolveGate} from '../../src/ci/resolve-gate.js';

const summary = (input: Parameters<typeof resolveGate>[0]) =>
	resolveGate(input).rules.map(rule => [rule.name, rule.value, rule.source, rule.severity]);

describe('the ci: section and its format detection', () => {
	it('detects the format from content: a ci: mapping is ours, anything else is dive\'s .dive-ci', () => {
		expect(parseGateFile('ci:\n  maxLayers: 5\n', 'a.yaml').format).toBe('layerlens');
		expect(parseGateFile('rules:\n  lowestEfficiency: 0.5\n', 'b.yaml').format).toBe('dive');
		// dive's own app config has `ci: true` beside `rules:`: still dive's format.
		expect(parseGateFile('ci: true\nrules:\n  lowestEfficiency: 0.5\n', 'c.yaml')).toMatchObject({format: 'dive', rules: [{kind: 'lowestEfficiency', value: '0.5'}]});
	});

	it('reads every rule form: a value, {value, severity}, budgets, deny lists with per-item severity', () => {
		const file = parseGateFile(
			[
				'ci:',
				'  lowestEfficiency: 0.90',
				'  maxImageSize: {value: 500MB, severity: warn}',
				'  budgets:',
				'    /app/node_modules/**: 150MB',
				'  deny: [/root/.ssh/**, {pattern: "**/*.pem", severity: warn}]',
				'  denyInAnyLayer: "**/id_rsa"',
				'',
			].join('\n'),
			'.layerlens.yaml',
		);
		expect(file.errors).toEqual([]);
		expect(file.warnings).toEqual([]);
		expect(summary({files: [file]})).toEqual([
			['lowestEfficiency', '0.90', 'file', 'error'],
			['highestWastedBytes', 'disabled', 'default', 'error'],
			['highestUserWastedPercent', '0.1', 'default', 'error'],
			['maxImageSize', '500MB', 'file', 'warn'],
			['budgets:/app/node_modules/**', '150MB', 'file', 'error'],
			['deny:/root/.ssh/**', '/root/.ssh/**', 'file', 'error'],
			['deny:**/*.pem', '**/*.pem', 'file', 'warn'],
			['denyInAnyLayer:**/id_rsa', '**/id_rsa', 'file', 'error'],
		]);
	});

	it('warns about an unknown key, naming the key and the file, and keeps the other rules', () => {
		const file = parseLayerlensFile('sort: size\nci:\n  maxImgSize: 3MB\n  maxLayers: 4\n  maxImageSize: {value: 1MB, severty: warn}\n', 'ci/.layerlens.yaml');
		expect(file.warnings).toEqual([
			'layerlens: warning: ci/.layerlens.yaml: unknown key ci.maxImgSize ignored',
			'layerlens: warning: ci/.layerlens.yaml: unknown key ci.maxImageSize.severty ignored',
		]);
		expect(file.rules.map(rule => rule.kind)).toEqual(['maxLayers', 'maxImageSize']);
	});

	it('a .layerlens.yaml without ci: configures nothing', () => {
		expect(parseLayerlensFile('sort: size\n', '.layerlens.yaml')).toMatchObject({rules: [], errors: [], warnings: []});
	});

	it('a bad value is one error naming the key, the value and the file', () => {
		const cases: Array<[string, string]> = [
			['ci:\n  maxImageSize: 5lots\n', '.layerlens.yaml: ci.maxImageSize: invalid maxImageSize value, given "5lots": unhandled size name: lots'],
			['ci:\n  maxLayers: 2.5\n', '.layerlens.yaml: ci.maxLayers: invalid maxLayers value, given "2.5": not a whole number'],
			['ci:\n  budgets:\n    /app/**: huge\n', '.layerlens.yaml: ci.budgets./app/**: invalid budgets value, given "huge": strconv.ParseFloat: parsing "": invalid syntax'],
			['ci:\n  lowestEfficiency: 1.5\n', ".layerlens.yaml: ci.lowestEfficiency: lowestEfficiency config value is outside allowed range (0-1), given '1.500000'"],
			['ci:\n  maxImageSize: {value: 1MB, severity: fatal}\n', '.layerlens.yaml: ci.maxImageSize.severity: invalid severity, given "fatal": use error or warn'],
			['ci:\n  deny: ["*.pem"]\n', '.layerlens.yaml: ci.deny[0]: invalid pattern, given "*.pem": patterns match absolute paths, so start them with / or **'],
			['ci:\n  budgets: [/a]\n', '.layerlens.yaml: ci.budgets: expected a mapping of glob to size'],
			['ci: [1, 2]\n', '.layerlens.yaml: ci must be a mapping of rules'],
			['ci:\n  maxLayers: [1\n', '.layerlens.yaml: invalid YAML: '],
		];
		for (const [text, expected] of cases) {
			const {errors} = resolveGate({files: [parseLayerlensFile(text, '.layerlens.yaml')]});
			expect(errors.length, text).toBeGreaterThan(0);
			const line = `${errors[0]!.input}: ${errors[0]!.message}`;
			if (expected.endsWith(': ')) expect(line.startsWith(expected), line).toBe(true);
			else expect(line, text).toBe(expected);
		}
	});
});

describe('precedence: flag > file > default', () => {
	const dive = parseGateFile('rules:\n  lowestEfficiency: 0.95\n  highestWastedBytes: 20MB\n', '.dive-ci');
	const own = parseLayerlensFile('ci:\n  lowestEfficiency: 0.5\n  maxImageSize: {value: 1GB, severity: warn}\n  maxLayers: 10\n', '.layerlens.yaml');

	it('a later file wins over an earlier one, rule by rule; defaults fill the rest', () => {
		expect(summary({files: [dive, own]})).toEqual([
			['lowestEfficiency', '0.5', 'file', 'error'],
			['highestWastedBytes', '20MB', 'file', 'error'],
			['highestUserWastedPercent', '0.1', 'default', 'error'],
			['maxImageSize', '1GB', 'file', 'warn'],
			['maxLayers', '10', 'file', 'error'],
		]);
	});

	it('a flag wins over every file and keeps the file\'s severity; an overridden file value is never parsed', () => {
		const broken = parseLayerlensFile('ci:\n  maxImageSize: {value: lots, severity: warn}\n', '.layerlens.yaml');
		const {rules, errors} = resolveGate({flags: {maxImageSize: '2GB', lowestEfficiency: '0.7'}, files: [dive, broken]});
		expect(errors).toEqual([]);
		expect(rules.find(rule => rule.kind === 'maxImageSize')).toMatchObject({value: '2GB', source: 'flag', severity: 'warn', threshold: 2e9});
		expect(rules.find(rule => rule.kind === 'lowestEfficiency')).toMatchObject({value: '0.7', source: 'flag'});
	});

	it('a bad flag names the flag', () => {
		expect(resolveGate({flags: {maxLayers: 'many'}}).errors).toEqual([{input: '--max-layers', message: 'invalid maxLayers value, given "many": not a whole number'}]);
	});

	it('the same glob in a later file replaces the earlier one', () => {
		const first = parseLayerlensFile('ci:\n  budgets:\n    /a/**: 1MB\n', 'one.yaml');
		const second = parseLayerlensFile('ci:\n  budgets:\n    /a/**: 2MB\n    /b/**: 3MB\n', 'two.yaml');
		expect(resolveGate({files: [first, second]}).rules.filter(rule => rule.kind === 'budgets').map(rule => [rule.name, rule.value])).toEqual([
			['budgets:/a/**', '2MB'],
			['budgets:/b/**', '3MB'],
		]);
	});
});
