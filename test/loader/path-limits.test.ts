import {describe, expect, test} from 'vitest';
import {maxPathBytes, maxPathComponents, recordFields} from '../../src/loader/tar-entry.js';
import type {TarRecord} from '../../src/loader/walk-tar.js';

const record = (name: string): TarRecord => ({name, linkname: '', size: 0, mode: 0o644, uid: 0, gid: 0, typeflag: '0', dataOffset: 512});
const deep = (components: number) => `${'a/'.repeat(components - 1)}leaf`;

describe('entry path limits', () => {
	test('a path of exactly the most components is read; one more is refused', () => {
		expect(maxPathComponents).toBe(8192);
		expect(recordFields(record(deep(maxPathComponents)))!.path).toBe(deep(maxPathComponents));
		expect(() => recordFields(record(deep(maxPathComponents + 1)))).toThrow('an entry path is too deep (8193 components; at most 8192 are read)');
	});

	test('components are counted after cleaning: ./ and empty parts do not count', () => {
		const padded = `./${'a//./'.repeat(maxPathComponents - 1)}leaf`;
		expect(recordFields(record(padded))!.path).toBe(deep(maxPathComponents));
	});

	test('a path of the most bytes is read; one more is refused', () => {
		const longest = 'x'.repeat(maxPathBytes);
		expect(recordFields(record(longest))!.path).toBe(longest);
		expect(() => recordFields(record(`${longest}y`))).toThrow(`an entry path is too long (${maxPathBytes + 1} bytes`);
	});
});
