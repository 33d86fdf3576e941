import {absolute} from '../paths.js';
import {layerText} from './command-text.js';
import {layerList, stepOf, type HintInput} from './hint-input.js';
import type {Hint} from './hint-types.js';
import {mayBeSecretByName, secretKindOf} from './secret-rules.js';

/**
Files that look like credentials, in any layer (a later deletion does not take them out of the layer's blob): one
hint per path, `high`, naming the layer that stores it and whether a later layer deletes it.
*/
export function secretHints(input: HintInput): Hint[] {
	const byPath = new Map<string, {what: string; copies: Array<{layer: number; bytes: number}>}>();
	input.effective.forEach((entries, layer) => {
		for (let i = 0; i < entries.length; i++) {
			const entry = entries[i]!;
			if (entry.type !== 'file') continue;
			// Without recorded first bytes only the name counts, and the relative path names the file as well.
			if (entry.head === undefined && !mayBeSecretByName(entry.path)) continue;
			const what = entry.head === undefined ? secretKindOf(entry.path, undefined) : secretKindOf(absolute(entry.path), entry.head);
			if (!what) continue;
			const found = byPath.get(entry.path) ?? {what, copies: []};
			found.copies.push({layer, bytes: entry.size});
			byPath.set(entry.path, found);
		}
	});
	return [...byPath].map(([path, {what, copies}]) => {
		const first = copies[0]!.layer;
		const last = copies.at(-1)!.layer;
		const stored = layerText(first, stepOf(input, first));
		const final = input.finalEntry(path);
		const survives = final !== undefined && final.type === 'file' && secretKindOf(absolute(path), final.head) !== undefined;
		const deleter = survives ? undefined : input.layers.find(layer => layer.index > last && input.removedPaths(layer.index).has(absolute(path)));
		const fate = survives
			? 'it is in the final image: anyone who pulls the image can read it.'
			: deleter
				? `layer ${deleter.index} deletes it, but that does not remove it from layer ${first}'s blob: anyone who pulls the image can still read it.`
				: `it is not in the final filesystem, but it still ships in layer ${first}'s blob: anyone who pulls the image can read it.`;
		return {
			kind: 'secret',
			severity: 'high',
			bytes: copies.reduce((sum, copy) => sum + copy.bytes, 0),
			layer: first,
			layers: layerList([...copies.map(copy => copy.layer), ...(deleter ? [deleter.index] : [])]),
			paths: [absolute(path)],
			count: 1,
			message: `${absolute(path)} (${what}) is stored in ${stored}; ${fate}`,
			fix: 'Keep it out of the build context (.dockerignore), pass it with RUN --mount=type=secret (or --mount=type=ssh), and rotate the credential.',
		};
	});
}
