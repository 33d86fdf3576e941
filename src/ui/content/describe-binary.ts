type Magic = {readonly offset: number; readonly bytes: readonly number[]; readonly name: string};

const ascii = (text: string) => [...text].map(char => char.charCodeAt(0));

const magics: readonly Magic[] = [
	{offset: 0, bytes: [0x7f, 0x45, 0x4c, 0x46], name: 'ELF executable or library'},
	{offset: 0, bytes: [0x1f, 0x8b], name: 'gzip compressed data'},
	{offset: 0, bytes: [0x28, 0xb5, 0x2f, 0xfd], name: 'zstd compressed data'},
	{offset: 0, bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], name: 'xz compressed data'},
	{offset: 0, bytes: ascii('BZh'), name: 'bzip2 compressed data'},
	{offset: 0, bytes: [0x50, 0x4b, 0x03, 0x04], name: 'zip archive (or jar/wheel)'},
	{offset: 257, bytes: ascii('ustar'), name: 'tar archive'},
	{offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47], name: 'PNG image'},
	{offset: 0, bytes: [0xff, 0xd8, 0xff], name: 'JPEG image'},
	{offset: 0, bytes: ascii('GIF8'), name: 'GIF image'},
	{offset: 0, bytes: ascii('%PDF'), name: 'PDF document'},
	{offset: 0, bytes: [0x00, 0x61, 0x73, 0x6d], name: 'WebAssembly module'},
	{offset: 0, bytes: [0xca, 0xfe, 0xba, 0xbe], name: 'Mach-O universal binary or Java class'},
	{offset: 0, bytes: ascii('SQLite format 3'), name: 'SQLite database'},
	{offset: 0, bytes: ascii('!<arch>'), name: 'ar archive (static library or .deb)'},
	{offset: 0, bytes: [0x4d, 0x5a], name: 'PE/DOS executable'},
	{offset: 0, bytes: [0xed, 0xab, 0xee, 0xdb], name: 'RPM package'},
];

/** A short description of binary content from its first bytes (`data` when nothing matches). */
export function describeBinary(head: Uint8Array): string {
	for (const magic of magics) {
		if (head.length < magic.offset + magic.bytes.length) continue;
		if (magic.bytes.every((byte, i) => head[magic.offset + i] === byte)) return magic.name;
	}
	return 'data';
}
