import type {LoadProgress} from '../../loader/load-image.js';

export type {LoadProgress};

/** Progress events of a load, for the loading view. */
export type ProgressFeed = {subscribe(listener: (progress: LoadProgress) => void): () => void};

/** A feed the CLI fills from `loadImage`'s `onProgress` and hands to `runExplorer`. Remembers the latest event. */
export function createProgressFeed(): ProgressFeed & {report(progress: LoadProgress): void} {
	const listeners = new Set<(progress: LoadProgress) => void>();
	let latest: LoadProgress | undefined;
	return {
		report(progress) {
			latest = progress;
			for (const listener of listeners) listener(progress);
		},
		subscribe(listener) {
			listeners.add(listener);
			if (latest) listener(latest);
			return () => {
				listeners.delete(listener);
			};
		},
	};
}
