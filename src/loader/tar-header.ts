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

/** Decodes one 512-byte header; undefined for an all-zero block (the end-of-archive marker). */
export function decodeHeader(block: Buffer): RawHeader | undefined {
	if (block.length < 512) throw new InputError('truncated (unexpected end of data)');
	let sum = 0;
	let zero = true;
	for (let i = 0; i < 512; i++) {
		const byte = block[i]!;
		if (byte !== 0) zero = false;
		sum += i >= 148 && i < 156 ? 32 : byte;
	}
	if (zero) return undefined;
	if (sum !== number(block, 148, 8)) throw new InputError('not a valid tar archive (bad header checksum)');
	let name = text(block, 0, 100);
	const magic = text(block, 257, 6);
	if (magic.startsWith('ustar') && magic !== 'ustar ' && block[345] !== 0) name = `${text(block, 345, 155)}/${name}`;
	return {
		name,
		linkname: text(block, 157, 100),
		size: number(block, 124, 12),
		mode: number(block, 100, 8),
		uid: number(block, 108, 8),
		gid: number(block, 116, 8),
		typeflag: block[156] === 0 ? '0' : String.fromCharCode(block[156]!),
	};
}

/** PAX extended header records (`<len> key=value\n`). */
export function decodePax(data: Uint8Array): Map<string, string> {
	const records = new Map<string, string>();
	const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
	let position = 0;
	while (position < buffer.length) {
		const space = buffer.indexOf(0x20, position);
		if (space === -1) break;
		const length = Number.parseInt(buffer.toString('ascii', position, space), 10);
		if (!Number.isFinite(length) || length <= 0 || position + length > buffer.length) break;
		const record = buffer.toString('utf8', space + 1, position + length - 1);
		const equals = record.indexOf('=');
		if (equals > 0) records.set(record.slice(0, equals), record.slice(equals + 1));
		position += length;
	}
	return records;
}

/** A GNU long name payload: NUL-terminated text. */
export function decodeLongName(data: Uint8Array): string {
	const end = data.indexOf(0);
	return Buffer.from(data.subarray(0, end === -1 ? data.length : end)).toString('utf8');
}

function text(block: Buffer, offset: number, length: number): string {
	let end = offset;
	while (end < offset + length && block[end] !== 0) end++;
	return block.toString('utf8', offset, end);
}

/** Octal ASCII (spaces and NULs around it allowed), or GNU base-256 when the high bit of the first byte is set. */
function number(block: Buffer, offset: number, length: number): number {
	if (block[offset]! & 0x80) {
		let value = block[offset]! & 0x7f;
		for (let i = 1; i < length; i++) value = value * 256 + block[offset + i]!;
		return value;
	}
	let value = 0;
	let i = offset;
	const end = offset + length;
	while (i < end && block[i] === 0x20) i++;
	for (; i < end; i++) {
		const byte = block[i]!;
		if (byte === 0 || byte === 0x20) break;
		if (byte < 0x30 || byte > 0x37) throw new InputError('not a valid tar archive (bad number in header)');
		value = value * 8 + (byte - 0x30);
	}
	return value;
}
