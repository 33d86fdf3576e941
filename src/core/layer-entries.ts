import type {LayerEntry} from './model.js';
import {baseName, hasNamePrefix} from './paths.js';

/**
The entries of one layer as a filesystem sees them: the root entry (`./`) and AUFS metadata (`.wh..wh.plnk`, …)
dropped, and a path listed twice keeping its last copy (at the position of its first).
*/
export function effectiveEntries(entries: readonly LayerEntry[]): LayerEntry[] {
	return [...effectiveByPath(entries).values()];
}

/** The same entries keyed by path, in the same order (the map the analysis also answers "does this layer list it" with). */
export function effectiveByPath(entries: readonly LayerEntry[]): Map<string, LayerEntry> {
	const byPath = new Map<string, LayerEntry>();
	for (const entry of entries) {
		if (entry.path === '' || isAufsMetadata(entry.path)) continue;
		byPath.set(entry.path, entry);
	}
	return byPath;
}

/** AUFS bookkeeping (`.wh..wh.plnk`, `.wh..wh.aufs`), not a deletion: every `.wh..wh.` name but the opaque marker. */
export function isAufsMetadata(path: string): boolean {
	return hasNamePrefix(path, '.wh..wh.') && baseName(path) !== '.wh..wh..opq';
}

/**
Compares two paths component by component, bytewise: the order of a name-sorted tree walk. Treating `/` as lower
than every other character gives exactly that order without splitting the strings.
*/
export function compareTreeOrder(a: string, b: string): number {
	const n = Math.min(a.length, b.length);
	for (let i = 0; i < n; i++) {
		const x = a.charCodeAt(i);
		const y = b.charCodeAt(i);
		if (x === y) continue;
		return (x === 47 ? -1 : x) - (y === 47 ? -1 : y);
	}
	return a.length - b.length;
}
