import type {LayerEntry} from '../core/model.js';
import {filePrint, type LayerIndex, type OnIndexed} from './index-layer.js';
import {entryOf, typeOfFlag} from './tar-entry.js';

/**
A layer index (see `LayerIndex`) walked on a worker thread, packed into a few typed arrays that cross to the main
thread without a copy (structured clone of entry objects costs more than the walk saved, and gives objects of
another shape than the main thread's). Per entry: its typeflag byte, five numbers (size, mode, uid, gid, data offset),
its sample and fingerprint, and the ends of its path, link target and head in `text`; `bits` says which strings are UTF-8 (else
latin1, which holds every ASCII name and every head byte for byte) and whether there is a head or a sample.
*/
export type PackedLayer = {
	readonly count: number;
	readonly flags: Uint8Array;
	readonly numbers: Float64Array;
	readonly samples: BigUint64Array;
	readonly prints: Uint32Array;
	readonly bits: Uint8Array;
	readonly ends: Uint32Array;
	readonly text: Uint8Array;
};

const sampledBit = 1;
const pathUtf8 = 2;
const linkUtf8 = 4;
const headBit = 8;

/** Collects what `indexLayer` hands over into a `PackedLayer`. */
export function layerPacker(): {readonly add: OnIndexed; done(): PackedLayer} {
	let count = 0;
	let flags = new Uint8Array(1024);
	let numbers = new Float64Array(1024 * 5);
	let samples = new BigUint64Array(1024);
	let prints = new Uint32Array(1024);
	let bits = new Uint8Array(1024);
	let ends = new Uint32Array(1024 * 3);
	let text = Buffer.allocUnsafe(64 * 1024);
	let used = 0;
	/** Appends a string; true when it went in as UTF-8. */
	const write = (value: string, latin1: boolean): boolean => {
		if (value.length === 0) return false;
		if (used + value.length * 3 > text.length) {
			const more = Buffer.allocUnsafe(Math.max(text.length * 2, used + value.length * 3));
			text.copy(more, 0, 0, used);
			text = more;
		}
		const written = text.write(value, used, latin1 ? 'latin1' : 'utf8');
		used += written;
		// A string that takes as many UTF-8 bytes as it has characters is ASCII: latin1 reads it back the same.
		return !latin1 && written !== value.length;
	};
	return {
		add(entry, offset, sample) {
			if (count === flags.length) {
				flags = grown(flags, new Uint8Array(count * 2));
				numbers = grown(numbers, new Float64Array(count * 10));
				samples = grown(samples, new BigUint64Array(count * 2));
				prints = grown(prints, new Uint32Array(count * 2));
				bits = grown(bits, new Uint8Array(count * 2));
				ends = grown(ends, new Uint32Array(count * 6));
			}
			const i = count++;
			flags[i] = entry.typeFlag;
			prints[i] = filePrint(entry);
			numbers[i * 5] = entry.size;
			numbers[i * 5 + 1] = entry.mode;
			numbers[i * 5 + 2] = entry.uid;
			numbers[i * 5 + 3] = entry.gid;
			numbers[i * 5 + 4] = offset;
			let b = 0;
			if (sample !== undefined) {
				samples[i] = sample;
				b |= sampledBit;
			}
			if (write(entry.path, false)) b |= pathUtf8;
			ends[i * 3] = used;
			if (write(entry.linkTarget, false)) b |= linkUtf8;
			ends[i * 3 + 1] = used;
			if (entry.head !== undefined) {
				write(entry.head, true);
				b |= headBit;
			}
			ends[i * 3 + 2] = used;
			bits[i] = b;
		},
		done: () => ({
			count,
			flags: flags.slice(0, count),
			numbers: numbers.slice(0, count * 5),
			samples: samples.slice(0, count),
			prints: prints.slice(0, count),
			bits: bits.slice(0, count),
			ends: ends.slice(0, count * 3),
			text: new Uint8Array(text.buffer.slice(text.byteOffset, text.byteOffset + used)),
		}),
	};
}

/** The buffers of a packed layer, to hand over to another thread without a copy. */
export function packedBuffers(packed: PackedLayer): ArrayBuffer[] {
	return [packed.flags, packed.numbers, packed.samples, packed.prints, packed.bits, packed.ends, packed.text].map(array => array.buffer as ArrayBuffer);
}

/**
The layer index a packed layer holds, with entries equal field for field to those the walk made on the other thread.
Unpacks `yieldEvery` entries at a time, letting the event loop run in between (progress, keys, Ctrl+C).
*/
export async function unpackLayer(packed: PackedLayer, pause: () => Promise<void>, yieldEvery = 16384): Promise<LayerIndex> {
	const {count, flags, numbers, samples, prints, bits, ends} = packed;
	const text = Buffer.from(packed.text.buffer, packed.text.byteOffset, packed.text.byteLength);
	const entries: LayerEntry[] = [];
	const offsets = new Float64Array(count);
	const sampled = new Uint8Array(count);
	let from = 0;
	for (let i = 0; i < count; i++) {
		if (i > 0 && i % yieldEvery === 0) await pause();
		const b = bits[i]!;
		const pathEnd = ends[i * 3]!;
		const linkEnd = ends[i * 3 + 1]!;
		const headEnd = ends[i * 3 + 2]!;
		const path = text.toString(b & pathUtf8 ? 'utf8' : 'latin1', from, pathEnd);
		const link = linkEnd === pathEnd ? '' : text.toString(b & linkUtf8 ? 'utf8' : 'latin1', pathEnd, linkEnd);
		const entry = entryOf(path, typeOfFlag(flags[i]!)!, small(numbers[i * 5]!), small(numbers[i * 5 + 1]!), small(numbers[i * 5 + 2]!), small(numbers[i * 5 + 3]!), link);
		entries.push(b & headBit ? {...entry, head: text.toString('latin1', linkEnd, headEnd)} : entry);
		offsets[i] = numbers[i * 5 + 4]!;
		if (b & sampledBit) sampled[i] = 1;
		from = headEnd;
	}
	return {entries, prints, offsets, samples, sampled};
}

/**
A number read from a Float64Array, as a small integer when it is one: stored as it comes, it would make the entries'
number fields doubles, which V8 then boxes one by one (some 16 MB more on the bench's 235k-file image, for every
entry of every layer, the main thread's too).
*/
function small(value: number): number {
	return (value | 0) === value ? value | 0 : value;
}

function grown<T extends Uint8Array | Float64Array | Uint32Array | BigUint64Array>(from: T, to: T): T {
	(to as unknown as {set(array: T): void}).set(from);
	return to;
}
