import type {Analysis} from '../core/analysis-types.js';
import type {RuleSource} from './rules.js';
import type {ImageComparison} from '../core/compare/compare-types.js';

/** `error` fails the gate (exit 1); `warn` is reported and the exit code stays 0. */
export type Severity = 'error' | 'warn';

/** `warn`: the rule's condition is violated but its severity is `warn`. */
export type GateStatus = 'pass' | 'fail' | 'warn' | 'skip';

/** What a rule's threshold and actual value count. */
export type Unit = 'ratio' | 'bytes' | 'count' | 'paths';

/** A path a path rule matched, with its size and the layer that stores it (or last wrote it). */
export type MatchedPath = {readonly path: string; readonly bytes: number; readonly layer: number};

/** One configured rule, ready to evaluate. */
export type GateRule = {
	/** Unique in a gate: the kind for one-per-image rules, `kind:pattern` for path rules (`deny:/root/.ssh/**`). */
	readonly name: string;
	/** The rule kind's id, a key of `ruleKinds` (also the SARIF rule id). */
	readonly kind: string;
	readonly severity: Severity;
	/** The configured text (`500MB`, `0.90`, `disabled`), as given. */
	readonly value: string;
	/** The parsed threshold (bytes, count or ratio); undefined when the rule is disabled. */
	readonly threshold: number | undefined;
	/** The glob of a path rule. */
	readonly pattern?: string;
	readonly source: RuleSource;
};

/**
A rule's outcome as plain data: what every reporter reads. `threshold` and `actual` are numbers in `unit` (null when
disabled or unknown); `message` is one line; `paths` lists at most `pathLimit` matches and `pathCount` counts them all.
*/
export type GateResult = {
	readonly name: string;
	readonly kind: string;
	readonly severity: Severity;
	readonly status: GateStatus;
	readonly unit: Unit;
	readonly threshold: number | null;
	/** The configured text of the threshold (`500MB`), for display. */
	readonly value: string;
	readonly actual: number | null;
	readonly message: string;
	readonly pattern?: string;
	readonly paths?: readonly MatchedPath[];
	readonly pathCount?: number;
};

export type GateReport = {
	/** False when any rule failed (warnings pass). */
	readonly passed: boolean;
	readonly results: readonly GateResult[];
};

/** What rules read. Rules that need more (a baseline analysis, hints) add optional fields here. */
export type GateImage = {
	readonly analysis: Analysis;
	/** The comparison with `--baseline`, when one was given (the growth rules read it). */
	readonly baseline?: ImageComparison;
};

/** What a rule kind's check returns: skipped with a reason, or the actual value and whether it breaks the rule. */
export type Verdict =
	| {readonly skipped: string; readonly actual?: number}
	| {
		readonly violated: boolean;
		readonly actual: number;
		/** One line: why it fails, or what passed. */
		readonly message: string;
		readonly paths?: readonly MatchedPath[];
		readonly pathCount?: number;
		/** The threshold in the rule's unit when it is derived at check time (a percentage of the baseline). */
		readonly threshold?: number;
	};

/** How many matching paths a result lists; reports add "and N more". */
export const pathLimit = 10;
