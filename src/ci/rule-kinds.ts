import {compressedSize} from '../core/compressed-size.js';
import {baselineKinds} from './baseline-kinds.js';
import {goQuote} from '../format/go-quote.js';
import {humanizeBytes} from '../format/humanize-bytes.js';
import {parseBytes} from '../format/parse-bytes.js';
import {evaluate} from './evaluate.js';
import type {GateImage, GateRule, Unit, Verdict} from './gate-types.js';
import {checkBudget, checkDeny, checkDenyInAnyLayer} from './path-rules.js';
import {checkDenyHint, checkMaxHintBytes, parseHintKind} from './hint-rules.js';
import {pathLimit} from './gate-types.js';
import {thresholdFlags} from './rule-flags.js';
import {isDisabledValue, parseRule, type RuleName} from './rules.js';

/**
One kind of rule: how the `ci:` section writes it, how its value parses, and how it is checked. To add a rule, add an
entry to `ruleKinds` (and its command-line flag, if it has one, to `thresholdFlags` in rule-flags.ts); config reading,
evaluation and every report pick it up from here.
*/
export type RuleKind = {
	readonly id: string;
	/** One sentence: the SARIF driver's help text and the README's rule table. */
	readonly help: string;
	readonly unit: Unit;
	/**
	How the `ci:` section writes it: `value` (`maxImageSize: 500MB`), `budget` (a mapping glob → value) or `pattern`
	(a list of globs). Either form also takes `{value|pattern, severity}` for one rule.
	*/
	readonly form: 'value' | 'budget' | 'pattern';
	/** The command-line flag that sets it, without `--`. */
	readonly flag?: string;
	/** The value when nothing configures it; rules without one are evaluated only when configured. */
	readonly defaultValue?: string;
	/** Configured text → threshold (undefined: disabled). Throws an Error whose message names the rule and the value. */
	readonly parse: (value: string) => number | undefined;
	readonly check: (rule: GateRule, image: GateImage) => Verdict;
	/** For `budget` and `pattern` forms whose keys are not path globs: validates a key, throwing an Error that says why. */
	readonly checkKey?: (key: string) => string;
};

function sizeValue(id: string): (value: string) => number | undefined {
	return value => {
		if (isDisabledValue(value)) return undefined;
		try {
			return parseBytes(value);
		} catch (error) {
			throw new Error(`invalid ${id} value, given ${goQuote(value)}: ${(error as Error).message}`, {cause: error});
		}
	};
}

function countValue(id: string): (value: string) => number | undefined {
	return value => {
		if (isDisabledValue(value)) return undefined;
		if (!/^\s*\d+\s*$/.test(value)) throw new Error(`invalid ${id} value, given ${goQuote(value)}: not a whole number`);
		return Number(value);
	};
}

/** A "no more than" check on one number of the image. */
function atMost(what: string, unit: 'bytes' | 'count', actualOf: (image: GateImage) => number) {
	return (rule: GateRule, image: GateImage): Verdict => {
		const actual = actualOf(image);
		const shown = unit === 'bytes' ? `${humanizeBytes(actual)} (${actual} bytes)` : String(actual);
		const violated = actual > rule.threshold!;
		return {violated, actual, message: violated ? `${what} is ${shown}, over ${rule.value}` : `${what} is ${shown}, within ${rule.value}`};
	};
}

/** dive's rule, with dive's own comparison and text (the configured value on PASS, the reason on FAIL). */
function diveKind(id: RuleName, help: string, actualOf: (image: GateImage) => number): RuleKind {
	return {
		id,
		help,
		unit: id === 'highestWastedBytes' ? 'bytes' : 'ratio',
		form: 'value',
		flag: id,
		parse: value => parseRule(id, value, 'file').threshold,
		check: (rule, image) => {
			const [result] = evaluate(image.analysis, [{name: id, value: rule.value, source: rule.source, threshold: rule.threshold}]);
			return {violated: result!.status === 'fail', actual: actualOf(image), message: result!.message};
		},
	};
}

const diveKinds: readonly RuleKind[] = [
	diveKind('lowestEfficiency', "Fails when dive's efficiency score is below the ratio.", image => image.analysis.image.efficiencyScore),
	diveKind('highestWastedBytes', "Fails when dive's wasted bytes (every copy of a path stored in two or more layers) exceed the size.", image => image.analysis.image.wastedBytes),
	diveKind('highestUserWastedPercent', 'Fails when wasted bytes divided by the bytes of every layer but the first exceed the ratio.', image => image.analysis.image.userWastedPercent),
].map((kind, index) => ({...kind, defaultValue: ['0.9', 'disabled', '0.1'][index]!}));

const sizeKinds: readonly RuleKind[] = [
	{
		id: 'maxImageSize',
		help: 'Fails when the image is larger, uncompressed (the sum of every layer).',
		unit: 'bytes',
		form: 'value',
		flag: thresholdFlags.maxImageSize,
		parse: sizeValue('maxImageSize'),
		check: atMost('the image size', 'bytes', image => image.analysis.image.sizeBytes),
	},
	{
		id: 'maxUserSize',
		help: 'Fails when the layers above the base layer hold more bytes, uncompressed.',
		unit: 'bytes',
		form: 'value',
		flag: thresholdFlags.maxUserSize,
		parse: sizeValue('maxUserSize'),
		check: atMost('the user size (all layers but the first)', 'bytes', image => image.analysis.image.userSizeBytes),
	},
	{
		id: 'maxLayerSize',
		help: 'Fails when any single layer is larger, uncompressed.',
		unit: 'bytes',
		form: 'value',
		flag: thresholdFlags.maxLayerSize,
		parse: sizeValue('maxLayerSize'),
		check: (rule, image) => {
			const layers = image.analysis.layers;
			const over = layers.filter(layer => layer.sizeBytes > rule.threshold!);
			const largest = layers.reduce((max, layer) => Math.max(max, layer.sizeBytes), 0);
			const describe = (layer: (typeof layers)[number]) => `layer ${layer.index} ${humanizeBytes(layer.sizeBytes)} (${layer.command.trim().slice(0, 60)})`;
			if (over.length === 0) return {violated: false, actual: largest, message: `the largest layer is ${humanizeBytes(largest)} (${largest} bytes), within ${rule.value}`};
			return {
				violated: true,
				actual: largest,
				message: `${over.length === 1 ? '1 layer is' : `${over.length} layers are`} over ${rule.value}: ${over.map(describe).join('; ')}`,
			};
		},
	},
	{
		id: 'maxLayers',
		help: 'Fails when the image has more layers.',
		unit: 'count',
		form: 'value',
		flag: thresholdFlags.maxLayers,
		parse: countValue('maxLayers'),
		check: atMost('the layer count', 'count', image => image.analysis.image.layerCount),
	},
	{
		id: 'maxReclaimableBytes',
		help: 'Fails when more bytes are stored in layers that the final filesystem never shows (overwritten or deleted later).',
		unit: 'bytes',
		form: 'value',
		flag: thresholdFlags.maxReclaimableBytes,
		parse: sizeValue('maxReclaimableBytes'),
		check: atMost('the reclaimable size', 'bytes', image => image.analysis.image.reclaimableBytes),
	},
	{
		id: 'maxCompressedSize',
		help: 'Fails when the stored layer blobs (compressed) are larger; skipped when the archive stores layers uncompressed.',
		unit: 'bytes',
		form: 'value',
		flag: thresholdFlags.maxCompressedSize,
		parse: sizeValue('maxCompressedSize'),
		check: (rule, image) => {
			const size = compressedSize(image.analysis.model);
			if ('unknown' in size) return {skipped: size.unknown};
			return atMost('the compressed size', 'bytes', () => size.bytes)(rule, image);
		},
	},
];

const pathKinds: readonly RuleKind[] = [
	{
		id: 'budgets',
		help: 'Fails when the files a glob matches in the final image (directly or below a matched directory) hold more bytes than its budget.',
		unit: 'bytes',
		form: 'budget',
		parse: sizeValue('budgets'),
		check: checkBudget,
	},
	{
		id: 'deny',
		help: 'Fails when a path of the final image matches the glob.',
		unit: 'paths',
		form: 'pattern',
		parse: () => 0,
		check: checkDeny,
	},
	{
		id: 'denyInAnyLayer',
		help: 'Fails when any layer stores a path matching the glob, even if a later layer deletes it (the bytes still ship).',
		unit: 'paths',
		form: 'pattern',
		parse: () => 0,
		check: checkDenyInAnyLayer,
	},
];

/** The waste hints (see `src/core/hints`): `denyHints: [secret, …]` and `maxHintBytes: {package-cache: 10MB, …}`. */
const hintKinds: readonly RuleKind[] = [
	{
		id: 'denyHints',
		help: 'Fails when the image has a hint of the listed kind (secret, deleted-later, overwritten, metadata-rewrite, duplicate-content, package-cache), in any layer.',
		unit: 'count',
		form: 'pattern',
		parse: () => 0,
		checkKey: parseHintKind,
		check: (rule, image) => checkDenyHint(image.analysis, parseHintKind(rule.pattern!), pathLimit),
	},
	{
		id: 'maxHintBytes',
		help: 'Fails when the hints of a kind (package-cache, deleted-later, …) add up to more bytes than its size.',
		unit: 'bytes',
		form: 'budget',
		parse: sizeValue('maxHintBytes'),
		checkKey: parseHintKind,
		check: (rule, image) => checkMaxHintBytes(image.analysis, parseHintKind(rule.pattern!), rule.threshold!, rule.value, pathLimit),
	},
];

/** Every rule kind, in report order: dive's three, the size thresholds, the path rules, the hint rules, the growth rules (baseline). */
export const ruleKinds: readonly RuleKind[] = [...diveKinds, ...sizeKinds, ...pathKinds, ...hintKinds, ...baselineKinds];

export function ruleKind(id: string): RuleKind | undefined {
	return ruleKinds.find(kind => kind.id === id);
}
