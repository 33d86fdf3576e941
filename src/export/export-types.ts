import type {Change, ChangeTotals, HiddenCopy, ImageSummary, Reclaimable} from '../core/analysis-types.js';
import type {Compression} from '../core/model.js';
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
};

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
