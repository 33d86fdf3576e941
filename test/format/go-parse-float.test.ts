import {describe, expect, it} from 'vitest';
import {GoNumError, parseGoFloat} from '../../src/format/go-parse-float.js';

function syntaxError(s: string): string {
	return `strconv.ParseFloat: parsing "${s}": invalid syntax`;
}

describe('parseGoFloat (Go strconv.ParseFloat)', () => {
	it('parses decimal forms', () => {
		expect(parseGoFloat('0.9')).toBe(0.9);
		expect(parseGoFloat('0.20')).toBe(0.2);
		expect(parseGoFloat('.5')).toBe(0.5);
		expect(parseGoFloat('5.')).toBe(5);
		expect(parseGoFloat('+1')).toBe(1);
		expect(parseGoFloat('-0.1')).toBe(-0.1);
		expect(parseGoFloat('1e-1')).toBe(0.1);
		expect(parseGoFloat('1E+2')).toBe(100);
		expect(parseGoFloat('1.e2')).toBe(100);
		expect(Object.is(parseGoFloat('-0'), -0)).toBe(true);
	});

	it('parses hexadecimal floats, which need a p exponent', () => {
		expect(parseGoFloat('0x1p-1')).toBe(0.5);
		expect(parseGoFloat('0X1.8P1')).toBe(3);
		expect(parseGoFloat('0x.8p0')).toBe(0.5);
		expect(parseGoFloat('-0x1p-2')).toBe(-0.25);
		expect(parseGoFloat('0x1p-1074')).toBe(5e-324);
		expect(parseGoFloat('0x1.fffffffffffff8p0')).toBe(2); // rounds up to even
		expect(parseGoFloat('0x1.00000000000008p0')).toBe(1); // tie, rounds to even
		expect(() => parseGoFloat('0x10')).toThrow(syntaxError('0x10'));
	});

	it('accepts underscores only between digits', () => {
		expect(parseGoFloat('1_000')).toBe(1000);
		expect(parseGoFloat('1_23.50_0_0e+1_2')).toBe(1.235e14);
		expect(parseGoFloat('0x_1p0')).toBe(1);
		for (const bad of ['_1', '1_', '1__0', '1_.5', '-_1'])
			expect(() => parseGoFloat(bad), bad).toThrow(syntaxError(bad));
	});

	it('accepts inf, infinity and nan in any case', () => {
		expect(parseGoFloat('inf')).toBe(Infinity);
		expect(parseGoFloat('+Inf')).toBe(Infinity);
		expect(parseGoFloat('-INFINITY')).toBe(-Infinity);
		expect(parseGoFloat('NaN')).toBeNaN();
		expect(parseGoFloat('nan')).toBeNaN();
		for (const bad of ['+nan', '-NaN', 'infin', 'infx', 'nanx'])
			expect(() => parseGoFloat(bad), bad).toThrow(syntaxError(bad));
	});

	it('rejects what Go rejects, with Go message', () => {
		for (const bad of ['', ' 1', '1 ', 'not_a_number', '1.2.3', '.', 'e5', '1e', '1e+', '0x', '1f', '١'])
			expect(() => parseGoFloat(bad), bad).toThrow(GoNumError);
		expect(() => parseGoFloat('not_a_number')).toThrow(syntaxError('not_a_number'));
		expect(() => parseGoFloat('')).toThrow(syntaxError(''));
		expect(() => parseGoFloat('a\tb')).toThrow('strconv.ParseFloat: parsing "a\\tb": invalid syntax');
	});

	it('reports overflow as a range error and lets underflow become 0', () => {
		expect(() => parseGoFloat('1e400')).toThrow('strconv.ParseFloat: parsing "1e400": value out of range');
		expect(() => parseGoFloat('0x1p1024')).toThrow('value out of range');
		expect(parseGoFloat('1e-400')).toBe(0);
		expect(parseGoFloat('1.7976931348623157e308')).toBe(Number.MAX_VALUE);
	});
});
