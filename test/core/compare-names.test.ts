import {expect, test} from 'vitest';
import {compareNames} from '../../src/core/fs-tree.js';

test('tree names sort by their UTF-8 bytes, as dive (Go) sorts them, not by UTF-16 code units', () => {
	// U+FF21 is EF BC A1 in UTF-8 and U+1F600 is F0 9F 98 80, so the emoji comes last; UTF-16 `<` puts it first (D83D).
	expect(['\u{1F600}.txt', '\uFF21.txt', 'z.txt'].sort(compareNames)).toEqual(['z.txt', '\uFF21.txt', '\u{1F600}.txt']);
	expect(compareNames('a', 'a')).toBe(0);
	expect(compareNames('a', 'ab')).toBeLessThan(0);
});
