import {describe, expect, it} from 'vitest';
import {formatComma, humanizeBytes} from '../../src/format/humanize-bytes.js';

describe('humanizeBytes (go-humanize v1.0.1 Bytes)', () => {
	it('matches every example of dive-behavior §10', () => {
		const cases: Array<[number, string]> = [
			[0, '0 B'],
			[999, '999 B'],
			[1000, '1.0 kB'],
			[1050, '1.1 kB'],
			[6405, '6.4 kB'],
			[9249, '9.2 kB'],
			[12810, '13 kB'],
			[32025, '32 kB'],
			[999950, '1000 kB'],
			[1075464, '1.1 MB'],
			[1220598, '1.2 MB'],
			[4277894, '4.3 MB'],
		];
		for (const [n, text] of cases) expect(humanizeBytes(n), String(n)).toBe(text);
	});

	it('rounds the one-decimal value half to even with %.0f', () => {
		expect(humanizeBytes(12500)).toBe('12 kB');
		expect(humanizeBytes(13500)).toBe('14 kB');
		expect(humanizeBytes(14500)).toBe('14 kB');
	});

	it('prints small counts without a decimal', () => {
		expect(humanizeBytes(1)).toBe('1 B');
		expect(humanizeBytes(9)).toBe('9 B');
		expect(humanizeBytes(10)).toBe('10 B');
	});

	it('picks the unit at exact powers of 1000 (go-humanize tests)', () => {
		expect(humanizeBytes(1e6)).toBe('1.0 MB');
		expect(humanizeBytes(1e9)).toBe('1.0 GB');
		expect(humanizeBytes(1e12)).toBe('1.0 TB');
		expect(humanizeBytes(1e15)).toBe('1.0 PB');
		expect(humanizeBytes(1e18)).toBe('1.0 EB');
		expect(humanizeBytes(999999)).toBe('1000 kB');
		expect(humanizeBytes(82854982)).toBe('83 MB');
	});
});

describe('formatComma', () => {
	it('groups thousands', () => {
		expect(formatComma(0)).toBe('0');
		expect(formatComma(999)).toBe('999');
		expect(formatComma(1000)).toBe('1,000');
		expect(formatComma(1234567)).toBe('1,234,567');
		expect(formatComma(-1234)).toBe('-1,234');
	});
});
