import type {Header} from 'tar-stream';
import type {EntryType, LayerEntry} from '../core/model.js';
import {cleanEntryPath} from '../core/paths.js';
import {InputError} from './errors.js';
import {paxNumber} from './tar-header.js';
import type {TarRecord} from './walk-tar.js';

const byName: Record<string, EntryType> = {
	file: 'file',
	'contiguous-file': 'file',
	link: 'hardlink',
	symlink: 'symlink',
	'character-device': 'char',
	'block-device': 'block',
	directory: 'dir',
	fifo: 'fifo',
};

const byFlag: Record<string, EntryType> = {
	'0': 'file',
	'7': 'file',
	'1': 'hardlink',
	'2': 'symlink',
	'3': 'char',
	'4': 'block',
	'5': 'dir',
	'6': 'fifo',
};

const flags: Record<EntryType, number> = {file: 48, hardlink: 49, symlink: 50, char: 51, block: 52, dir: 53, fifo: 54};

export type EntryFields = LayerEntry;

/** The parts of a tar-stream header a layer entry keeps; undefined for headers that are not filesystem entries. */
export function entryFields(header: Header): EntryFields | undefined {
	const type = byName[header.type ?? 'file'];
	if (!type) return undefined;
	const pax = (header as {pax?: Record<string, string>}).pax;
	return fields(type, pax?.['GNU.sparse.name'] ?? header.name, header.size ?? 0, header.mode ?? 0, paxNumber(pax?.['uid']) ?? header.uid ?? 0, paxNumber(pax?.['gid']) ?? header.gid ?? 0, header.linkname ?? '');
}

/** The same for a record of our own header walker (the seekable path); both must agree field for field. */
export function recordFields(record: TarRecord): EntryFields | undefined {
	const type = byFlag[record.typeflag];
	if (!type) return undefined;
	return fields(type, record.name, record.size, record.mode, record.uid, record.gid, record.linkname);
}

/**
The deepest and longest entry path read. Each directory of a path becomes a node that knows its own path, so a path
of n components costs n² in time and memory downstream (100,000 components would exhaust the heap); no real image
comes near (Linux's PATH_MAX is 4096 bytes), so deeper paths are refused with a message instead.
*/
export const maxPathComponents = 8192;
export const maxPathBytes = 32 * 1024;

function checkedPath(name: string): string {
	const path = cleanEntryPath(name);
	// A clean path's components are not empty (n of them take at least 2n - 1 bytes): a shorter path needs no count.
	if (path.length >= 2 * maxPathComponents) {
		let components = 1;
		for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) components++;
		if (components > maxPathComponents) {
			throw new InputError(`an entry path is too deep (${components} components; at most ${maxPathComponents} are read)`);
		}
	}
	if (path.length > maxPathBytes) throw new InputError(`an entry path is too long (${path.length} bytes; at most ${maxPathBytes} are read)`);
	return path;
}

function fields(type: EntryType, name: string, size: number, mode: number, uid: number, gid: number, link: string): EntryFields {
	return {
		path: checkedPath(name),
		type,
		typeFlag: flags[type],
		size: type === 'file' ? size : 0,
		mode,
		uid,
		gid,
		linkTarget: link,
		digest: '',
	};
}
