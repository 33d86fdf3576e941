import {describe, expect, it} from 'vitest';
import {formatGoFixed, formatGoFloat} from '../../src/format/go-float.js';

describe('formatGoFixed (Go %.Nf)', () => {
	it('rounds exact binary ties half to even, unlike toFixed', () => {
		// 0.125, 0.375, 2.5 are exact in binary: true ties.
		expect(formatGoFixed(0.125, 2)).toBe('0.12');
		expect((0.125).toFixed(2)).toBe('0.13');
		expect(formatGoFixed(0.375, 2)).toBe('0.38');
		expect(formatGoFixed(2.5, 0)).toBe('2');
		expect(formatGoFixed(3.5, 0)).toBe('4');
		expect(formatGoFixed(12.5, 0)).toBe('12');
		expect(formatGoFixed(-2.5, 0)).toBe('-2');
	});

	it('rounds the exact binary value, not the decimal literal', () => {
		// 1.005 is stored as 1.00499999999999989...: Go prints 1.00.
		expect(formatGoFixed(1.005, 2)).toBe('1.00');
		// 0.615 is 0.61499999999999999112...
		expect(formatGoFixed(0.615, 2)).toBe('0.61');
		// 2.675 is 2.67499999999999982236431605997495353221893310546875
		expect(formatGoFixed(2.675, 2)).toBe('2.67');
		// 1.115 is 1.11499999999999999111...; 8.345 is 8.34500000000000063948...
		expect(formatGoFixed(1.115, 2)).toBe('1.11');
		expect(formatGoFixed(8.345, 2)).toBe('8.35');
	});

	it('formats dive numbers as dive prints them', () => {
		expect(formatGoFixed(0.9844212134184309 * 100, 2)).toBe('98.44');
		expect(formatGoFixed(0.4834911001404049 * 100, 2)).toBe('48.35');
		expect(formatGoFixed(0.9844212134184309, 2)).toBe('0.98');
		expect(formatGoFixed(1.1, 6)).toBe('1.100000');
		expect(formatGoFixed(-0.1, 6)).toBe('-0.100000');
	});

	it('keeps the sign of negative zero and of small negatives, like Go', () => {
		expect(formatGoFixed(-0, 2)).toBe('-0.00');
		expect(formatGoFixed(-0.001, 2)).toBe('-0.00');
		expect(formatGoFixed(0, 2)).toBe('0.00');
	});

	it('prints large and tiny values exactly', () => {
		expect(formatGoFixed(1e21, 1)).toBe('1000000000000000000000.0');
		expect(formatGoFixed(2 ** 70, 0)).toBe('1180591620717411303424');
		expect(formatGoFixed(5e-324, 3)).toBe('0.000');
		expect(formatGoFixed(0.1, 20)).toBe('0.10000000000000000555');
	});

	it('spells non-finite values as Go fmt does', () => {
		expect(formatGoFixed(Number.NaN, 2)).toBe('NaN');
		expect(formatGoFixed(Infinity, 2)).toBe('+Inf');
		expect(formatGoFixed(-Infinity, 2)).toBe('-Inf');
	});
});

describe('formatGoFloat (Go %v of float64)', () => {
	it('uses the shortest representation', () => {
		expect(formatGoFloat(0.1)).toBe('0.1');
		expect(formatGoFloat(0.99)).toBe('0.99');
		expect(formatGoFloat(1)).toBe('1');
		expect(formatGoFloat(0.9)).toBe('0.9');
		expect(formatGoFloat(0.5)).toBe('0.5');
		expect(formatGoFloat(0.9844212134184309)).toBe('0.9844212134184309');
		expect(formatGoFloat(123456)).toBe('123456');
		expect(formatGoFloat(999999.5)).toBe('999999.5');
		expect(formatGoFloat(0.0001)).toBe('0.0001');
	});

	it('switches to exponent form below 1e-4 and from 1e6 on, with a two-digit exponent', () => {
		expect(formatGoFloat(1e6)).toBe('1e+06');
		expect(formatGoFloat(1234567)).toBe('1.234567e+06');
		expect(formatGoFloat(0.00001)).toBe('1e-05');
		expect(formatGoFloat(1.5e-7)).toBe('1.5e-07');
		expect(formatGoFloat(1e100)).toBe('1e+100');
		expect(formatGoFloat(608863452348.1149)).toBe('6.088634523481149e+11');
	});

	it('handles signs, zero and non-finite values', () => {
		expect(formatGoFloat(-0.25)).toBe('-0.25');
		expect(formatGoFloat(0)).toBe('0');
		expect(formatGoFloat(-0)).toBe('-0');
		expect(formatGoFloat(Number.NaN)).toBe('NaN');
		expect(formatGoFloat(Infinity)).toBe('+Inf');
		expect(formatGoFloat(-Infinity)).toBe('-Inf');
	});
});

describe('formatGoFixed against the exact decimal expansion', () => {
	it('agrees with round-half-even of toFixed(100) on random doubles', () => {
		let seed = 12345;
		const random = (): number => {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			return seed / 2 ** 31;
		};
		for (let k = 0; k < 3000; k++) {
			// Mix of random values and exact binary ties (multiples of 1/8, 1/16...).
			const x = k % 3 === 0 ? Math.floor(random() * 4000) / 2 ** (1 + (k % 5)) : random() * 10 ** ((k % 7) - 2);
			const precision = k % 5;
			// toFixed(100) is the exact value for these magnitudes; round it half to even by hand.
			const exact = x.toFixed(100);
			const point = exact.indexOf('.');
			const kept = exact.slice(0, point + 1 + precision).replace('.', '');
			const rest = exact.slice(point + 1 + precision);
			let digits = BigInt(kept);
			const firstRest = rest[0] ?? '0';
			const tail = rest.slice(1);
			if (firstRest > '5' || (firstRest === '5' && /[1-9]/.test(tail))) digits += 1n;
			else if (firstRest === '5' && digits % 2n === 1n) digits += 1n;
			let expected = digits.toString().padStart(precision + 1, '0');
			if (precision > 0) expected = `${expected.slice(0, -precision)}.${expected.slice(-precision)}`;
			expect(formatGoFixed(x, precision), `${x} %.${precision}f`).toBe(expected);
		}
	});
});
