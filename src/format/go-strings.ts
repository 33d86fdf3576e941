/** Go's `unicode.IsSpace` set, which `strings.TrimSpace` strips (JS `trim()` differs: it strips U+FEFF, keeps U+0085). */
const goSpace = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const edges = new RegExp(`^[${goSpace}]+|[${goSpace}]+$`, 'g');

/** Go `strings.TrimSpace`. */
export function goTrimSpace(s: string): string {
	return s.replace(edges, '');
}
