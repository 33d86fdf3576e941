import {parseCiFile} from './ci-file.js';
import type {Severity} from './gate-types.js';
import {ruleKind, type RuleKind} from './rule-kinds.js';
import {ruleNames, type RuleError} from './rules.js';
import {get, isLiteralMap, parseLiteral, type Literal, type LiteralMap} from './yaml-literal.js';

/** A rule as a file configures it, before its value is parsed. */
export type ConfiguredRule = {
	readonly kind: string;
	readonly value: string;
	readonly severity?: Severity;
	readonly pattern?: string;
	/** Where it is set, for messages: `ci.maxImageSize`, `ci.budgets./app/**`, `rules.lowestEfficiency`. */
	readonly key: string;
};

export type GateFile = {
	readonly path: string;
	/** `dive`: the legacy `.dive-ci` (`rules:` with dive's three keys); `layerlens`: a `ci:` section. */
	readonly format: 'dive' | 'layerlens';
	readonly rules: readonly ConfiguredRule[];
	/** Lines to print on stderr as they are (each names the file and the key). */
	readonly warnings: readonly string[];
	readonly errors: readonly RuleError[];
};

/** A file with a top-level `ci:` key is in layerlens's format; anything else is read the way dive reads `.dive-ci`. */
export function parseGateFile(text: string, path: string): GateFile {
	let root: Literal;
	try {
		root = parseLiteral(text);
	} catch (error) {
		return {path, format: 'dive', rules: [], warnings: [], errors: [{input: path, message: (error as Error).message}]};
	}
	// dive's own app config has `ci: true`: only a `ci:` mapping marks our format.
	const section = isLiteralMap(root) ? get(root, 'ci') : undefined;
	if (isLiteralMap(section)) return parseCiSection(section, path);
	return diveFile(text, path);
}

/** The `ci:` section of `.layerlens.yaml`; a file without one configures nothing. */
export function parseLayerlensFile(text: string, path: string): GateFile {
	let root: Literal;
	try {
		root = parseLiteral(text);
	} catch (error) {
		return {path, format: 'layerlens', rules: [], warnings: [], errors: [{input: path, message: (error as Error).message}]};
	}
	const section = isLiteralMap(root) ? get(root, 'ci') : undefined;
	if (section === undefined) return {path, format: 'layerlens', rules: [], warnings: [], errors: []};
	return parseCiSection(section, path);
}

/** dive's legacy `.dive-ci`: `rules:` with dive's three camelCase keys, everything else ignored. */
export function diveFile(text: string, path: string): GateFile {
	const {values, errors} = parseCiFile(text, path);
	const rules = ruleNames.flatMap(name => {
		const value = values[name];
		return value === undefined ? [] : [{kind: name, value, key: `rules.${name}`}];
	});
	return {path, format: 'dive', rules, warnings: [], errors};
}

class EntryError extends Error {}

function severityOf(key: string, value: Literal | undefined): Severity | undefined {
	if (value === undefined || value === null) return undefined;
	if (value === 'error' || value === 'warn') return value;
	throw new EntryError(`${key}.severity: invalid severity, given ${JSON.stringify(typeof value === 'string' ? value : '(not a word)')}: use error or warn`);
}

function scalar(key: string, value: Literal): string {
	if (typeof value !== 'string') throw new EntryError(`${key}: expected a single value`);
	return value;
}

/** `x` or `{<field>: x, severity: warn}`: the value and its severity; warns about other keys of the mapping. */
function withSeverity(key: string, value: Literal, field: string, path: string, warnings: string[]): {text: string; severity?: Severity} {
	if (!isLiteralMap(value)) return {text: scalar(key, value)};
	for (const [name] of value.entries) {
		if (name !== field && name !== 'severity') warnings.push(`layerlens: warning: ${path}: unknown key ${key}.${name} ignored`);
	}
	const inner = get(value, field);
	if (inner === undefined || inner === null) throw new EntryError(`${key}: missing ${field}`);
	const severity = severityOf(key, get(value, 'severity'));
	return {text: scalar(`${key}.${field}`, inner), ...(severity ? {severity} : {})};
}

function checkPattern(key: string, pattern: string, kind?: RuleKind): string {
	if (kind?.checkKey) {
		try {
			return kind.checkKey(pattern);
		} catch (error) {
			throw new EntryError(`${key}: ${(error as Error).message}`);
		}
	}
	if (!pattern.startsWith('/') && !pattern.startsWith('**')) {
		throw new EntryError(`${key}: invalid pattern, given ${JSON.stringify(pattern)}: patterns match absolute paths, so start them with / or **`);
	}
	return pattern;
}

function parseCiSection(section: Literal, path: string): GateFile {
	const rules: ConfiguredRule[] = [];
	const warnings: string[] = [];
	const errors: RuleError[] = [];
	const result = (): GateFile => ({path, format: 'layerlens', rules, warnings, errors});
	if (section === null) return result();
	if (!isLiteralMap(section)) {
		errors.push({input: path, message: 'ci must be a mapping of rules'});
		return result();
	}
	for (const [name, value] of section.entries) {
		const key = `ci.${name}`;
		const kind = ruleKind(name);
		if (!kind) {
			warnings.push(`layerlens: warning: ${path}: unknown key ${key} ignored`);
			continue;
		}
		if (value === null) continue;
		try {
			if (kind.form === 'value') {
				const {text, severity} = withSeverity(key, value, 'value', path, warnings);
				rules.push({kind: name, value: text, key, ...(severity ? {severity} : {})});
			} else if (kind.form === 'budget') {
				if (!isLiteralMap(value)) throw new EntryError(`${key}: expected a mapping of glob to size`);
				for (const [pattern, budget] of (value as LiteralMap).entries) {
					const entryKey = `${key}.${pattern}`;
					const {text, severity} = withSeverity(entryKey, budget, 'value', path, warnings);
					rules.push({kind: name, value: text, key: entryKey, pattern: checkPattern(entryKey, pattern, kind), ...(severity ? {severity} : {})});
				}
			} else {
				const items = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
				if (!items) throw new EntryError(`${key}: expected a list of globs`);
				items.forEach((item: Literal, index: number) => {
					const itemKey = `${key}[${index}]`;
					const {text, severity} = withSeverity(itemKey, item, 'pattern', path, warnings);
					rules.push({kind: name, value: text, key: `${key}.${text}`, pattern: checkPattern(itemKey, text, kind), ...(severity ? {severity} : {})});
				});
			}
		} catch (error) {
			if (!(error instanceof EntryError)) throw error;
			errors.push({input: path, message: error.message});
		}
	}
	return result();
}
