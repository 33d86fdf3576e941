import {describe, expect, it} from 'vitest';
import {displayCommandLine, displayText, hasHiddenCharacters, hiddenCharacterSource} from '../../src/format/display-text.js';

describe('displayText', () => {
	it('keeps ordinary names, non-ASCII letters, emoji and marks as they are', () => {
		for (const text of ['/usr/lib/python3.12/site-packages/a_b-1.0.dist-info', 'café', '日本語', '📦 box', 'e\u0301', 'a b\\c%d#e?f']) expect(displayText(text)).toBe(text);
	});

	it('replaces every control, bidi, invisible character and lone surrogate by U+FFFD, one each', () => {
		const cases: Array<[string, string]> = [
			['\u001b]52;c;ZXZpbA==\u0007', '\uFFFD]52;c;ZXZpbA==\uFFFD'],
			['a\u0000b\u0008c\rd\ne\tf\u007f', 'a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFD'],
			['\u009b31m\u0085', '\uFFFD31m\uFFFD'],
			['safe\u202Egpj.exe', 'safe\uFFFDgpj.exe'],
			['\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u202a\u202b\u202c\u202d', '\uFFFD'.repeat(11)],
			['z\u200bw\u200cj\u200dw\u2060b\ufeffs\u00adh', 'z\uFFFDw\uFFFDj\uFFFDw\uFFFDb\uFFFDs\uFFFDh'],
			['l\u2028p\u2029', 'l\uFFFDp\uFFFD'],
			['t\u{E0041}\u{E007F}', 't\uFFFD\uFFFD'],
			['\ud800x\udfff', '\uFFFDx\uFFFD'],
			['\u3164\u115f', '\uFFFD\uFFFD'],
		];
		for (const [text, shown] of cases) expect(displayText(text), JSON.stringify(text)).toBe(shown);
	});

	it('puts a command on one line: its own line breaks and tabs as one space, anything else as displayText', () => {
		expect(displayCommandLine('RUN <<EOF\n  apt-get update\r\n\tapt-get install x\nEOF')).toBe('RUN <<EOF apt-get update apt-get install x EOF');
		expect(displayCommandLine('echo \u001b[2J \u202e')).toBe('echo \uFFFD[2J \uFFFD');
	});

	it('the fast test (a table per code unit) and the class the HTML page uses agree on every BMP unit, pairs and lone surrogates', () => {
		const pattern = new RegExp(hiddenCharacterSource, 'u');
		for (let code = 0; code <= 0xffff; code++) {
			const text = `a${String.fromCharCode(code)}b`;
			if (hasHiddenCharacters(text) !== pattern.test(text)) expect.fail(`U+${code.toString(16)}`);
		}
		for (const text of ['\u{1d172}', '\u{1d173}', '\u{1d17a}', '\u{1d17b}', '\u{dffff}', '\u{e0000}', '\u{e007f}', '\u{e0080}', '📦', '\ud83d', '\udce6x', 'x\ud83d']) {
			expect(hasHiddenCharacters(text), JSON.stringify(text)).toBe(pattern.test(text));
		}
	});
});
