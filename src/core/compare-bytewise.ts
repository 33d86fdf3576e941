/**
Orders strings as Go's `sort.Strings` does: by their UTF-8 bytes. JS `<` compares UTF-16 code units, which puts
characters above U+FFFF (surrogate pairs) before U+E000..U+FFFF; UTF-8 puts them after.
*/
export function compareBytewise(a: string, b: string): number {
	const n = Math.min(a.length, b.length);
	for (let i = 0; i < n; i++) {
		const x = a.charCodeAt(i);
		const y = b.charCodeAt(i);
		if (x === y) continue;
		return rank(x) - rank(y);
	}
	return a.length - b.length;
}

/** Code units re-ranked so that surrogates sort above U+E000..U+FFFF, as their UTF-8 bytes do. */
function rank(unit: number): number {
	if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
	if (unit >= 0xe000) return unit - 0x800;
	return unit;
}
