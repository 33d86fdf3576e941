import {Readable} from 'node:stream';
import type {LayerEntry} from '../../src/core/model.js';
import type {ContentSource} from '../../src/loader/content-source.js';

/** A content source over in-memory layers: layer index → (relative path → bytes). */
export function fakeContent(layers: Record<number, Record<string, string | Buffer>>): ContentSource & {reads: number[]} {
	const reads: number[] = [];
	return {
		available: true,
		unavailableReason: '',
		reads,
		async forEachEntry(layer, want, onEntry) {
			reads.push(layer);
			for (const [path, data] of Object.entries(layers[layer] ?? {})) {
				if (!want(path)) continue;
				const bytes = Buffer.from(data);
				const entry: LayerEntry = {path, type: 'file', typeFlag: 48, size: bytes.length, mode: 0o644, uid: 0, gid: 0, linkTarget: '', digest: ''};
				await onEntry(entry, Readable.from([bytes]));
			}
		},
	};
}

export {child, tree} from '../helpers/tree-builder.js';
