import type {Analysis, LayerAnalysis} from './analysis-types.js';
import {totals} from './analyze.js';
import {applyLayer} from './apply-layer.js';
import {createRoot, type FsNode} from './fs-tree.js';
import {hintKinds, type HintKind, type HintReport} from './hints/hint-types.js';
import {effectiveByPath} from './layer-entries.js';
import type {ImageModel, Layer} from './model.js';

/** What is known of an image before its layers: everything of the model but the layers. */
export type ImageHeader = Omit<ImageModel, 'layers'>;

/**
The analysis of an image whose layers are still arriving, for the explorer while it reads. Layer k's changes need only
layers 0..k, so each layer is applied to the stacked filesystem as it arrives (the per-layer part of `analyze`, with
the same results: the same changes and totals). What needs every layer (efficiency, wasted and reclaimable bytes,
each layer's hidden files, the hints, the final filesystem) is left empty: `analyze` computes it once all are read.
*/
export type ProgressiveAnalysis = {
	/** Layers applied so far. */
	readonly count: number;
	/** Applies the next layer (its `index` must be `count`). */
	add(layer: Layer): void;
	/** The analysis of the layers so far; the figures that need every layer are placeholders (NaN or 0, empty lists). */
	snapshot(): Analysis;
	/** Drops the stacked filesystem (no more layers will come); snapshots still work. */
	close(): void;
};

export function createProgressiveAnalysis(header: ImageHeader): ProgressiveAnalysis {
	let root: FsNode | undefined = createRoot();
	const layers: LayerAnalysis[] = [];
	const modelLayers: Layer[] = [];
	let paths = 0;
	return {
		get count() {
			return layers.length;
		},
		add(layer) {
			if (!root) throw new Error('the progressive analysis is closed');
			if (layer.index !== layers.length) throw new Error(`layer ${layer.index} arrived before layer ${layers.length}`);
			const entries = [...effectiveByPath(layer.entries).values()];
			const changes = applyLayer(root, entries, layer.index);
			const added = totals(changes, 'added');
			const removed = totals(changes, 'removed');
			paths += added.count - removed.count;
			modelLayers.push(layer);
			layers.push({
				index: layer.index,
				id: layer.id,
				diffId: layer.diffId,
				blob: layer.blob,
				command: layer.command,
				createdBy: layer.createdBy,
				sizeBytes: layer.sizeBytes,
				compression: layer.compression,
				entryCount: layer.entries.length,
				changes,
				added,
				modified: totals(changes, 'modified'),
				removed,
				reclaimableBytes: 0,
				hidden: [],
			});
		},
		snapshot() {
			return partialAnalysis(header, layers.slice(), modelLayers.slice(), paths);
		},
		close() {
			root = undefined;
		},
	};
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
