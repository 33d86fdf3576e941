import {checksumMatches} from './tar-header.js';

export type Sniffed = 'gzip' | 'zstd' | 'tar' | 'json' | 'unknown';

/** Tells what a blob holds from its first bytes (at least 512 are needed to recognise a tar). */
export function sniff(head: Uint8Array): Sniffed {
	if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
	if (isZstdMagic(head)) return 'zstd';
	if (isTarHeader(head)) return 'tar';
	const first = firstNonSpace(head);
	if (first === 0x7b || first === 0x5b) return 'json';
	return 'unknown';
}

/**
A zstd frame, or a zstd skippable frame (magic 0x184D2A50 to 0x184D2A5F, RFC 8878 §3.1.2): a valid zstd stream may
start with one (metadata some tools prepend), and every zstd decoder steps over it.
*/
export function isZstdMagic(head: Uint8Array): boolean {
	if (head.length < 4) return false;
	if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return true;
	return (head[0]! & 0xf0) === 0x50 && head[1] === 0x2a && head[2] === 0x4d && head[3] === 0x18;
}

function isTarHeader(head: Uint8Array): boolean {
	if (head.length < 512) return head.length === 0 ? false : isEmptyTar(head);
	if (ascii(head, 257, 5) === 'ustar') return true;
	// Old v7 tars have no magic: trust a matching header checksum (the header parser's own check).
	return checksumMatches(head) || isEmptyTar(head);
}

/** A tar with no entries is just zero blocks. */
function isEmptyTar(head: Uint8Array): boolean {
	return head.length >= 512 && head.subarray(0, 512).every(byte => byte === 0);
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
	return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

function firstNonSpace(bytes: Uint8Array): number | undefined {
	for (const byte of bytes) if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return byte;
	return undefined;
}
