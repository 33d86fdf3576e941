import type {Analysis} from '../core/analysis-types.js';
import {formatGoFixed, formatGoFloat} from '../format/go-float.js';
import type {Rule, RuleName} from './rules.js';

export type RuleStatus = 'pass' | 'fail' | 'skip';

export type RuleResult = {
	readonly name: RuleName;
	readonly status: RuleStatus;
	/** dive's text: the configured value on PASS, `disabled` on SKIP, the reason on FAIL. */
	readonly message: string;
	readonly rule: Rule;
};

/** The numbers the rules read. */
export type EvaluatedImage = Pick<Analysis['image'], 'efficiencyScore' | 'wastedBytes' | 'userWastedPercent'>;

function failure(rule: Rule, threshold: number, image: EvaluatedImage): string | undefined {
	switch (rule.name) {
		case 'lowestEfficiency':
			return threshold > image.efficiencyScore
				? `image efficiency is too low (efficiency=${formatGoFixed(image.efficiencyScore, 2)} < threshold=${formatGoFloat(threshold)})`
				: undefined;
		case 'highestWastedBytes':
			return image.wastedBytes > threshold
				? `too many bytes wasted (wasted-bytes=${image.wastedBytes} > threshold=${threshold})`
				: undefined;
		case 'highestUserWastedPercent':
			// A NaN ratio (no user bytes, nothing wasted) never fails, as in dive.
			return image.userWastedPercent > threshold
				? `too many bytes wasted, relative to the user bytes added (%-user-wasted-bytes=${formatGoFixed(image.userWastedPercent, 2)} > threshold=${formatGoFloat(threshold)})`
				: undefined;
	}
}

/** dive's comparisons: FAIL iff threshold > efficiency, wasted > threshold, ratio > threshold. */
export function evaluate(analysis: {readonly image: EvaluatedImage}, rules: readonly Rule[]): RuleResult[] {
	return rules.map(rule => {
		if (rule.threshold === undefined) return {name: rule.name, status: 'skip', message: 'disabled', rule};
		const reason = failure(rule, rule.threshold, analysis.image);
		if (reason === undefined) return {name: rule.name, status: 'pass', message: rule.value, rule};
		return {name: rule.name, status: 'fail', message: reason, rule};
	});
}

/** 1 when any rule failed, else 0. */
export function exitCodeFor(results: readonly RuleResult[]): 0 | 1 {
	return results.some(result => result.status === 'fail') ? 1 : 0;
}
