import type {LayerEntry} from '../core/model.js';
import {duplicateMinBytes} from '../core/hints/hint-types.js';
import {contentDigestRaw} from './content-hash.js';
import {hintsDisabled} from './hint-inputs.js';
import {headLength, headText, wantsHead} from './peek-secrets.js';
import type {RandomAccess} from './random-access.js';
import {recordFields} from './tar-entry.js';
import {walkTar} from './walk-tar.js';
import {doubled} from './doubled.js';

/** The first bytes of a possible duplicate that the walk digests (see `sampleInWindow`). */
export const sampleBytes = 4096;

/**
What the walk of an uncompressed layer passes on for each entry: the entry, where its data starts in the file, and the
digest of its first bytes when the walk had them in its read window (`undefined` otherwise).
*/
export type OnIndexed = (entry: LayerEntry, offset: number, sample: bigint | undefined) => void;

/**
Walks the uncompressed layer tar at [start, end) of `file` and hands over each filesystem entry in archive order.
A small file that may hold a credential gets its first bytes (`head`), read next to its header (already in the window).
*/
export async function indexLayer(file: RandomAccess, start: number, end: number, onIndexed: OnIndexed): Promise<void> {
	await walkTar(file, start, end, record => {
		const entry = recordFields(record);
		if (!entry) return undefined;
		const offset = record.dataOffset;
		const sample = sampleInWindow(entry, file, offset);
		if (!wantsHead(entry)) {
			onIndexed(entry, offset, sample);
			return undefined;
		}
		return file.read(offset, headLength(entry.size)).then(bytes => {
			onIndexed({...entry, head: headText(bytes)}, offset, sample);
		});
	});
}

/**
The digest of a possible duplicate's first bytes (see `duplicateCandidates`), taken while the walk's read window holds
them: small files lie next to their headers, so most samples cost no read of their own. Undefined when the window
does not hold them (they are read later, if the file's size turns out to be shared) or the hints are off.
*/
function sampleInWindow(entry: LayerEntry, file: RandomAccess, offset: number): bigint | undefined {
	if (hintsDisabled || entry.type !== 'file' || entry.size < duplicateMinBytes) return undefined;
	const bytes = file.cached(offset, Math.min(entry.size, sampleBytes));
	return bytes === undefined ? undefined : contentDigestRaw(bytes);
}

/**
An uncompressed layer's entries and, for each, where its data starts (`offsets`), its first bytes' digest when the
walk took it (`samples[i]`, valid where `sampled[i]` is 1) and its `filePrint` (taken while the path is at hand: the
check for repeated paths reads it): typed arrays, not a number and a BigInt object per entry.
*/
export type LayerIndex = {
	readonly entries: LayerEntry[];
	readonly prints: Uint32Array;
	readonly offsets: Float64Array;
	readonly samples: BigUint64Array;
	readonly sampled: Uint8Array;
};

/** Collects what `indexLayer` hands over into a `LayerIndex`. */
export function layerIndexer(): {readonly add: OnIndexed; done(): LayerIndex} {
	const entries: LayerEntry[] = [];
	let offsets = new Float64Array(1024);
	let samples = new BigUint64Array(1024);
	let sampled = new Uint8Array(1024);
	let prints = new Uint32Array(1024);
	return {
		add(entry, offset, sample) {
			const i = entries.length;
			if (i === offsets.length) {
				offsets = doubled(offsets);
				samples = doubled(samples);
				sampled = doubled(sampled);
				prints = doubled(prints);
			}
			prints[i] = filePrint(entry);
			entries.push(entry);
			offsets[i] = offset;
			if (sample !== undefined) {
				samples[i] = sample;
				sampled[i] = 1;
			}
		},
		done: () => ({entries, prints: prints.slice(0, entries.length), offsets: offsets.slice(0, entries.length), samples: samples.slice(0, entries.length), sampled: sampled.slice(0, entries.length)}),
	};
}

/**
What the check for repeated paths counts of an entry: for a file, the `fingerprint` of its path and size with the low
bit set (never 0); 0 for every other entry, so the check needs no look at the entry itself.
*/
export function filePrint(entry: LayerEntry): number {
	return entry.type === 'file' ? (fingerprint(entry.path, entry.size) | 1) >>> 0 : 0;
}

/** A 32-bit hash of a path and a size (FNV-1a over the UTF-16 code units, then the size mixed in). */
export function fingerprint(path: string, size: number): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < path.length; i++) hash = Math.imul(hash ^ path.charCodeAt(i), 0x01000193);
	hash = Math.imul(hash ^ (size >>> 0), 0x01000193);
	hash = Math.imul(hash ^ Math.floor(size / 0x100000000), 0x01000193);
	return (hash ^ (hash >>> 16)) >>> 0;
}
