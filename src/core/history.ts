import type {Analysis, ChangeKind, ChangedField} from './analysis-types.js';
import type {EntryType} from './model.js';

/** `listed`: the layer stores the path again without changing it (a directory re-listed by a later layer's tar). */
export type HistoryKind = ChangeKind | 'listed';

export type HistoryItem = {
	readonly layer: number;
	readonly kind: HistoryKind;
	readonly size: number;
	readonly mode: number;
	readonly uid: number;
	readonly gid: number;
	readonly type: EntryType;
	readonly fields?: readonly ChangedField[];
	readonly command: string;
};

/**
Every layer that added, modified or removed `path` (absolute), oldest first. With `listed`, also the layers whose tar
lists the path without changing it, as dive's list of paths stored in several layers counts them.
*/
export function fileHistory(analysis: Analysis, path: string, options: {readonly listed?: boolean} = {}): HistoryItem[] {
	const items: HistoryItem[] = [];
	for (const layer of analysis.layers) {
		const change = layer.changes.find(candidate => candidate.path === path);
		if (!change) {
			const entry = options.listed ? analysis.model.layers[layer.index]?.entries.find(candidate => `/${candidate.path}` === path) : undefined;
			if (entry) {
				const {size, uid, gid, type} = entry;
				items.push({layer: layer.index, kind: 'listed', size, mode: entry.mode & 0o7777, uid, gid, type, command: layer.command});
			}
			continue;
		}
		items.push({
			layer: layer.index,
			kind: change.kind,
			size: change.size,
			mode: change.mode,
			uid: change.uid,
			gid: change.gid,
			type: change.type,
			...(change.fields ? {fields: change.fields} : {}),
			command: layer.command,
		});
	}
	return items;
}
