import {createReadStream} from 'node:fs';
import {readdir, stat} from 'node:fs/promises';
import path from 'node:path';
import type {Readable} from 'node:stream';
import {extract} from 'tar-stream';
import {cleanEntryPath} from '../core/paths.js';
import {decompress} from './decompress.js';
import {InputError} from './errors.js';
import {peek} from './peek.js';
import {sniff} from './sniff.js';

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
	const kind = sniff(head);
	let tar: Readable;
	if (kind === 'gzip' || kind === 'zstd') tar = decompress(stream, kind);
	else if (kind === 'tar') tar = stream;
	else {
		stream.destroy();
		throw new InputError(head.length === 0 ? 'empty file: not an image archive' : 'not a tar archive (nor a gzip or zstd one)');
	}
	const parser = extract();
	const tail = endMarkerWatch();
	tar.on('error', error => parser.destroy(error));
	tar.on('data', tail.see);
	tar.pipe(parser);
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

export async function listFiles(root: string, relative: string): Promise<string[]> {
	const found: string[] = [];
	for (const item of await readdir(path.join(root, relative), {withFileTypes: true})) {
		const name = relative === '' ? item.name : `${relative}/${item.name}`;
		if (item.isDirectory()) found.push(...(await listFiles(root, name)));
		else if (item.isFile() || item.isSymbolicLink()) found.push(name);
	}
	return found.sort();
}
