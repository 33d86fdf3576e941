import type {LayerEntry} from '../model.js';
import {absolute} from '../paths.js';
import {layerList, plural, severityFor, type HintInput} from './hint-input.js';
import {duplicateMinBytes, type Hint} from './hint-types.js';

type Copy = {readonly layer: number; readonly entry: LayerEntry};

/** The stored copy that stands for each path of a group: the one the final filesystem shows, else the last one. */
export type DuplicateCopies = {readonly hint: Hint; readonly redundant: ReadonlyArray<{readonly layer: number; readonly path: string; readonly bytes: number}>};

/**
Identical content (same size and digest) stored at two or more paths, in any layers: a file copied twice, or a hard
link that a later layer broke into a full copy. Files under 1 KiB are left out. Bytes: one copy per extra path (a
path stored again at the same place is `metadata-rewrite` or `overwritten`, not this).
*/
export function duplicateHints(input: HintInput): DuplicateCopies[] {
	// Group by size first, so only sizes shared by two paths need their digests compared.
	const bySize = new Map<number, Copy[]>();
	input.effective.forEach((entries, layer) => {
		for (let i = 0; i < entries.length; i++) {
			const entry = entries[i]!;
			if (entry.type !== 'file' || entry.size < duplicateMinBytes || entry.digest === '') continue;
			const list = bySize.get(entry.size);
			if (list) list.push({layer, entry});
			else bySize.set(entry.size, [{layer, entry}]);
		}
	});
	const results: DuplicateCopies[] = [];
	for (const copies of bySize.values()) {
		if (copies.length < 2) continue;
		const byDigest = new Map<string, Copy[]>();
		for (const copy of copies) {
			const list = byDigest.get(copy.entry.digest);
			if (list) list.push(copy);
			else byDigest.set(copy.entry.digest, [copy]);
		}
		for (const group of byDigest.values()) {
			const result = groupHint(input, group);
			if (result) results.push(result);
		}
	}
	return results;
}

function groupHint(input: HintInput, group: readonly Copy[]): DuplicateCopies | undefined {
	const byPath = new Map<string, Copy>();
	for (const copy of group) {
		const current = byPath.get(copy.entry.path);
		if (!current || current.entry !== input.finalEntry(copy.entry.path)) byPath.set(copy.entry.path, copy);
	}
	if (byPath.size < 2) return undefined;
	const chosen = [...byPath.values()];
	const survives = (copy: Copy) => input.finalEntry(copy.entry.path) === copy.entry;
	// Keep a copy the final filesystem shows (the earliest such), else the earliest stored.
	chosen.sort((a, b) => Number(survives(b)) - Number(survives(a)) || a.layer - b.layer || (a.entry.path < b.entry.path ? -1 : 1));
	const [kept, ...others] = chosen as [Copy, ...Copy[]];
	const size = kept.entry.size;
	const bytes = size * others.length;
	const paths = chosen.map(copy => absolute(copy.entry.path));
	const layers = layerList(chosen.map(copy => copy.layer));
	const where = layers.length === 1 ? `layer ${layers[0]}` : `layers ${layers.join(', ')}`;
	return {
		hint: {
			kind: 'duplicate-content',
			severity: severityFor(bytes),
			bytes,
			layer: others[0]!.layer,
			layers,
			paths,
			count: paths.length,
			message: `${plural(paths.length, 'path')} in ${where} hold identical content (${paths[0]} and ${plural(others.length, 'other')}): every copy but one is redundant.`,
			fix: 'Store it once: COPY or create it in one place and link to it (ln -s, or ln in the same RUN), or COPY --from only one copy; a hard link made across layers is stored as a full copy.',
		},
		redundant: others.map(copy => ({layer: copy.layer, path: copy.entry.path, bytes: size})),
	};
}
