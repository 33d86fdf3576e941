import {PassThrough} from 'node:stream';
import {analyze} from '../../src/core/analyze.js';
import type {Analysis} from '../../src/core/analysis-types.js';
import {openInput} from '../../src/loader/input-source.js';
import {loadImage, type LoadedImage, type LoadOptions} from '../../src/loader/load-image.js';
import {fixturePath} from './fixtures.js';

/** Loads an archive from a path (absolute, or relative to the shared fixtures). */
export async function loadPath(path: string, options: LoadOptions = {}): Promise<LoadedImage> {
	const full = path.startsWith('/') ? path : fixturePath(path);
	return loadImage(await openInput(full, new PassThrough()), options);
}

export async function analyzePath(path: string, options: LoadOptions = {}): Promise<Analysis> {
	return analyze((await loadPath(path, options)).model);
}

/** Loads an archive held in memory, through the streaming path (as `docker save img | layerlens -` would). */
export async function analyzeBuffer(bytes: Buffer, options: LoadOptions = {}): Promise<Analysis> {
	const {Readable} = await import('node:stream');
	const source = await openInput('-', Readable.from([bytes]));
	return analyze((await loadImage(source, options)).model);
}
