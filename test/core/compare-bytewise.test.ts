import {describe, expect, it} from 'vitest';
import {compareBytewise} from '../../src/core/compare-bytewise.js';

const utf8Order = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

describe('compareBytewise (Go sort.Strings order)', () => {
	it('orders like the UTF-8 bytes', () => {
		const names = ['b', 'B', 'a', 'ab', 'a\u00e9', '\uff01', '\u{1F600}', '\ue000', '', '.wh.x', 'Z', 'z'];
		const ours = [...names].sort(compareBytewise);
		expect(ours).toEqual([...names].sort(utf8Order));
		// JS default order differs for the astral character.
		expect([...names].sort()).not.toEqual(ours);
	});

	it('returns 0 only for equal strings', () => {
		expect(compareBytewise('abc', 'abc')).toBe(0);
		expect(Math.sign(compareBytewise('ab', 'abc'))).toBe(-1);
		expect(Math.sign(compareBytewise('\u{1F600}', '\uffff'))).toBe(1);
	});
});
