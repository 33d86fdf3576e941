import {describe, expect, it} from 'vitest';
import {goQuote} from '../../src/format/go-quote.js';

describe('goQuote (strconv.Quote / %q)', () => {
	it('quotes printable text as is', () => {
		expect(goQuote('0.9')).toBe('"0.9"');
		expect(goQuote('not_a_number')).toBe('"not_a_number"');
		expect(goQuote('héllo ✓')).toBe('"héllo ✓"');
		expect(goQuote('')).toBe('""');
	});

	it('escapes quotes, backslashes and controls like Go', () => {
		expect(goQuote('say "hi"\\')).toBe('"say \\"hi\\"\\\\"');
		expect(goQuote('\u0007\b\f\n\r\t\v')).toBe('"\\a\\b\\f\\n\\r\\t\\v"');
		expect(goQuote('\u0000\u001b\u007f')).toBe('"\\x00\\x1b\\x7f"');
		expect(goQuote('\u0085\u00ad\u200b')).toBe('"\\u0085\\u00ad\\u200b"');
		expect(goQuote('\u{e0001}')).toBe('"\\U000e0001"');
	});
});
