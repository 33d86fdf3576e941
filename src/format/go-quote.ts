/**
Go's `strconv.Quote` (what `%q` prints): double quotes, `\"` and `\\`, short escapes for `\a \b \f \n \r \t \v`,
`\xNN` for other ASCII controls and DEL, `\uNNNN` / `\UNNNNNNNN` for non-printable runes, printable runes as is.
*/

const shortEscapes: Readonly<Record<string, string>> = {
	'\u0007': '\\a',
	'\b': '\\b',
	'\f': '\\f',
	'\n': '\\n',
	'\r': '\\r',
	'\t': '\\t',
	'\v': '\\v',
	'"': '\\"',
	'\\': '\\\\',
};

/** Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

function hex(n: number, width: number): string {
	return n.toString(16).padStart(width, '0');
}

export function goQuote(s: string): string {
	let out = '"';
	for (const ch of s) {
		const short = shortEscapes[ch];
		if (short !== undefined) {
			out += short;
			continue;
		}
		const cp = ch.codePointAt(0) ?? 0;
		if (cp < 0x80) {
			out += cp < 0x20 || cp === 0x7f ? `\\x${hex(cp, 2)}` : ch;
		} else if (cp >= 0xd800 && cp <= 0xdfff) {
			out += '\\ufffd'; // A lone surrogate stands for bytes that are not UTF-8; Go shows those as U+FFFD.
		} else if (printable.test(ch)) {
			out += ch;
		} else {
			out += cp > 0xffff ? `\\U${hex(cp, 8)}` : `\\u${hex(cp, 4)}`;
		}
	}
	return `${out}"`;
}
