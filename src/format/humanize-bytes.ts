import {formatGoFixed} from './go-float.js';

const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'] as const;
const powers = [1, 1e3, 1e6, 1e9, 1e12, 1e15, 1e18] as const;

/**
go-humanize v1.0.1 `Bytes`: SI units, one decimal below 10 (`6.4 kB`), none above (`13 kB`), Go's half-to-even
rounding of the already rounded value (12500 → `12 kB`, 13500 → `14 kB`). Meant for byte counts (non-negative
integers); anything below 10, negatives included, prints as `<n> B`.
*/
export function humanizeBytes(n: number): string {
	if (!(n >= 10)) return `${Number.isFinite(n) ? Math.trunc(n) : n} B`;
	let e = 0;
	// The largest power of 1000 not above n: go-humanize takes floor(log(n)/log(1000)), which is the same for
	// every uint64 (exact powers included); comparing avoids depending on the last bit of Math.log.
	while (e < units.length - 1 && n >= (powers[e + 1] ?? Infinity)) e++;
	const value = Math.floor((n / (powers[e] ?? 1)) * 10 + 0.5) / 10;
	return `${formatGoFixed(value, value < 10 ? 1 : 0)} ${units[e] ?? ''}`;
}

/** go-humanize `Comma` for integers: `1234567` → `1,234,567`. */
export function formatComma(n: number): string {
	const sign = n < 0 ? '-' : '';
	const digits = String(Math.trunc(Math.abs(n)));
	return sign + digits.replace(/\B(?=(\d{3})+$)/g, ',');
}
