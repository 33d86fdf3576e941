/** xorshift32: a fast, seeded, deterministic byte stream (not for cryptography). */
export function fillPseudoRandom(target: Uint8Array, seed: number): number {
	let state = seed >>> 0 || 0x9e3779b9;
	const aligned = target.byteOffset % 4 === 0;
	const words = aligned ? new Uint32Array(target.buffer, target.byteOffset, target.byteLength >>> 2) : new Uint32Array(0);
	for (let i = 0; i < words.length; i++) {
		state ^= state << 13;
		state ^= state >>> 17;
		state ^= state << 5;
		words[i] = state >>> 0;
	}
	for (let i = words.length * 4; i < target.byteLength; i++) {
		state ^= state << 13;
		state ^= state >>> 17;
		state ^= state << 5;
		target[i] = state & 0xff;
	}
	return state >>> 0;
}

/** `size` deterministic pseudo-random bytes for `seed`, in chunks: a re-iterable source for a streamed file. */
export function pseudoRandomChunks(seed: number, size: number, chunkSize = 1 << 16): Iterable<Uint8Array> {
	return {
		*[Symbol.iterator]() {
			let state = seed;
			for (let offset = 0; offset < size; offset += chunkSize) {
				const chunk = Buffer.allocUnsafeSlow(Math.min(chunkSize, size - offset));
				state = fillPseudoRandom(chunk, state);
				yield chunk;
			}
		},
	};
}
