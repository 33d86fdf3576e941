/**
Go's float formatting, exactly: `%.Nf` (`strconv.FormatFloat(x, 'f', N, 64)` as `fmt` prints it) and `%v` of a
float64. JS `toFixed` rounds exact ties away from zero; Go rounds the exact binary value half to even, so the
digits are computed here with BigInt on the double's exact value.
*/

const view = new DataView(new ArrayBuffer(8));

/** The exact value of a finite double as `mantissa * 2^exponent`, with the sign apart. */
function decomposeDouble(x: number): {negative: boolean; mantissa: bigint; exponent: number} {
	view.setFloat64(0, x);
	const hi = view.getUint32(0);
	const lo = view.getUint32(4);
	const negative = hi >>> 31 === 1;
	const biased = (hi >>> 20) & 0x7ff;
	const fraction = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
	if (biased === 0) return {negative, mantissa: fraction, exponent: -1074};
	return {negative, mantissa: fraction | (1n << 52n), exponent: biased - 1075};
}

function nonFinite(x: number): string {
	if (Number.isNaN(x)) return 'NaN';
	return x > 0 ? '+Inf' : '-Inf';
}

/** Go `fmt.Sprintf("%.<precision>f", x)`: `0.125` → `0.12`, `0.375` → `0.38`, `-0` → `-0.00`, `+Inf`, `NaN`. */
export function formatGoFixed(x: number, precision: number): string {
	if (!Number.isFinite(x)) return nonFinite(x);
	if (!Number.isInteger(precision) || precision < 0) throw new RangeError(`invalid precision ${precision}`);
	const {negative, mantissa, exponent} = decomposeDouble(x);
	const scale = 10n ** BigInt(precision);
	let digits: bigint;
	if (exponent >= 0) {
		digits = (mantissa << BigInt(exponent)) * scale;
	} else {
		const denominator = 1n << BigInt(-exponent);
		const scaled = mantissa * scale;
		digits = scaled / denominator;
		const twiceRemainder = (scaled % denominator) * 2n;
		if (twiceRemainder > denominator || (twiceRemainder === denominator && digits % 2n === 1n)) digits += 1n;
	}
	let text = digits.toString();
	if (precision > 0) {
		text = text.padStart(precision + 1, '0');
		text = `${text.slice(0, -precision)}.${text.slice(-precision)}`;
	}
	return negative ? `-${text}` : text;
}

/** The shortest decimal digits that round-trip to `x` (finite, non-zero), and the decimal point position. */
function shortestDigits(x: number): {digits: string; pointAt: number} {
	const [mantissa = '', exp = '0'] = Math.abs(x).toExponential().split('e');
	const digits = mantissa.replace('.', '');
	return {digits, pointAt: Number(exp) + 1};
}

/**
Go `%v` of a float64 (`strconv.FormatFloat(x, 'g', -1, 64)`): shortest digits; exponent form when the decimal
exponent is < -4 or >= 6 (`1e+06`, `1e-05`), plain otherwise (`0.1`, `0.99`, `1`, `123456`).
*/
export function formatGoFloat(x: number): string {
	if (!Number.isFinite(x)) return nonFinite(x);
	const sign = x < 0 || Object.is(x, -0) ? '-' : '';
	if (x === 0) return `${sign}0`;
	const {digits, pointAt} = shortestDigits(x);
	const exp = pointAt - 1;
	if (exp < -4 || exp >= 6) {
		const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
		const expSign = exp < 0 ? '-' : '+';
		return `${sign}${mantissa}e${expSign}${String(Math.abs(exp)).padStart(2, '0')}`;
	}
	if (pointAt <= 0) return `${sign}0.${'0'.repeat(-pointAt)}${digits}`;
	if (pointAt >= digits.length) return `${sign}${digits}${'0'.repeat(pointAt - digits.length)}`;
	return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}
