import {readFileSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {createRequire} from 'node:module';
import path from 'node:path';

/**
d3-hierarchy's minified browser build, read from the installed package when a report is written (the dependency
is used, not copied into this repository). It defines `window.d3` with `hierarchy` and `treemap`.
*/
export async function readTreemapLibrary(): Promise<string> {
	return readFile(libraryPath(), 'utf8');
}

export function readTreemapLibrarySync(): string {
	return readFileSync(libraryPath(), 'utf8');
}

function libraryPath(): string {
	const entry = createRequire(import.meta.url).resolve('d3-hierarchy');
	return path.join(path.dirname(entry), 'd3-hierarchy.min.js');
}
