import {describeProblem, InputError} from '../loader/errors.js';
import type {InputSource} from '../loader/input-source.js';
import {loadImage, type LoadedImage, type LoadOptions, type LoadProgress} from '../loader/load-image.js';
import {SavedFormatError} from '../saved/saved-format.js';
import {isSavedAnalysis} from '../saved/saved-sniff.js';
import type {CliOptions} from './args.js';
import {openSource, type SourceOptions} from './open-source.js';
import {progressReporter} from './progress.js';

/**
A saved analysis (`--save`) read back instead of an image, when `spec` is one (told from its content, not its name);
undefined otherwise. A damaged or newer-schema file is an InputError naming it. With `early`, it is returned once what
the explorer's first screen shows is read, and its `complete` reads the rest (see `readSaved`).
*/
export async function openSavedAnalysis(spec: string, options: {readonly early?: boolean} = {}): Promise<LoadedImage | undefined> {
	if (spec === '-' || /^[a-z]+:\/\//.test(spec) || !(await isSavedAnalysis(spec))) return undefined;
	const named = (error: unknown) => (error instanceof SavedFormatError ? new InputError(savedProblem(error.message), spec) : error);
	try {
		// The saved-analysis reader loads only for a saved analysis: an image run never compiles it.
		const [{readSaved}, {savedContent}] = await Promise.all([import('../saved/read-saved.js'), import('../saved/saved-content.js')]);
		const saved = await readSaved(spec, {early: options.early === true});
		const content = await savedContent(saved.source, saved.model, process.stdin);
		const complete = () => saved.complete().catch((error: unknown) => Promise.reject(named(error)));
		return {model: saved.model, content, ...(saved.analysis ? {analysis: saved.analysis} : {}), ...(options.early ? {complete} : {})};
	} catch (error) {
		throw named(error);
	}
}

function savedProblem(message: string): string {
	return /^(truncated|corrupt|saved by|not a saved)/.test(message) ? message : `corrupt saved analysis: ${message}`;
}

/** What loading any image needs from the command line: how to find it, which image, and whether to show progress. */
export type ImageOptions = Omit<SourceOptions, 'image'> &
	Pick<CliOptions, 'quiet'> & {
		/** A saved analysis may come back once its first screen's part is read (the explorer): see `openSavedAnalysis`. */
		readonly early?: boolean;
	};

/**
Loads any input layerlens reads: a saved analysis, else an image found as the command line would find it (a file,
an OCI layout, `-`, `docker://`, `registry://`, a bare image name), with the progress line on stderr. `opened` is a
source found already (the explorer opens it before it asks for a terminal); `onLayer` gets each layer as soon as it is
read (see `LoadOptions.onLayer`; a saved analysis reports none).
*/
export async function loadAnyImage(
	spec: string,
	options: ImageOptions,
	onProgress?: (progress: LoadProgress) => void,
	opened?: InputSource,
	onLayer?: LoadOptions['onLayer'],
): Promise<LoadedImage> {
	const saved = await openSavedAnalysis(spec, {early: options.early === true});
	if (saved) return saved;
	const source = opened ?? (await openSource({...options, image: spec}, process.stdin));
	const progress = progressReporter(process.stderr, source.display, options.quiet);
	try {
		return await loadImage(source, {
			...options.select,
			onProgress: event => {
				progress.update(event);
				onProgress?.(event);
			},
			...(onLayer ? {onLayer} : {}),
		});
	} finally {
		progress.done();
	}
}

/** `loadAnyImage` for the other side of a comparison: its errors name that input, not the main image. */
export async function openAnyImage(spec: string, options: ImageOptions, onProgress?: (progress: LoadProgress) => void): Promise<LoadedImage> {
	try {
		return await loadAnyImage(spec, options, onProgress);
	} catch (error) {
		if (error instanceof InputError && error.input !== undefined) throw error;
		throw new InputError(describeProblem(error), spec);
	}
}
