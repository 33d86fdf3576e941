/** A small seeded PRNG (mulberry32): the same seed gives the same inputs on every machine. */
export function random(seed: number) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (below: number) => Math.floor(next() * below),
		pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
	};
}

export type Random = ReturnType<typeof random>;

/** Offsets of 512-byte blocks that hold a tar header with a valid checksum (outer archive and uncompressed layers). */
export function headerBlocks(bytes: Buffer): number[] {
	const found: number[] = [];
	for (let offset = 0; offset + 512 <= bytes.length; offset += 512) {
		if (checksumOf(bytes, offset) === storedChecksum(bytes, offset)) found.push(offset);
	}
	return found;
}

function checksumOf(bytes: Buffer, offset: number): number {
	let sum = 0;
	for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : bytes[offset + i]!;
	return sum;
}

function storedChecksum(bytes: Buffer, offset: number): number {
	const text = bytes.toString('latin1', offset + 148, offset + 156).replace(/[\0 ]+$/, '').trim();
	return /^[0-7]+$/.test(text) ? Number.parseInt(text, 8) : -1;
}

function fixChecksum(bytes: Buffer, offset: number): void {
	bytes.write(`${checksumOf(bytes, offset).toString(8).padStart(6, '0')}\0 `, offset + 148, 'latin1');
}

/** Header fields worth breaking: [offset, length]. */
const fields: ReadonlyArray<readonly [number, number]> = [
	[0, 100], // name
	[100, 8], // mode
	[124, 12], // size
	[156, 1], // typeflag
	[157, 100], // linkname
	[257, 8], // magic + version
	[345, 155], // prefix
];

const interesting = [0x00, 0xff, 0x80, 0x81, 0xc0, 0x7f, 0x20, 0x30, 0x37, 0x38, 0x2f, 0x2e, 0x35, 0x32, 0x78, 0x67, 0x4c];

/** One mutation of `input` (never in place). Header edits keep the checksum valid so they reach the parsers. */
export function mutate(input: Buffer, rng: Random): {bytes: Buffer; how: string} {
	const bytes = Buffer.from(input);
	const headers = headerBlocks(bytes);
	const choice = rng.int(10);
	if (choice < 4 && headers.length > 0) {
		const block = rng.pick(headers);
		const [start, length] = rng.pick(fields);
		const at = block + start + rng.int(length);
		const how = rng.int(3);
		if (how === 0) bytes[at] = rng.pick(interesting);
		else if (how === 1) bytes[at] = rng.int(256);
		else {
			// A whole field: a GNU base-256 number, a huge octal, or a path of many components.
			const value = rng.pick([Buffer.from([0x80 | rng.int(128), ...Array.from({length: 11}, () => rng.int(256))]), Buffer.from('77777777777\0'), Buffer.from('../'.repeat(40)), Buffer.alloc(12, 0xff)]);
			value.copy(bytes, block + start, 0, Math.min(value.length, length));
		}
		fixChecksum(bytes, block);
		return {bytes, how: `header field at ${block}+${start}`};
	}
	if (choice === 4) {
		const cut = rng.int(bytes.length);
		return {bytes: bytes.subarray(0, cut), how: `truncated at ${cut}`};
	}
	if (choice === 5 && headers.length > 0) {
		// Repeat a header block (a duplicated entry, or a header where data was expected).
		const block = rng.pick(headers);
		const at = rng.pick(headers);
		return {bytes: Buffer.concat([bytes.subarray(0, at), bytes.subarray(block, block + 512), bytes.subarray(at)]), how: `header ${block} repeated at ${at}`};
	}
	if (choice === 6) {
		const at = rng.int(Math.max(1, bytes.length >> 9)) * 512;
		bytes.fill(0, at, Math.min(bytes.length, at + 512));
		return {bytes, how: `zero block at ${at}`};
	}
	// Random bytes flipped anywhere (compressed data, JSON, headers).
	const flips = 1 + rng.int(8);
	for (let i = 0; i < flips; i++) bytes[rng.int(bytes.length)] = rng.int(256);
	return {bytes, how: `${flips} random bytes`};
}
