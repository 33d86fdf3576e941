import type {HintReport} from './hints/hint-types.js';
import type {LayerHeader} from './layer-header.js';
import type {ArchiveFormat, EntryType, ImageModel} from './model.js';

export type ChangeKind = 'added' | 'modified' | 'removed';

/** What differs between the lower copy of a path and the layer's copy. */
export type ChangedField = 'type' | 'content' | 'mode' | 'owner' | 'target';

/** One path a layer adds, modifies or removes, relative to the stack of layers below it. */
export type Change = {
	/** Absolute: `/etc/passwd`. */
	readonly path: string;
	readonly kind: ChangeKind;
	readonly type: EntryType;
	/** Bytes of the entry's content (0 for everything but regular files); for `removed`, the size of what was removed. */
	readonly size: number;
	/** Permission bits with setuid, setgid and sticky: `mode & 0o7777`. */
	readonly mode: number;
	readonly uid: number;
	readonly gid: number;
	readonly linkTarget: string;
	/** For `modified`: what differs from the copy below. */
	readonly fields?: readonly ChangedField[];
};

export type ChangeTotals = {readonly count: number; readonly bytes: number};

export type LayerAnalysis = LayerHeader & {
	readonly entryCount: number;
	/** Changes in path order (parents before children). */
	readonly changes: readonly Change[];
	readonly added: ChangeTotals;
	readonly modified: ChangeTotals;
	readonly removed: ChangeTotals;
	/** Bytes of regular files this layer stores that the final filesystem never shows (overwritten or deleted later). */
	readonly reclaimableBytes: number;
	/** Those files, largest first: what makes up `reclaimableBytes`. */
	readonly hidden: readonly HiddenCopy[];
};

/** A file a layer stores that a later layer overwrites or removes. */
export type HiddenCopy = {
	/** Absolute. */
	readonly path: string;
	readonly bytes: number;
	/** The first later layer that writes, changes or removes the path. */
	readonly hiddenBy: number;
};

/** dive's inefficient-file record: a path seen in two or more layers. */
export type Inefficiency = {
	readonly path: string;
	/** How many layers hold this path (whiteouts included). */
	readonly count: number;
	/** dive's cumulative size: every copy, the surviving one included. */
	readonly cumulativeBytes: number;
};

/** Bytes stored in layers that the final filesystem never shows: every copy of a path except the survivor. */
export type Reclaimable = {
	readonly path: string;
	/** Hidden copies (overwritten or deleted). */
	readonly copies: number;
	readonly bytes: number;
};

export type ImageSummary = {
	readonly name: string;
	readonly tags: readonly string[];
	readonly format: ArchiveFormat;
	readonly configDigest: string;
	readonly platform: string;
	readonly layerCount: number;
	/** Sum of every layer's size (dive's `sizeBytes`). */
	readonly sizeBytes: number;
	/** All layers but the base (dive's `UserSizeByes`). */
	readonly userSizeBytes: number;
	readonly baseSizeBytes: number;
	/** dive's efficiency score, 0..1. */
	readonly efficiencyScore: number;
	/** dive's wasted bytes (`inefficientBytes` in its export). */
	readonly wastedBytes: number;
	/** dive's ratio wasted / user size: NaN for 0/0, Infinity when there are no user bytes. */
	readonly userWastedPercent: number;
	/** What deleting hidden copies would actually save. */
	readonly reclaimableBytes: number;
	/** Reclaimable bytes that sit in user layers (index >= 1). */
	readonly userReclaimableBytes: number;
	/** Paths in the final filesystem. */
	readonly finalFileCount: number;
};

export type Analysis = {
	readonly image: ImageSummary;
	readonly layers: readonly LayerAnalysis[];
	/** Descending by cumulative size, ties as dive orders them. */
	readonly inefficiencies: readonly Inefficiency[];
	/** Descending by bytes, then by path. */
	readonly reclaimable: readonly Reclaimable[];
	/** Why bytes are wasted, and secrets shipped in any layer: see `computeHints`. */
	readonly hints: HintReport;
	/** The raw model the analysis was made from (the export's dive `fileList` reads it). */
	readonly model: ImageModel;
	/** The final filesystem, what a container started from the image sees (the CI gate's path rules read it). */
	readonly final: FinalFilesystem;
};

/**
Every path of the final filesystem, the root excluded, in parallel arrays (no object per path): index i is one path,
its type, its size (0 for everything but regular files) and the layer that last wrote it.
*/
export type FinalFilesystem = {
	/** Relative, as in the model (`etc/passwd`). */
	readonly paths: readonly string[];
	readonly types: readonly EntryType[];
	readonly sizes: readonly number[];
	readonly layers: readonly number[];
};

export type DiffKind = ChangeKind | 'unmodified';

export type CompareMode = 'layer' | 'aggregated';
