import type {Change} from '../core/analysis-types.js';
import {changeAt, changeLinkTarget, fieldsOfChangeCode, kindOfChangeCode, type ChangeList} from '../core/change-list.js';
import type {LayerEntry} from '../core/model.js';
import type {ExportChange} from './export-types.js';
import {cursorOf, endOfList, type Cursor} from './cursor.js';
import {type JsonBytes, textBytes} from './json-bytes.js';
import {type ListWriter, writeValueAt} from './marshal-indent.js';
import {byIndent, listPieces, recordListWriter, type ListPieces, type RecordKind} from './record-list-writer.js';

/**
A copy of `path` that leaves `path` as it is. A change's absolute path is a rope (`/` and its entry's path) until
something reads its characters; reading them (the JSON writer's escape check) would replace the rope's insides
with a flat copy that the analysis then keeps, some 60 bytes a change. The copy made here is garbage once written.
*/
export function detachedCopy(path: string): string {
	return ` ${path}`.slice(1);
}

/** A change as the export lists it (`fields` only for a modified one, `[]` when it has none). */
export function exportChange(change: Change): ExportChange {
	const base = {
		path: detachedCopy(change.path),
		kind: change.kind,
		type: change.type,
		size: change.size,
		mode: change.mode,
		uid: change.uid,
		gid: change.gid,
		linkTarget: change.linkTarget,
	};
	return change.kind === 'modified' ? {...base, fields: change.fields ?? []} : base;
}

/** The constant text of a change record at one indentation, as bytes. */
type Pieces = ListPieces & {
	readonly kind: Uint8Array;
	readonly type: Uint8Array;
	readonly size: Uint8Array;
	readonly mode: Uint8Array;
	readonly uid: Uint8Array;
	readonly gid: Uint8Array;
	readonly linkTarget: Uint8Array;
	/** `fields` up to its value, and its items' separators. */
	readonly fields: Uint8Array;
	readonly firstField: Uint8Array;
	readonly nextField: Uint8Array;
	readonly fieldsEnd: Uint8Array;
	/** The record's end. */
	readonly end: Uint8Array;
	/** Owner 0:0 and no link target at once, from `uid` to the link target's value. */
	readonly rootNoLink: Uint8Array;
};

const piecesAt = byIndent((indent): Pieces => {
	const list = listPieces(indent);
	const {item, field} = list;
	const key = `${item}  `;
	return {
		...list,
		kind: textBytes(`${field}"kind": `),
		type: textBytes(`${field}"type": `),
		size: textBytes(`${field}"size": `),
		mode: textBytes(`${field}"mode": `),
		uid: textBytes(`${field}"uid": `),
		gid: textBytes(`${field}"gid": `),
		linkTarget: textBytes(`${field}"linkTarget": `),
		fields: textBytes(`${field}"fields": `),
		firstField: textBytes(`[\n${key}  `),
		nextField: textBytes(`,\n${key}  `),
		fieldsEnd: textBytes(`\n${key}]`),
		end: textBytes(`\n${item}}`),
		rootNoLink: textBytes(`${field}"uid": 0${field}"gid": 0${field}"linkTarget": ""`),
	};
});

const emptyList = textBytes('[]');

const changeRecordKind: RecordKind<Change, Pieces> = {
	pieces: piecesAt,
	isUsual,
	write: writeChange,
	// Not the usual shape (a value missing, which the general writer leaves out): written the general way.
	writeOther: (out, change, _pieces, itemIndent) => writeValueAt(out, exportChange(change), itemIndent),
};

/**
Writes a layer's `changes` straight from the analysis: the same text MarshalIndent writes for `exportChange`'s records.
`changes` is read once, in order: the analysis's `eachChange(layer)` makes each record as it is reached and keeps none.
*/
export function changesWriter(changes: Iterable<Change>): ListWriter {
	return recordListWriter(() => cursorOf(changes), changeRecordKind);
}

function isUsual(change: Change): boolean {
	if (typeof change.path !== 'string' || typeof change.kind !== 'string' || typeof change.type !== 'string' || typeof change.linkTarget !== 'string') return false;
	if (typeof change.size !== 'number' || typeof change.mode !== 'number' || typeof change.uid !== 'number' || typeof change.gid !== 'number') return false;
	if (change.kind !== 'modified' || change.fields === undefined) return true;
	return Array.isArray(change.fields) && change.fields.every(field => typeof field === 'string');
}

/** The record from the path's value on (`isUsual(change)`). */
function writeChange(out: JsonBytes, change: Change, pieces: Pieces): void {
	out.string(detachedCopy(change.path));
	writeAfterPath(out, change.kind, change.type, change.size, change.mode, change.uid, change.gid, change.linkTarget, change.kind === 'modified' ? (change.fields ?? []) : undefined, pieces);
}

/** The record after the path's value; `fields` only for a modified change. */
function writeAfterPath(out: JsonBytes, kind: string, type: string, size: number, mode: number, uid: number, gid: number, linkTarget: string, fields: readonly string[] | undefined, pieces: Pieces): void {
	out.bytes(pieces.kind);
	out.string(kind);
	out.bytes(pieces.type);
	out.string(type);
	out.bytes(pieces.size);
	out.number(size);
	out.bytes(pieces.mode);
	out.number(mode);
	// Object.is: -0 is written as such.
	if (Object.is(uid, 0) && Object.is(gid, 0) && linkTarget === '') out.bytes(pieces.rootNoLink);
	else {
		out.bytes(pieces.uid);
		out.number(uid);
		out.bytes(pieces.gid);
		out.number(gid);
		out.bytes(pieces.linkTarget);
		out.string(linkTarget);
	}
	if (fields !== undefined) {
		out.bytes(pieces.fields);
		if (fields.length === 0) out.bytes(emptyList);
		else {
			for (let i = 0; i < fields.length; i++) {
				out.bytes(i === 0 ? pieces.firstField : pieces.nextField);
				out.string(fields[i]!);
			}
			out.bytes(pieces.fieldsEnd);
		}
	}
	out.bytes(pieces.end);
}

/**
Writes a layer's `changes` straight from the analysis's change list (its entries and codes): the same text as
`changesWriter` on the records `changeAt` makes, without making a record, a path or a copy of it per change.
*/
export function changeListWriter(list: ChangeList): ListWriter {
	const {entries, codes} = list;
	return recordListWriter(() => indexCursor(codes.length), {
		pieces: piecesAt,
		isUsual: i => isUsualEntry(entries[i]!),
		write: (out, i, pieces) => {
			const entry = entries[i]!;
			const code = codes[i]!;
			const kind = kindOfChangeCode(code);
			out.absolutePath(entry.path);
			writeAfterPath(out, kind, entry.type, entry.size, entry.mode & 0o7777, entry.uid, entry.gid, changeLinkTarget(entry), kind === 'modified' ? fieldsOfChangeCode(code) : undefined, pieces);
		},
		writeOther: (out, i, _pieces, itemIndent) => writeValueAt(out, exportChange(changeAt(list, i)), itemIndent),
	});
}

/** The indexes 0 to `count` - 1. */
function indexCursor(count: number): Cursor<number> {
	let next = 0;
	return {take: () => (next < count ? next++ : endOfList)};
}

/** Whether the change record of `entry` has the usual shape (see `isUsual`). */
function isUsualEntry(entry: LayerEntry): boolean {
	return typeof entry.path === 'string' && typeof entry.type === 'string' && typeof changeLinkTarget(entry) === 'string' && typeof entry.size === 'number' && typeof entry.uid === 'number' && typeof entry.gid === 'number';
}
