import type {Analysis, LayerAnalysis} from './analysis-types.js';
import {addLayer, analysedLayer, createLayerStack, finishAnalysis} from './analyze.js';
import {hintKinds, type HintKind, type HintReport} from './hints/hint-types.js';
import type {ImageModel, Layer, LayerEntry} from './model.js';

/** What is known of an image before its layers: everything of the model but the layers. */
export type ImageHeader = Omit<ImageModel, 'layers'>;

/**
The analysis of an image whose layers are still arriving, for the explorer while it reads. Layer k's changes need only
layers 0..k, so each layer is applied to the stacked filesystem as it arrives: the per-layer half of `analyze`, the
same code, with the same changes and totals. What needs every layer (efficiency, wasted and reclaimable bytes, each
layer's hidden files, the hints, the final filesystem) is left empty in snapshots; `finish` computes it once all are in.
*/
export type ProgressiveAnalysis = {
	/** Layers applied so far. */
	readonly count: number;
	/** Applies the next layer (its `index` must be `count`). */
	add(layer: Layer): void;
	/** The analysis of the layers so far; the figures that need every layer are placeholders (NaN or 0, empty lists). */
	snapshot(): Analysis;
	/**
	The whole analysis of `model`, the same as `analyze(model)`, reusing the layers applied so far; undefined when
	`model` is not what was applied (another layer count, or a layer whose metadata or entries changed since it was
	added: an uncompressed layer on disk gets content hashes after it has been read), so the caller runs `analyze`.
	*/
	finish(model: ImageModel): Analysis | undefined;
};

export function createProgressiveAnalysis(header: ImageHeader): ProgressiveAnalysis {
	const stack = createLayerStack();
	const analysed: LayerAnalysis[] = [];
	const added: Layer[] = [];
	// Each layer's entries as they were when it was added (the model's array may be updated in place later).
	const addedEntries: (readonly LayerEntry[])[] = [];
	let paths = 0;
	let finished = false;
	return {
		get count() {
			return analysed.length;
		},
		add(layer) {
			if (finished) throw new Error('the progressive analysis is finished');
			if (layer.index !== analysed.length) throw new Error(`layer ${layer.index} arrived before layer ${analysed.length}`);
			const stacked = addLayer(stack, layer);
			paths += stacked.added.count - stacked.removed.count;
			added.push(layer);
			addedEntries.push(layer.entries.slice());
			analysed.push(analysedLayer(stacked, stack.changeLists[layer.index]!, 0, []));
		},
		snapshot() {
			return partialAnalysis(header, analysed.slice(), added.slice(), paths);
		},
		finish(model) {
			if (finished || model.layers.length !== added.length) return undefined;
			if (!model.layers.every((layer, index) => sameLayer(layer, added[index]!, addedEntries[index]!))) return undefined;
			finished = true;
			return finishAnalysis(stack, model);
		},
	};
}

function sameLayer(layer: Layer, added: Layer, entries: readonly LayerEntry[]): boolean {
	const {entries: _now, ...meta} = layer;
	const {entries: _then, ...metaThen} = added;
	const keys = Object.keys(meta) as (keyof typeof meta)[];
	if (keys.length !== Object.keys(metaThen).length || keys.some(key => meta[key] !== metaThen[key])) return false;
	return layer.entries.length === entries.length && layer.entries.every((entry, i) => entry === entries[i]);
}

const noHints: HintReport = {hints: [], totals: Object.fromEntries(hintKinds.map(kind => [kind, 0])) as Record<HintKind, number>, savableBytes: 0};

function partialAnalysis(header: ImageHeader, layers: LayerAnalysis[], modelLayers: Layer[], paths: number): Analysis {
	const sizeBytes = layers.reduce((sum, layer) => sum + layer.sizeBytes, 0);
	const baseSizeBytes = layers[0]?.sizeBytes ?? 0;
	return {
		image: {
			...header,
			layerCount: layers.length,
			sizeBytes,
			userSizeBytes: sizeBytes - baseSizeBytes,
			baseSizeBytes,
			efficiencyScore: Number.NaN,
			wastedBytes: 0,
			userWastedPercent: Number.NaN,
			reclaimableBytes: 0,
			userReclaimableBytes: 0,
			// The paths of the filesystem as of the last layer read (what sizes the explorer's tree cache).
			finalFileCount: paths,
		},
		layers,
		inefficiencies: [],
		reclaimable: [],
		hints: noHints,
		model: {...header, layers: modelLayers},
		final: {paths: [], types: [], sizes: [], layers: []},
	};
}
