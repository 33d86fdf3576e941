import {open} from 'node:fs/promises';

export type TarIndexEntry = {readonly name: string; readonly type: string; readonly offset: number; readonly size: number};

const text = (block: Buffer, start: number, length: number) => {
	const field = block.subarray(start, start + length);
	const end = field.indexOf(0);
	return field.subarray(0, end === -1 ? length : end).toString('utf8');
};

function paxPath(data: Buffer): string | undefined {
	for (let offset = 0; offset < data.length; ) {
		const space = data.indexOf(0x20, offset);
		const length = Number.parseInt(data.subarray(offset, space).toString('ascii'), 10);
		if (!(length > 0)) break;
		const record = data.subarray(space + 1, offset + length - 1).toString('utf8');
		if (record.startsWith('path=')) return record.slice(5);
		offset += length;
	}
	return undefined;
}

/** Entry names with the offset and size of their data in an uncompressed tar file, reading headers only. */
export async function indexTar(file: string): Promise<TarIndexEntry[]> {
	const handle = await open(file);
	try {
		const entries: TarIndexEntry[] = [];
		const block = Buffer.alloc(512);
		let position = 0;
		let longName: string | undefined;
		for (;;) {
			const {bytesRead} = await handle.read(block, 0, 512, position);
			if (bytesRead < 512 || block.every((byte) => byte === 0)) break;
			const size = Number.parseInt(text(block, 124, 12).trim() || '0', 8);
			const type = String.fromCharCode(block[156] || 0x30);
			const data = position + 512;
			position = data + Math.ceil(size / 512) * 512;
			if (type === 'x') {
				const pax = Buffer.alloc(size);
				await handle.read(pax, 0, size, data);
				longName = paxPath(pax);
				continue;
			}
			const prefix = text(block, 345, 155);
			const name = longName ?? (prefix ? `${prefix}/${text(block, 0, 100)}` : text(block, 0, 100));
			longName = undefined;
			entries.push({name, type, offset: data, size});
		}
		return entries;
	} finally {
		await handle.close();
	}
}
