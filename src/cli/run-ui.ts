import path from 'node:path';
import type {Analysis} from '../core/analysis-types.js';
import {analyze} from '../core/analyze.js';
import type {ImageModel} from '../core/model.js';
import {defaultGrowthDepth} from '../core/compare/compare-images.js';
import {versusTree} from '../core/compare/versus-tree.js';
import type {LoadedImage, LoadOptions, LoadProgress} from '../loader/load-image.js';
import {createProgressFeed} from '../ui/app/progress-feed.js';
import type {ExplorerInput} from '../ui/run-explorer.js';
import type {ImageChoice} from '../loader/errors.js';
import type {CliOptions} from './args.js';
import {compareLoaded} from './compare-inputs.js';
import {openAnyImage} from './open-image.js';

/**
Explorer mode: the explorer opens at once with a loading view fed by the loader's progress, shows the layers as
they are read (as soon as the first one is, when the archive gives the layer order early), and the whole analysis
when it is ready. A load error surfaces here (after the terminal is restored) as the usual one line.
With `--compare OLD`, the other image is read as well and the tree can switch to the comparison with it.
*/
export async function runUi(
	options: CliOptions,
	load: (onProgress: (progress: LoadProgress) => void, choice?: ImageChoice, onLayer?: LoadOptions['onLayer']) => Promise<LoadedImage>,
	canReload = false,
): Promise<0> {
	const feed = createProgressFeed();
	const start = (choice?: ImageChoice) =>
		load(feed.report, choice, feed.layer)
			.then(loaded => explorerInput(options, loaded, feed.report, feed.finish))
			.finally(() => feed.dropLayers());
	// The image is read while the explorer's modules (Ink, React, yoga) load and compile: the feed keeps what the
	// read reports meanwhile, and the workers decode and hash while the main thread compiles.
	const input = start();
	let read: ExplorerInput | undefined;
	// A failure is reported through runExplorer, which rejects with the same error.
	input.then(value => (read = value), () => {});
	const {runExplorer} = await import('../ui/run-explorer.js');
	// A small image or a saved analysis is often read before Ink has loaded: then the first frame is the explorer
	// itself, with no loading view drawn before it. An archive with several images offers them in the explorer when
	// it can be read again.
	const exit = await runExplorer({input: read ?? input, name: options.image, progress: feed, ...(canReload ? {reload: start} : {})});
	// Leaving while a large archive is still being read should not wait for the read to finish.
	if (exit.reason === 'quit-while-loading') process.exit(0);
	return 0;
}

async function explorerInput(
	options: CliOptions,
	loaded: LoadedImage,
	onProgress: (progress: LoadProgress) => void,
	finish: (model: ImageModel) => Analysis | undefined = () => undefined,
): Promise<ExplorerInput> {
	// The analysis made as the layers arrived, finished, when it matches the loaded model; else a fresh one.
	const analysis = loaded.analysis ?? finish(loaded.model) ?? analyze(loaded.model);
	// A saved analysis opened early: the explorer reads the rest after its first screen.
	if (options.compare === undefined) return {analysis, content: loaded.content, ...(loaded.complete ? {complete: loaded.complete} : {})};
	// The comparison reads the image's entries now: the whole saved analysis first.
	await loaded.complete?.();
	const old = await openAnyImage(options.compare, {select: options.select, quiet: true}, onProgress);
	const {comparison, oldFiles, newFiles} = await compareLoaded({loaded: old, spec: options.compare}, {loaded, spec: options.image, analysis}, defaultGrowthDepth);
	const tree = versusTree(oldFiles, newFiles, comparison.files);
	const {added, removed, changed} = comparison.fileTotals;
	const title = `+${added} ~${changed} -${removed} vs ${path.basename(options.compare)}`;
	return {analysis, content: loaded.content, versus: {tree, title}};
}
