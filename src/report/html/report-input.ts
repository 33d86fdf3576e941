import type {Analysis} from '../../core/analysis-types.js';

/** One CI rule outcome as the report shows it (the CI gate's `RuleResult` fits; other rule sets can pass their own). */
export type ReportRuleResult = {
	readonly name: string;
	readonly status: 'pass' | 'fail' | 'skip' | 'warn' | (string & {});
	readonly message: string;
};

/**
A waste hint, typed loosely so the hints feature can pass its records as they are: every field is optional, and
the report shows the ones it knows (`title` or `id`, `message`, `bytes`, `layer`, `paths`).
*/
export type ReportHint = {
	readonly id?: string;
	readonly kind?: string;
	readonly title?: string;
	readonly message?: string;
	/** The change that fixes it. */
	readonly fix?: string;
	readonly severity?: string;
	readonly bytes?: number;
	readonly layer?: number;
	readonly paths?: readonly string[];
};

/** One path of a comparison between two images. */
export type ReportDiffEntry = {
	readonly path: string;
	readonly kind: 'added' | 'modified' | 'removed' | (string & {});
	/** Bytes before (absent for added paths). */
	readonly before?: number;
	/** Bytes after (absent for removed paths). */
	readonly after?: number;
};

/** A comparison of two images (`layerlens diff`): the two names, headline numbers and the paths that differ. */
export type ReportDiff = {
	readonly baseName?: string;
	readonly targetName?: string;
	/** Headline numbers, shown as label → value: byte counts in keys ending in `Bytes` are formatted as sizes. */
	readonly summary?: Readonly<Record<string, number | string>>;
	readonly entries?: readonly ReportDiffEntry[];
};

/** Everything an HTML report can show; only the analysis is required. */
export type ReportInput = {
	readonly analysis: Analysis;
	/** Bytes of the archive read (the compressed image as stored), when the input was a file. */
	readonly archiveBytes?: number;
	readonly ci?: readonly ReportRuleResult[];
	readonly hints?: readonly ReportHint[];
	readonly diff?: ReportDiff;
	/** Shown in the footer: `layerlens 0.1.0`. */
	readonly generator?: string;
};
