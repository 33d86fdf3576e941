import type {LayerEntry} from './model.js';
import {baseName} from './paths.js';

/**
The entries of one layer as a filesystem sees them: the root entry (`./`) and AUFS metadata (`.wh..wh.plnk`, …)
dropped, and a path listed twice keeping its last copy (at the position of its first).
*/
export function effectiveEntries(entries: readonly LayerEntry[]): LayerEntry[] {
	const byPath = new Map<string, LayerEntry>();
	for (const entry of entries) {
		if (entry.path === '' || isAufsMetadata(entry.path)) continue;
		byPath.set(entry.path, entry);
	}
	return [...byPath.values()];
}

function isAufsMetadata(path: string): boolean {
	const name = baseName(path);
	return name.startsWith('.wh..wh.') && name !== '.wh..wh..opq';
}

/** Compares two relative paths component by component, bytewise: the order of a name-sorted tree walk. */
export function compareTreeOrder(a: string, b: string): number {
	const as = a.split('/');
	const bs = b.split('/');
	const n = Math.min(as.length, bs.length);
	for (let i = 0; i < n; i++) {
		const x = as[i]!;
		const y = bs[i]!;
		if (x !== y) return x < y ? -1 : 1;
	}
	return as.length - bs.length;
}
