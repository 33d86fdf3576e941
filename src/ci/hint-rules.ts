import type {Analysis} from '../core/analysis-types.js';
import {hintKinds, type Hint, type HintKind} from '../core/hints/hint-types.js';
import {humanizeBytes} from '../format/humanize-bytes.js';

/**
The two CI rules over the waste hints, as plain functions of the analysis: `denyHints: [secret, …]` fails when the
image has any hint of a listed kind; `maxHintBytes: {package-cache: 10MB, …}` fails when a kind's total is over its
size. The rule model (config, flags, severity, reports) calls them; they return data, no text formatting beyond the
one-line message.
*/

/** A hint path as a rule reports it: the path, the hint's bytes and layer. */
export type HintPath = {readonly path: string; readonly bytes: number; readonly layer: number};

export type HintRuleOutcome = {
	readonly violated: boolean;
	/** Hints of the kind (`denyHints`) or the kind's bytes (`maxHintBytes`). */
	readonly actual: number;
	readonly message: string;
	/** The first paths of the kind's hints, largest hint first. */
	readonly paths: readonly HintPath[];
	/** Every path of the kind's hints. */
	readonly pathCount: number;
};

/** A hint kind from config text; throws an Error naming the valid kinds. */
export function parseHintKind(text: string): HintKind {
	const kind = text.trim();
	if ((hintKinds as readonly string[]).includes(kind)) return kind as HintKind;
	throw new Error(`unknown hint kind ${JSON.stringify(text)}: expected one of ${hintKinds.join(', ')}`);
}

function pathsOf(hints: readonly Hint[], limit: number): {paths: HintPath[]; pathCount: number} {
	const paths: HintPath[] = [];
	let pathCount = 0;
	for (const hint of hints) {
		pathCount += hint.count;
		for (const path of hint.paths) if (paths.length < limit) paths.push({path, bytes: hint.bytes, layer: hint.layer});
	}
	return {paths, pathCount};
}

const ofKind = (analysis: Pick<Analysis, 'hints'>, kind: HintKind) => analysis.hints.hints.filter(hint => hint.kind === kind);

/** `denyHints`: fails when the image carries any hint of `kind`. */
export function checkDenyHint(analysis: Pick<Analysis, 'hints'>, kind: HintKind, limit = 10): HintRuleOutcome {
	const hints = ofKind(analysis, kind);
	const {paths, pathCount} = pathsOf(hints, limit);
	if (hints.length === 0) return {violated: false, actual: 0, message: `no ${kind} hint`, paths, pathCount};
	const first = hints[0]!;
	const more = hints.length > 1 ? ` (and ${hints.length - 1} more)` : '';
	return {violated: true, actual: hints.length, message: `${hints.length} ${kind} ${hints.length === 1 ? 'hint' : 'hints'}: ${first.message}${more} Fix: ${first.fix}`, paths, pathCount};
}

/** `maxHintBytes`: fails when the hints of `kind` add up to more than `threshold` bytes (`value` is the configured text). */
export function checkMaxHintBytes(analysis: Pick<Analysis, 'hints'>, kind: HintKind, threshold: number, value: string, limit = 10): HintRuleOutcome {
	const hints = ofKind(analysis, kind);
	const actual = analysis.hints.totals[kind];
	const {paths, pathCount} = pathsOf(hints, limit);
	const shown = `${humanizeBytes(actual)} (${actual} bytes)`;
	if (actual <= threshold) return {violated: false, actual, message: `${kind} hints hold ${shown}, within ${value}`, paths, pathCount};
	const fix = hints[0] ? ` Fix: ${hints[0].fix}` : '';
	return {violated: true, actual, message: `${kind} hints hold ${shown}, over ${value}.${fix}`, paths, pathCount};
}
