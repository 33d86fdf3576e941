/** One `WWW-Authenticate` challenge: its scheme (lower case) and parameters. */
export type Challenge = {readonly scheme: string; readonly params: Readonly<Record<string, string>>};

/**
Parses `Bearer realm="https://auth.example/token",service="registry",scope="repository:app:pull"` or
`Basic realm="registry"` (RFC 7235 auth-params; quoted strings may hold commas and escapes).
*/
export function parseChallenge(header: string): Challenge | undefined {
	const match = /^\s*([A-Za-z][\w-]*)\s*(.*)$/s.exec(header);
	if (!match) return undefined;
	const params: Record<string, string> = {};
	const pattern = /([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*(?:,|$)\s*/gy;
	const rest = match[2]!;
	let item;
	while (pattern.lastIndex < rest.length && (item = pattern.exec(rest))) {
		params[item[1]!.toLowerCase()] = item[2] === undefined ? item[3]! : item[2].replace(/\\(.)/g, '$1');
	}
	return {scheme: match[1]!.toLowerCase(), params};
}
