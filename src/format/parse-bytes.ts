import {parseGoFloat} from './go-parse-float.js';
import {goTrimSpace} from './go-strings.js';

/** go-humanize v1.0.1's unit table: SI and IEC, with or without `b`, case-insensitive. */
const unitTable: ReadonlyMap<string, number> = new Map([
	['', 1],
	['b', 1],
	['k', 1e3],
	['kb', 1e3],
	['ki', 2 ** 10],
	['kib', 2 ** 10],
	['m', 1e6],
	['mb', 1e6],
	['mi', 2 ** 20],
	['mib', 2 ** 20],
	['g', 1e9],
	['gb', 1e9],
	['gi', 2 ** 30],
	['gib', 2 ** 30],
	['t', 1e12],
	['tb', 1e12],
	['ti', 2 ** 40],
	['tib', 2 ** 40],
	['p', 1e15],
	['pb', 1e15],
	['pi', 2 ** 50],
	['pib', 2 ** 50],
	['e', 1e18],
	['eb', 1e18],
	['ei', 2 ** 60],
	['eib', 2 ** 60],
]);

export class ParseBytesError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ParseBytesError';
	}
}

/**
go-humanize v1.0.1 `ParseBytes`: the leading run of `[0-9.,]` (commas dropped) parsed as a Go float, the rest
trimmed, lower-cased and looked up in the unit table; the product truncated to an integer. `20MB` = `20Mb` =
20000000, `20 MiB` = 20971520, `1B` = 1. A leading space or sign is an error (`" 20MB"`, `-1`), with Go's message.
(Go also counts non-ASCII Unicode digits as digits and then fails on them; here they end the number, also an error.)
*/
export function parseBytes(s: string): number {
	const numeric = /^[0-9.,]*/.exec(s)?.[0] ?? '';
	let value: number;
	try {
		value = parseGoFloat(numeric.replaceAll(',', ''));
	} catch (error) {
		throw new ParseBytesError(error instanceof Error ? error.message : String(error));
	}
	const extra = goTrimSpace(s.slice(numeric.length)).toLowerCase();
	const multiplier = unitTable.get(extra);
	if (multiplier === undefined) throw new ParseBytesError(`unhandled size name: ${extra}`);
	const bytes = value * multiplier;
	if (bytes >= 2 ** 64) throw new ParseBytesError(`too large: ${s}`);
	return Math.trunc(bytes);
}
