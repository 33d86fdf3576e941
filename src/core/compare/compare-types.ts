import type {EntryType} from '../model.js';

/** What differs between the old and the new copy of a path present in both images. */
export type FileChangeField = 'type' | 'content' | 'size' | 'mode' | 'owner' | 'target';

export type FileDiffKind = 'added' | 'removed' | 'changed';

/** One side of a path in a comparison: the copy each final filesystem holds. */
export type FileSide = {
	readonly type: EntryType;
	/** Content bytes (0 for everything but regular files). */
	readonly size: number;
	/** Permission bits with setuid, setgid and sticky (`mode & 0o7777`). */
	readonly mode: number;
	readonly uid: number;
	readonly gid: number;
	readonly linkTarget: string;
	/** The layer (index in its image) whose copy this is; -1 for implicit parents of the root. */
	readonly layer: number;
};

/** A path whose final copy differs between the images. Listed in tree order, parents before children. */
export type FileDiff = {
	/** Absolute: `/etc/passwd`. */
	readonly path: string;
	readonly kind: FileDiffKind;
	readonly old?: FileSide;
	readonly new?: FileSide;
	/** For `changed`: what differs. */
	readonly fields?: readonly FileChangeField[];
	/** Bytes of regular files at this path: new minus old. */
	readonly byteDelta: number;
};

/** Bytes and file counts of one directory, aggregated over everything below it down to the configured depth. */
export type DirectoryGrowth = {
	/** Absolute directory path (`/usr/lib/python3`), `/` for files at the root. */
	readonly path: string;
	readonly oldBytes: number;
	readonly newBytes: number;
	readonly delta: number;
	readonly added: number;
	readonly removed: number;
	readonly changed: number;
};

export type SideSummary = {
	readonly name: string;
	readonly layerCount: number;
	readonly sizeBytes: number;
	readonly userSizeBytes: number;
	readonly efficiencyScore: number;
	readonly wastedBytes: number;
	readonly reclaimableBytes: number;
	readonly finalFileCount: number;
};

/** New minus old for every number of the summary. */
export type SummaryDelta = Omit<SideSummary, 'name'>;

/** A layer of one image, named by its uncompressed digest (diff_id), or its id where the config has none. */
export type LayerRef = {
	readonly digest: string;
	readonly sizeBytes: number;
	readonly command: string;
};

export type SharedLayer = LayerRef & {readonly oldIndex: number; readonly newIndex: number};
export type OwnLayer = LayerRef & {readonly index: number};

export type ImageComparison = {
	readonly old: SideSummary;
	readonly new: SideSummary;
	readonly delta: SummaryDelta;
	readonly layers: {
		readonly shared: readonly SharedLayer[];
		/** In the new image only. */
		readonly added: readonly OwnLayer[];
		/** In the old image only. */
		readonly removed: readonly OwnLayer[];
	};
	readonly files: readonly FileDiff[];
	readonly fileTotals: {
		readonly added: number;
		readonly removed: number;
		readonly changed: number;
		readonly addedBytes: number;
		readonly removedBytes: number;
	};
	/** Directories with a non-zero byte delta or a changed path, largest growth first, at `depth` or shallower. */
	readonly growth: readonly DirectoryGrowth[];
	readonly depth: number;
	/** Whether the images differ at all: any file difference, or layers not shared. */
	readonly differ: boolean;
};
