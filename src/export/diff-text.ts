import type {FileDiff, ImageComparison, SideSummary} from '../core/compare/compare-types.js';
import {displayCommandLine, displayText} from '../format/display-text.js';
import {formatComma, humanizeBytes} from '../format/humanize-bytes.js';

export type DiffTextOptions = {
	/** Terminal columns: long commands and paths are cut with `…` to fit. */
	readonly width: number;
	/** How many growth rows to show. */
	readonly growthRows?: number;
};

/** `1234` → `+1.2 kB`, `-20` → `-20 B`, 0 → `0 B`. */
export function signedBytes(delta: number): string {
	if (delta === 0) return '0 B';
	return `${delta > 0 ? '+' : '-'}${humanizeBytes(Math.abs(delta))}`;
}

function signedCount(delta: number): string {
	return delta > 0 ? `+${formatComma(delta)}` : formatComma(delta);
}

function percent(ratio: number): string {
	return `${(ratio * 100).toFixed(2)} %`;
}

function fit(text: string, width: number): string {
	if (width < 2 || text.length <= width) return text;
	return `${text.slice(0, width - 1)}…`;
}

/**
The comparison for a terminal: summary table, layers, file changes (collapsed under added/removed directories), growth.
Every line goes through `displayText`.
*/
export function renderDiffText(comparison: ImageComparison, inputs: {readonly old: string; readonly new: string}, options: DiffTextOptions): string {
	const width = Math.max(40, options.width);
	const lines: string[] = [];
	const {old, new: now, delta} = comparison;
	lines.push(fit(`Comparing ${inputs.old} (old) with ${inputs.new} (new)`, width), '');
	const row = (label: string, a: string, b: string, d: string) => `  ${label.padEnd(14)}${a.padStart(14)}${b.padStart(14)}${d.padStart(14)}`;
	lines.push(row('Summary', 'old', 'new', 'delta'));
	const bytesRow = (label: string, key: keyof Omit<SideSummary, 'name'>) =>
		row(label, humanizeBytes(old[key]), humanizeBytes(now[key]), signedBytes(delta[key]));
	lines.push(bytesRow('Total size', 'sizeBytes'));
	lines.push(bytesRow('User size', 'userSizeBytes'));
	lines.push(row('Layers', formatComma(old.layerCount), formatComma(now.layerCount), signedCount(delta.layerCount)));
	lines.push(row('Files', formatComma(old.finalFileCount), formatComma(now.finalFileCount), signedCount(delta.finalFileCount)));
	lines.push(row('Efficiency', percent(old.efficiencyScore), percent(now.efficiencyScore), `${delta.efficiencyScore >= 0 ? '+' : ''}${percent(delta.efficiencyScore)}`));
	lines.push(bytesRow('Wasted', 'wastedBytes'));
	lines.push(bytesRow('Reclaimable', 'reclaimableBytes'));

	const {shared, added, removed} = comparison.layers;
	lines.push('', `Layers: ${shared.length} shared, ${added.length} added, ${removed.length} removed`);
	for (const layer of added) lines.push(fit(`  + [${layer.index}] ${humanizeBytes(layer.sizeBytes).padStart(8)}  ${displayCommandLine(layer.command)}`, width));
	for (const layer of removed) lines.push(fit(`  - [${layer.index}] ${humanizeBytes(layer.sizeBytes).padStart(8)}  ${displayCommandLine(layer.command)}`, width));

	const totals = comparison.fileTotals;
	lines.push(
		'',
		`Files: ${formatComma(totals.added)} added (${signedBytes(totals.addedBytes)}), ${formatComma(totals.removed)} removed (${signedBytes(-totals.removedBytes)}), ${formatComma(totals.changed)} changed`,
	);
	lines.push(...fileLines(comparison.files, width));

	const growth = comparison.growth.slice(0, options.growthRows ?? 10);
	if (growth.length > 0) {
		lines.push('', `Growth by directory (depth ${comparison.depth}), largest first:`);
		for (const dir of growth) {
			const counts = [dir.added && `${dir.added} added`, dir.removed && `${dir.removed} removed`, dir.changed && `${dir.changed} changed`].filter(Boolean).join(', ');
			lines.push(fit(`  ${signedBytes(dir.delta).padStart(10)}  ${dir.path}${counts ? `  (${counts})` : ''}`, width));
		}
	}
	lines.push('', comparison.differ ? 'The images differ.' : 'The images have the same layers and files.');
	// Names, link targets, commands and the inputs' names come from the images: shown, never obeyed (`displayText`).
	return lines.map(displayText).join('\n');
}

const markers = {added: '+', removed: '-', changed: '~'} as const;

/** One line per difference; the paths below an added or removed directory fold into its line. */
function fileLines(files: readonly FileDiff[], width: number): string[] {
	const lines: string[] = [];
	for (let i = 0; i < files.length; i++) {
		const diff = files[i]!;
		const item = diff.new ?? diff.old!;
		let below = 0;
		let belowBytes = 0;
		if (diff.kind !== 'changed' && item.type === 'dir') {
			const prefix = `${diff.path}/`;
			while (i + 1 < files.length && files[i + 1]!.path.startsWith(prefix) && files[i + 1]!.kind === diff.kind) {
				i++;
				below++;
				belowBytes += files[i]!.byteDelta;
			}
		}
		const bytes = diff.byteDelta + belowBytes;
		const detail =
			diff.kind === 'changed'
				? describeChange(diff)
				: item.type === 'dir'
					? `dir${below > 0 ? `, ${formatComma(below)} entr${below === 1 ? 'y' : 'ies'} below` : ''}`
					: item.type === 'file'
						? ''
						: `${item.type}${item.linkTarget ? ` → ${item.linkTarget}` : ''}`;
		const right = `${detail ? `${detail}  ` : ''}${bytes === 0 ? '' : signedBytes(bytes)}`.trimEnd();
		const room = width - 4 - right.length - 2;
		const name = diff.path + (item.type === 'dir' && diff.kind !== 'changed' ? '/' : '');
		const shown = room >= 10 ? fit(name, room) : name;
		lines.push(right ? `  ${markers[diff.kind]} ${shown.padEnd(Math.max(0, room))}  ${right}` : `  ${markers[diff.kind]} ${shown}`);
	}
	return lines;
}

function octal(mode: number): string {
	return mode.toString(8).padStart(4, '0');
}

/** What changed, old → new: `content`, `size 20 kB → 21 kB`, `mode 0644 → 0600`, `owner 0:0 → 1000:1000`, … */
export function describeChange(diff: FileDiff): string {
	const a = diff.old!;
	const b = diff.new!;
	const parts: string[] = [];
	for (const field of diff.fields ?? []) {
		if (field === 'type') parts.push(`type ${a.type} → ${b.type}`);
		else if (field === 'content' && !diff.fields!.includes('size')) parts.push('content');
		else if (field === 'size' && diff.fields!.includes('type')) parts.push(`size ${humanizeBytes(a.size)} → ${humanizeBytes(b.size)}`);
		else if (field === 'size') parts.push(`content, size ${humanizeBytes(a.size)} → ${humanizeBytes(b.size)}`);
		else if (field === 'mode') parts.push(`mode ${octal(a.mode)} → ${octal(b.mode)}`);
		else if (field === 'owner') parts.push(`owner ${a.uid}:${a.gid} → ${b.uid}:${b.gid}`);
		else if (field === 'target') parts.push(`target ${a.linkTarget} → ${b.linkTarget}`);
	}
	return parts.join(', ');
}
