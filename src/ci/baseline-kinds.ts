import type {ImageComparison} from '../core/compare/compare-types.js';
import {goQuote} from '../format/go-quote.js';
import {humanizeBytes} from '../format/humanize-bytes.js';
import {parseBytes} from '../format/parse-bytes.js';
import type {GateImage, GateRule, MatchedPath, Verdict} from './gate-types.js';
import {pathLimit} from './gate-types.js';
import type {RuleKind} from './rule-kinds.js';
import {thresholdFlags} from './rule-flags.js';
import {isDisabledValue} from './rules.js';

/**
The growth rules: checked against a baseline (`--baseline`, a saved analysis or an image), through the comparison
engine. Sizes are absolute (`50MB`) or relative to the baseline's own number (`5%`). Without a baseline they are
skipped, saying so.
*/

const noBaseline = 'no baseline to compare with (give --baseline PATH)';

/** `50MB` → 50000000; `5%` → 5 (a percentage: `isRelative` tells them apart). Throws with the rule's name. */
function growthValue(id: string): (value: string) => number | undefined {
	return value => {
		if (isDisabledValue(value)) return undefined;
		const percent = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
		if (percent) return Number(percent[1]);
		try {
			return parseBytes(value);
		} catch (error) {
			throw new Error(`invalid ${id} value, given ${goQuote(value)}: ${(error as Error).message} (or a percentage like 5%)`, {cause: error});
		}
	};
}

function isRelative(rule: GateRule): boolean {
	return rule.value.trim().endsWith('%');
}

function signed(bytes: number): string {
	return `${bytes < 0 ? '-' : '+'}${humanizeBytes(Math.abs(bytes))} (${bytes} bytes)`;
}

/** The files that grew most (added or changed), largest growth first: what a failing growth rule lists. */
export function topGrowingPaths(comparison: ImageComparison): {paths: MatchedPath[]; pathCount: number} {
	const growing = comparison.files.filter(file => file.byteDelta > 0 && file.new !== undefined);
	growing.sort((a, b) => b.byteDelta - a.byteDelta || (a.path < b.path ? -1 : 1));
	return {
		paths: growing.slice(0, pathLimit).map(file => ({path: file.path, bytes: file.byteDelta, layer: file.new!.layer})),
		pathCount: growing.length,
	};
}

function topDirectories(comparison: ImageComparison): string {
	const dirs = comparison.growth.filter(dir => dir.delta > 0).slice(0, 3);
	return dirs.length === 0 ? '' : `; grew most in ${dirs.map(dir => `${dir.path} ${signed(dir.delta).split(' (')[0]}`).join(', ')}`;
}

/** A growth check: `actual` grew over the allowed bytes (absolute, or a percentage of `base`). */
function growth(what: string, actualOf: (c: ImageComparison) => number, baseOf: (c: ImageComparison) => number, listPaths: boolean) {
	return (rule: GateRule, image: GateImage): Verdict => {
		const comparison = image.baseline;
		if (!comparison) return {skipped: noBaseline};
		const actual = actualOf(comparison);
		const allowed = isRelative(rule) ? (baseOf(comparison) * rule.threshold!) / 100 : rule.threshold!;
		const violated = actual > allowed;
		const limit = isRelative(rule) ? `${rule.value} of the baseline's ${humanizeBytes(baseOf(comparison))}, ${humanizeBytes(allowed)}` : rule.value;
		const message = `${what} ${signed(actual)} against the baseline, ${violated ? 'over' : 'within'} ${limit}`;
		if (!violated || !listPaths) return {violated, actual, threshold: allowed, message};
		return {violated, actual, threshold: allowed, message: message + topDirectories(comparison), ...topGrowingPaths(comparison)};
	};
}

export const baselineKinds: readonly RuleKind[] = [
	{
		id: 'maxGrowth',
		help: 'Fails when the image (every layer, uncompressed) grew by more than the size, or the percentage of the baseline image, against the baseline.',
		unit: 'bytes',
		form: 'value',
		flag: thresholdFlags.maxGrowth,
		parse: growthValue('maxGrowth'),
		check: growth('the image changed by', c => c.delta.sizeBytes, c => c.old.sizeBytes, true),
	},
	{
		id: 'maxLayerGrowth',
		help: 'Fails when the layers the baseline does not have (by diff_id) hold more bytes than the size, or the percentage of the baseline image: what a host holding the baseline must pull.',
		unit: 'bytes',
		form: 'value',
		flag: thresholdFlags.maxLayerGrowth,
		parse: growthValue('maxLayerGrowth'),
		check: growth('the layers not in the baseline hold', c => c.layers.added.reduce((sum, layer) => sum + layer.sizeBytes, 0), c => c.old.sizeBytes, true),
	},
	{
		id: 'maxWastedGrowth',
		help: "Fails when dive's wasted bytes grew by more than the size, or the percentage of the baseline's wasted bytes.",
		unit: 'bytes',
		form: 'value',
		flag: thresholdFlags.maxWastedGrowth,
		parse: growthValue('maxWastedGrowth'),
		check: growth('the wasted bytes changed by', c => c.delta.wastedBytes, c => c.old.wastedBytes, false),
	},
	{
		id: 'maxNewFiles',
		help: 'Fails when the final filesystem has more paths that the baseline does not have.',
		unit: 'count',
		form: 'value',
		flag: thresholdFlags.maxNewFiles,
		parse: value => {
			if (isDisabledValue(value)) return undefined;
			if (!/^\s*\d+\s*$/.test(value)) throw new Error(`invalid maxNewFiles value, given ${goQuote(value)}: not a whole number`);
			return Number(value);
		},
		check: (rule, image) => {
			const comparison = image.baseline;
			if (!comparison) return {skipped: noBaseline};
			const actual = comparison.fileTotals.added;
			const violated = actual > rule.threshold!;
			const message = `${actual} path${actual === 1 ? '' : 's'} not in the baseline, ${violated ? 'over' : 'within'} ${rule.value}`;
			if (!violated) return {violated, actual, message};
			const added = comparison.files.filter(file => file.kind === 'added');
			const largest = [...added].sort((a, b) => b.byteDelta - a.byteDelta || (a.path < b.path ? -1 : 1)).slice(0, pathLimit);
			return {violated, actual, message, paths: largest.map(file => ({path: file.path, bytes: file.byteDelta, layer: file.new!.layer})), pathCount: added.length};
		},
	},
];

/** Whether any of these rules is configured (not disabled): only then is the baseline read and compared. */
export function needsBaseline(rules: readonly GateRule[]): boolean {
	return rules.some(rule => rule.threshold !== undefined && baselineKinds.some(kind => kind.id === rule.kind));
}
