import type {Analysis, HiddenCopy, LayerAnalysis, Reclaimable} from './analysis-types.js';
import {applyLayer} from './apply-layer.js';
import {changeKindCodes, kindTotals, withChanges, type ChangeList} from './change-list.js';
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
	/** Each layer's changes as the analysis keeps them (`layers[i].changes` makes records of them when read). */
	readonly changeLists: ChangeList[];
};

export function createLayerStack(): LayerStack {
	const root = createRoot();
	return {root, tracker: createEfficiencyTracker(pathTableOf(root)), effective: [], layers: [], changeLists: []};
}

/** Applies the next layer (`layer.index` must be the number of layers stacked so far) and returns its changes. */
export function addLayer(stack: LayerStack, layer: Layer): StackedLayer {
	const {root, tracker, effective} = stack;
	const {entries, listed} = effectiveLayer(tracker, layer.entries);
	effective.push(entries);
	visitLayer(tracker, entries, root, listed);
	const changes = applyLayer(root, entries, layer.index, listed.ids);
	const stacked = stackedLayer(layerHeader(layer), layer.entries.length, changes);
	stack.layers.push(stacked);
	stack.changeLists.push(changes);
	return stacked;
}

/** A layer's record with its changes read from `changes` (made into records only when read). */
function stackedLayer(header: ReturnType<typeof layerHeader>, entryCount: number, changes: ChangeList): StackedLayer {
	const added = kindTotals(changes, 'added');
	const modified = kindTotals(changes, 'modified');
	const removed = kindTotals(changes, 'removed');
	return withChanges({...header, entryCount, changes: undefined, added, modified, removed}, changes);
}

/**
The whole analysis of a stacked layer, from its record and what needs every layer: the same changes (their records,
once made, are shared), without reading them.
*/
export function analysedLayer(stacked: StackedLayer, changes: ChangeList, reclaimableBytes: number, hidden: readonly HiddenCopy[]): LayerAnalysis {
	// Field by field: a spread (or a pattern naming `changes`) would make the records.
	const {entryCount, added, modified, removed} = stacked;
	return withChanges({...layerHeader(stacked), entryCount, changes: undefined, added, modified, removed, reclaimableBytes, hidden}, changes);
}

/** The whole-image half of `analyze`, once every layer of `model` is in `stack` (in order). */
export function finishAnalysis(stack: LayerStack, model: ImageModel, options: AnalyzeOptions = {}): Analysis {
	const {root, tracker, effective, layers, changeLists} = stack;
	const efficiency = efficiencyResult(tracker);
	const {reclaimable, perLayer} = hiddenCopies(effective, root, changeLists);
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

	const analysedLayers = layers.map((layer, index): LayerAnalysis =>
		analysedLayer(layer, changeLists[index]!, sum(perLayer[index]!.map(copy => copy.bytes)), perLayer[index]!),
	);
	const hints = options.hints === false ? emptyHintReport() : computeHints({
		layers: analysedLayers,
		effective,
		removedPaths: layer => removedPaths(changeLists[layer]),
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
function hiddenCopies(effective: readonly LayerEntry[][], root: FsNode, changeLists: readonly ChangeList[]) {
	const found: Array<{layer: number; entry: LayerEntry}> = [];
	for (const [layer, entries] of effective.entries()) {
		for (const entry of entries) {
			if (entry.type === 'file' && entry.size > 0 && lookup(root, entry.path)?.entry !== entry) found.push({layer, entry});
		}
	}
	const perLayer: HiddenCopy[][] = effective.map(() => []);
	// Most images hide few copies, a single layer none: the walk over every path below is for those few.
	if (found.length === 0) return {reclaimable: [] as Reclaimable[], perLayer};
	// Keyed by relative path: a change's path is its entry's.
	const touches = new Map<string, number[]>();
	for (const {entry} of found) if (!touches.has(entry.path)) touches.set(entry.path, []);
	const touch = (list: number[] | undefined, layer: number) => {
		if (list && list.at(-1) !== layer) list.push(layer);
	};
	for (const [layer, entries] of effective.entries()) {
		for (const entry of entries) touch(touches.get(entry.path), layer);
		for (const entry of changeLists[layer]!.entries) touch(touches.get(entry.path), layer);
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

/** The absolute paths a layer's changes remove, made once per layer asked about (the hints ask of a few). */
const removedSets = new WeakMap<ChangeList, ReadonlySet<string>>();

function removedPaths(list: ChangeList | undefined): ReadonlySet<string> {
	if (list === undefined) return new Set();
	let set = removedSets.get(list);
	if (set === undefined) {
		const paths = new Set<string>();
		for (let i = 0; i < list.codes.length; i++) if ((list.codes[i]! & 3) === changeKindCodes.removed) paths.add(absolute(list.entries[i]!.path));
		set = paths;
		removedSets.set(list, set);
	}
	return set;
}

function sum(values: readonly number[]): number {
	return values.reduce((total, value) => total + value, 0);
}
