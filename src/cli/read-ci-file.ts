import {readFile} from 'node:fs/promises';
import {resolve} from 'node:path';

export const defaultCiFile = '.dive-ci';

export type CiFile = {readonly path: string; readonly text: string};

export class CiFileError extends Error {
	constructor(
		readonly path: string,
		message: string,
	) {
		super(message);
		this.name = 'CiFileError';
	}
}

/**
Reads the CI rules file. The default `.dive-ci` (relative to `cwd`) may be absent: undefined then, as in dive.
A path given with `--ci-config` must exist (dive silently ignores a missing one; we say so). The returned `path` is
the one to show in messages, as given.
*/
export async function readCiFile(path: string | undefined, cwd: string = process.cwd()): Promise<CiFile | undefined> {
	const explicit = path !== undefined;
	const target = path ?? defaultCiFile;
	try {
		return {path: target, text: await readFile(resolve(cwd, target), 'utf8')};
	} catch (error) {
		const code = (error as {code?: string}).code;
		if (code === 'ENOENT' && !explicit) return undefined;
		if (code === 'ENOENT') throw new CiFileError(target, 'CI config file not found');
		if (code === 'EISDIR') throw new CiFileError(target, 'CI config path is a directory');
		throw new CiFileError(target, `cannot read CI config file: ${error instanceof Error ? error.message : String(error)}`);
	}
}
