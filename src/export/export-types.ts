import type {Change, ChangeTotals, HiddenCopy, ImageSummary, Reclaimable} from '../core/analysis-types.js';
import type {Compression} from '../core/model.js';
import type {Hint, HintKind} from '../core/hints/hint-types.js';
import type {DiveFileInfo} from './dive-file-list.js';

/**
The `--json` document. Every object starts with dive's keys in dive's order (their meaning unchanged, except that a
layer `id` is a digest where dive wrote "blobs"); layerlens's additions follow under new keys.
*/
export type ExportDocument = {
	/** Ours: bumped when a key changes meaning or disappears (adding keys does not bump it). */
	readonly schemaVersion: 1;
	readonly layer: readonly ExportLayer[];
	readonly image: ExportImage;
	/** Ours: why bytes are wasted (and secrets shipped), largest first. */
	readonly hints: readonly ExportHint[];
	/** Ours: bytes per hint kind, every kind listed. */
	readonly hintTotals: Readonly<Record<HintKind, number>>;
	/** Ours: what fixing every waste hint would save, each stored copy counted once (secrets left out). */
	readonly hintSavableBytes: number;
};

/** A hint as exported: its paths cut to the first `exportHintPaths` (`count` says how many there are). */
export type ExportHint = Omit<Hint, 'paths'> & {readonly paths: readonly string[]};

/** A change as the aggregator reports it (`fields` only for `modified`). */
export type ExportChange = Change;

export type ExportTotals = ChangeTotals;

export type ExportLayer = {
	// dive
	readonly index: number;
	readonly id: string;
	readonly digestId: string;
	readonly sizeBytes: number;
	readonly command: string;
	/** Generated while the export is written (see `diveFileList`). */
	readonly fileList: Iterable<DiveFileInfo>;
	// layerlens
	readonly createdBy: string;
	readonly created: string;
	readonly blob: string;
	readonly compression: Compression;
	readonly entryCount: number;
	readonly added: ExportTotals;
	readonly modified: ExportTotals;
	readonly removed: ExportTotals;
	/** Bytes this layer stores that the final filesystem never shows. */
	readonly reclaimableBytes: number;
	/** Those files, largest first, each with the later layer that hides it. */
	readonly hidden: readonly HiddenCopy[];
	readonly changes: Iterable<ExportChange>;
};

export type ExportFileReference = {readonly count: number; readonly sizeBytes: number; readonly file: string};

export type ExportReclaimable = Reclaimable;

export type ExportImage = {
	// dive
	readonly sizeBytes: number;
	readonly inefficientBytes: number;
	readonly efficiencyScore: number;
	readonly fileReference: Iterable<ExportFileReference>;
} & Omit<ImageSummary, 'sizeBytes' | 'efficiencyScore' | 'wastedBytes' | 'userWastedPercent'> & {
	// layerlens (the rest of the image summary, under its own names)
	/** wasted / user bytes, a ratio like dive's; null where dive would have NaN or +Inf. */
	readonly userWastedPercent: number | null;
	readonly reclaimable: readonly ExportReclaimable[];
};
