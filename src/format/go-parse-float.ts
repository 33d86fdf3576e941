import {goQuote} from './go-quote.js';

/**
Go's `strconv.ParseFloat(s, 64)`: decimal and hexadecimal (`0x1p-1`) literals with optional sign, `_` between
digits, `inf`/`infinity`/`nan` in any case. No surrounding space. Overflow is a range error (Go also returns ±Inf
then); underflow silently gives 0, as in Go.
*/

export class GoNumError extends Error {
	constructor(
		readonly input: string,
		readonly reason: 'invalid syntax' | 'value out of range',
	) {
		super(`strconv.ParseFloat: parsing ${goQuote(input)}: ${reason}`);
		this.name = 'GoNumError';
	}
}

function lower(c: string): string {
	return c.toLowerCase();
}

function isDigit(c: string | undefined): boolean {
	return c !== undefined && c >= '0' && c <= '9';
}

function isHexDigit(c: string): boolean {
	return isDigit(c) || (lower(c) >= 'a' && lower(c) <= 'f');
}

/** `inf`, `infinity` (signed or not) and `nan` (unsigned), case-insensitive: Go's `special`. */
function special(s: string): number | undefined {
	const l = s.toLowerCase();
	if (l === 'nan') return Number.NaN;
	const unsigned = l.startsWith('+') || l.startsWith('-') ? l.slice(1) : l;
	if (unsigned === 'inf' || unsigned === 'infinity') return l.startsWith('-') ? -Infinity : Infinity;
	return undefined;
}

/** Go's `underscoreOK`: an underscore only between digits, or between the base prefix and a digit. */
function underscoreOK(text: string): boolean {
	let s = text;
	if (s.startsWith('+') || s.startsWith('-')) s = s.slice(1);
	let saw = '^';
	let i = 0;
	let hex = false;
	if (s.length >= 2 && s[0] === '0' && 'box'.includes(lower(s[1] ?? ''))) {
		i = 2;
		saw = '0';
		hex = lower(s[1] ?? '') === 'x';
	}
	for (; i < s.length; i++) {
		const c = s[i] ?? '';
		if (isDigit(c) || (hex && isHexDigit(c))) {
			saw = '0';
			continue;
		}
		if (c === '_') {
			if (saw !== '0') return false;
			saw = '_';
			continue;
		}
		if (saw === '_') return false;
		saw = '!';
	}
	return saw !== '_';
}

type Parsed = {negative: boolean; hex: boolean; intDigits: string; fracDigits: string; exponent: number};

/** Go's `readFloat` over the whole string; undefined when it is not one complete literal. */
function readFloat(s: string): Parsed | undefined {
	let i = 0;
	let negative = false;
	if (s[i] === '+' || s[i] === '-') {
		negative = s[i] === '-';
		i++;
	}
	let hex = false;
	if (i + 2 < s.length && s[i] === '0' && lower(s[i + 1] ?? '') === 'x') {
		hex = true;
		i += 2;
	}
	let underscores = false;
	let sawDot = false;
	let intDigits = '';
	let fracDigits = '';
	for (; i < s.length; i++) {
		const c = s[i] ?? '';
		if (c === '_') {
			underscores = true;
		} else if (c === '.') {
			if (sawDot) break;
			sawDot = true;
		} else if (isDigit(c) || (hex && isHexDigit(c))) {
			if (sawDot) fracDigits += c;
			else intDigits += c;
		} else {
			break;
		}
	}
	if (intDigits === '' && fracDigits === '') return undefined;
	let exponent = 0;
	if (i < s.length && lower(s[i] ?? '') === (hex ? 'p' : 'e')) {
		i++;
		let expNegative = false;
		if (s[i] === '+' || s[i] === '-') {
			expNegative = s[i] === '-';
			i++;
		}
		if (!isDigit(s[i])) return undefined;
		for (; i < s.length && (isDigit(s[i]) || s[i] === '_'); i++) {
			if (s[i] === '_') {
				underscores = true;
				continue;
			}
			if (exponent < 100000) exponent = exponent * 10 + Number(s[i]);
		}
		if (expNegative) exponent = -exponent;
	} else if (hex) {
		return undefined; // A hexadecimal mantissa needs a `p` exponent.
	}
	if (i !== s.length) return undefined;
	if (underscores && !underscoreOK(s)) return undefined;
	return {negative, hex, intDigits, fracDigits, exponent};
}

const view = new DataView(new ArrayBuffer(8));

/** 2^k for -1074 <= k <= 1023, exact; Infinity above. */
function pow2(k: number): number {
	if (k > 1023) return Infinity;
	if (k >= -1022) {
		view.setUint32(0, (k + 1023) << 20);
		view.setUint32(4, 0);
	} else {
		const bit = k + 1074; // subnormal: one mantissa bit
		view.setUint32(0, bit >= 32 ? 1 << (bit - 32) : 0);
		view.setUint32(4, bit < 32 ? (1 << bit) >>> 0 : 0);
	}
	return view.getFloat64(0);
}

/** `mantissa * 2^exp2` rounded to the nearest double, ties to even (subnormals included). */
function scaleBinary(mantissa: bigint, exp2: number): number {
	if (mantissa === 0n) return 0;
	const bits = mantissa.toString(2).length;
	const top = bits - 1 + exp2;
	if (top > 1023) return Infinity;
	const keep = top >= -1022 ? 53 : top + 1075;
	if (keep < 0) return 0;
	const shift = bits - keep;
	if (shift <= 0) return Number(mantissa) * pow2(exp2);
	let q = mantissa >> BigInt(shift);
	const rem = mantissa - (q << BigInt(shift));
	const half = 1n << BigInt(shift - 1);
	if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
	return Number(q) * pow2(exp2 + shift);
}

/** Parses like Go's `strconv.ParseFloat(s, 64)`; throws `GoNumError` with Go's message. */
export function parseGoFloat(s: string): number {
	const sp = special(s);
	if (sp !== undefined) return sp;
	const p = readFloat(s);
	if (p === undefined) throw new GoNumError(s, 'invalid syntax');
	let value: number;
	if (p.hex) {
		const digits = (p.intDigits + p.fracDigits).replace(/^0+/, '') || '0';
		value = scaleBinary(BigInt(`0x${digits}`), p.exponent - 4 * p.fracDigits.length);
	} else {
		value = Number(`${p.intDigits || '0'}.${p.fracDigits || '0'}e${p.exponent}`);
	}
	if (p.negative) value = -value;
	if (!Number.isFinite(value)) throw new GoNumError(s, 'value out of range');
	return value;
}
