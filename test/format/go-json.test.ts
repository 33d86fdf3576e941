import {describe, expect, it} from 'vitest';
import {goJsonNumber, goJsonString} from '../../src/format/go-json.js';

describe('goJsonString (encoding/json string)', () => {
	it('leaves plain text alone', () => {
		expect(goJsonString('bin/busybox')).toBe('"bin/busybox"');
		expect(goJsonString('')).toBe('""');
		expect(goJsonString('héllo ✓ 😀')).toBe('"héllo ✓ 😀"');
		expect(goJsonString('\u007f')).toBe('"\u007f"');
	});

	it('escapes HTML characters and the JS line separators', () => {
		expect(goJsonString('<a href="x">&</a>')).toBe('"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e"');
		expect(goJsonString('a\u2028b\u2029c')).toBe('"a\\u2028b\\u2029c"');
	});

	it('escapes control characters, short where Go has a short form', () => {
		expect(goJsonString('\b\f\n\r\t')).toBe('"\\b\\f\\n\\r\\t"');
		expect(goJsonString('\u0000\u0001\u001f')).toBe('"\\u0000\\u0001\\u001f"');
		expect(goJsonString('back\\slash')).toBe('"back\\\\slash"');
	});

	it('replaces unpaired surrogates with U+FFFD', () => {
		expect(goJsonString('a\ud800b')).toBe('"a\\ufffdb"');
		expect(goJsonString('a\udc00')).toBe('"a\\ufffd"');
		expect(goJsonString('\ud800')).toBe('"\\ufffd"');
	});

	it('produces JSON that parses back to the same string', () => {
		const s = '<&>\u2028\n"x"\\ 😀';
		expect(JSON.parse(goJsonString(s))).toBe(s);
	});
});

describe('goJsonNumber', () => {
	it('prints float64 the way Go does', () => {
		expect(goJsonNumber(1)).toBe('1');
		expect(goJsonNumber(0.9844212134184309)).toBe('0.9844212134184309');
		expect(goJsonNumber(1220598)).toBe('1220598');
		expect(goJsonNumber(1e-7)).toBe('1e-7');
		expect(goJsonNumber(0.000001)).toBe('0.000001');
		expect(goJsonNumber(1e21)).toBe('1e+21');
		expect(goJsonNumber(-0)).toBe('-0');
	});

	it('refuses non-finite numbers', () => {
		expect(() => goJsonNumber(Number.NaN)).toThrow(TypeError);
		expect(() => goJsonNumber(Infinity)).toThrow(TypeError);
	});
});
