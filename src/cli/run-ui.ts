import type {LoadedImage} from '../loader/load-image.js';
import type {CliOptions} from './args.js';

/** Explorer mode (placeholder until the Ink explorer lands). */
export async function runUi(_options: CliOptions, _load: () => Promise<LoadedImage>): Promise<0 | 2> {
	process.stderr.write('layerlens: the interactive explorer is not available yet; use --json or --ci\n');
	return 2;
}
