import {RE2JS} from 're2js';

/** The explorer's path filter: RE2 syntax, as dive (Go's regexp) reads it, matched in time linear in the path. */
export type PathFilter = {
	readonly source: string;
	/** Whether the filter finds a non-empty match in `path` (dive's rule: an empty match shows nothing). */
	matches(path: string): boolean;
};

export type CompiledFilter = {readonly filter: PathFilter; readonly error?: undefined} | {readonly filter?: undefined; readonly error: string};

/**
Compiles a filter with RE2 semantics (re2js): `(?i)readme` and `[[:digit:]]` work as in dive, and no pattern can
backtrack: `(\w+-?)+\.conf$` on a long name costs time in proportion to the name, not exponential in it.
*/
export function compilePathFilter(source: string): CompiledFilter {
	let compiled: RE2JS;
	try {
		compiled = RE2JS.compile(source);
	} catch (problem) {
		const message = problem instanceof Error ? problem.message : String(problem);
		return {error: message.replace(/^error parsing regexp: /, '')};
	}
	return {
		filter: {
			source,
			matches(path) {
				const matcher = compiled.matcher(path);
				return matcher.find() && matcher.group() !== '';
			},
		},
	};
}
