import {describe, expect, it} from 'vitest';
import {isDisabledValue, parseRule} from '../../src/ci/rules.js';

describe('parseRule: dive value syntax', () => {
	it('turns a rule off with "", disabled, off, false in any case and spacing', () => {
		for (const value of ['', 'disabled', 'DISABLED', ' off ', 'False', '\tdisabled\n'])
			expect(parseRule('lowestEfficiency', value, 'flag').threshold, JSON.stringify(value)).toBeUndefined();
		expect(isDisabledValue('no')).toBe(false);
		expect(isDisabledValue('0')).toBe(false);
	});

	it('keeps the configured text for PASS lines', () => {
		expect(parseRule('highestUserWastedPercent', '0.90', 'file')).toEqual({
			name: 'highestUserWastedPercent',
			value: '0.90',
			source: 'file',
			threshold: 0.9,
		});
		expect(parseRule('highestWastedBytes', '19Mb', 'flag').threshold).toBe(19_000_000);
		expect(parseRule('highestWastedBytes', '20 MiB', 'flag').threshold).toBe(20_971_520);
	});

	it('accepts what Go ParseFloat accepts for ratios', () => {
		expect(parseRule('lowestEfficiency', '.5', 'flag').threshold).toBe(0.5);
		expect(parseRule('lowestEfficiency', '1e-1', 'flag').threshold).toBe(0.1);
		expect(parseRule('lowestEfficiency', '0x1p-1', 'flag').threshold).toBe(0.5);
		expect(parseRule('lowestEfficiency', '1', 'flag').threshold).toBe(1);
		expect(parseRule('lowestEfficiency', '0', 'flag').threshold).toBe(0);
		expect(parseRule('lowestEfficiency', 'NaN', 'flag').threshold).toBeNaN();
	});

	it('rejects bad ratios with dive error texts', () => {
		expect(() => parseRule('lowestEfficiency', 'not_a_number', 'flag')).toThrow(
			'invalid lowestEfficiency config value, given "not_a_number": strconv.ParseFloat: parsing "not_a_number": invalid syntax',
		);
		expect(() => parseRule('lowestEfficiency', '1.1', 'flag')).toThrow(
			"lowestEfficiency config value is outside allowed range (0-1), given '1.100000'",
		);
		expect(() => parseRule('lowestEfficiency', '-0.1', 'flag')).toThrow(
			"lowestEfficiency config value is outside allowed range (0-1), given '-0.100000'",
		);
		expect(() => parseRule('highestUserWastedPercent', 'not_a_number', 'flag')).toThrow(
			'invalid highestUserWastedPercent config value, given "not_a_number": strconv.ParseFloat: parsing "not_a_number": invalid syntax',
		);
		expect(() => parseRule('highestUserWastedPercent', '1.1', 'flag')).toThrow(
			"highestUserWastedPercent config value is outside allowed range (0-1), given '1.100000'",
		);
		expect(() => parseRule('highestUserWastedPercent', 'inf', 'flag')).toThrow("given '+Inf'");
		expect(() => parseRule('lowestEfficiency', '1e400', 'flag')).toThrow(
			'invalid lowestEfficiency config value, given "1e400": strconv.ParseFloat: parsing "1e400": value out of range',
		);
		expect(() => parseRule('lowestEfficiency', '90%', 'flag')).toThrow('given "90%"');
	});

	it('rejects bad byte sizes with dive error texts', () => {
		expect(() => parseRule('highestWastedBytes', 'not_a_size', 'flag')).toThrow(
			'invalid highestWastedBytes config value, given "not_a_size": strconv.ParseFloat: parsing "": invalid syntax',
		);
		expect(() => parseRule('highestWastedBytes', ' 20MB', 'flag')).toThrow('given " 20MB"');
		expect(() => parseRule('highestWastedBytes', '-1', 'flag')).toThrow('given "-1"');
		expect(() => parseRule('highestWastedBytes', '20 lightyears', 'flag')).toThrow(
			'invalid highestWastedBytes config value, given "20 lightyears": unhandled size name: lightyears',
		);
	});
});
