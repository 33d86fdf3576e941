import type {CompareMode, DiffKind} from '../../core/analysis-types.js';
import type {KeyOverrides} from '../keys/key-map.js';
import type {SortOrder} from '../tree/tree-rows.js';

/** Explorer settings after reading the config files (dive's and ours). */
export type ExplorerConfig = {
	readonly keys: KeyOverrides;
	readonly mode: CompareMode;
	readonly sort: SortOrder;
	readonly attributes: boolean;
	readonly collapseAll: boolean;
	readonly hide: readonly DiffKind[];
	/** Default target directory of "extract"; the current directory when absent. */
	readonly extractDir: string | undefined;
	/** Files that were read, lowest precedence first. */
	readonly sources: readonly string[];
	/** Keys or values that were ignored, one line each. */
	readonly warnings: readonly string[];
};

export const defaultExplorerConfig: ExplorerConfig = {
	keys: {},
	mode: 'layer',
	sort: 'name',
	attributes: true,
	collapseAll: false,
	hide: [],
	extractDir: undefined,
	sources: [],
	warnings: [],
};
