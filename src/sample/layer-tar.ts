import type {Header, Pack} from 'tar-stream';
import {entryContent, ImageDescriptionError} from './content-source.js';
import type {EntryDescription, EntryType} from './image-description.js';

type Sink = ReturnType<Pack['entry']>;

const tarTypes: Record<EntryType, Header['type']> = {
	file: 'file',
	dir: 'directory',
	symlink: 'symlink',
	hardlink: 'link',
	char: 'character-device',
	block: 'block-device',
	fifo: 'fifo',
};

const defaultModes: Record<EntryType, number> = {
	file: 0o644,
	dir: 0o755,
	symlink: 0o777,
	hardlink: 0o644,
	char: 0o666,
	block: 0o660,
	fifo: 0o644,
};

/**
tar-stream replaces a zero mode with its default; a file-type bit keeps the value non-zero and is masked off
(`mode & 0o7777`) when the header is encoded, so mode 0 (as whiteouts have) is written as 0.
*/
const nonZeroModeBit = 0o100000;

export function tarHeader(entry: EntryDescription, size: number, mtime: Date): Header {
	const type = tarTypes[entry.type];
	if (type === undefined) throw new ImageDescriptionError(`${entry.path}: unknown entry type ${String(entry.type)}`);
	const needsTarget = entry.type === 'symlink' || entry.type === 'hardlink';
	if (needsTarget && !entry.linkTarget) throw new ImageDescriptionError(`${entry.path}: ${entry.type} needs a linkTarget`);
	const name = entry.type === 'dir' && !entry.path.endsWith('/') ? `${entry.path}/` : entry.path;
	return {
		name,
		type,
		size,
		mode: ((entry.mode ?? defaultModes[entry.type]) & 0o7777) | nonZeroModeBit,
		uid: entry.uid ?? 0,
		gid: entry.gid ?? 0,
		mtime: entry.mtime ?? mtime,
		linkname: needsTarget ? (entry.linkTarget ?? '') : '',
		uname: '',
		gname: '',
		devmajor: entry.devMajor ?? 0,
		devminor: entry.devMinor ?? 0,
	};
}

/** Appends one entry to a tar pack, streaming a file's chunks with backpressure. */
export async function addTarEntry(tar: Pack, entry: EntryDescription, mtime: Date): Promise<void> {
	if (entry.type !== 'file') {
		if (entry.content !== undefined) throw new ImageDescriptionError(`${entry.path}: only files have content`);
		await new Promise<void>((resolve, reject) => {
			tar.entry(tarHeader(entry, 0, mtime), (error) => (error ? reject(error) : resolve()));
		});
		return;
	}
	const {size, chunks} = entryContent(entry);
	let sink!: Sink;
	const done = new Promise<void>((resolve, reject) => {
		sink = tar.entry(tarHeader(entry, size, mtime), (error) => (error ? reject(error) : resolve()));
	});
	try {
		let written = 0;
		for await (const chunk of chunks) {
			written += chunk.byteLength;
			if (written > size) throw new ImageDescriptionError(`${entry.path}: content is longer than its declared size ${size}`);
			if (chunk.byteLength > 0 && !sink.write(chunk)) await drained(sink);
		}
		if (written !== size) throw new ImageDescriptionError(`${entry.path}: content has ${written} bytes, declared size ${size}`);
	} catch (error) {
		// The sink's and the pack's own errors are consequences; the caller gets the cause.
		done.catch(() => undefined);
		sink.on('error', () => undefined);
		sink.destroy(error as Error);
		throw error;
	}
	sink.end(null);
	await done;
}

function drained(sink: Sink): Promise<void> {
	return new Promise((resolve, reject) => {
		const onDrain = () => {
			sink.off('close', onClose);
			resolve();
		};
		const onClose = () => {
			sink.off('drain', onDrain);
			reject(new Error('tar entry closed while writing'));
		};
		sink.once('drain', onDrain);
		sink.once('close', onClose);
	});
}

/**
Runs `feed` (which adds entries) while `written` drains the pack, then finalizes the pack. A failure on either
side tears down both and is rethrown; nothing is left pending.
*/
export async function feedPack(tar: Pack, written: Promise<void>, feed: () => Promise<void>): Promise<void> {
	const fed = (async () => {
		await feed();
		tar.finalize();
	})().catch((error: unknown) => {
		tar.destroy(error as Error);
		throw error;
	});
	const [feeding, writing] = await Promise.allSettled([fed, written]);
	if (feeding.status === 'rejected') throw feeding.reason;
	if (writing.status === 'rejected') throw writing.reason;
}
