import {expect, test} from 'vitest';
import {fitPath} from '../../src/ui/view/details-view.js';
import {fit, pad, wrap} from '../../src/ui/view/line.js';

// Each of 日 本 語 の フ takes two terminal columns; é written as e + U+0301 takes one.
test('text is cut to terminal columns, so CJK names align', () => {
	expect(fit('日本語のファイル.txt', 10)).toBe('日本語の…');
	expect(pad('日本語のファイル.txt', 10)).toBe('日本語の… ');
	expect(pad('日本', 6)).toBe('日本  ');
	expect(fit('cafe\u0301.txt', 8)).toBe('cafe\u0301.txt');
	expect(fit('cafe\u0301s.txt', 6)).toBe('cafe\u0301s…');
});

test('paths are cut on the left by columns', () => {
	expect(fitPath('/root/日本語.txt', 10)).toBe('…本語.txt');
	expect(fitPath('/root/日本語.txt', 20)).toBe('/root/日本語.txt');
});

test('wrapping counts columns too', () => {
	expect(wrap('日本語 日本語 ab', 8)).toEqual(['日本語', '日本語', 'ab']);
	expect(wrap('日本語日本語', 4)).toEqual(['日本', '語日', '本語']);
});
