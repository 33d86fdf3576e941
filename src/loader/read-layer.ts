import type {Readable} from 'node:stream';
import {extract} from 'tar-stream';
import type {Compression, LayerEntry} from '../core/model.js';
import {createContentHash} from './content-hash.js';
import {decompress, type ExpansionLimit} from './decompress.js';
import {peek} from './peek.js';
import {sniff} from './sniff.js';
import {cutAtEndOfArchive, type TarEndCut} from './tar-end.js';
import {entryFields} from './tar-entry.js';
import {headKeeper, wantsHead} from './peek-secrets.js';

export type ParsedLayer = {
	readonly compression: Compression;
	readonly entries: LayerEntry[];
	readonly sizeBytes: number;
};

export type LayerStreamOptions = {readonly limit?: ExpansionLimit};

/** Opens a layer blob as a stream of tar bytes, detecting its compression from its first bytes. */
export async function openLayerTar(
	blob: Readable,
	options: LayerStreamOptions = {},
): Promise<{tar: TarEndCut; compression: Compression} | undefined> {
	const {head, stream} = await peek(blob, 512);
	const kind = sniff(head);
	if (kind !== 'gzip' && kind !== 'zstd' && kind !== 'tar') {
		stream.resume();
		return undefined;
	}
	const bytes = kind === 'tar' ? stream : decompress(stream, kind, options.limit);
	const tar = cutAtEndOfArchive();
	bytes.on('error', error => tar.destroy(error));
	return {tar: bytes.pipe(tar) as TarEndCut, compression: kind === 'tar' ? 'none' : kind};
}

/**
Reads one layer tar (any compression) into its entry list, hashing regular files' content as it streams past.
Entries end at the first end-of-archive marker, as in Go; an estargz TOC after it is recognised, not listed.
*/
export async function readLayer(blob: Readable, options: LayerStreamOptions = {}): Promise<ParsedLayer | undefined> {
	const opened = await openLayerTar(blob, options);
	if (!opened) return undefined;
	const {tar} = opened;
	const entries: LayerEntry[] = [];
	let sizeBytes = 0;
	const parser = extract({allowUnknownFormat: true} as Parameters<typeof extract>[0]);
	tar.on('error', error => parser.destroy(error));
	tar.pipe(parser);
	for await (const item of parser) {
		const fields = entryFields(item.header);
		if (!fields) {
			item.resume();
			continue;
		}
		sizeBytes += fields.size;
		let digest = '';
		let head: string | undefined;
		if (fields.type === 'file') {
			const hash = createContentHash();
			const keep = wantsHead(fields) ? headKeeper() : undefined;
			for await (const chunk of item) {
				hash.update(chunk as Buffer);
				keep?.add(chunk as Buffer);
			}
			digest = hash.hex();
			head = keep?.text();
		} else {
			item.resume();
		}
		entries.push(head === undefined ? {...fields, digest} : {...fields, digest, head});
	}
	const estargz = opened.compression === 'gzip' && tar.trailer().includes('stargz.index.json');
	return {compression: estargz ? 'estargz' : opened.compression, entries, sizeBytes};
}
