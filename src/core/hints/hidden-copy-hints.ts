import type {HiddenCopy} from '../analysis-types.js';
import type {LayerEntry} from '../model.js';
import {layerText} from './command-text.js';
import {layerList, plural, severityFor, stepOf, type HintInput} from './hint-input.js';
import type {Hint} from './hint-types.js';

type Cause = 'metadata-rewrite' | 'deleted-later' | 'overwritten';
type Classified = {readonly layer: number; readonly copy: HiddenCopy; readonly cause: Cause; readonly fields: ReadonlySet<'mode' | 'owner'>};

/** The fields of every copy that is not a metadata rewrite: one shared empty set, not one per copy. */
const noFields: ReadonlySet<'mode' | 'owner'> = new Set();

/**
Every copy a later layer hides (the analysis's `hidden` lists, which add up to the reclaimable bytes) gets exactly one
cause, read from what the hiding layer stores at that path: the same content again (`metadata-rewrite`), nothing (a
whiteout or an opaque directory removed it: `deleted-later`), or something else (`overwritten`). So the three kinds
add up to the image's reclaimable bytes, with no copy counted twice.
*/
export function hiddenCopyHints(input: HintInput): Hint[] {
	const classified: Classified[] = [];
	// The hiding layer's entry at each copy's path (`upper`), by copy in the order of the loops below (the copy's own
	// entry, `lower`, the analysis gives). It is the final filesystem's when that layer wrote it last (most copies: a
	// file overwritten once) and it is not a directory (a directory there may be one the layer only implies); the others
	// are found among their hiding layers' effective entries, which are read only for those paths.
	const uppers: Array<LayerEntry | undefined> = [];
	// The copies whose hiding layer's entry is looked for there: position, hiding layer, path as the entries name it.
	const unknown: Array<readonly [number, number, string]> = [];
	const wanted = new Map<number, Set<string>>();
	// Indexed loops: a for-of here (run once, not optimized by then) made an iterator result per copy.
	for (let l = 0; l < input.layers.length; l++) {
		const layer = input.layers[l]!;
		for (let c = 0; c < layer.hidden.length; c++) {
			const copy = layer.hidden[c]!;
			let upper: LayerEntry | undefined;
			if (copy.hiddenBy >= 0) {
				const path = copy.path.slice(1);
				const final = input.finalLayer(path) === copy.hiddenBy ? input.finalEntry(path) : undefined;
				if (final !== undefined && final.type !== 'dir') upper = final;
				else {
					const paths = wanted.get(copy.hiddenBy);
					if (paths) paths.add(path);
					else wanted.set(copy.hiddenBy, new Set([path]));
					unknown.push([uppers.length, copy.hiddenBy, path]);
				}
			}
			uppers.push(upper);
		}
	}
	const found = new Map<number, Map<string, LayerEntry>>();
	for (const [layer, paths] of wanted) {
		const entriesAt = new Map<string, LayerEntry>();
		const entries = input.effective[layer] ?? [];
		for (let i = 0; i < entries.length; i++) {
			const entry = entries[i]!;
			if (paths.has(entry.path)) entriesAt.set(entry.path, entry);
		}
		found.set(layer, entriesAt);
	}
	for (const [at, hider, path] of unknown) uppers[at] = found.get(hider)!.get(path);
	const removedAt = (layer: number, path: string) => input.removedPaths(layer).has(path);
	let at = 0;
	for (let l = 0; l < input.layers.length; l++) {
		const layer = input.layers[l]!;
		const lowers = input.hiddenEntries[layer.index]!;
		for (let c = 0; c < layer.hidden.length; c++) {
			const copy = layer.hidden[c]!;
			const lower = lowers[c];
			const upper = uppers[at++];
			let cause: Cause;
			if (upper === undefined) cause = removedAt(copy.hiddenBy, copy.path) ? 'deleted-later' : 'overwritten';
			else if (lower && upper.type === 'file' && upper.size === lower.size && upper.digest !== '' && upper.digest === lower.digest) cause = 'metadata-rewrite';
			else cause = 'overwritten';
			let fields: ReadonlySet<'mode' | 'owner'> = noFields;
			if (cause === 'metadata-rewrite' && lower && upper) {
				const changed = new Set<'mode' | 'owner'>();
				if ((lower.mode & 0o7777) !== (upper.mode & 0o7777)) changed.add('mode');
				if (lower.uid !== upper.uid || lower.gid !== upper.gid) changed.add('owner');
				fields = changed;
			}
			classified.push({layer: layer.index, copy, cause, fields});
		}
	}
	const groups = new Map<string, Classified[]>();
	for (let i = 0; i < classified.length; i++) {
		const item = classified[i]!;
		// A re-store is one step's doing (the hiding layer); a deletion or an overwrite pairs the two layers.
		const key = item.cause === 'metadata-rewrite' ? `${item.cause}:${item.copy.hiddenBy}` : `${item.cause}:${item.layer}:${item.copy.hiddenBy}`;
		const group = groups.get(key);
		if (group) group.push(item);
		else groups.set(key, [item]);
	}
	return [...groups.values()].map(group => toHint(input, group));
}

function toHint(input: HintInput, group: readonly Classified[]): Hint {
	const first = group[0]!;
	const sorted = [...group].sort((a, b) => b.copy.bytes - a.copy.bytes || (a.copy.path < b.copy.path ? -1 : 1));
	const bytes = group.reduce((sum, item) => sum + item.copy.bytes, 0);
	const paths = [...new Set(sorted.map(item => item.copy.path))];
	const command = (layer: number) => layerText(layer, stepOf(input, layer));
	const hider = first.copy.hiddenBy;
	const files = plural(paths.length, 'file');
	const base = {bytes, severity: severityFor(bytes), paths, count: paths.length};
	switch (first.cause) {
		case 'metadata-rewrite': {
			const fields = new Set(group.flatMap(item => [...item.fields]));
			const what = fields.size === 2 ? 'mode and owner' : fields.has('mode') ? 'mode' : fields.has('owner') ? 'owner' : '';
			const change = what ? `only its ${what} changed` : 'mode and owner unchanged (only the timestamp, or nothing)';
			const lowers = layerList(group.map(item => item.layer));
			return {
				kind: 'metadata-rewrite',
				...base,
				layer: hider,
				layers: layerList([...lowers, hider]),
				message: `${capital(command(hider))} stores ${files} again with identical content, ${change}: the copies in layer ${lowers.join(', ')} still ship.`,
				fix: fields.has('owner') && !fields.has('mode')
					? 'Set the owner where the files are created: COPY --chown=user:group, or chown inside the RUN that creates them.'
					: fields.has('mode') && !fields.has('owner')
						? 'Set the mode where the files are created: COPY --chmod=…, or chmod inside the RUN that creates them.'
						: 'Set owner, mode and timestamps where the files are created (COPY --chown/--chmod, or in the RUN that creates them), not in a later step.',
			};
		}
		case 'deleted-later':
			return {
				kind: 'deleted-later',
				...base,
				layer: first.layer,
				layers: layerList([first.layer, hider]),
				message: `${capital(command(first.layer))} stores ${files} that ${command(hider)} deletes: deleting only hides ${paths.length === 1 ? 'it' : 'them'}, ${paths.length === 1 ? 'it still ships' : 'they still ship'} in layer ${first.layer}.`,
				fix: 'Delete them in the same RUN that creates them (… && rm -rf …), or build in a separate stage and COPY --from only what is needed.',
			};
		case 'overwritten':
			return {
				kind: 'overwritten',
				...base,
				layer: first.layer,
				layers: layerList([first.layer, hider]),
				message: `${capital(command(hider))} replaces ${files} that ${command(first.layer)} stores with different content: the earlier ${paths.length === 1 ? 'copy is' : 'copies are'} dead weight.`,
				fix: 'Produce each file once, in the last step that needs it (generate or edit it in that step, not before).',
			};
	}
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
