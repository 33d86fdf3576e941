import {diveFile} from './gate-file.js';
import {resolveGate} from './resolve-gate.js';
import {ruleNames, type Rule, type RuleError, type RuleName} from './rules.js';

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
dive's three rules alone, from flags and a `.dive-ci` text (the gate's resolution, see `resolveGate`). Precedence, per
rule: an explicit flag, else the CI file, else dive's default (`0.9`, `disabled`, `0.1`). dive lets an existing
`.dive-ci` silently replace every flag; here flags win. A file value that a flag overrides is not parsed.
*/
export function resolveRules(input: ResolveRulesInput): ResolvedRules {
	const files = input.fileText === undefined ? [] : [diveFile(input.fileText, input.filePath ?? '.dive-ci')];
	const {rules, errors} = resolveGate({flags: input.flags ?? {}, files});
	const dive = rules.flatMap(rule => {
		const name = ruleNames.find(known => known === rule.kind);
		return name ? [{name, value: rule.value, source: rule.source, threshold: rule.threshold}] : [];
	});
	return {rules: dive, errors};
}
