import type {Analysis} from '../../core/analysis-types.js';
import type {HistoryItem} from '../../core/history.js';
import {formatBytes} from '../format/bytes.js';
import {displayCommand} from '../format/command.js';
import {formatMode} from '../format/mode.js';
import type {Binding} from '../keys/key-map.js';
import {displayKey} from '../keys/key-names.js';
import type {Scope} from '../keys/key-table.js';
import {textKeys, type TextKeyId} from '../keys/text-keys.js';
import type {FilePreview} from '../state/ui-state.js';
import {diffMarkers} from '../tree/tree-line.js';
import {seg, type Line} from './line.js';
import type {Theme} from './theme.js';

const scopeTitles: Record<Scope, string> = {
	global: 'Everywhere',
	left: 'Left column (layers, layer details, image details)',
	layers: 'Layers',
	'layer-details': 'Layer details',
	'image-details': 'Image details',
	tree: 'File tree',
	overlay: 'Views like this one',
	hints: 'Hints view (w)',
};

const textKeyHelp: Record<TextKeyId, string> = {
	accept: 'Keep the filter / start the extract',
	cancel: 'Close and clear the filter / cancel the extract',
	clear: 'Clear the input (the extract prompt falls back to its default directory)',
	'erase-word': 'Delete the last word of the input (up to a / or a space)',
	erase: 'Delete the last character',
};

/** The help overlay: every binding in force, grouped by where it works, from the same table as the status bar. */
export function helpLines(bindings: readonly Binding[], theme: Theme): Line[] {
	const lines: Line[] = [];
	// An action bound in two scopes with the same keys (the worst-layer jump) is listed once, where it is first.
	const listed = new Set<string>();
	const fresh = (binding: Binding) => {
		const id = `${binding.id} ${binding.keys.join(' ')}`;
		if (listed.has(id)) return false;
		listed.add(id);
		return true;
	};
	for (const scope of Object.keys(scopeTitles) as Scope[]) {
		const inScope = bindings.filter(binding => binding.scope === scope && binding.keys.length > 0).filter(fresh);
		if (inScope.length === 0) continue;
		if (lines.length > 0) lines.push([]);
		lines.push([seg(scopeTitles[scope], theme.label)]);
		for (const binding of inScope) {
			const keys = binding.keys.map(key => (key === 'enter' && binding.id === 'toggle-modified' ? '^M' : displayKey(key))).join(', ');
			lines.push([seg(`  ${keys.padEnd(22)} `, theme.accent), seg(binding.help)]);
		}
	}
	lines.push([], [seg('Typing into the filter or the extract prompt', theme.label)]);
	for (const entry of textKeys) lines.push([seg(`  ${displayKey(entry.key).padEnd(22)} `, theme.accent), seg(textKeyHelp[entry.id])]);
	lines.push([]);
	lines.push([seg('Markers: + added  ~ modified  - removed  · unmodified   Layers: ● compared  ○ base', theme.dim)]);
	lines.push([], [seg('The waste figures', theme.label)]);
	lines.push([seg('  Wasted       ', theme.accent), seg("dive's figure: every copy of each path stored in more than one layer, the copy you keep included")]);
	lines.push([seg('  Reclaimable  ', theme.accent), seg('what you can get back: the copies that a later layer overwrites or deletes (the kept copy excluded)')]);
	lines.push([seg('  Reclaim      ', theme.accent), seg("a layer's share of Reclaimable: the bytes it stores that later layers hide; the column adds up to it")]);
	return lines;
}

const fieldNames: Record<string, string> = {type: 'type', content: 'content', mode: 'mode', owner: 'owner', target: 'link target'};

/** The file history overlay: one block per layer that added, modified or removed the path. */
export function historyLines(analysis: Analysis, path: string, items: readonly HistoryItem[], theme: Theme): Line[] {
	if (items.length === 0) return [[seg(`No layer changes ${path}.`)]];
	const lines: Line[] = [[seg(`  Layer  Change     ${'Size'.padStart(9)}  Mode        Owner      What changed`, theme.label)]];
	for (const item of items) {
		const what = item.kind === 'modified' ? (item.fields ?? []).map(field => fieldNames[field] ?? field).join(', ') : item.kind === 'listed' ? 'listed again, unchanged' : '';
		const text = `${String(item.layer).padStart(7)}  ${item.kind.padEnd(9)}  ${formatBytes(item.size).padStart(9)}  ${formatMode(item.type, item.mode)}  ${`${item.uid}:${item.gid}`.padEnd(9)}  ${what}`;
		const kind = item.kind === 'listed' ? 'unmodified' : item.kind;
		lines.push([seg(`${diffMarkers[kind]}`, theme.diff(kind)), seg(text.slice(1), theme.diff(kind))]);
		const command = displayCommand(analysis.layers[item.layer]?.command ?? item.command);
		lines.push([seg(`         ${command}`, theme.dim)]);
	}
	return lines;
}

/** The file view overlay's body. */
export function previewLines(preview: FilePreview, theme: Theme): Line[] {
	switch (preview.kind) {
		case 'loading':
			return [[seg('Reading from the archive…', theme.dim)]];
		case 'none':
			return [[seg(preview.message)]];
		case 'binary':
			return [[seg(`binary, ${formatBytes(preview.size)}, ${preview.description}`)]];
		case 'text': {
			// No horizontal scrolling: a line longer than any terminal is cut here, not measured by Ink every frame.
			const lines: Line[] = preview.lines.map(text => [seg(text.length > 1000 ? text.slice(0, 1000) : text)]);
			if (preview.truncated) lines.push([seg(`… (first ${formatBytes(preview.shownBytes)} of ${formatBytes(preview.size)} shown)`, theme.dim)]);
			return lines;
		}
	}
}
