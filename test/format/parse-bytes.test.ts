import {describe, expect, it} from 'vitest';
import {ParseBytesError, parseBytes} from '../../src/format/parse-bytes.js';

describe('parseBytes (go-humanize v1.0.1 ParseBytes)', () => {
	it('reads the units of dive-behavior §7.1', () => {
		expect(parseBytes('20MB')).toBe(20_000_000);
		expect(parseBytes('20Mb')).toBe(20_000_000);
		expect(parseBytes('19Mb')).toBe(19_000_000);
		expect(parseBytes('50kB')).toBe(50_000);
		expect(parseBytes('1B')).toBe(1);
		expect(parseBytes('20 MiB')).toBe(20_971_520);
		expect(parseBytes('20MiB')).toBe(20_971_520);
	});

	it('covers the whole unit table, case-insensitive, with or without b', () => {
		const table: Array<[string, number]> = [
			['', 1],
			['b', 1],
			['k', 1e3],
			['KB', 1e3],
			['ki', 1024],
			['KiB', 1024],
			['m', 1e6],
			['mi', 1024 ** 2],
			['g', 1e9],
			['GB', 1e9],
			['gi', 1024 ** 3],
			['GiB', 1024 ** 3],
			['t', 1e12],
			['TiB', 1024 ** 4],
			['p', 1e15],
			['PiB', 1024 ** 5],
			['e', 1e18],
			['EiB', 1024 ** 6],
		];
		for (const [unit, factor] of table) expect(parseBytes(`2${unit}`), unit).toBe(2 * factor);
	});

	it('accepts commas, decimals and spaces around the unit (go-humanize tests)', () => {
		expect(parseBytes('42')).toBe(42);
		expect(parseBytes('42 MB')).toBe(42_000_000);
		expect(parseBytes('42 mib')).toBe(44_040_192);
		expect(parseBytes('1,005.03 MB')).toBe(1_005_030_000);
		expect(parseBytes('1.5 k')).toBe(1500);
		expect(parseBytes('1.5 kib')).toBe(1536);
		expect(parseBytes('.5KB')).toBe(500);
		expect(parseBytes('0.1B')).toBe(0); // truncated
		expect(parseBytes('5 MB ')).toBe(5_000_000);
	});

	it('rejects a leading space, a sign, a missing number and unknown units', () => {
		expect(() => parseBytes(' 20MB')).toThrow('strconv.ParseFloat: parsing "": invalid syntax');
		expect(() => parseBytes('-1')).toThrow('strconv.ParseFloat: parsing "": invalid syntax');
		expect(() => parseBytes('not_a_size')).toThrow('strconv.ParseFloat: parsing "": invalid syntax');
		expect(() => parseBytes('')).toThrow(ParseBytesError);
		expect(() => parseBytes('1.2.3MB')).toThrow('strconv.ParseFloat: parsing "1.2.3": invalid syntax');
		expect(() => parseBytes('20 megabytes')).toThrow('unhandled size name: megabytes');
		expect(() => parseBytes('20XB')).toThrow('unhandled size name: xb');
		expect(() => parseBytes('20000000 EB')).toThrow('too large: 20000000 EB');
	});
});
