import {describe, expect, it} from 'vitest';
import {goFileMode, goModeIsDir} from '../../src/format/file-mode.js';

const flag = (c: string): number => c.charCodeAt(0);

describe('goFileMode (archive/tar Header.FileInfo().Mode())', () => {
	it('matches the values in dive export snapshot (dive-behavior §4.2)', () => {
		expect(goFileMode(0o755, flag('5'))).toBe(2147484141);
		expect(goFileMode(0o700, flag('5'))).toBe(2147484096);
		expect(goFileMode(0o1777, flag('5'))).toBe(2148532735);
		expect(goFileMode(0o777, flag('2'))).toBe(134218239);
		expect(goFileMode(0o644, flag('0'))).toBe(420);
		expect(goFileMode(0o755, flag('1'))).toBe(493);
		expect(goFileMode(0, flag('0'))).toBe(0);
	});

	it('moves setuid, setgid and sticky to Go bits', () => {
		expect(goFileMode(0o4755, flag('0'))).toBe(2 ** 23 + 0o755);
		expect(goFileMode(0o2755, flag('0'))).toBe(2 ** 22 + 0o755);
		expect(goFileMode(0o1755, flag('0'))).toBe(2 ** 20 + 0o755);
	});

	it('takes type bits from the header mode and from the typeflag', () => {
		expect(goFileMode(0o040755, flag('5'))).toBe(2 ** 31 + 0o755);
		expect(goFileMode(0o040755, flag('0'))).toBe(2 ** 31 + 0o755); // mode says dir, flag says file: OR-ed
		expect(goFileMode(0o100644, flag('0'))).toBe(0o644); // S_IFREG adds nothing
		expect(goFileMode(0o120777, flag('2'))).toBe(2 ** 27 + 0o777);
		expect(goFileMode(0o666, flag('3'))).toBe(2 ** 26 + 2 ** 21 + 0o666);
		expect(goFileMode(0o020666, flag('0'))).toBe(2 ** 26 + 2 ** 21 + 0o666);
		expect(goFileMode(0o660, flag('4'))).toBe(2 ** 26 + 0o660);
		expect(goFileMode(0o060660, flag('0'))).toBe(2 ** 26 + 0o660);
		expect(goFileMode(0o644, flag('6'))).toBe(2 ** 25 + 0o644);
		expect(goFileMode(0o010644, flag('0'))).toBe(2 ** 25 + 0o644);
		expect(goFileMode(0o140755, flag('0'))).toBe(2 ** 24 + 0o755);
		expect(goFileMode(0o644, flag('7'))).toBe(0o644);
	});

	it('ignores a header type part that is not one whole S_IFMT value', () => {
		expect(goFileMode(0o240755, flag('0'))).toBe(0o755);
	});

	it('tells directories from the Go mode', () => {
		expect(goModeIsDir(2147484141)).toBe(true);
		expect(goModeIsDir(134218239)).toBe(false);
		expect(goModeIsDir(0)).toBe(false);
	});
});
