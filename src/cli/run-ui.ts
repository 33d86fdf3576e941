import {analyze} from '../core/analyze.js';
import type {LoadedImage, LoadProgress} from '../loader/load-image.js';
import {createProgressFeed, runExplorer} from '../ui/run-explorer.js';
import type {CliOptions} from './args.js';

/**
Explorer mode: the explorer opens at once with a loading view fed by the loader's progress, and shows the
analysis when it is ready. A load error surfaces here (after the terminal is restored) as the usual one line.
*/
export async function runUi(options: CliOptions, load: (onProgress: (progress: LoadProgress) => void) => Promise<LoadedImage>): Promise<0> {
	const feed = createProgressFeed();
	const input = load(feed.report).then(loaded => ({analysis: analyze(loaded.model), content: loaded.content}));
	input.catch(() => {}); // Reported through runExplorer, which rejects with the same error.
	const exit = await runExplorer({input, name: options.image, progress: feed});
	// Leaving while a large archive is still being read should not wait for the read to finish.
	if (exit.reason === 'quit-while-loading') process.exit(0);
	return 0;
}
