import type {LayerEntry} from '../core/model.js';
import {goFileMode, goModeIsDir} from '../format/file-mode.js';
import {diveTypeFlag, fileInfo, fileListEntries} from './dive-file-list.js';
import {type JsonBytes, textBytes} from './json-bytes.js';
import {type ListWriter, writeValueAt} from './marshal-indent.js';

/** The constant text of a fileList record at one indentation, as bytes. */
type Pieces = {
	/** `[`, the first item's indentation and the record up to the path's value. */
	readonly first: Uint8Array;
	/** The same after a record: `,` instead of `[`. */
	readonly next: Uint8Array;
	/** `[` or `,` and the indentation alone. */
	readonly firstBare: Uint8Array;
	readonly nextBare: Uint8Array;
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
	/** The list's end. */
	readonly close: Uint8Array;
};

const piecesByIndent = new Map<string, Pieces>();

function piecesAt(indent: string): Pieces {
	let pieces = piecesByIndent.get(indent);
	if (pieces !== undefined) return pieces;
	const item = `${indent}  `;
	const field = `,\n${item}  `;
	const start = `{\n${item}  "path": `;
	pieces = {
		first: textBytes(`[\n${item}${start}`),
		next: textBytes(`,\n${item}${start}`),
		firstBare: textBytes(`[\n${item}`),
		nextBare: textBytes(`,\n${item}`),
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
		close: textBytes(`\n${indent}]`),
	};
	if (piecesByIndent.size < 16) piecesByIndent.set(indent, pieces);
	return pieces;
}

const emptyList = textBytes('[]');

/**
Writes a layer's `fileList` (see `diveFileList`) straight from its entries: the same text MarshalIndent writes for
those records, without making them.
*/
export function fileListWriter(entries: readonly LayerEntry[]): ListWriter {
	return function* (out: JsonBytes, indent: string) {
		const pieces = piecesAt(indent);
		let first = true;
		for (const entry of fileListEntries(entries)) {
			if (entry !== undefined && isUsual(entry)) {
				out.bytes(first ? pieces.first : pieces.next);
				writeEntry(out, entry, pieces);
			} else {
				out.bytes(first ? pieces.firstBare : pieces.nextBare);
				if (entry === undefined) out.bytes(pieces.implicitParent);
				// Not the usual shape (a value missing, which the general writer leaves out): written the general way.
				else writeValueAt(out, fileInfo(entry), `${indent}  `);
			}
			first = false;
			if (out.hasReady) yield;
		}
		out.bytes(first ? emptyList : pieces.close);
	};
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
