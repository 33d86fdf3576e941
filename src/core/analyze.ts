import type {Analysis, HiddenCopy, LayerAnalysis, Reclaimable} from './analysis-types.js';
import {applyLayer, createDisplacedFiles, type DisplacedFiles} from './apply-layer.js';
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
	/** Files that left the tree so far (what the hidden copies are found from). */
	readonly displaced: DisplacedFiles;
};

export function createLayerStack(): LayerStack {
	const root = createRoot();
	return {root, tracker: createEfficiencyTracker(pathTableOf(root)), effective: [], layers: [], changeLists: [], displaced: createDisplacedFiles()};
}

/** Applies the next layer (`layer.index` must be the number of layers stacked so far) and returns its changes. */
export function addLayer(stack: LayerStack, layer: Layer): StackedLayer {
	const {root, tracker, effective} = stack;
	const {entries, listed} = effectiveLayer(tracker, layer.entries);
	effective.push(entries);
	visitLayer(tracker, entries, root, listed);
	const changes = applyLayer(root, entries, layer.index, listed.ids, stack.displaced);
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
	const {reclaimable, perLayer, perLayerEntries} = hiddenCopies(effective, root, changeLists, stack.displaced);
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
		hiddenEntries: perLayerEntries,
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
layer that writes, changes or removes its path (the one that hides it). Read from the files that left the tree while
the layers were applied (`displaced`): a file that leaves the tree in a later layer than its own is hidden by that
layer (no layer between listed or changed its path, or the file would have left then). A file that left in its own
layer (a path listed below it, making it a directory) or never entered (a whiteout with content) is hidden by the
first later layer that lists or changes its path, looked for in every later layer (rare).
*/
function hiddenCopies(effective: readonly LayerEntry[][], root: FsNode, changeLists: readonly ChangeList[], displaced: DisplacedFiles) {
	// The copies kept, by their place in `displaced`, and the layer that hides each (-1: none, or not known yet).
	const kept: number[] = [];
	const hiders: number[] = [];
	let unknown: Array<{layer: number; entry: LayerEntry; hiddenBy: number; at: number}> | undefined;
	for (let i = 0; i < displaced.entries.length; i++) {
		const entry = displaced.entries[i]!;
		// Back in the tree: the same entry object listed again by a later layer (a model made in code may share them).
		if (lookup(root, entry.path)?.entry === entry) continue;
		const layer = displaced.layers[i]!;
		const by = displaced.by[i]!;
		if (by <= layer) (unknown ??= []).push({layer, entry, hiddenBy: -1, at: hiders.length});
		kept.push(i);
		hiders.push(by > layer ? by : -1);
	}
	const perLayer: HiddenCopy[][] = effective.map(() => []);
	// Each hidden copy's own entry, aligned with `perLayer` (what the hints compare it with).
	const perLayerEntries: LayerEntry[][] = effective.map(() => []);
	// Most images hide few copies, a single layer none.
	if (kept.length === 0) return {reclaimable: [] as Reclaimable[], perLayer, perLayerEntries};
	if (unknown !== undefined) {
		firstLaterTouches(unknown, effective, changeLists);
		for (let i = 0; i < unknown.length; i++) hiders[unknown[i]!.at] = unknown[i]!.hiddenBy;
	}
	// The copies of each layer and the totals of each path (in the order first met), as positions and columns; the
	// records are made once sorted. Sorted by the relative paths: the absolute ones, made by concatenation, had to be
	// flattened by the comparisons (and `/` + a < `/` + b exactly when a < b, so the order is the same).
	const ofLayer: number[][] = effective.map(() => []);
	const byPath = new Map<string, number>();
	const paths: string[] = [];
	const copies: number[] = [];
	const bytes: number[] = [];
	for (let k = 0; k < kept.length; k++) {
		const entry = displaced.entries[kept[k]!]!;
		ofLayer[displaced.layers[kept[k]!]!]!.push(k);
		let slot = byPath.get(entry.path);
		if (slot === undefined) {
			slot = paths.length;
			byPath.set(entry.path, slot);
			paths.push(entry.path);
			copies.push(0);
			bytes.push(0);
		}
		copies[slot]!++;
		bytes[slot] = bytes[slot]! + entry.size;
	}
	// Each kept copy's size and relative path, by position (the comparator reads plain arrays, no entry objects).
	const keptSizes = new Array<number>(kept.length);
	const keptPaths = new Array<string>(kept.length);
	for (let k = 0; k < kept.length; k++) {
		const entry = displaced.entries[kept[k]!]!;
		keptSizes[k] = entry.size;
		keptPaths[k] = entry.path;
	}
	const copyOrder = (a: number, b: number) => keptSizes[b]! - keptSizes[a]! || (keptPaths[a]! < keptPaths[b]! ? -1 : 1);
	for (let layer = 0; layer < ofLayer.length; layer++) {
		const order = ofLayer[layer]!.sort(copyOrder);
		const hidden = perLayer[layer]!;
		const entries = perLayerEntries[layer]!;
		for (let i = 0; i < order.length; i++) {
			const k = order[i]!;
			hidden.push({path: absolute(keptPaths[k]!), bytes: keptSizes[k]!, hiddenBy: hiders[k]!});
			entries.push(displaced.entries[kept[k]!]!);
		}
	}
	const slots = new Array<number>(paths.length);
	for (let i = 0; i < slots.length; i++) slots[i] = i;
	slots.sort((a, b) => bytes[b]! - bytes[a]! || (paths[a]! < paths[b]! ? -1 : 1));
	const reclaimable = new Array<Reclaimable>(slots.length);
	for (let i = 0; i < slots.length; i++) {
		const slot = slots[i]!;
		reclaimable[i] = {path: absolute(paths[slot]!), copies: copies[slot]!, bytes: bytes[slot]!};
	}
	return {reclaimable, perLayer, perLayerEntries};
}

/** Sets each copy's `hiddenBy` to the first layer after its own that lists its path or has a change there (-1: none). */
function firstLaterTouches(copies: Array<{layer: number; entry: LayerEntry; hiddenBy: number}>, effective: readonly LayerEntry[][], changeLists: readonly ChangeList[]): void {
	const touches = new Map<string, number[]>();
	for (const {entry} of copies) if (!touches.has(entry.path)) touches.set(entry.path, []);
	const touch = (list: number[] | undefined, layer: number) => {
		if (list && list.at(-1) !== layer) list.push(layer);
	};
	let from = effective.length;
	for (const copy of copies) from = Math.min(from, copy.layer + 1);
	for (let layer = from; layer < effective.length; layer++) {
		for (const entry of effective[layer]!) touch(touches.get(entry.path), layer);
		for (const entry of changeLists[layer]!.entries) touch(touches.get(entry.path), layer);
	}
	for (const copy of copies) copy.hiddenBy = touches.get(copy.entry.path)!.find(later => later > copy.layer) ?? -1;
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
