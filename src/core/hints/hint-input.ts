import type {HiddenCopy} from '../analysis-types.js';
import type {LayerEntry} from '../model.js';
import {warnBytes, type HintSeverity} from './hint-types.js';

/** What the hint rules read: the analysed layers, each layer's effective entries, and the final filesystem. */
export type HintInput = {
	readonly layers: ReadonlyArray<{
		readonly index: number;
		readonly command: string;
		readonly createdBy: string;
		readonly hidden: readonly HiddenCopy[];
	}>;
	/** The absolute paths that a layer's changes remove (a layer not in `layers`: none). */
	readonly removedPaths: (layer: number) => ReadonlySet<string>;
	/** Per layer, its entries as the filesystem sees them (one per path). */
	readonly effective: ReadonlyArray<readonly LayerEntry[]>;
	/** Per layer, the entry of each of its hidden copies, in the order of `hidden` (the analysis knows them). */
	readonly hiddenEntries: ReadonlyArray<readonly LayerEntry[]>;
	/** The entry the final filesystem shows at a relative path (`etc/passwd`), if any. */
	readonly finalEntry: (path: string) => LayerEntry | undefined;
	/** The layer that wrote the final filesystem's copy of a relative path, if any. */
	readonly finalLayer: (path: string) => number | undefined;
};

export function severityFor(bytes: number): HintSeverity {
	return bytes >= warnBytes ? 'warn' : 'info';
}

/** Ascending, without repeats. */
export function layerList(layers: Iterable<number>): number[] {
	return [...new Set(layers)].sort((a, b) => a - b);
}

export const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** The recorded Dockerfile step of a layer (the full `created_by`, else dive's command). */
export function stepOf(input: HintInput, layer: number): string {
	const found = input.layers[layer];
	return found ? found.createdBy || found.command : '';
}
