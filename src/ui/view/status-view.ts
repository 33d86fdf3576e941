import type {Binding} from '../keys/key-map.js';
import type {ActionId} from '../keys/key-table.js';
import {displayKey} from '../keys/key-names.js';
import {textKeys, type TextInput} from '../keys/text-keys.js';
import {isOnlyChanged} from '../state/tree-actions.js';
import type {UiState} from '../state/ui-state.js';
import {displayWidth, seg, type Line, type Segment} from './line.js';
import type {Theme} from './theme.js';

/** Whether a toggle key's setting is on (dive highlights those keys); undefined for keys that are not toggles. */
export function toggleState(id: ActionId, state: UiState): boolean | undefined {
	const {hidden} = state.tree;
	switch (id) {
		case 'toggle-added':
			return !hidden.added;
		case 'toggle-removed':
			return !hidden.removed;
		case 'toggle-modified':
			return !hidden.modified;
		case 'toggle-unmodified':
			return !hidden.unmodified;
		case 'only-changed':
			return isOnlyChanged(state.tree);
		case 'toggle-attributes':
			return state.tree.attributes;
		case 'toggle-wrap':
			return state.tree.wrap;
		case 'compare-layer':
			return state.mode === 'layer';
		case 'compare-all':
		case 'toggle-compare':
			return state.mode === 'aggregated';
		case 'filter':
			return state.filter.open;
		case 'toggle-versus':
			return state.versus;
		default:
			return undefined;
	}
}

function titleOf(binding: Binding, state: UiState): string {
	if (binding.id === 'toggle-sort') return `Sort:${state.tree.sort}`;
	if (binding.id === 'sort-layers') return `Sort:${state.layerSort === 'index' ? 'order' : 'reclaim'}`;
	return binding.title;
}

/** One status bar item: `▏^A ●Added `; the dot says on/off without colour. */
function item(binding: Binding, state: UiState, theme: Theme): Segment[] {
	const on = toggleState(binding.id, state);
	const mark = on === undefined ? '' : on ? '●' : '○';
	const style = on ? theme.keyOn : theme.keyOff;
	return [seg('▏'), seg(`${binding.label} ${mark}${titleOf(binding, state)} `, style)];
}

/** The text input that has the keys, if one is open (a running extract takes none). */
function openInput(state: UiState): TextInput | undefined {
	if (state.overlay.kind === 'extract') return state.overlay.running ? undefined : 'extract';
	return state.filter.editing ? 'filter' : undefined;
}

/** The status bar while a text input is open: its own keys, from the same table the router reads. */
function textInputLine(input: TextInput, theme: Theme): Line {
	return textKeys.flatMap(entry => {
		const title = entry.title[input];
		return title ? [seg('▏'), seg(`${displayKey(entry.key)} ${title} `, theme.keyOff)] : [];
	});
}

const width = (segments: readonly Segment[]) => segments.reduce((sum, s) => sum + displayWidth(s.text), 0);

/**
The status bar, drawn from the key table: the keys of the focused pane and the global ones, by priority until the
line is full, then shown in table order.
*/
export function statusLine(bindings: readonly Binding[], state: UiState, columns: number, theme: Theme): Line {
	if (state.message) {
		const style = state.message.tone === 'error' ? theme.error : theme.accent;
		return [seg(state.message.text, style)];
	}
	// While an extract runs only Ctrl+C acts (the bar above says what is being written).
	if (state.overlay.kind === 'extract' && state.overlay.running) return [];
	const input = openInput(state);
	if (input) return textInputLine(input, theme);
	const shown = bindings.filter(binding => binding.status !== undefined);
	const byPriority = [...shown].sort((a, b) => a.status! - b.status!);
	const chosen = new Set<Binding>();
	let used = 0;
	for (const binding of byPriority) {
		const cost = width(item(binding, state, theme));
		if (used + cost > columns) continue;
		chosen.add(binding);
		used += cost;
	}
	return shown.filter(binding => chosen.has(binding)).flatMap(binding => item(binding, state, theme));
}
