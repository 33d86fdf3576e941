export type CaseResult = {
	readonly name: string;
	readonly floorLabel: string;
	readonly floorSeconds: number;
	readonly maxRatio: number;
	readonly maxRssMb: number;
	readonly maxSeconds?: number;
	readonly toolSeconds?: number;
	readonly rssMb?: number;
	readonly error?: string;
};

function row(cells: readonly string[], widths: readonly number[]): string {
	return cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
}

/** The bench table: each case's floor, layerlens's time and memory, and whether the targets hold. */
export function printTable(results: readonly CaseResult[]): void {
	const header = ['case', 'floor', 'floor s', 'layerlens s', 'ratio', 'peak RSS MB', 'targets', 'result'];
	const rows = results.map((result) => {
		const ratio = result.toolSeconds === undefined ? undefined : result.toolSeconds / result.floorSeconds;
		const slow = ratio !== undefined && (ratio > result.maxRatio || (result.maxSeconds !== undefined && result.toolSeconds! > result.maxSeconds));
		const verdict =
			result.error !== undefined
				? `ERROR ${result.error}`
				: ratio === undefined || result.rssMb === undefined
					? '-'
					: !slow && result.rssMb <= result.maxRssMb
						? 'PASS'
						: `FAIL${slow ? ' (time)' : ''}${result.rssMb > result.maxRssMb ? ' (memory)' : ''}`;
		return [
			result.name,
			result.floorLabel,
			Number.isNaN(result.floorSeconds) ? '-' : result.floorSeconds.toFixed(2),
			result.toolSeconds?.toFixed(2) ?? '-',
			ratio === undefined ? '-' : `${ratio.toFixed(2)}x`,
			result.rssMb?.toFixed(0) ?? '-',
			`${result.maxSeconds === undefined ? `≤ ${result.maxRatio}x` : `≤ ${result.maxSeconds} s`}, ≤ ${result.maxRssMb} MB`,
			verdict,
		];
	});
	const widths = header.map((_, i) => Math.max(...[header, ...rows].map((cells) => (cells[i] ?? '').length)));
	console.log(row(header, widths));
	for (const cells of rows) console.log(row(cells, widths));
}
