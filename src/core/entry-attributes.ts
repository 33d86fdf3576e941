import type {LayerEntry} from './model.js';
import {absolute, cleanEntryPath} from './paths.js';

/** What a path's entry says about it, as changes, comparisons and trees show it. */
export type EntryAttributes = {
	readonly type: LayerEntry['type'];
	readonly size: number;
	/** Permission bits with setuid, setgid and sticky: `mode & 0o7777`. */
	readonly mode: number;
	readonly uid: number;
	readonly gid: number;
	/** A symlink's target as stored; a hard link's target as the absolute path it names. */
	readonly linkTarget: string;
};

export function entryAttributes(entry: LayerEntry): EntryAttributes {
	return {
		type: entry.type,
		size: entry.size,
		mode: entry.mode & 0o7777,
		uid: entry.uid,
		gid: entry.gid,
		linkTarget: entry.type === 'hardlink' ? absolute(cleanEntryPath(entry.linkTarget)) : entry.linkTarget,
	};
}
