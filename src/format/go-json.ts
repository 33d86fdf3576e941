/**
Go `encoding/json` scalars: strings escaped as Go does (`<`, `>`, `&`, U+2028, U+2029 as `\u00XX`/`\u20XX`,
`\b \f \n \r \t` short, other controls `\u00XX`, unpaired surrogates (bytes that were not UTF-8) as `\ufffd`), and
float64 in Go's shortest form (the same as JS for finite numbers, except that Go keeps the sign of -0).
*/

const needsEscape = /["\\\u0000-\u001f<>&\u2028\u2029\ud800-\udfff]/;

const shortEscapes: Readonly<Record<string, string>> = {
	'"': '\\"',
	'\\': '\\\\',
	'\b': '\\b',
	'\f': '\\f',
	'\n': '\\n',
	'\r': '\\r',
	'\t': '\\t',
};

function unicodeEscape(code: number): string {
	return `\\u${code.toString(16).padStart(4, '0')}`;
}

export function goJsonString(s: string): string {
	if (!needsEscape.test(s)) return `"${s}"`;
	let out = '"';
	for (let i = 0; i < s.length; i++) {
		const ch = s[i] ?? '';
		const code = s.charCodeAt(i);
		const short = shortEscapes[ch];
		if (short !== undefined) {
			out += short;
		} else if (code < 0x20 || ch === '<' || ch === '>' || ch === '&' || code === 0x2028 || code === 0x2029) {
			out += unicodeEscape(code);
		} else if (code >= 0xd800 && code <= 0xdbff && i + 1 < s.length) {
			const next = s.charCodeAt(i + 1);
			if (next >= 0xdc00 && next <= 0xdfff) {
				out += ch + (s[i + 1] ?? '');
				i++;
			} else {
				out += '\\ufffd';
			}
		} else if (code >= 0xd800 && code <= 0xdfff) {
			out += '\\ufffd';
		} else {
			out += ch;
		}
	}
	return `${out}"`;
}

/** Go's JSON number for a float64 or integer; non-finite values are an error in Go, and here. */
export function goJsonNumber(n: number): string {
	if (!Number.isFinite(n)) throw new TypeError(`json: unsupported value: ${n}`);
	return Object.is(n, -0) ? '-0' : String(n);
}
