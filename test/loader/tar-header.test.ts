import {describe, expect, test} from 'vitest';
import {checksumMatches, decodeHeader} from '../../src/loader/tar-header.js';
import {createTarWalker} from '../../src/loader/tar-walker.js';
import {base256, rawHeader} from '../helpers/raw-tar.js';

/** Writes the checksum of a hand-made block the slow way: every byte added, the field read as eight spaces. */
function sealed(block: Buffer): Buffer {
	block.fill(0x20, 148, 156);
	let sum = 0;
	for (const byte of block) sum += byte;
	block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
	return block;
}

/** The block copied to `shift` bytes into a larger buffer (a view that does not start on a 4-byte boundary when shift is odd). */
function shifted(block: Buffer, shift: number): Buffer {
	const host = Buffer.alloc(512 + 8);
	block.copy(host, shift);
	return host.subarray(shift, shift + 512);
}

describe('tar header decoding', () => {
	test('octal fields, the typeflag and a link name are read from the bytes', () => {
		const header = decodeHeader(rawHeader({name: 'etc/passwd', size: 1234, mode: 0o755, type: '2', linkname: '../target'}))!;
		expect(header).toEqual({name: 'etc/passwd', linkname: '../target', size: 1234, mode: 0o755, uid: 0, gid: 0, typeflag: '2'});
	});

	test('an all-zero block is the end marker; one non-zero byte makes it a header with a bad checksum', () => {
		expect(decodeHeader(Buffer.alloc(512))).toBeUndefined();
		const almost = Buffer.alloc(512);
		almost[511] = 1;
		expect(() => decodeHeader(almost)).toThrow('not a valid tar archive (bad header checksum)');
	});

	test('a checksum off by one is refused, on aligned and unaligned blocks alike', () => {
		const good = rawHeader({name: 'a.txt', data: 'x'});
		const bad = Buffer.from(good);
		bad[0] = bad[0]! + 1;
		for (const shift of [0, 1, 2, 3, 4]) {
			expect(checksumMatches(shifted(good, shift))).toBe(true);
			expect(checksumMatches(shifted(bad, shift))).toBe(false);
		}
		expect(() => decodeHeader(bad)).toThrow('bad header checksum');
	});

	test('the checksum sum is exact when every byte is 0xff (the largest sum a block can have)', () => {
		const block = sealed(Buffer.alloc(512, 0xff));
		// 504 bytes of 255 and the field counted as eight spaces: 128520 + 256 = 128776 = 0o373410.
		expect(block.toString('ascii', 148, 154)).toBe('373410');
		for (const shift of [0, 1, 2, 3]) expect(checksumMatches(shifted(block, shift))).toBe(true);
		block[300] = 0xfe;
		for (const shift of [0, 1, 2, 3]) expect(checksumMatches(shifted(block, shift))).toBe(false);
	});

	test('a checksum field that is not octal is a mismatch, not an exception', () => {
		const block = rawHeader({name: 'a'});
		block.write('12x456\0 ', 148, 'ascii');
		expect(checksumMatches(block)).toBe(false);
		expect(() => decodeHeader(block)).toThrow('bad header checksum');
	});

	test('a header is read where it sits in a larger buffer', () => {
		const host = Buffer.alloc(4096, 0x41);
		rawHeader({name: 'second', size: 7}).copy(host, 1536);
		expect(decodeHeader(host, 1536)).toMatchObject({name: 'second', size: 7});
		Buffer.alloc(512).copy(host, 2048);
		expect(decodeHeader(host, 2048)).toBeUndefined();
		expect(() => decodeHeader(host, 4096 - 511)).toThrow('truncated');
	});

	test('GNU base-256 sizes: positive values are read, negative ones refused', () => {
		expect(decodeHeader(rawHeader({name: 'big', size: base256(0x80, 2 ** 40 + 5)}))!.size).toBe(2 ** 40 + 5);
		// Two's complement -2: eleven 0xff bytes, then 0xfe.
		const minusTwo = Buffer.alloc(12, 0xff);
		minusTwo[11] = 0xfe;
		expect(() => decodeHeader(rawHeader({name: 'neg', size: minusTwo}))).toThrow('negative size in header');
		expect(() => decodeHeader(rawHeader({name: 'huge', size: base256(0x80, 2 ** 60)}))).toThrow('bad number in header');
	});

	test('an octal field with a stray letter is a bad number', () => {
		const block = rawHeader({name: 'a'});
		block.write('0000009\0', 100, 'ascii');
		expect(() => decodeHeader(sealed(block))).toThrow('bad number in header');
	});

	test('names: UTF-8 is decoded as UTF-8, plain ASCII as itself, a lone high byte as U+FFFD', () => {
		expect(decodeHeader(rawHeader({name: 'café/naïve ☃.txt'}))!.name).toBe('café/naïve ☃.txt');
		expect(decodeHeader(rawHeader({name: 'usr/bin/env'}))!.name).toBe('usr/bin/env');
		const latin = rawHeader({name: 'x'});
		latin[0] = 0xe9;
		expect(decodeHeader(sealed(latin))!.name).toBe('\ufffd');
		// A name that fills all 100 bytes has no NUL.
		expect(decodeHeader(rawHeader({name: 'n'.repeat(100)}))!.name).toBe('n'.repeat(100));
	});

	test('the ustar prefix is joined to the name; a GNU header (magic "ustar  ") has no prefix', () => {
		const posix = rawHeader({name: 'file.txt'});
		posix.write('deep/dir', 345, 'ascii');
		expect(decodeHeader(sealed(posix))!.name).toBe('deep/dir/file.txt');
		const gnu = Buffer.from(posix);
		gnu.write('ustar  \0', 257, 'ascii');
		expect(decodeHeader(sealed(gnu))!.name).toBe('file.txt');
		const v7 = Buffer.from(posix);
		v7.fill(0, 257, 265);
		expect(decodeHeader(sealed(v7))!.name).toBe('file.txt');
	});

	test('an empty typeflag (old tar) is a regular file', () => {
		const block = rawHeader({name: 'old'});
		block[156] = 0;
		expect(decodeHeader(sealed(block))!.typeflag).toBe('0');
	});
});

describe('tar walker', () => {
	test('PAX records override the next header only: path, size, uid and gid', () => {
		const walker = createTarWalker();
		// Record lengths count bytes: "20 path=from/pax/é\n" is 20 bytes, the é two of them.
		const records = '20 path=from/pax/é\n19 size=4000000000\n13 uid=70000\n13 gid=80000\n';
		const pax = Buffer.concat([rawHeader({name: 'PaxHeaders/x', type: 'x', size: Buffer.byteLength(records)}), Buffer.from(records)]);
		const meta = walker.header(pax, 0);
		expect(meta.kind).toBe('meta');
		if (meta.kind !== 'meta') return;
		walker.meta(meta.header, pax.subarray(512, 512 + meta.dataBytes));
		const entry = walker.header(rawHeader({name: 'short', size: 1}));
		expect(entry).toMatchObject({kind: 'entry', dataBytes: 4000000000, record: {name: 'from/pax/é', uid: 70000, gid: 80000, size: 4000000000}});
		expect(walker.header(rawHeader({name: 'next', size: 3}))).toMatchObject({kind: 'entry', dataBytes: 3, record: {name: 'next', uid: 0}});
	});

	test('a GNU long name (L) and long link (K) replace the next header\'s fields', () => {
		const walker = createTarWalker();
		const long = `${'d/'.repeat(80)}leaf`;
		const name = walker.header(rawHeader({name: '././@LongLink', type: 'L', size: long.length + 1}));
		if (name.kind !== 'meta') throw new Error('expected a meta step');
		walker.meta(name.header, Buffer.from(`${long}\0garbage`));
		const link = walker.header(rawHeader({name: '././@LongLink', type: 'K', size: 10}));
		if (link.kind !== 'meta') throw new Error('expected a meta step');
		walker.meta(link.header, Buffer.from('the/target'));
		const entry = walker.header(rawHeader({name: 'cut', type: '2', linkname: 'cut'}));
		expect(entry).toMatchObject({kind: 'entry', dataBytes: 0, record: {name: long, linkname: 'the/target'}});
	});

	test('a header-only type declares a size but carries no data', () => {
		const entry = createTarWalker().header(rawHeader({name: 'dir', type: '5', size: 4096}));
		expect(entry).toMatchObject({kind: 'entry', dataBytes: 0, declaredBytes: 4096});
	});
});
