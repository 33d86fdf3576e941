import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {gunzipSync, gzipSync} from 'node:zlib';

/** A schema 2 file as the previous layerlens wrote it: `--save` of real/small-app.oci-archive.uncompressed.tar. */
export const schema2File = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../saved/files/small-app.schema2.lla');

/** A schema 3 file taken apart as the README describes it: three gzip members (header line; manifest and front data; rest data). */
export type Schema3Parts = {readonly header: Record<string, unknown>; readonly manifest: Record<string, unknown>; readonly front: Buffer; readonly rest: Buffer};

/** Where the first gzip member ends: the first gzip magic after which the bytes before it inflate on their own. */
function firstMemberEnd(file: Buffer): number {
	const magic = Buffer.from([0x1f, 0x8b, 0x08]);
	for (let at = file.indexOf(magic, 18); at !== -1; at = file.indexOf(magic, at + 1)) {
		try {
			gunzipSync(file.subarray(0, at));
			return at;
		} catch {
			// Not the end of the first member.
		}
	}
	throw new Error('one gzip member only');
}

export function schema3Parts(file: Buffer): Schema3Parts {
	const end = firstMemberEnd(file);
	const header = JSON.parse(gunzipSync(file.subarray(0, end)).toString('utf8')) as Record<string, unknown>;
	const frontEnd = end + (header['frontGzipBytes'] as number);
	const frontContent = gunzipSync(file.subarray(end, frontEnd));
	const newline = frontContent.indexOf(10);
	return {
		header,
		manifest: JSON.parse(frontContent.toString('utf8', 0, newline)) as Record<string, unknown>,
		front: frontContent.subarray(newline + 1),
		rest: gunzipSync(file.subarray(frontEnd)),
	};
}

/**
A schema 3 file put together as the writer does: the manifest line padded to a multiple of 8, the header's sizes
filled in (then `headerFields` set over them).
*/
export function assembleSchema3({header, manifest, front, rest}: Schema3Parts, headerFields: Record<string, unknown> = {}): Buffer {
	const line = JSON.stringify(manifest);
	const end = Buffer.byteLength(line) + 1;
	const frontContent = Buffer.concat([Buffer.from(`${line}${' '.repeat((8 - (end % 8)) % 8)}\n`), front]);
	const frontMember = gzipSync(frontContent);
	const head = {...header, bytes: frontContent.length, frontGzipBytes: frontMember.length, restBytes: rest.length, ...headerFields};
	return Buffer.concat([gzipSync(`${JSON.stringify(head)}\n`), frontMember, gzipSync(rest)]);
}

type PartRecord = {textBytes: number; sections: Array<[string, string, number]>};

const bytesPer: Record<string, number> = {u8: 1, u16: 2, u32: 4, i32: 4, f64: 8};

/** A part's data with the first value of the named section (a string reference) set to its kind's largest value: past a string table of fewer strings. */
export function withBadReference(data: Buffer, part: PartRecord, name: string): Buffer {
	const bytes = Buffer.from(data);
	const align = (offset: number) => Math.ceil(offset / 8) * 8;
	let at = align(part.textBytes);
	for (const [section, kind, count] of part.sections) {
		if (section === name) {
			if (kind !== 'u8' && kind !== 'u16' && kind !== 'u32') throw new Error(`${name} is stored as ${kind}`);
			bytes.fill(0xff, at, at + bytesPer[kind]!);
			return bytes;
		}
		at = align(at + bytesPer[kind]! * count);
	}
	throw new Error(`no section ${name}`);
}

/** The rest part with its first entry's path set far past the string table. */
export function restWithBadReference(parts: Schema3Parts): Buffer {
	return withBadReference(parts.rest, parts.manifest['rest'] as PartRecord, 'entry.path');
}
