import type {ConfiguredRule, GateFile} from './gate-file.js';
import type {GateRule} from './gate-types.js';
import {ruleKinds, type RuleKind} from './rule-kinds.js';
import {ruleNames, type RuleError, type RuleName, type RuleSource} from './rules.js';

export type ResolveGateInput = {
	/** Values from the command line, by rule kind id (`maxImageSize`, `lowestEfficiency`); absent when not given. */
	readonly flags?: Readonly<Record<string, string>>;
	/** The rules files, lowest precedence first (`.dive-ci`, then `.layerlens.yaml`'s `ci:`). */
	readonly files?: readonly GateFile[];
};

export type ResolvedGate = {
	readonly rules: readonly GateRule[];
	readonly errors: readonly RuleError[];
	readonly warnings: readonly string[];
};

const isDiveName = (id: string): id is RuleName => (ruleNames as readonly string[]).includes(id);

/**
The rules to evaluate. Precedence, per rule: a flag, else the files (a later file wins), else the default. A rule
without a default (the new thresholds, the path rules) is evaluated only when configured. A file value that a flag
overrides is not parsed, so it cannot fail the run; its severity still applies.
*/
export function resolveGate(input: ResolveGateInput): ResolvedGate {
	const flags = input.flags ?? {};
	const files = input.files ?? [];
	const errors: RuleError[] = files.flatMap(file => file.errors);
	const warnings = files.flatMap(file => file.warnings);
	const rules: GateRule[] = [];
	const configured = files.flatMap(file => file.rules.map(rule => ({rule, file})));

	const add = (kind: RuleKind, name: string, value: string, source: RuleSource, where: string, from?: {rule: ConfiguredRule; file: GateFile}) => {
		const severity = from?.rule.severity ?? 'error';
		const pattern = from?.rule.pattern;
		try {
			rules.push({name, kind: kind.id, severity, value, threshold: kind.parse(value), source, ...(pattern === undefined ? {} : {pattern})});
		} catch (error) {
			const message = (error as Error).message;
			const named = source === 'file' && from?.file.format === 'layerlens' ? `${from.rule.key}: ${message}` : message;
			errors.push({input: where, ...(isDiveName(kind.id) ? {rule: kind.id} : {}), message: named});
		}
	};

	for (const kind of ruleKinds) {
		if (kind.form === 'value') {
			const flag = flags[kind.id];
			const fromFile = configured.filter(({rule}) => rule.kind === kind.id).at(-1);
			if (flag !== undefined) add(kind, kind.id, flag, 'flag', `--${kind.flag ?? kind.id}`, fromFile);
			else if (fromFile) add(kind, kind.id, fromFile.rule.value, 'file', fromFile.file.path, fromFile);
			else if (kind.defaultValue !== undefined) add(kind, kind.id, kind.defaultValue, 'default', kind.id);
			continue;
		}
		// Path rules: one per glob; the same glob in a later file replaces the earlier one.
		const byPattern = new Map<string, {rule: ConfiguredRule; file: GateFile}>();
		for (const entry of configured) if (entry.rule.kind === kind.id) byPattern.set(entry.rule.pattern!, entry);
		for (const [pattern, entry] of byPattern) add(kind, `${kind.id}:${pattern}`, entry.rule.value, 'file', entry.file.path, entry);
	}
	return {rules, errors, warnings};
}
