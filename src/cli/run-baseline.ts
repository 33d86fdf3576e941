import {needsBaseline} from '../ci/baseline-kinds.js';
import type {GateRule} from '../ci/gate-types.js';
import type {Analysis} from '../core/analysis-types.js';
import {defaultGrowthDepth} from '../core/compare/compare-images.js';
import type {ImageComparison} from '../core/compare/compare-types.js';
import type {LoadedImage} from '../loader/load-image.js';
import type {CliOptions} from './args.js';
import {compareLoaded} from './compare-inputs.js';
import {openAnyImage} from './open-image.js';
import {UsageError} from './rules-for.js';

/** `--baseline` outside CI mode is a usage error: only the growth rules read it. */
export function checkBaselineUsage(options: CliOptions): void {
	if (options.baseline !== undefined && !options.ci) throw new UsageError('--baseline', 'works with --ci (the growth rules compare with it)');
}

/**
The comparison the growth rules read: the image against `--baseline` (a saved analysis or an image), made only when
a growth rule is configured. Without one, the baseline is not read and a warning says so.
*/
export async function baselineComparison(
	options: CliOptions,
	loaded: LoadedImage,
	analysis: Analysis,
	rules: readonly GateRule[],
	warn: (line: string) => void,
): Promise<ImageComparison | undefined> {
	if (options.baseline === undefined) return undefined;
	if (!needsBaseline(rules)) {
		warn('layerlens: --baseline is given but no growth rule (maxGrowth, maxLayerGrowth, maxWastedGrowth, maxNewFiles) is configured');
		return undefined;
	}
	const baseline = await openAnyImage(options.baseline, {select: options.select, quiet: options.quiet});
	const {comparison} = await compareLoaded(
		{loaded: baseline, spec: options.baseline},
		{loaded, spec: options.image, analysis},
		defaultGrowthDepth,
	);
	return comparison;
}
