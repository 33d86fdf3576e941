import type {Analysis, Change, ChangeTotals, HiddenCopy, LayerAnalysis, Reclaimable} from './analysis-types.js';
import {applyLayer} from './apply-layer.js';
import {createEfficiencyTracker, effectiveLayer, efficiencyResult, visitLayer, type EfficiencyTracker} from './efficiency.js';
import {createRoot, lookup, nodeCount, pathTableOf, walk, type FsNode} from './fs-tree.js';
import {layerHeader} from './layer-header.js';
import {computeHints, emptyHintReport} from './hints/compute-hints.js';
import type {EntryType, ImageModel, Layer, LayerEntry} from './model.js';
import {absolute} from './paths.js';

export type AnalyzeOptions = {
	/** Compute the waste hints (default true); false leaves the report empty (the bench measures what hints cost). */
	readonly hints?: boolean;
};

/** The aggregator: one pass over the layers in order, building the stacked filesystem incrementally (O(L·N)). */
export function analyze(model: ImageModel, options: AnalyzeOptions = {}): Analysis {
	const stack = createLayerStack();
	for (const layer of model.layers) addLayer(stack, layer);
	return finishAnalysis(stack, model, options);
}

/** What a layer's own changes are, relative to the layers below it: all of a layer's analysis that later layers cannot change. */
export type StackedLayer = Omit<LayerAnalysis, 'reclaimableBytes' | 'hidden'>;

/** The per-layer half of `analyze`, applied one layer at a time (layers may arrive while an image is read). */
export type LayerStack = {
	readonly root: FsNode;
	readonly tracker: EfficiencyTracker;
	readonly effective: LayerEntry[][];
	readonly layers: StackedLayer[];
};

export function createLayerStack(): LayerStack {
	const root = createRoot();
	return {root, tracker: createEfficiencyTracker(pathTableOf(root)), effective: [], layers: []};
}

/** Applies the next layer (`layer.index` must be the number of layers stacked so far) and returns its changes. */
export function addLayer(stack: LayerStack, layer: Layer): StackedLayer {
	const {root, tracker, effective} = stack;
	const {entries, listed} = effectiveLayer(tracker, layer.entries);
	effective.push(entries);
	visitLayer(tracker, entries, root, listed);
	const changes = applyLayer(root, entries, layer.index, listed.ids);
	const stacked: StackedLayer = {
		...layerHeader(layer),
		entryCount: layer.entries.length,
		changes,
		added: totals(changes, 'added'),
		modified: totals(changes, 'modified'),
		removed: totals(changes, 'removed'),
	};
	stack.layers.push(stacked);
	return stacked;
}

/** The whole-image half of `analyze`, once every layer of `model` is in `stack` (in order). */
export function finishAnalysis(stack: LayerStack, model: ImageModel, options: AnalyzeOptions = {}): Analysis {
	const {root, tracker, effective, layers} = stack;
	const efficiency = efficiencyResult(tracker);
	const {reclaimable, perLayer} = hiddenCopies(effective, root, layers);
	const userReclaimableBytes = sum(perLayer.slice(1).map(hidden => sum(hidden.map(copy => copy.bytes))));
	const sizeBytes = sum(layers.map(layer => layer.sizeBytes));
	const baseSizeBytes = layers[0]?.sizeBytes ?? 0;
	const userSizeBytes = sizeBytes - baseSizeBytes;
	// Made at their final length: grown by push, each column left a trail of larger and larger copies behind.
	const count = nodeCount(root) - 1;
	const final = {
		paths: new Array<string>(count),
		types: new Array<EntryType>(count),
		sizes: new Array<number>(count),
		layers: new Array<number>(count),
	};
	let at = 0;
	walk(root, node => {
		if (node === root) return;
		final.paths[at] = node.path;
		final.types[at] = node.entry.type;
		final.sizes[at] = node.entry.size;
		final.layers[at] = node.layer;
		at++;
	});
	if (at !== count) throw new Error(`analysis: the tree holds ${count} paths but its walk visited ${at}`);
	const finalFileCount = count;

	const analysedLayers = layers.map((layer, index): LayerAnalysis => ({
		...layer,
		reclaimableBytes: sum(perLayer[index]!.map(copy => copy.bytes)),
		hidden: perLayer[index]!,
	}));
	const hints = options.hints === false ? emptyHintReport() : computeHints({
		layers: analysedLayers,
		effective,
		finalEntry: path => lookup(root, path)?.entry,
		finalLayer: path => lookup(root, path)?.layer,
	});

	return {
		image: {
			name: model.name,
			tags: model.tags,
			format: model.format,
			configDigest: model.configDigest,
			platform: model.platform,
			layerCount: layers.length,
			sizeBytes,
			userSizeBytes,
			baseSizeBytes,
			efficiencyScore: efficiency.score,
			wastedBytes: efficiency.wastedBytes,
			userWastedPercent: efficiency.wastedBytes / userSizeBytes,
			reclaimableBytes: sum(reclaimable.map(item => item.bytes)),
			userReclaimableBytes,
			finalFileCount,
		},
		layers: analysedLayers,
		inefficiencies: efficiency.inefficiencies,
		reclaimable,
		hints,
		model,
		final,
	};
}

/**
Every stored copy of a path except the one the final filesystem shows: a layer's regular file whose entry is not the
one the final tree holds at its path. Totals per path, and per layer the copies it stored, each with the first later
layer that writes, changes or removes its path (the one that hides it).
*/
function hiddenCopies(effective: readonly LayerEntry[][], root: FsNode, layers: ReadonlyArray<{changes: readonly Change[]}>) {
	const found: Array<{layer: number; entry: LayerEntry}> = [];
	for (const [layer, entries] of effective.entries()) {
		for (const entry of entries) {
			if (entry.type === 'file' && entry.size > 0 && lookup(root, entry.path)?.entry !== entry) found.push({layer, entry});
		}
	}
	const perLayer: HiddenCopy[][] = effective.map(() => []);
	// Most images hide few copies, a single layer none: the walk over every path below is for those few.
	if (found.length === 0) return {reclaimable: [] as Reclaimable[], perLayer};
	// The same lists keyed by relative path (entries) and by absolute path (changes): a change's path is looked up as
	// it is, not cut into a new string that would have to be hashed anew (one per change of every layer).
	const touches = new Map<string, number[]>();
	const touchesAbsolute = new Map<string, number[]>();
	for (const {entry} of found) {
		if (touches.has(entry.path)) continue;
		const list: number[] = [];
		touches.set(entry.path, list);
		touchesAbsolute.set(absolute(entry.path), list);
	}
	const touch = (list: number[] | undefined, layer: number) => {
		if (list && list.at(-1) !== layer) list.push(layer);
	};
	for (const [layer, entries] of effective.entries()) {
		for (const entry of entries) touch(touches.get(entry.path), layer);
		for (const change of layers[layer]!.changes) touch(touchesAbsolute.get(change.path), layer);
	}
	const byPath = new Map<string, {copies: number; bytes: number}>();
	for (const {layer, entry} of found) {
		const hiddenBy = touches.get(entry.path)!.find(later => later > layer) ?? -1;
		perLayer[layer]!.push({path: absolute(entry.path), bytes: entry.size, hiddenBy});
		const total = byPath.get(entry.path) ?? {copies: 0, bytes: 0};
		total.copies++;
		total.bytes += entry.size;
		byPath.set(entry.path, total);
	}
	const largestFirst = <T extends {path: string; bytes: number}>(a: T, b: T) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1);
	for (const hidden of perLayer) hidden.sort(largestFirst);
	const reclaimable: Reclaimable[] = [...byPath].map(([path, total]) => ({path: absolute(path), ...total}));
	reclaimable.sort(largestFirst);
	return {reclaimable, perLayer};
}

function totals(changes: readonly Change[], kind: Change['kind']): ChangeTotals {
	let count = 0;
	let bytes = 0;
	for (const change of changes) {
		if (change.kind !== kind) continue;
		count++;
		bytes += change.size;
	}
	return {count, bytes};
}

function sum(values: readonly number[]): number {
	return values.reduce((total, value) => total + value, 0);
}
