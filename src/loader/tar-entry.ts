import type {Header} from 'tar-stream';
import type {EntryType} from '../core/model.js';
import {cleanEntryPath} from '../core/paths.js';

const types: Record<string, {type: EntryType; flag: number}> = {
	file: {type: 'file', flag: 48},
	'contiguous-file': {type: 'file', flag: 48},
	link: {type: 'hardlink', flag: 49},
	symlink: {type: 'symlink', flag: 50},
	'character-device': {type: 'char', flag: 51},
	'block-device': {type: 'block', flag: 52},
	directory: {type: 'dir', flag: 53},
	fifo: {type: 'fifo', flag: 54},
};

/** The parts of a tar header a layer entry keeps; undefined for headers that are not filesystem entries. */
export function entryFields(header: Header) {
	const known = types[header.type ?? 'file'];
	if (!known) return undefined;
	return {
		path: cleanEntryPath(header.name),
		type: known.type,
		typeFlag: known.flag,
		size: known.type === 'file' ? (header.size ?? 0) : 0,
		mode: header.mode ?? 0,
		uid: header.uid ?? 0,
		gid: header.gid ?? 0,
		linkTarget: header.linkname ?? '',
	};
}
