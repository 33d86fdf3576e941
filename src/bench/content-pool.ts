import {fillPseudoRandom} from '../sample/pseudo-random.js';

const words = [
	'const', 'return', 'function', 'import', 'export', 'layer', 'image', 'static', 'struct', 'value', 'buffer', 'while',
	'default', 'module', 'config', 'error', 'string', 'number', 'object', 'index', 'length', 'null', 'true', 'false',
];

/**
A block of bytes that file contents are cut from: three parts text-like words, one part pseudo-random runs, so gzip
compresses it about as well as a typical image layer (≈3x). Contents are slices, never copies, so generating
gigabytes costs little more than writing them.
*/
export class ContentPool {
	readonly bytes: Buffer;

	constructor(size = 16 << 20, seed = 20240601) {
		this.bytes = Buffer.allocUnsafeSlow(size);
		let state = seed;
		let offset = 0;
		const noise = Buffer.allocUnsafeSlow(512);
		while (offset < size) {
			state = fillPseudoRandom(noise, state);
			const pick = noise.readUInt32LE(0);
			if (pick % 4 < 1) {
				offset += noise.copy(this.bytes, offset, 4, 4 + Math.min(256 + (pick % 256), size - offset));
				continue;
			}
			for (let i = 4; i < 200 && offset < size; i++) {
				const word = words[(noise[i] as number) % words.length] as string;
				offset += this.bytes.write((noise[i] as number) % 11 === 0 ? `${word}\n` : `${word} `, offset, 'latin1');
			}
		}
	}

	/** Where a file with this seed starts reading the pool. */
	private start(seed: number): number {
		return (Math.imul(seed + 1, 2654435761) >>> 0) % this.bytes.byteLength;
	}

	/** A small file's bytes (shorter than the pool): a subarray, no copy. */
	slice(seed: number, size: number): Buffer {
		const start = Math.min(this.start(seed), this.bytes.byteLength - size);
		return this.bytes.subarray(start, start + size);
	}

	/** A large file's bytes as a re-iterable chunk source: the pool read round and round from a seed-chosen start. */
	chunks(seed: number, size: number, chunkSize = 1 << 20): Iterable<Uint8Array> {
		const pool = this.bytes;
		const first = this.start(seed);
		return {
			*[Symbol.iterator]() {
				let position = first;
				for (let left = size; left > 0; ) {
					const length = Math.min(chunkSize, left, pool.byteLength - position);
					yield pool.subarray(position, position + length);
					left -= length;
					position = (position + length) % pool.byteLength;
				}
			},
		};
	}
}
