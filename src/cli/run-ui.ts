import {analyze} from '../core/analyze.js';
import type {LoadedImage, LoadProgress} from '../loader/load-image.js';
import {createProgressFeed, runExplorer} from '../ui/run-explorer.js';
import type {ImageChoice} from '../loader/errors.js';
import type {CliOptions} from './args.js';

/**
Explorer mode: the explorer opens at once with a loading view fed by the loader's progress, and shows the
analysis when it is ready. A load error surfaces here (after the terminal is restored) as the usual one line.
*/
export async function runUi(
	options: CliOptions,
	load: (onProgress: (progress: LoadProgress) => void, choice?: ImageChoice) => Promise<LoadedImage>,
	canReload = false,
): Promise<0> {
	const feed = createProgressFeed();
	const start = (choice?: ImageChoice) => load(feed.report, choice).then(loaded => ({analysis: analyze(loaded.model), content: loaded.content}));
	const input = start();
	input.catch(() => {}); // Reported through runExplorer, which rejects with the same error.
	// An archive with several images offers them in the explorer when it can be read again.
	const exit = await runExplorer({input, name: options.image, progress: feed, ...(canReload ? {reload: start} : {})});
	// Leaving while a large archive is still being read should not wait for the read to finish.
	if (exit.reason === 'quit-while-loading') process.exit(0);
	return 0;
}
