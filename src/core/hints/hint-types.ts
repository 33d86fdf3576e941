/** Why bytes are wasted (or, for `secret`, what should never ship), as the hints name it. */
export const hintKinds = ['secret', 'deleted-later', 'overwritten', 'metadata-rewrite', 'duplicate-content', 'package-cache'] as const;

export type HintKind = (typeof hintKinds)[number];

export type HintSeverity = 'info' | 'warn' | 'high';

/** One cause of waste (or one secret), sized, with the layers and paths involved and what to change. */
export type Hint = {
	readonly kind: HintKind;
	readonly severity: HintSeverity;
	/** Bytes this cause costs (for `secret`: the bytes of every stored copy). */
	readonly bytes: number;
	/** The layer to look at: the one whose command causes it (see each kind). */
	readonly layer: number;
	/** Every layer involved, ascending. */
	readonly layers: readonly number[];
	/** Absolute paths, the most important first (every one; the export keeps the first 50). */
	readonly paths: readonly string[];
	/** How many paths (or copies) the hint covers. */
	readonly count: number;
	/** One sentence: what happens, naming the layers' commands. Sizes are in `bytes`, never in the text. */
	readonly message: string;
	/** One line: the Dockerfile change that fixes it. */
	readonly fix: string;
};

export type HintReport = {
	/** Largest first (then by kind and first path). */
	readonly hints: readonly Hint[];
	/** Bytes per kind; within a kind no stored copy is counted twice. */
	readonly totals: Readonly<Record<HintKind, number>>;
	/**
	What fixing every waste hint would save, each stored copy counted once across kinds (secrets are not waste and
	are left out): the reclaimable bytes plus redundant duplicates and package caches in the final filesystem.
	*/
	readonly savableBytes: number;
};

/** A short "how" per kind, for one-line summaries. */
export const kindAdvice: Readonly<Record<HintKind, string>> = {
	secret: 'keep credentials out of every layer',
	'deleted-later': 'delete files in the RUN that creates them',
	overwritten: 'produce each file once, in the last step that needs it',
	'metadata-rewrite': 'COPY --chown/--chmod instead of a later chmod/chown',
	'duplicate-content': 'store each content once',
	'package-cache': 'clean package caches in the same RUN',
};

/** Files smaller than this are not reported as duplicate content (noise, not signal). */
export const duplicateMinBytes = 1024;

/** Hints of these bytes and more are `warn`, smaller ones `info` (secrets are always `high`). */
export const warnBytes = 1024 * 1024;
