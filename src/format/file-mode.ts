/**
Go's `os.FileMode` as `archive/tar`'s `Header.FileInfo().Mode()` computes it: the permission bits, setuid / setgid /
sticky moved to Go's own bits, type bits from the header mode's `S_IFMT` part and from the typeflag, OR-ed.
*/

export const goModeDir = 2 ** 31;
export const goModeSymlink = 2 ** 27;
export const goModeDevice = 2 ** 26;
export const goModeNamedPipe = 2 ** 25;
export const goModeSocket = 2 ** 24;
export const goModeSetuid = 2 ** 23;
export const goModeSetgid = 2 ** 22;
export const goModeCharDevice = 2 ** 21;
export const goModeSticky = 2 ** 20;

/** Type bits of the header mode (`mode &^ 07777`, compared whole, as Go does). */
const headerTypeBits: ReadonlyMap<number, number> = new Map([
	[0o040000, goModeDir],
	[0o010000, goModeNamedPipe],
	[0o120000, goModeSymlink],
	[0o060000, goModeDevice],
	[0o020000, goModeDevice | goModeCharDevice],
	[0o140000, goModeSocket],
]);

/** Type bits of the typeflag byte: '2' symlink, '3' char device, '4' block device, '5' dir, '6' fifo. */
const typeFlagBits: ReadonlyMap<number, number> = new Map([
	[0x32, goModeSymlink],
	[0x33, goModeDevice | goModeCharDevice],
	[0x34, goModeDevice],
	[0x35, goModeDir],
	[0x36, goModeNamedPipe],
]);

/** `mode` is the tar header's mode field, `typeFlag` its typeflag byte (48 = '0'). Returns Go's uint32 FileMode. */
export function goFileMode(mode: number, typeFlag: number): number {
	const m = mode >>> 0; // Go converts the int64 header mode to a uint32 FileMode.
	let result = m & 0o777;
	if (m & 0o4000) result |= goModeSetuid;
	if (m & 0o2000) result |= goModeSetgid;
	if (m & 0o1000) result |= goModeSticky;
	result |= headerTypeBits.get((m & ~0o7777) >>> 0) ?? 0;
	result |= typeFlagBits.get(typeFlag) ?? 0;
	return result >>> 0;
}

export function goModeIsDir(fileMode: number): boolean {
	return fileMode >= goModeDir;
}
