/** The one NO_COLOR check: colour is on unless NO_COLOR is set to anything non-empty (https://no-color.org). */
export function colorEnabled(env: Readonly<Record<string, string | undefined>>): boolean {
	const noColor = env['NO_COLOR'];
	return noColor === undefined || noColor === '';
}
