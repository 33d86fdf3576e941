import type {Analysis} from '../../core/analysis-types.js';
import {compressedSize} from '../../core/compressed-size.js';
import {displayText} from '../../format/display-text.js';
import type {GateReport, GateResult} from '../gate-types.js';

/** Everything a reporter reads. Reporters are pure: they return text, the CLI writes it. */
export type ReportInput = {
	readonly analysis: Analysis;
	readonly gate: GateReport;
	readonly tool: {readonly name: string; readonly version: string};
	/** ANSI colours (text reporter only, on a terminal). */
	readonly color: boolean;
	/** What a reporter needs from outside but cannot read itself: d3-hierarchy's browser build for `html`. */
	readonly assets?: {readonly treemapLibrary?: string};
};

export type Reporter = {
	/** What `--report FORMAT` names. */
	readonly format: string;
	readonly description: string;
	readonly render: (input: ReportInput) => string;
	/**
	Also appended to the file an environment variable names, when it is set (GitHub's `GITHUB_STEP_SUMMARY`).
	*/
	readonly appendToFileIn?: {readonly variable: string; readonly render: (input: ReportInput) => string};
};

/** The image numbers reports show: dive's sizes plus the compressed size when the archive tells it. */
export function imageFacts(analysis: Analysis) {
	const {image} = analysis;
	const compressed = compressedSize(analysis.model);
	return {
		name: image.name,
		tags: image.tags,
		platform: image.platform,
		format: image.format,
		layerCount: image.layerCount,
		sizeBytes: image.sizeBytes,
		userSizeBytes: image.userSizeBytes,
		compressedBytes: 'bytes' in compressed ? compressed.bytes : null,
		efficiencyScore: image.efficiencyScore,
		wastedBytes: image.wastedBytes,
		reclaimableBytes: image.reclaimableBytes,
	};
}

export function counts(results: readonly GateResult[]) {
	const count = (status: GateResult['status']) => results.filter(result => result.status === status).length;
	return {total: results.length, pass: count('pass'), fail: count('fail'), warn: count('warn'), skip: count('skip')};
}

/**
The result's message and the paths it matched, one per line (first ones, then how many more), each shown as
`displayText` shows it: a name with a newline, an escape sequence or a bidi control stays one visible line.
*/
export function detailLines(result: GateResult): string[] {
	const lines = [displayText(result.message)];
	for (const path of result.paths ?? []) lines.push(`${displayText(path.path)} (${path.bytes} bytes, layer ${path.layer})`);
	const more = (result.pathCount ?? 0) - (result.paths?.length ?? 0);
	if (more > 0) lines.push(`… and ${more} more`);
	return lines;
}
