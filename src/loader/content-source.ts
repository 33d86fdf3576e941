import {createReadStream} from 'node:fs';
import type {Readable} from 'node:stream';
import type {ImageModel, LayerEntry} from '../core/model.js';
import type {BlobLocation} from './collected.js';
import {InputError} from './errors.js';
import type {InputSource} from './input-source.js';
import {entryFields} from './tar-entry.js';
import {loadTarStream, type TarStream} from './load-tar-stream.js';

/** Reads file content back out of the archive on demand, one layer at a time; nothing is kept in memory. */
export type ContentSource = {
	readonly available: boolean;
	readonly unavailableReason: string;
	/**
	Streams each entry of layer `layerIndex` for which `want(path)` is true (path relative, as in LayerEntry).
	`onEntry` must consume the body (read it or `resume()` it).
	*/
	forEachEntry(
		layerIndex: number,
		want: (path: string) => boolean,
		onEntry: (entry: LayerEntry, body: Readable) => Promise<void>,
	): Promise<void>;
};

/**
`locations` (from the seekable pass) lets a layer's blob be read on its own; without them the archive is scanned up
to the blob (stdin cannot be read again at all).
*/
export function createContentSource(
	source: InputSource,
	model: ImageModel,
	locations: ReadonlyMap<string, BlobLocation> = new Map(),
): ContentSource {
	const available = source.reopenable;
	return {
		available,
		unavailableReason: available ? '' : `file content cannot be read back from ${source.display} (it was streamed once)`,
		async forEachEntry(layerIndex, want, onEntry) {
			if (!available) throw new InputError(`file content is not available for ${source.display}`);
			const layer = model.layers[layerIndex];
			if (!layer) throw new InputError(`no layer ${layerIndex}`);
			// Loaded on first use (most runs never read content back), before any stream is opened.
			await tarModules();
			if (source.openBlob) {
				await readMatching(source.openBlob(layer.blob), want, onEntry);
				return;
			}
			const location = locations.get(layer.blob);
			if (location) {
				const end = location.offset + location.size - 1;
				await readMatching(createReadStream(location.file, {start: location.offset, end}), want, onEntry);
				return;
			}
			const entries = source.entries();
			try {
				for await (const outer of entries) {
					if (outer.name !== layer.blob || outer.kind !== 'file') continue;
					await readMatching(outer.body, want, onEntry);
					return;
				}
			} finally {
				await entries.return(undefined);
			}
			throw new InputError(`layer ${layer.blob} is no longer in ${source.display}`);
		},
	};
}

let loaded: Promise<[TarStream, typeof import('./read-layer.js')]> | undefined;
const tarModules = () => (loaded ??= Promise.all([loadTarStream(), import('./read-layer.js')]));

async function readMatching(
	blob: Readable,
	want: (path: string) => boolean,
	onEntry: (entry: LayerEntry, body: Readable) => Promise<void>,
): Promise<void> {
	const [{extract}, {openLayerTar}] = await tarModules();
	const opened = await openLayerTar(blob);
	if (!opened) throw new InputError('layer blob is not a tar');
	const parser = extract();
	opened.tar.on('error', error => parser.destroy(error));
	opened.tar.pipe(parser);
	for await (const item of parser) {
		const fields = entryFields(item.header);
		if (fields && want(fields.path)) await onEntry(fields, item as unknown as Readable);
		item.resume();
	}
}
