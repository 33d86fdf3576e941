import {duplicateHints} from './duplicate-hints.js';
import {hiddenCopyHints} from './hidden-copy-hints.js';
import type {HintInput} from './hint-input.js';
import {hintKinds, type Hint, type HintKind, type HintReport} from './hint-types.js';
import {packageCacheHints} from './package-cache-hints.js';
import {secretHints} from './secret-hints.js';

export type {HintInput} from './hint-input.js';

/** No hints, every total 0. */
export function emptyHintReport(): HintReport {
	return {hints: [], totals: Object.fromEntries(hintKinds.map(kind => [kind, 0])) as Record<HintKind, number>, savableBytes: 0};
}

/** Every hint of an analysed image, largest first, with totals per kind and what fixing them all would save. */
export function computeHints(input: HintInput): HintReport {
	const hidden = hiddenCopyHints(input);
	const duplicates = duplicateHints(input);
	const caches = packageCacheHints(input);
	const hints: Hint[] = [...secretHints(input), ...hidden, ...duplicates.map(item => item.hint), ...caches.map(item => item.hint)];
	const order = (kind: HintKind) => hintKinds.indexOf(kind);
	hints.sort((a, b) => b.bytes - a.bytes || order(a.kind) - order(b.kind) || (a.paths[0]! < b.paths[0]! ? -1 : a.paths[0]! > b.paths[0]! ? 1 : 0));
	const totals = Object.fromEntries(hintKinds.map(kind => [kind, 0])) as Record<HintKind, number>;
	for (const hint of hints) totals[hint.kind] += hint.bytes;

	// Hidden copies are never in the final filesystem; duplicates and caches that are in it count once each.
	let savableBytes = totals['deleted-later'] + totals.overwritten + totals['metadata-rewrite'];
	const counted = new Set<string>();
	const add = (layer: number, path: string, bytes: number) => {
		const key = `${layer}\u0000${path}`;
		if (counted.has(key) || input.finalLayer(path) !== layer) return;
		counted.add(key);
		savableBytes += bytes;
	};
	for (const {redundant} of duplicates) for (const copy of redundant) add(copy.layer, copy.path, copy.bytes);
	for (const {files} of caches) for (const file of files) add(file.layer, file.path.slice(1), file.bytes);
	return {hints, totals, savableBytes};
}
