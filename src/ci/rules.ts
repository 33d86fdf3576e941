import {formatGoFixed} from '../format/go-float.js';
import {GoNumError, parseGoFloat} from '../format/go-parse-float.js';
import {parseBytes} from '../format/parse-bytes.js';
import {goQuote} from '../format/go-quote.js';
import {goTrimSpace} from '../format/go-strings.js';

/** dive's three CI rules, in dive's order. */
export const ruleNames = ['lowestEfficiency', 'highestWastedBytes', 'highestUserWastedPercent'] as const;

export type RuleName = (typeof ruleNames)[number];

/** Where a rule's value came from: a command-line flag, the `.dive-ci` file, or the built-in default. */
export type RuleSource = 'flag' | 'file' | 'default';

export type Rule = {
	readonly name: RuleName;
	/** The configured text as given (`0.90`, `20MB`, `disabled`): what a PASS line echoes. */
	readonly value: string;
	readonly source: RuleSource;
	/** The parsed threshold: a ratio, or bytes for `highestWastedBytes`; undefined when the rule is disabled. */
	readonly threshold: number | undefined;
};

/** A value that does not parse, or a CI file that cannot be read: the CLI prints `layerlens: <input>: <message>`. */
export type RuleError = {
	/** What to name in the error line: the flag (`--lowestEfficiency`) or the CI file's path. */
	readonly input: string;
	readonly rule?: RuleName;
	readonly message: string;
};

/** dive's `DefaultCIRules()`. */
export const defaultRuleValues: Readonly<Record<RuleName, string>> = {
	lowestEfficiency: '0.9',
	highestWastedBytes: 'disabled',
	highestUserWastedPercent: '0.1',
};

/** `""`, `disabled`, `off`, `false` after trimming and lower-casing turn a rule off. */
export function isDisabledValue(value: string): boolean {
	const v = goTrimSpace(value.toLowerCase());
	return v === '' || v === 'disabled' || v === 'off' || v === 'false';
}

function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

function parseRatio(name: RuleName, value: string): number {
	let threshold: number;
	try {
		threshold = parseGoFloat(value);
	} catch (error) {
		if (!(error instanceof GoNumError)) throw error;
		throw new Error(`invalid ${name} config value, given ${goQuote(value)}: ${error.message}`, {cause: error});
	}
	// NaN passes this check, as in dive (and then never fails).
	if (threshold < 0 || threshold > 1) {
		throw new Error(`${name} config value is outside allowed range (0-1), given '${formatGoFixed(threshold, 6)}'`);
	}
	return threshold;
}

/**
Parses one rule value with dive's syntax and error texts: ratios with Go's `ParseFloat` and a 0..1 range,
wasted bytes with go-humanize's `ParseBytes`. Throws an Error carrying dive's message.
*/
export function parseRule(name: RuleName, value: string, source: RuleSource): Rule {
	if (isDisabledValue(value)) return {name, value, source, threshold: undefined};
	if (name !== 'highestWastedBytes') return {name, value, source, threshold: parseRatio(name, value)};
	try {
		return {name, value, source, threshold: parseBytes(value)};
	} catch (error) {
		throw new Error(`invalid highestWastedBytes config value, given ${goQuote(value)}: ${errorText(error)}`, {cause: error});
	}
}
