import {absolute} from '../paths.js';
import {commandText} from './command-text.js';
import {layerList, plural, severityFor, stepOf, type HintInput} from './hint-input.js';
import type {Hint} from './hint-types.js';
import {packageCacheOfRelative, underCacheTop, type PackageCache} from './package-caches.js';

export type CacheFile = {readonly layer: number; readonly path: string; readonly bytes: number};

/** Package-manager caches and indexes left in the final filesystem, one hint per manager (see `packageCaches`). */
export function packageCacheHints(input: HintInput): Array<{hint: Hint; files: CacheFile[]}> {
	const byManager = new Map<string, {row: PackageCache; files: CacheFile[]}>();
	input.effective.forEach((entries, layer) => {
		for (let i = 0; i < entries.length; i++) {
			const entry = entries[i]!;
			if (entry.type !== 'file' || entry.size === 0 || !underCacheTop(entry.path)) continue;
			const row = packageCacheOfRelative(entry.path);
			if (!row || input.finalEntry(entry.path) !== entry) continue;
			const path = absolute(entry.path);
			const group = byManager.get(row.manager) ?? {row, files: []};
			group.files.push({layer, path, bytes: entry.size});
			byManager.set(row.manager, group);
		}
	});
	return [...byManager.values()].map(({row, files}) => {
		files.sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1));
		const bytes = files.reduce((sum, file) => sum + file.bytes, 0);
		const perLayer = new Map<number, number>();
		for (const file of files) perLayer.set(file.layer, (perLayer.get(file.layer) ?? 0) + file.bytes);
		const [top] = [...perLayer].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
		const layer = top![0];
		const command = stepOf(input, layer);
		return {
			hint: {
				kind: 'package-cache',
				severity: severityFor(bytes),
				bytes,
				layer,
				layers: layerList(perLayer.keys()),
				paths: files.map(file => file.path),
				count: files.length,
				message: `${plural(files.length, 'file')} of the ${row.manager} cache ${files.length === 1 ? 'is' : 'are'} left in the final image (most from layer ${layer}${command ? `, ${commandText(command)}` : ''}).`,
				fix: `${row.fix}.`,
			},
			files,
		};
	});
}
