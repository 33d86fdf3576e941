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
