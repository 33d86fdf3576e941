import type {Change, ChangeKind, ChangeTotals, ChangedField} from './analysis-types.js';
import {entryAttributes} from './entry-attributes.js';
import type {LayerEntry} from './model.js';
import {absolute} from './paths.js';

/**
A layer's changes as the analysis keeps them, in tree order: per change the entry whose attributes it shows (the
layer's own entry for an added or modified path, the hidden copy for a removed one, the made-up entry of an implicit
directory) and one byte for its kind and changed fields. Its path is `/` + the entry's path. The `Change` records,
some 120 bytes each with their path, are made only when something reads a layer's `changes` (the explorer, a saved
analysis, comparisons), and then once (`records`); the export reads them one at a time (`eachChange`) and keeps none.
*/
export type ChangeList = {
	readonly entries: readonly LayerEntry[];
	/** `kindCode | fieldMask << 2` per change (see `changeCode`). */
	readonly codes: Uint8Array;
	/** The records, once made: every layer object of the layer returns this same array. */
	records: Change[] | undefined;
};

export const changeKindCodes: Readonly<Record<ChangeKind, number>> = {added: 0, modified: 1, removed: 2};
const kindOfCode: readonly ChangeKind[] = ['added', 'modified', 'removed'];

/** Bits of a field mask, in the order `changedFields` lists them. */
const fieldBits: ReadonlyArray<readonly [ChangedField, number]> = [
	['type', 1],
	['content', 2],
	['target', 4],
	['mode', 8],
	['owner', 16],
];

/** What differs between `lower` and `upper`, as a mask of `fieldBits` (0: nothing a change reports). */
export function changedFieldMask(lower: LayerEntry, upper: LayerEntry): number {
	let mask = 0;
	if (lower.type !== upper.type) mask |= 1;
	else if (upper.type === 'file' && (lower.digest !== upper.digest || lower.size !== upper.size)) mask |= 2;
	else if ((upper.type === 'symlink' || upper.type === 'hardlink') && lower.linkTarget !== upper.linkTarget) mask |= 4;
	if ((lower.mode & 0o7777) !== (upper.mode & 0o7777)) mask |= 8;
	if (lower.uid !== upper.uid || lower.gid !== upper.gid) mask |= 16;
	return mask;
}

/** The fields of a mask as a new list. */
export function fieldsOfMask(mask: number): ChangedField[] {
	const fields: ChangedField[] = [];
	for (const [field, bit] of fieldBits) if (mask & bit) fields.push(field);
	return fields;
}

/** One frozen list per mask, shared by every change that has it (a modified change keeps no array of its own). */
const sharedLists: Array<readonly ChangedField[] | undefined> = [];

function sharedFields(mask: number): readonly ChangedField[] {
	return (sharedLists[mask] ??= Object.freeze(fieldsOfMask(mask)));
}

export function changeCode(kind: ChangeKind, fieldMask = 0): number {
	return changeKindCodes[kind] | (fieldMask << 2);
}

/** The kind of a change code. */
export function kindOfChangeCode(code: number): ChangeKind {
	return kindOfCode[code & 3]!;
}

/** The changed fields of a modified change's code, as one list shared by every change with that code. */
export function fieldsOfChangeCode(code: number): readonly ChangedField[] {
	return sharedFields(code >> 2);
}

/** The link target a change shows for `entry` (a hard link's, as its attributes read it). */
export function changeLinkTarget(entry: LayerEntry): string {
	return entry.type === 'hardlink' ? entryAttributes(entry).linkTarget : entry.linkTarget;
}

/** The `Change` record of change `i` of `list`: built field by field, as before there were lists. */
export function changeAt(list: ChangeList, i: number): Change {
	const entry = list.entries[i]!;
	const code = list.codes[i]!;
	const kind = kindOfChangeCode(code);
	const path = absolute(entry.path);
	const linkTarget = changeLinkTarget(entry);
	const {type, size, uid, gid} = entry;
	const mode = entry.mode & 0o7777;
	return kind === 'modified'
		? {path, kind, type, size, mode, uid, gid, linkTarget, fields: fieldsOfChangeCode(code)}
		: {path, kind, type, size, mode, uid, gid, linkTarget};
}

/** Every change of `list` as a record, made once and kept. */
export function changeRecords(list: ChangeList): Change[] {
	if (list.records === undefined) {
		const records = new Array<Change>(list.codes.length);
		for (let i = 0; i < records.length; i++) records[i] = changeAt(list, i);
		list.records = records;
	}
	return list.records;
}

/** Count and bytes of the changes of one kind. */
export function kindTotals(list: ChangeList, kind: ChangeKind): ChangeTotals {
	const code = changeKindCodes[kind];
	let count = 0;
	let bytes = 0;
	for (let i = 0; i < list.codes.length; i++) {
		if ((list.codes[i]! & 3) !== code) continue;
		count++;
		bytes += list.entries[i]!.size;
	}
	return {count, bytes};
}

/** The list of each layer object made by the analysis (`withChanges`), for readers that can do without records. */
const listOf = new WeakMap<object, ChangeList>();

/**
Makes the `changes` property of `layer` (a placeholder, so that it keeps its place among the keys) a getter that makes
the records of `list` when first read (spreading the object or comparing it reads them as any property), and
remembers the list for `eachChange`.
*/
export function withChanges<T extends {changes: undefined}>(layer: T, list: ChangeList): Omit<T, 'changes'> & {readonly changes: readonly Change[]} {
	Object.defineProperty(layer, 'changes', {enumerable: true, configurable: true, get: () => changeRecords(list)});
	listOf.set(layer, list);
	return layer as unknown as Omit<T, 'changes'> & {readonly changes: readonly Change[]};
}

/** The change list behind a layer object made by `withChanges`, if it is one. */
export function changeListOf(layer: object): ChangeList | undefined {
	return listOf.get(layer);
}

/**
A layer's changes one at a time, in order: the records already made if any, else each made as it is reached and
kept by nobody (the export writes a million-change layer without holding a million records).
*/
export function* eachChange(layer: {readonly changes: readonly Change[]}): Generator<Change> {
	const list = listOf.get(layer);
	if (list === undefined || list.records !== undefined) {
		yield* layer.changes;
		return;
	}
	for (let i = 0; i < list.codes.length; i++) yield changeAt(list, i);
}
