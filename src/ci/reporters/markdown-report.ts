import {displayCommandLine, displayText} from '../../format/display-text.js';
import {formatGoFixed} from '../../format/go-float.js';
import {humanizeBytes} from '../../format/humanize-bytes.js';
import type {GateResult} from '../gate-types.js';
import {counts, imageFacts, type Reporter, type ReportInput} from './report-input.js';

/**
Archive text as one GitHub-flavoured Markdown table cell that renders as exactly that text: controls, bidi and
invisible characters shown as `�` (`displayText`, which also keeps the cell on one line), Markdown's punctuation and
`&` (character references) backslash-escaped, and the `:` of `://` and the `.` of `www.` escaped so no name becomes a
link (GFM autolinks).
*/
export function markdownCell(text: string): string {
	return displayText(text)
		.replace(/[\\`*_{}[\]<>()#+!|~&]/g, match => `\\${match}`)
		.replace(/:\/\//g, '\\://')
		.replace(/www\./gi, match => `${match.slice(0, 3)}\\.`);
}

const statusMark: Record<GateResult['status'], string> = {pass: '✅ pass', fail: '❌ fail', warn: '⚠️ warn', skip: '➖ skip'};

function shown(result: GateResult, value: number | null): string {
	if (value === null) return '';
	if (result.unit === 'bytes') return humanizeBytes(value);
	if (result.unit === 'ratio') return formatGoFixed(value, 4);
	return String(value);
}

function pathsCell(result: GateResult): string {
	if (!result.paths || result.paths.length === 0 || (result.status !== 'fail' && result.status !== 'warn')) return '';
	const listed = result.paths.map(path => markdownCell(path.path)).join('<br>');
	const more = (result.pathCount ?? 0) - result.paths.length;
	return more > 0 ? `${listed}<br>… and ${more} more` : listed;
}

/** The step summary / merge-request comment: image, sizes, rules, largest layers, top wasted files. */
export function markdownSummary({analysis, gate}: ReportInput): string {
	const facts = imageFacts(analysis);
	const tally = counts(gate.results);
	const lines = [
		`## layerlens: ${markdownCell(facts.name)} ${gate.passed ? '✅ passed' : '❌ failed'}`,
		'',
		`${tally.pass} passed, ${tally.fail} failed, ${tally.warn} warned, ${tally.skip} skipped`,
		'',
		'| | |',
		'|---|---|',
		`| Image | ${markdownCell(facts.name)}${facts.platform ? ` (${markdownCell(facts.platform)})` : ''} |`,
		`| Size | ${humanizeBytes(facts.sizeBytes)} (${facts.sizeBytes} bytes) |`,
		`| User layers | ${humanizeBytes(facts.userSizeBytes)} |`,
		`| Compressed | ${facts.compressedBytes === null ? 'unknown (layers stored uncompressed)' : humanizeBytes(facts.compressedBytes)} |`,
		`| Layers | ${facts.layerCount} |`,
		`| Efficiency | ${formatGoFixed(facts.efficiencyScore * 100, 2)} % |`,
		`| Wasted (dive) | ${humanizeBytes(facts.wastedBytes)} |`,
		`| Reclaimable | ${humanizeBytes(facts.reclaimableBytes)} |`,
		'',
		'### Rules',
		'',
		'| Status | Rule | Threshold | Actual | Message | Paths |',
		'|---|---|---|---|---|---|',
		...gate.results.map(
			result =>
				`| ${statusMark[result.status]} | ${markdownCell(result.name)} | ${markdownCell(result.value)} | ${shown(result, result.actual)} | ${markdownCell(result.message)} | ${pathsCell(result)} |`,
		),
	];
	const layers = [...analysis.layers].sort((a, b) => b.sizeBytes - a.sizeBytes || a.index - b.index).slice(0, 5);
	lines.push('', '### Largest layers', '', '| Layer | Size | Reclaimable | Command |', '|---|---|---|---|');
	for (const layer of layers) {
		lines.push(`| ${layer.index} | ${humanizeBytes(layer.sizeBytes)} | ${humanizeBytes(layer.reclaimableBytes)} | ${markdownCell(displayCommandLine(layer.command.trim()).slice(0, 120))} |`);
	}
	const wasted = analysis.reclaimable.slice(0, 10);
	lines.push('', '### Top wasted files', '');
	if (wasted.length === 0) lines.push('None: no layer stores bytes that a later layer hides.');
	else {
		lines.push('| Path | Hidden copies | Reclaimable |', '|---|---|---|');
		for (const item of wasted) lines.push(`| ${markdownCell(item.path)} | ${item.copies} | ${humanizeBytes(item.bytes)} |`);
	}
	return `${lines.join('\n')}\n`;
}

export const markdownReporter: Reporter = {
	format: 'markdown',
	description: 'a Markdown summary for a merge-request comment',
	render: markdownSummary,
};
