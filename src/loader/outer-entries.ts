import {createReadStream, type Stats} from 'node:fs';
import {readdir, stat} from 'node:fs/promises';
import path from 'node:path';
import type {Readable} from 'node:stream';
import {cleanEntryPath} from '../core/paths.js';
import {decompress} from './decompress.js';
import {InputError} from './errors.js';
import {peek} from './peek.js';
import {sniff} from './sniff.js';
import {guardTar} from './tar-end.js';
import {loadTarStream} from './load-tar-stream.js';

/** One file of the image archive (a tar entry, or a file of an OCI layout directory). Its body must be consumed. */
export type OuterEntry = {
	readonly name: string;
	readonly kind: 'file' | 'symlink' | 'other';
	/** For symlinks: the archive path the link points at, resolved against the link's directory. */
	readonly target: string;
	readonly size: number;
	readonly body: Readable;
};

/** Iterates the entries of an image archive stream; a whole-archive gzip or zstd is unwrapped first. */
export async function* tarEntries(input: Readable): AsyncGenerator<OuterEntry> {
	const {head, stream} = await peek(input, 512);
	// tar-stream loads only for a streamed archive (the seekable path walks headers itself), while the peeked stream
	// is paused and before a decoder starts: an error must find its listeners attached.
	const {extract} = await loadTarStream();
	const kind = sniff(head);
	let tar: Readable;
	if (kind === 'gzip' || kind === 'zstd') tar = decompress(stream, kind);
	else if (kind === 'tar') tar = stream;
	else {
		stream.destroy();
		throw new InputError(head.length === 0 ? 'empty file: not an image archive' : 'not a tar archive (nor a gzip or zstd one)');
	}
	const parser = extract({allowUnknownFormat: true} as Parameters<typeof extract>[0]);
	const tail = endMarkerWatch();
	const guard = guardTar({cutAtEnd: false});
	tar.on('error', error => guard.destroy(error));
	guard.on('error', error => parser.destroy(error));
	tar.on('data', tail.see);
	tar.pipe(guard).pipe(parser);
	try {
		for await (const item of parser) {
			const {header} = item;
			const name = cleanEntryPath(header.name);
			const isFile = header.type === 'file' || header.type === 'contiguous-file';
			const isLink = header.type === 'symlink' || header.type === 'link';
			yield {
				name,
				kind: isFile ? 'file' : isLink ? 'symlink' : 'other',
				target: isLink ? resolveLink(name, header.linkname ?? '', header.type === 'link') : '',
				size: header.size ?? 0,
				body: item as unknown as Readable,
			};
			item.resume();
		}
		if (!tail.ended()) throw new InputError('truncated (the archive has no end-of-archive marker)');
	} finally {
		tar.destroy();
	}
}

/** Remembers the last 1024 bytes of a tar stream: a complete archive ends with (at least) two zero blocks. */
function endMarkerWatch() {
	let last: Buffer = Buffer.alloc(0);
	return {
		see(chunk: Buffer) {
			last = chunk.length >= 1024 ? chunk.subarray(chunk.length - 1024) : Buffer.concat([last, chunk]).subarray(-1024);
		},
		ended: () => last.length === 1024 && last.every(byte => byte === 0),
	};
}

export function resolveLink(name: string, target: string, hard: boolean): string {
	if (hard) return cleanEntryPath(target);
	return cleanEntryPath(path.posix.join(path.posix.dirname(name), target));
}

/** Iterates the files of an OCI image layout directory as if it were an archive. */
export async function* directoryEntries(root: string): AsyncGenerator<OuterEntry> {
	for (const name of await listFiles(root, '')) {
		const full = path.join(root, name);
		const info = await stat(full);
		if (!info.isFile()) continue;
		const body = createReadStream(full, {highWaterMark: 1024 * 1024});
		yield {name, kind: 'file', target: '', size: info.size, body};
		body.resume();
	}
}

/**
The files of an OCI layout directory, by relative path. A symlink to a file is followed (to a directory only for
`blobs` and `blobs/<algorithm>`), and anything that is not a regular file in the end (a FIFO, a socket, a device, a
dangling or looping link) is refused here, before anything opens it: opening a FIFO waits for a writer forever.
*/
export async function listFiles(root: string, relative: string): Promise<string[]> {
	const found: string[] = [];
	for (const item of await readdir(path.join(root, relative), {withFileTypes: true})) {
		const name = relative === '' ? item.name : `${relative}/${item.name}`;
		// No layout keeps files deeper than blobs/<algorithm>/<digest> (docker save's <id>/layer.tar is shallower):
		// a directory at that depth is not read, so a link planted in the tree cannot walk the whole filesystem.
		const deepest = name.split('/').length >= 3;
		if (item.isDirectory()) {
			if (!deepest) found.push(...(await listFiles(root, name)));
			continue;
		}
		if (item.isFile()) found.push(name);
		else {
			const info = await stat(path.join(root, name)).catch((error: NodeJS.ErrnoException) => {
				throw new InputError(`${name} is a symbolic link that cannot be followed (${error.code ?? error.message})`);
			});
			if (info.isDirectory()) {
				// A linked directory elsewhere is no part of the layout, and is not read.
				if (!deepest && linkedBlobDirectory(name)) found.push(...(await listFiles(root, name)));
				continue;
			}
			if (!info.isFile()) throw new InputError(`${name} is not a regular file (${fileKind(info)})`);
			found.push(name);
		}
	}
	return found.sort();
}

/**
`blobs` and `blobs/<algorithm>` may be symbolic links to directories (a blob store shared between layouts); they are
followed, and nothing deeper is, so a link to `/`, `/proc` or the layout itself cannot start an endless walk.
*/
function linkedBlobDirectory(name: string): boolean {
	return name === 'blobs' || /^blobs\/[^/]+$/.test(name);
}

function fileKind(info: Stats): string {
	if (info.isFIFO()) return 'a FIFO';
	if (info.isSocket()) return 'a socket';
	if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
	if (info.isDirectory()) return 'a directory';
	return 'not a file';
}
