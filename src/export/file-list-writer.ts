import type {LayerEntry} from '../core/model.js';
import {goFileMode, goModeIsDir} from '../format/file-mode.js';
import {diveTypeFlag, fileInfo, fileListCursor} from './dive-file-list.js';
import {type JsonBytes, textBytes} from './json-bytes.js';
import {type ListWriter, writeValueAt} from './marshal-indent.js';
import {byIndent, listPieces, recordListWriter, type ListPieces, type RecordKind} from './record-list-writer.js';

/** The constant text of a fileList record at one indentation, as bytes. */
type Pieces = ListPieces & {
	readonly typeFlag: Uint8Array;
	readonly linkName: Uint8Array;
	readonly size: Uint8Array;
	readonly fileMode: Uint8Array;
	readonly uid: Uint8Array;
	readonly gid: Uint8Array;
	/** `isDir` and the record's end. */
	readonly dir: Uint8Array;
	readonly notDir: Uint8Array;
	/** The commonest values at once: no link target (up to the size's value), owner 0:0 (to the record's end). */
	readonly noLink: Uint8Array;
	readonly rootDir: Uint8Array;
	readonly rootNotDir: Uint8Array;
	/** An implicit parent's whole record. */
	readonly implicitParent: Uint8Array;
};

const piecesAt = byIndent((indent): Pieces => {
	const list = listPieces(indent);
	const {item, field, start} = list;
	return {
		...list,
		typeFlag: textBytes(`${field}"typeFlag": `),
		linkName: textBytes(`${field}"linkName": `),
		size: textBytes(`${field}"size": `),
		fileMode: textBytes(`${field}"fileMode": `),
		uid: textBytes(`${field}"uid": `),
		gid: textBytes(`${field}"gid": `),
		dir: textBytes(`${field}"isDir": true\n${item}}`),
		notDir: textBytes(`${field}"isDir": false\n${item}}`),
		noLink: textBytes(`${field}"linkName": ""${field}"size": `),
		rootDir: textBytes(`${field}"uid": 0${field}"gid": 0${field}"isDir": true\n${item}}`),
		rootNotDir: textBytes(`${field}"uid": 0${field}"gid": 0${field}"isDir": false\n${item}}`),
		implicitParent: textBytes(`${start}""${field}"typeFlag": 0${field}"linkName": ""${field}"size": 0${field}"fileMode": 0${field}"uid": 0${field}"gid": 0${field}"isDir": false\n${item}}`),
	};
});

const fileListRecordKind: RecordKind<LayerEntry | undefined, Pieces> = {
	pieces: piecesAt,
	isUsual: entry => entry !== undefined && isUsual(entry),
	write: (out, entry, pieces) => writeEntry(out, entry!, pieces),
	writeOther: (out, entry, pieces, itemIndent) => {
		if (entry === undefined) out.bytes(pieces.implicitParent);
		// Not the usual shape (a value missing, which the general writer leaves out): written the general way.
		else writeValueAt(out, fileInfo(entry), itemIndent);
	},
};

/**
Writes a layer's `fileList` (see `diveFileList`) straight from its entries: the same text MarshalIndent writes for
those records, without making them.
*/
export function fileListWriter(entries: readonly LayerEntry[]): ListWriter {
	return recordListWriter(() => fileListCursor(entries), fileListRecordKind);
}

function isUsual(entry: LayerEntry): boolean {
	return typeof entry.path === 'string' && typeof entry.typeFlag === 'number' && typeof entry.linkTarget === 'string' && typeof entry.size === 'number' && typeof entry.uid === 'number' && typeof entry.gid === 'number';
}

/** The record from the path's value on (`isUsual(entry)`). */
function writeEntry(out: JsonBytes, entry: LayerEntry, pieces: Pieces): void {
	const {path, linkTarget, size, uid, gid} = entry;
	const typeFlag = diveTypeFlag(entry);
	const fileMode = goFileMode(entry.mode, typeFlag);
	out.string(path);
	out.bytes(pieces.typeFlag);
	out.number(typeFlag);
	if (linkTarget === '') out.bytes(pieces.noLink);
	else {
		out.bytes(pieces.linkName);
		out.string(linkTarget);
		out.bytes(pieces.size);
	}
	out.number(size);
	out.bytes(pieces.fileMode);
	out.number(fileMode);
	const isDir = goModeIsDir(fileMode);
	// Object.is: -0 is written as such.
	if (Object.is(uid, 0) && Object.is(gid, 0)) out.bytes(isDir ? pieces.rootDir : pieces.rootNotDir);
	else {
		out.bytes(pieces.uid);
		out.number(uid);
		out.bytes(pieces.gid);
		out.number(gid);
		out.bytes(isDir ? pieces.dir : pieces.notDir);
	}
}
