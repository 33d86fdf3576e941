import {describe, expect, test} from 'vitest';
import {compilePathFilter} from '../../src/ui/tree/path-filter.js';

const matches = (pattern: string, path: string) => {
	const compiled = compilePathFilter(pattern);
	if (!compiled.filter) throw new Error(compiled.error);
	return compiled.filter.matches(path);
};

describe('the path filter reads RE2 syntax, as dive users type it', () => {
	test('(?i) flags work (JavaScript rejects them)', () => {
		expect(matches('(?i)readme', '/usr/share/doc/README.md')).toBe(true);
		expect(matches('readme', '/usr/share/doc/README.md')).toBe(false);
	});

	test('POSIX classes match what they name (JavaScript reads [[:digit:]] as a set of characters)', () => {
		expect(matches('[[:digit:]]', '/lib/libc.so.6')).toBe(true);
		expect(matches('[[:digit:]]', '/etc/:gid')).toBe(false);
		expect(matches('^/etc/[[:alpha:]]+$', '/etc/passwd')).toBe(true);
	});

	test('an empty match is no match (dive)', () => {
		expect(matches('x*', '/etc/passwd')).toBe(false);
		expect(matches('s+', '/etc/passwd')).toBe(true);
	});

	test('syntax JavaScript has and RE2 lacks is an error, with RE2\'s message', () => {
		expect(compilePathFilter('(?<=a)b').error).toMatch(/invalid named capture/);
		expect(compilePathFilter('(a').error).toBe('missing closing ): `(a`');
		expect(compilePathFilter('(a').filter).toBeUndefined();
	});

	test('a pattern that backtracks exponentially in JavaScript runs in linear time (this test would never end)', () => {
		// With RegExp, (\w+-?)+\.conf$ on this name tries ~2^60 ways to split it before failing.
		const name = `/etc/${'ab-'.repeat(60)}x.con`;
		expect(matches('(\\w+-?)+\\.conf$', name)).toBe(false);
		expect(matches('(\\w+-?)+\\.conf$', `${name}f`)).toBe(true);
	});
});
