/** Hand-written tar blocks for hostile-input tests: every byte is ours, nothing comes from a tar library. */

export type RawEntry = {
	readonly name: string;
	/** Typeflag character: '0' file, '1' hard link, '2' symlink, '3' char, '4' block, '5' dir, '6' fifo, 'x' PAX. */
	readonly type?: string;
	/** The size field, as a number (octal) or as the 12 raw bytes to store (base-256 and broken encodings). */
	readonly size?: number | Buffer;
	/** Data written after the header, padded to 512 bytes (may differ from the declared size on purpose). */
	readonly data?: Buffer | string;
	readonly linkname?: string;
	readonly mode?: number;
};

/** One 512-byte ustar header with a correct checksum. */
export function rawHeader(entry: RawEntry): Buffer {
	const block = Buffer.alloc(512);
	block.write(entry.name, 0, 100, 'utf8');
	block.write(`${(entry.mode ?? 0o644).toString(8).padStart(7, '0')}\0`, 100, 'ascii');
	block.write('0000000\0', 108, 'ascii');
	block.write('0000000\0', 116, 'ascii');
	const size = entry.size ?? Buffer.byteLength(entry.data ?? '');
	if (typeof size === 'number') block.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
	else size.copy(block, 124, 0, 12);
	block.write('00000000000\0', 136, 'ascii');
	block.write(entry.type ?? '0', 156, 'ascii');
	if (entry.linkname) block.write(entry.linkname, 157, 100, 'utf8');
	block.write('ustar\u000000', 257, 'binary');
	block.fill(0x20, 148, 156);
	let sum = 0;
	for (const byte of block) sum += byte;
	block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
	return block;
}

/** A PAX extended header (type x) holding `records`, with its data. */
export function paxEntry(records: Record<string, string>): Buffer {
	let text = '';
	for (const [key, value] of Object.entries(records)) {
		const body = ` ${key}=${value}\n`;
		let length = body.length + 1;
		while (String(length).length + body.length !== length) length = String(length).length + body.length;
		text += `${length}${body}`;
	}
	return rawTar([{name: 'PaxHeaders/x', type: 'x', data: text}], false);
}

/** Entries as header + data padded to 512, then (when `end`) the two zero blocks of the end marker. */
export function rawTar(entries: readonly RawEntry[], end = true): Buffer {
	const parts: Buffer[] = [];
	for (const entry of entries) {
		parts.push(rawHeader(entry));
		const data = Buffer.from(entry.data ?? '');
		parts.push(data, Buffer.alloc((512 - (data.length % 512)) % 512));
	}
	if (end) parts.push(Buffer.alloc(1024));
	return Buffer.concat(parts);
}

/** A 12-byte GNU base-256 size field: first byte as given, then the value big-endian. */
export function base256(first: number, value = 0): Buffer {
	const field = Buffer.alloc(12);
	field[0] = first;
	for (let i = 11, rest = value; i > 0; i--, rest = Math.floor(rest / 256)) field[i] = rest % 256;
	return field;
}
