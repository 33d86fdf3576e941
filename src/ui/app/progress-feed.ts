import type {Analysis} from '../../core/analysis-types.js';
import type {ImageModel, Layer} from '../../core/model.js';
import {createProgressiveAnalysis, type ImageHeader, type ProgressiveAnalysis} from '../../core/progressive-analysis.js';
import type {LoadProgress} from '../../loader/load-image.js';

export type {LoadProgress};

/** The layers read so far of an image still loading: their analysis, and how many layers the image has. */
export type LayersSoFar = {readonly analysis: Analysis; readonly layerCount: number};

/** Progress events of a load, for the loading view; and the layers read so far, for the explorer while it reads. */
export type ProgressFeed = {
	subscribe(listener: (progress: LoadProgress) => void): () => void;
	/** Called (with no argument) each time more layers have been read; `layersSoFar` then has them. */
	subscribeLayers?(listener: () => void): () => void;
	/** The layers read so far (a new object after each new layer), undefined before the first. */
	layersSoFar?(): LayersSoFar | undefined;
};

/**
A feed the CLI fills from `loadImage`'s `onProgress` (and `onLayer`) and hands to `runExplorer`. Remembers the latest
event; the layers are analysed as they arrive (`createProgressiveAnalysis`), a snapshot taken only when asked for.
*/
export function createProgressFeed(): ProgressFeed & {
	report(progress: LoadProgress): void;
	layer(layer: Layer, image: {readonly header: ImageHeader; readonly layerCount: number}): void;
	/** Forgets the layers read so far (the load is over: its analysis replaces them). */
	dropLayers(): void;
	/**
	The whole analysis of the loaded `model`, finishing the one made as the layers arrived (see
	`ProgressiveAnalysis.finish`); undefined when there is none or it does not match, then `analyze` is the way.
	*/
	finish(model: ImageModel): Analysis | undefined;
} {
	const listeners = new Set<(progress: LoadProgress) => void>();
	const layerListeners = new Set<() => void>();
	let latest: LoadProgress | undefined;
	let progressive: {analysis: ProgressiveAnalysis; layerCount: number} | undefined;
	let snapshot: LayersSoFar | undefined;
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
		layer(layer, image) {
			// Layer 0 starts an image (a second load, after an image was chosen, starts over).
			if (layer.index === 0 || !progressive) progressive = {analysis: createProgressiveAnalysis(image.header), layerCount: image.layerCount};
			progressive.analysis.add(layer);
			snapshot = undefined;
			for (const listener of layerListeners) listener();
		},
		dropLayers() {
			progressive = undefined;
			snapshot = undefined;
		},
		finish(model) {
			const analysis = progressive?.analysis.finish(model);
			// Either way the stacked layers are done with (the analysis holds what it needs).
			progressive = undefined;
			return analysis;
		},
		subscribeLayers(listener) {
			layerListeners.add(listener);
			if (progressive) listener();
			return () => {
				layerListeners.delete(listener);
			};
		},
		layersSoFar() {
			if (!progressive) return undefined;
			snapshot ??= {analysis: progressive.analysis.snapshot(), layerCount: progressive.layerCount};
			return snapshot;
		},
	};
}
