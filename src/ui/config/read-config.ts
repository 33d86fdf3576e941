import {InputError} from '../../loader/errors.js';
import type {DiffKind} from '../../core/analysis-types.js';
import {parseKeyList} from '../keys/key-names.js';
import {defaultKeyTable, type ActionId} from '../keys/key-table.js';
import type {ExplorerConfig} from './explorer-config.js';

/** A config file that cannot be used: the CLI prints `layerlens: <file>: <problem>`. */
export class ConfigError extends InputError {
	constructor(
		readonly file: string,
		readonly problem: string,
	) {
		super(problem, file);
	}
}

type Mutable<T> = {-readonly [K in keyof T]: T[K]};

const diveKeyNames = new Set(defaultKeyTable.map(def => def.diveName).filter(Boolean) as string[]);
const actionIds = new Set<string>(defaultKeyTable.map(def => def.id));
const diffKinds = new Set<string>(['added', 'removed', 'modified', 'unmodified']);

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function keySpecs(file: string, where: string, value: unknown, warnings: string[]): string[] | undefined {
	const list = typeof value === 'string' ? value : Array.isArray(value) && value.every(item => typeof item === 'string') ? (value as string[]) : undefined;
	if (list === undefined) throw new ConfigError(file, `${where} must be a key or a list of keys`);
	const {keys, unknown} = parseKeyList(list);
	for (const key of unknown) warnings.push(`${file}: ${where}: unknown key "${key}" ignored`);
	return keys.length > 0 ? keys : undefined;
}

function readKeybinding(file: string, section: unknown, config: Mutable<ExplorerConfig>, warnings: string[]): void {
	if (section === undefined || section === null) return;
	if (!isRecord(section)) throw new ConfigError(file, 'keybinding must be a mapping');
	const dive: Record<string, readonly string[]> = {...config.keys.dive};
	for (const [name, value] of Object.entries(section)) {
		if (!diveKeyNames.has(name)) {
			warnings.push(`${file}: keybinding.${name} is not a dive key binding layerlens knows; ignored`);
			continue;
		}
		const keys = keySpecs(file, `keybinding.${name}`, value, warnings);
		if (keys) dive[name] = keys;
	}
	config.keys = {...config.keys, dive};
}

function readKeys(file: string, section: unknown, config: Mutable<ExplorerConfig>, warnings: string[]): void {
	if (section === undefined || section === null) return;
	if (!isRecord(section)) throw new ConfigError(file, 'keys must be a mapping of action to keys');
	const actions: Partial<Record<ActionId, readonly string[]>> = {...config.keys.actions};
	for (const [name, value] of Object.entries(section)) {
		if (!actionIds.has(name)) {
			warnings.push(`${file}: keys.${name} is not an action; ignored`);
			continue;
		}
		const keys = keySpecs(file, `keys.${name}`, value, warnings);
		if (keys) actions[name as ActionId] = keys;
	}
	config.keys = {...config.keys, actions};
}

function bool(file: string, where: string, value: unknown): boolean {
	if (typeof value !== 'boolean') throw new ConfigError(file, `${where} must be true or false`);
	return value;
}

function hideList(file: string, where: string, value: unknown): DiffKind[] {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',').map(item => item.trim()).filter(Boolean) : undefined;
	if (!list || !list.every(item => typeof item === 'string' && diffKinds.has(item.toLowerCase()))) {
		throw new ConfigError(file, `${where} must list some of added, removed, modified, unmodified`);
	}
	return list.map(item => (item as string).toLowerCase() as DiffKind);
}

/** Applies dive's `.dive.yaml` settings that map cleanly: `keybinding:`, `diff.hide`, `layer.*`, `filetree.*`. */
export function applyDiveConfig(file: string, document: unknown, config: Mutable<ExplorerConfig>, warnings: string[]): void {
	if (document === null || document === undefined) return;
	if (!isRecord(document)) throw new ConfigError(file, 'expected a mapping at the top level');
	readKeybinding(file, document['keybinding'], config, warnings);
	const diff = document['diff'];
	if (isRecord(diff) && diff['hide'] !== undefined) config.hide = hideList(file, 'diff.hide', diff['hide']);
	const layer = document['layer'];
	if (isRecord(layer) && layer['show-aggregated-changes'] !== undefined) {
		config.mode = bool(file, 'layer.show-aggregated-changes', layer['show-aggregated-changes']) ? 'aggregated' : 'layer';
	}
	const tree = document['filetree'];
	if (isRecord(tree)) {
		if (tree['collapse-dir'] !== undefined) config.collapseAll = bool(file, 'filetree.collapse-dir', tree['collapse-dir']);
		if (tree['show-attributes'] !== undefined) config.attributes = bool(file, 'filetree.show-attributes', tree['show-attributes']);
	}
}

const ownKeys = new Set(['keys', 'keybinding', 'mode', 'sort', 'attributes', 'collapse', 'hide', 'extract-dir', 'ci']);

/** Applies a layerlens config file (see the README for its keys). dive's `keybinding:` section works here too. */
export function applyOwnConfig(file: string, document: unknown, config: Mutable<ExplorerConfig>, warnings: string[]): void {
	if (document === null || document === undefined) return;
	if (!isRecord(document)) throw new ConfigError(file, 'expected a mapping at the top level');
	for (const key of Object.keys(document)) if (!ownKeys.has(key)) warnings.push(`${file}: unknown setting "${key}" ignored`);
	readKeybinding(file, document['keybinding'], config, warnings);
	readKeys(file, document['keys'], config, warnings);
	const {mode, sort} = document;
	if (mode !== undefined) {
		if (mode !== 'layer' && mode !== 'aggregated') throw new ConfigError(file, 'mode must be layer or aggregated');
		config.mode = mode;
	}
	if (sort !== undefined) {
		if (sort !== 'name' && sort !== 'size') throw new ConfigError(file, 'sort must be name or size');
		config.sort = sort;
	}
	if (document['attributes'] !== undefined) config.attributes = bool(file, 'attributes', document['attributes']);
	if (document['collapse'] !== undefined) config.collapseAll = bool(file, 'collapse', document['collapse']);
	if (document['hide'] !== undefined) config.hide = hideList(file, 'hide', document['hide']);
	const dir = document['extract-dir'];
	if (dir !== undefined) {
		if (typeof dir !== 'string' || dir.trim() === '') throw new ConfigError(file, 'extract-dir must be a path');
		config.extractDir = dir;
	}
}
