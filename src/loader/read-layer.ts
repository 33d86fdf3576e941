import type {Readable} from 'node:stream';
import {extract} from 'tar-stream';
import type {Compression, LayerEntry} from '../core/model.js';
import {createContentHash} from './content-hash.js';
import {decompress, type ExpansionLimit} from './decompress.js';
import {InputError} from './errors.js';
import {peek} from './peek.js';
import {sniff} from './sniff.js';
import {entryFields} from './tar-entry.js';

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
): Promise<{tar: Readable; compression: Compression} | undefined> {
	const {head, stream} = await peek(blob, 512);
	const kind = sniff(head);
	if (kind === 'gzip' || kind === 'zstd') return {tar: decompress(stream, kind, options.limit), compression: kind};
	if (kind === 'tar') return {tar: stream, compression: 'none'};
	stream.resume();
	return undefined;
}

/**
Reads one layer tar (any compression) into its entry list, hashing regular files' content as it streams past.
Stops at nothing: every byte is consumed. An estargz TOC (`stargz.index.json` after the end marker) is not an entry.
*/
export async function readLayer(blob: Readable, options: LayerStreamOptions = {}): Promise<ParsedLayer | undefined> {
	const opened = await openLayerTar(blob, options);
	if (!opened) return undefined;
	let compression = opened.compression;
	const entries: LayerEntry[] = [];
	let sizeBytes = 0;
	const parser = extract();
	opened.tar.on('error', error => parser.destroy(error));
	opened.tar.pipe(parser);
	for await (const item of parser) {
		const fields = entryFields(item.header);
		if (!fields) {
			item.resume();
			continue;
		}
		if (fields.path === 'stargz.index.json' && compression === 'gzip') {
			compression = 'estargz';
			item.resume();
			continue;
		}
		sizeBytes += fields.size;
		let digest = '';
		if (fields.type === 'file') {
			const hash = createContentHash();
			for await (const chunk of item) hash.update(chunk as Buffer);
			digest = hash.hex();
		} else {
			item.resume();
		}
		entries.push({...fields, digest});
	}
	return {compression, entries, sizeBytes};
}

export function layerProblem(blobName: string, problem: string): InputError {
	return new InputError(`layer ${blobName}: ${problem}`);
}
