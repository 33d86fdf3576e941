import {constants} from 'node:fs';
import {lstat, mkdir, open, unlink, type FileHandle} from 'node:fs/promises';
import path from 'node:path';

/** Something that would write outside the target directory, or through a link, was refused. */
export class UnsafePathError extends Error {
	override readonly name = 'UnsafePathError';
}

/** A single path component that is safe to create: not empty, `.` or `..`, no separator, no NUL. */
export function isSafeName(name: string): boolean {
	return name !== '' && name !== '.' && name !== '..' && !name.includes('/') && !name.includes('\\') && !name.includes('\0');
}

/**
`root` joined with `names`, after checking every name. The result is always strictly inside `root`.
*/
export function joinInside(root: string, names: readonly string[]): string {
	if (names.length === 0) throw new UnsafePathError('empty path');
	for (const name of names) if (!isSafeName(name)) throw new UnsafePathError(`unsafe name ${JSON.stringify(name)}`);
	const joined = path.join(root, ...names);
	if (!joined.startsWith(root.endsWith(path.sep) ? root : root + path.sep)) throw new UnsafePathError(`${joined} is outside ${root}`);
	return joined;
}

/**
Creates the directories `root/names[0]/…/names[n-1]`, refusing to pass through anything that is not a real
directory (a symlink planted there, by the archive or by anyone before the extract, is never followed). A directory in
`verified` is not checked again: within one extract the archive cannot replace it (the tree holds each path once, its
links are made after its files, and `clearSpot` never removes a directory); another process racing the extract on the
same directories is outside what a check-then-open can stop, before or after this cache.
*/
export async function ensureDirs(root: string, names: readonly string[], mode = 0o755, verified?: Set<string>): Promise<void> {
	// A deep tree checked prefix by prefix from the top costs depth² system calls on paths of growing length: an
	// extract passes `verified` (the directories this run already made or checked) so each is checked once.
	let from = names.length;
	if (verified) while (from > 0 && !verified.has(joinInside(root, names.slice(0, from)))) from--;
	for (let i = from + 1; i <= names.length; i++) {
		const dir = joinInside(root, names.slice(0, i));
		const stat = await lstat(dir).catch((error: NodeJS.ErrnoException) => {
			if (error.code === 'ENOENT') return undefined;
			throw error;
		});
		if (!stat) {
			await mkdir(dir, {mode: (mode & 0o777) | 0o700});
			verified?.add(dir);
			continue;
		}
		if (stat.isSymbolicLink()) throw new UnsafePathError(`${dir} is a symbolic link: not writing through it`);
		if (!stat.isDirectory()) throw new UnsafePathError(`${dir} exists and is not a directory`);
		verified?.add(dir);
	}
}

/** Removes what is at `file` (a file or a link, never a directory) so a fresh entry can be created there. */
export async function clearSpot(file: string): Promise<void> {
	const stat = await lstat(file).catch(() => undefined);
	if (!stat) return;
	if (stat.isDirectory()) throw new UnsafePathError(`${file} exists and is a directory`);
	await unlink(file);
}

/**
Creates a new regular file inside `root` for writing: parents are checked with `ensureDirs`, an existing file or
link at the spot is removed first, and the open uses O_EXCL | O_NOFOLLOW so nothing can redirect it.
*/
export async function createFileInside(root: string, names: readonly string[], mode: number, verified?: Set<string>): Promise<FileHandle> {
	await ensureDirs(root, names.slice(0, -1), 0o755, verified);
	const file = joinInside(root, names);
	await clearSpot(file);
	const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
	return open(file, flags, (mode & 0o777) | 0o600);
}
