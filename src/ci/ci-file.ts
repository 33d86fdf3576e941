import {isAlias, isMap, isScalar, parseDocument, type Document, type Node} from 'yaml';
import {ruleNames, type RuleError, type RuleName} from './rules.js';

export type CiFileValues = {
	/** The literal text of each rule the file sets (`0.20` stays `0.20`), as dive's yaml.v3 decoding keeps it. */
	readonly values: Partial<Record<RuleName, string>>;
	readonly errors: readonly RuleError[];
};

function resolve(doc: Document, node: unknown): unknown {
	return isAlias(node) ? node.resolve(doc) : node;
}

/** yaml.v3 leaves a string field untouched for a null scalar (`key:`, `key: ~`, `key: null`). */
function isNullScalar(node: unknown): boolean {
	return isScalar(node) && node.value === null && (node.type === 'PLAIN' || node.type === undefined);
}

/**
Reads dive's legacy `.dive-ci` YAML: only the `rules` mapping and its camelCase keys `lowestEfficiency`,
`highestWastedBytes`, `highestUserWastedPercent`; other keys (`plugins`, `plugin1/rule1`) are ignored.
`path` only names the file in error messages.
*/
export function parseCiFile(text: string, path: string): CiFileValues {
	const doc = parseDocument(text);
	const fail = (message: string): CiFileValues => ({values: {}, errors: [{input: path, message}]});
	const yamlError = doc.errors[0];
	if (yamlError) return fail(`invalid YAML: ${yamlError.message.split('\n')[0] ?? ''}`);
	const root = resolve(doc, doc.contents);
	if (root === null || isNullScalar(root)) return {values: {}, errors: []};
	if (!isMap(root)) return fail('expected a YAML mapping with a `rules` key');
	const rules = resolve(doc, root.get('rules', true));
	if (rules === undefined || isNullScalar(rules)) return {values: {}, errors: []};
	if (!isMap(rules)) return fail('`rules` must be a mapping');

	const values: Partial<Record<RuleName, string>> = {};
	const errors: RuleError[] = [];
	for (const name of ruleNames) {
		const node = resolve(doc, rules.get(name, true)) as Node | undefined;
		if (node === undefined || node === null || isNullScalar(node)) continue;
		if (!isScalar(node)) {
			errors.push({input: path, rule: name, message: `rules.${name} must be a single value`});
			continue;
		}
		values[name] = node.source ?? String(node.value);
	}
	return {values, errors};
}
