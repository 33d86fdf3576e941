import {displayKey, parseKeyName} from './key-names.js';
import {defaultKeyTable, type ActionId, type KeyDef, type Scope} from './key-table.js';

/** A key table entry with the keys in force after the config files. */
export type Binding = KeyDef & {
	/** Canonical key names, the shown one first. */
	readonly keys: readonly string[];
	/** How the first key is shown: `^A`, `/`, `Tab`. */
	readonly label: string;
};

export type KeyMap = {
	readonly bindings: readonly Binding[];
	readonly byScope: ReadonlyMap<Scope, ReadonlyMap<string, ActionId>>;
};

/** Key overrides read from config files: dive's `keybinding:` names and our action ids, both as key spec lists. */
export type KeyOverrides = {
	readonly dive?: Readonly<Record<string, readonly string[]>>;
	readonly actions?: Readonly<Partial<Record<ActionId, readonly string[]>>>;
};

/**
Applies overrides to the table. An override replaces an action's keys (a dive name replaces dive's keys and keeps our
plain ones; an action id replaces all of them). A key the user assigned is taken away from every action the user did
not touch, so the user's binding always wins.
*/
export function buildKeyMap(overrides: KeyOverrides = {}, table: readonly KeyDef[] = defaultKeyTable): KeyMap {
	// Keys the user wrote down, per action: those win over every key the user did not write.
	const explicitOf = new Map<KeyDef, Set<string>>();
	const userKeys = new Set<string>();
	const specsOf = new Map<KeyDef, string[]>();
	for (const entry of table) {
		const own = overrides.actions?.[entry.id];
		const dive = entry.diveName ? overrides.dive?.[entry.diveName] : undefined;
		const chosen = own ?? dive ?? [];
		specsOf.set(entry, own ? [...own] : dive ? [...entry.plain, ...dive] : [...entry.plain, ...entry.dive]);
		const explicit = new Set(chosen.map(parseKeyName).filter((name): name is string => name !== undefined));
		explicitOf.set(entry, explicit);
		for (const name of explicit) userKeys.add(name);
	}
	const bindings: Binding[] = [];
	const byScope = new Map<Scope, Map<string, ActionId>>();
	for (const entry of table) {
		const explicit = explicitOf.get(entry)!;
		const keys: string[] = [];
		let label = '';
		for (const spec of specsOf.get(entry)!) {
			const name = parseKeyName(spec);
			if (!name || keys.includes(name)) continue;
			if (userKeys.has(name) && !explicit.has(name)) continue;
			if (keys.length === 0) label = displayKey(spec.trim().toLowerCase() === 'ctrl+m' ? 'ctrl+m' : name);
			keys.push(name);
		}
		bindings.push({...entry, keys, label});
		let scoped = byScope.get(entry.scope);
		if (!scoped) byScope.set(entry.scope, (scoped = new Map()));
		for (const name of keys) if (!scoped.has(name)) scoped.set(name, entry.id);
	}
	return {bindings, byScope};
}

export type Focus = 'layers' | 'layer-details' | 'image-details' | 'tree';

/** Which scopes a key is looked up in, most specific first (the Hints view has its own keys before the overlay's). */
export function scopeChain(focus: Focus, overlayOpen: boolean, hintsOpen = false): readonly Scope[] {
	if (overlayOpen) return hintsOpen ? ['hints', 'overlay', 'global'] : ['overlay', 'global'];
	if (focus === 'tree') return ['tree', 'global'];
	return [focus, 'left', 'global'];
}

/** Actions that still work while an overlay is open (besides the overlay's own). */
const overlayGlobals: ReadonlySet<ActionId> = new Set(['quit', 'up', 'down', 'page-up', 'page-down', 'home', 'end']);

/** The action a key triggers in the given scopes, or undefined. */
export function resolveKey(map: KeyMap, name: string, chain: readonly Scope[]): ActionId | undefined {
	const overlay = chain.includes('overlay');
	for (const scope of chain) {
		const id = map.byScope.get(scope)?.get(name);
		if (id === undefined) continue;
		if (overlay && scope === 'global' && !overlayGlobals.has(id)) return undefined;
		return id;
	}
	return undefined;
}

/**
The bindings shown for a focus, in table order: the focused scopes' keys, then the global ones. A key another
scope of the chain takes first is left out, so what is shown is what the key does here.
*/
export function bindingsFor(map: KeyMap, chain: readonly Scope[]): Binding[] {
	const overlay = chain.includes('overlay');
	const shown: Binding[] = [];
	for (const binding of map.bindings) {
		if (!chain.includes(binding.scope) || binding.keys.length === 0) continue;
		if (overlay && binding.scope === 'global' && !overlayGlobals.has(binding.id)) continue;
		const keys = binding.keys.filter(key => resolveKey(map, key, chain) === binding.id);
		if (keys.length === 0) continue;
		const label = keys[0] === binding.keys[0] ? binding.label : displayKey(keys[0]!);
		shown.push({...binding, keys, label});
	}
	return shown;
}
