import type {EntryType} from '../../core/model.js';

const typeChars: Record<EntryType, string> = {
	dir: 'd',
	file: '-',
	hardlink: '-',
	symlink: 'l',
	char: 'c',
	block: 'b',
	fifo: 'p',
};

/** `ls -l` style: `drwxr-xr-x`, with s/S for setuid and setgid and t/T for sticky. */
export function formatMode(type: EntryType, mode: number): string {
	const bit = (mask: number, char: string) => (mode & mask ? char : '-');
	const exec = (mask: number, special: number, on: string, off: string) => {
		if (mode & special) return mode & mask ? on : off;
		return mode & mask ? 'x' : '-';
	};
	return (
		typeChars[type] +
		bit(0o400, 'r') +
		bit(0o200, 'w') +
		exec(0o100, 0o4000, 's', 'S') +
		bit(0o040, 'r') +
		bit(0o020, 'w') +
		exec(0o010, 0o2000, 's', 'S') +
		bit(0o004, 'r') +
		bit(0o002, 'w') +
		exec(0o001, 0o1000, 't', 'T')
	);
}
