import {InputError} from './errors.js';

/** A tar header block as stored (ustar, GNU or v7); PAX and GNU long names are applied by the walker. */
export type RawHeader = {
	name: string;
	linkname: string;
	size: number;
	mode: number;
	uid: number;
	gid: number;
	typeflag: string;
};

/**
Types that never carry data, whatever size their header declares: Go's archive/tar (what docker and containerd
use) reads the next header straight after them, and so does every path of ours.
*/
export function isHeaderOnly(typeflag: string): boolean {
	return typeflag >= '1' && typeflag <= '6' && typeflag.length === 1;
}

/** PAX extended headers, PAX global headers and GNU long names: headers whose data describes the next entry. */
export function isMetaHeader(typeflag: string): boolean {
	return typeflag === 'x' || typeflag === 'g' || typeflag === 'L' || typeflag === 'K';
}

/** Whether a 512-byte block's stored checksum matches its bytes (unsigned sum, the checksum field read as spaces). */
export function checksumMatches(block: Uint8Array): boolean {
	if (block.length < 512) return false;
	return checksumAgrees(block, 0, byteSum(block, 0));
}

/** Whether the checksum stored in the block at `at` equals `sum` (all its bytes) with the field counted as spaces. */
function checksumAgrees(block: Uint8Array, at: number, sum: number): boolean {
	let field = 0;
	for (let i = at + 148; i < at + 156; i++) field += block[i]!;
	let stored: number;
	try {
		stored = number(block, at + 148, 8);
	} catch {
		return false;
	}
	return stored === sum - field + 8 * 32;
}

function computeChecksum(block: Uint8Array): number {
	let field = 0;
	for (let i = 148; i < 156; i++) field += block[i]!;
	return byteSum(block, 0) - field + 8 * 32;
}

/**
The unsigned sum of the 512 bytes at `at`. On a 4-byte aligned block the bytes are added four at a time through a
32-bit view: each word is split into two 16-bit lanes holding two bytes each, and 64 words never carry a lane over
(64 × 2 × 255 < 65536), so two halves of 64 words give the exact sum at a quarter of the loop iterations.
*/
function byteSum(block: Uint8Array, at: number): number {
	const start = block.byteOffset + at;
	if ((start & 3) !== 0) {
		let sum = 0;
		for (let i = at; i < at + 512; i++) sum += block[i]!;
		return sum;
	}
	const first = start >>> 2;
	const words = wordsOf(block.buffer, first + 128);
	let low = 0;
	for (let i = first; i < first + 64; i++) {
		const word = words[i]!;
		low += (word & 0x00ff00ff) + ((word >>> 8) & 0x00ff00ff);
	}
	let high = 0;
	for (let i = first + 64; i < first + 128; i++) {
		const word = words[i]!;
		high += (word & 0x00ff00ff) + ((word >>> 8) & 0x00ff00ff);
	}
	return (low & 0xffff) + (low >>> 16) + (high & 0xffff) + (high >>> 16);
}

/**
A 32-bit view of the last buffer summed: the walk's blocks all lie in one read window, so it is made once, not per
header (it keeps that one buffer alive until another is summed).
*/
let lastBuffer: ArrayBufferLike | undefined;
let lastWords: Uint32Array<ArrayBufferLike> = new Uint32Array(0);

/** The view over `buffer`, holding at least `words` words. */
function wordsOf(buffer: ArrayBufferLike, words: number): Uint32Array<ArrayBufferLike> {
	if (buffer !== lastBuffer || lastWords.length < words) {
		lastWords = new Uint32Array(buffer, 0, buffer.byteLength >>> 2);
		lastBuffer = buffer;
	}
	return lastWords;
}

/**
Decodes one 512-byte header, the one at `at` in `block` (no copy is made); undefined for an all-zero block (the
end-of-archive marker).
*/
export function decodeHeader(block: Buffer, at = 0): RawHeader | undefined {
	if (block.length < at + 512) throw new InputError('truncated (unexpected end of data)');
	const sum = byteSum(block, at);
	if (sum === 0) return undefined;
	if (!checksumAgrees(block, at, sum)) throw new InputError('not a valid tar archive (bad header checksum)');
	let name = text(block, at, 100);
	// POSIX ustar (`ustar\0`) keeps a name prefix; GNU's `ustar ` header does not.
	if (isUstar(block, at) && block[at + 262] !== 0x20 && block[at + 345] !== 0) name = `${text(block, at + 345, 155)}/${name}`;
	const size = number(block, at + 124, 12);
	if (size < 0) throw new InputError('not a valid tar archive (negative size in header)');
	const flag = block[at + 156]!;
	return {
		name,
		linkname: block[at + 157] === 0 ? '' : text(block, at + 157, 100),
		size,
		mode: number(block, at + 100, 8),
		uid: number(block, at + 108, 8),
		gid: number(block, at + 116, 8),
		typeflag: flag === 0 ? '0' : String.fromCharCode(flag),
	};
}

function isUstar(block: Buffer, at: number): boolean {
	return block[at + 257] === 0x75 && block[at + 258] === 0x73 && block[at + 259] === 0x74 && block[at + 260] === 0x61 && block[at + 261] === 0x72;
}

/** Rewrites a header block in place to declare no data (its size field zeroed, its checksum updated). */
export function clearSize(block: Buffer): void {
	block.write('00000000000\0', 124, 'ascii');
	block.write(`${computeChecksum(block).toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
}

type PaxRecord = {key: string; value: string; valueStart: number; valueEnd: number};

function paxRecords(buffer: Buffer): PaxRecord[] {
	const records: PaxRecord[] = [];
	let position = 0;
	while (position < buffer.length) {
		const space = buffer.indexOf(0x20, position);
		if (space === -1) break;
		const length = Number.parseInt(buffer.toString('ascii', position, space), 10);
		if (!Number.isFinite(length) || length <= 0 || position + length > buffer.length) break;
		const equals = buffer.indexOf(0x3d, space + 1);
		if (equals > space + 1 && equals < position + length - 1) {
			records.push({
				key: buffer.toString('utf8', space + 1, equals),
				value: buffer.toString('utf8', equals + 1, position + length - 1),
				valueStart: equals + 1,
				valueEnd: position + length - 1,
			});
		}
		position += length;
	}
	return records;
}

const badPax = (why: string) => new InputError(`not a valid tar archive (bad PAX record: ${why})`);

/**
PAX extended header records (`<len> key=value\n`), read as strictly as Go's archive/tar (what docker and containerd
apply layers with) reads them: a record whose length is not a decimal number that fits the data, that lacks its
space, `=` or closing newline, or a `path`/`linkpath` holding a NUL, fails the archive instead of being skipped (a
skipped record let a name the runtime would refuse, or cut at its NUL, stand in the analysis).
*/
export function decodePax(data: Uint8Array): Map<string, string> {
	const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
	const records = new Map<string, string>();
	let position = 0;
	while (position < buffer.length) {
		const space = buffer.indexOf(0x20, position);
		const digits = space === -1 ? '' : buffer.toString('latin1', position, space);
		if (!/^\d{1,12}$/.test(digits)) throw badPax('its length is not a number');
		const length = Number(digits);
		if (length < 5 || position + length > buffer.length) throw badPax(`length ${length} does not fit the ${buffer.length - position} bytes left`);
		const end = position + length - 1;
		if (buffer[end] !== 0x0a) throw badPax('no newline at the end of a record');
		const equals = buffer.indexOf(0x3d, space + 1);
		if (equals === -1 || equals >= end || equals === space + 1) throw badPax('a record without key=value');
		const key = buffer.toString('utf8', space + 1, equals);
		// Searched within this record only: a search to the end of the data, for every record, was quadratic in its size.
		if (buffer.subarray(space + 1, paxTextKeys.has(key) ? end : equals).includes(0)) {
			throw badPax(`a NUL in ${paxTextKeys.has(key) ? `the ${key} value` : 'a key'}`);
		}
		records.set(key, buffer.toString('utf8', equals + 1, end));
		position += length;
	}
	for (const key of ['size', 'uid', 'gid']) {
		const value = records.get(key);
		if (value !== undefined && !(key === 'size' ? /^\d{1,16}$/ : /^-?\d+$/).test(value)) {
			throw new InputError(`not a valid tar archive (bad number in PAX ${key}: ${JSON.stringify(value.slice(0, 40))})`);
		}
	}
	return records;
}

/** The PAX keys whose values are text that must not hold a NUL (Go's validPAXRecord). */
const paxTextKeys = new Set(['path', 'linkpath', 'uname', 'gname']);

/** Overwrites the digits of every `size` record of PAX data with zeros, in place (lengths stay valid). */
export function clearPaxSize(data: Buffer): void {
	for (const record of paxRecords(data)) if (record.key === 'size') data.fill(0x30, record.valueStart, record.valueEnd);
}

/** A PAX numeric value (decimal digits only), or undefined. */
export function paxNumber(value: string | undefined): number | undefined {
	return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** A GNU long name payload: NUL-terminated text. */
export function decodeLongName(data: Uint8Array): string {
	const end = data.indexOf(0);
	return Buffer.from(data.subarray(0, end === -1 ? data.length : end)).toString('utf8');
}

/** NUL-terminated UTF-8 text; ASCII (most names) is decoded as latin1, which gives the same string for less work. */
function text(block: Buffer, offset: number, length: number): string {
	let end = offset;
	let high = 0;
	const limit = offset + length;
	while (end < limit) {
		const byte = block[end]!;
		if (byte === 0) break;
		high |= byte;
		end++;
	}
	return block.toString(high < 0x80 ? 'latin1' : 'utf8', offset, end);
}

const badNumber = () => new InputError('not a valid tar archive (bad number in header)');

/**
Octal ASCII (spaces and NULs around it allowed), or GNU base-256 when the high bit of the first byte is set, read as
Go's archive/tar reads it: bit 0x40 of the first byte is the sign (two's complement), and a value that does not fit
(here: beyond 2^53, where a JavaScript number stops being exact) is `bad number in header`.
*/
function number(block: Uint8Array, offset: number, length: number): number {
	const first = block[offset]!;
	if (first & 0x80) {
		const invert = first & 0x40 ? 0xff : 0;
		let value = 0;
		for (let i = 0; i < length; i++) {
			let byte = block[offset + i]! ^ invert;
			if (i === 0) byte &= 0x7f;
			value = value * 256 + byte;
			if (value > Number.MAX_SAFE_INTEGER) throw badNumber();
		}
		return invert ? -value - 1 : value;
	}
	let value = 0;
	let i = offset;
	const end = offset + length;
	while (i < end && block[i] === 0x20) i++;
	for (; i < end; i++) {
		const byte = block[i]!;
		if (byte === 0 || byte === 0x20) break;
		if (byte < 0x30 || byte > 0x37) throw badNumber();
		value = value * 8 + (byte - 0x30);
	}
	return value;
}
