import {parseCiFile} from './ci-file.js';
import {defaultRuleValues, parseRule, ruleNames, type Rule, type RuleError, type RuleName, type RuleSource} from './rules.js';

export type RuleFlags = Partial<Record<RuleName, string>>;

export type ResolveRulesInput = {
	/** Values given on the command line (`--lowestEfficiency 0.95`); absent keys were not given. */
	readonly flags?: RuleFlags;
	/** The CI file's text (default `.dive-ci`, or `--ci-config <path>`); undefined when there is no file. */
	readonly fileText?: string;
	/** The CI file's path, for error messages. */
	readonly filePath?: string;
};

export type ResolvedRules = {
	/** One rule per name that parsed, in dive's order. Complete when `errors` is empty. */
	readonly rules: readonly Rule[];
	readonly errors: readonly RuleError[];
};

/**
The rules to evaluate. Precedence, per rule: an explicit flag, else the CI file, else dive's default (`0.9`,
`disabled`, `0.1`). dive lets an existing `.dive-ci` silently replace every flag; here flags win. A file value that a
flag overrides is not parsed, so it cannot fail the run.
*/
export function resolveRules(input: ResolveRulesInput): ResolvedRules {
	const flags = input.flags ?? {};
	const filePath = input.filePath ?? '.dive-ci';
	const file = input.fileText === undefined ? {values: {}, errors: []} : parseCiFile(input.fileText, filePath);
	const rules: Rule[] = [];
	const errors = [...file.errors];
	for (const name of ruleNames) {
		const flag = flags[name];
		const fromFile = file.values[name];
		const [value, source, where]: [string, RuleSource, string] =
			flag !== undefined
				? [flag, 'flag', `--${name}`]
				: fromFile !== undefined
					? [fromFile, 'file', filePath]
					: [defaultRuleValues[name], 'default', name];
		try {
			rules.push(parseRule(name, value, source));
		} catch (error) {
			errors.push({input: where, rule: name, message: error instanceof Error ? error.message : String(error)});
		}
	}
	return {rules, errors};
}
