import type {Analysis, ChangeKind, ChangedField} from './analysis-types.js';
import type {EntryType} from './model.js';

export type HistoryItem = {
	readonly layer: number;
	readonly kind: ChangeKind;
	readonly size: number;
	readonly mode: number;
	readonly uid: number;
	readonly gid: number;
	readonly type: EntryType;
	readonly fields?: readonly ChangedField[];
	readonly command: string;
};

/** Every layer that added, modified or removed `path` (absolute), oldest first. */
export function fileHistory(analysis: Analysis, path: string): HistoryItem[] {
	const items: HistoryItem[] = [];
	for (const layer of analysis.layers) {
		const change = layer.changes.find(candidate => candidate.path === path);
		if (!change) continue;
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
