import type {Analysis, Change, ChangeTotals, LayerAnalysis, Reclaimable} from './analysis-types.js';
import {applyLayer} from './apply-layer.js';
import {createEfficiencyTracker, efficiencyResult, visitLayer} from './efficiency.js';
import {createRoot, lookup, walk, type FsNode} from './fs-tree.js';
import {effectiveEntries} from './layer-entries.js';
import type {ImageModel, LayerEntry} from './model.js';
import {absolute} from './paths.js';

/** The aggregator: one pass over the layers in order, building the stacked filesystem incrementally (O(L·N)). */
export function analyze(model: ImageModel): Analysis {
	const root = createRoot();
	const tracker = createEfficiencyTracker();
	const effective: LayerEntry[][] = [];

	const layers = model.layers.map(layer => {
		const entries = effectiveEntries(layer.entries);
		effective.push(entries);
		visitLayer(tracker, entries, root);
		const changes = applyLayer(root, entries, layer.index);
		return {
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
			added: totals(changes, 'added'),
			modified: totals(changes, 'modified'),
			removed: totals(changes, 'removed'),
		};
	});

	const efficiency = efficiencyResult(tracker);
	const {reclaimable, perLayer} = hiddenCopies(effective, root);
	const userReclaimableBytes = sum(perLayer.slice(1));
	const sizeBytes = sum(layers.map(layer => layer.sizeBytes));
	const baseSizeBytes = layers[0]?.sizeBytes ?? 0;
	const userSizeBytes = sizeBytes - baseSizeBytes;
	let finalFileCount = -1;
	walk(root, () => finalFileCount++);

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
		layers: layers.map((layer, index): LayerAnalysis => ({...layer, reclaimableBytes: perLayer[index]!})),
		inefficiencies: efficiency.inefficiencies,
		reclaimable,
		model,
	};
}

/**
Every stored copy of a path except the one the final filesystem shows: a layer's regular file whose entry is not the
one the final tree holds at its path. Totals per path and per layer (the layer that stored the bytes).
*/
function hiddenCopies(effective: readonly LayerEntry[][], root: FsNode) {
	const byPath = new Map<string, {copies: number; bytes: number}>();
	const perLayer = effective.map(() => 0);
	effective.forEach((entries, layer) => {
		for (const entry of entries) {
			if (entry.type !== 'file' || entry.size === 0 || lookup(root, entry.path)?.entry === entry) continue;
			perLayer[layer]! += entry.size;
			const hidden = byPath.get(entry.path) ?? {copies: 0, bytes: 0};
			hidden.copies++;
			hidden.bytes += entry.size;
			byPath.set(entry.path, hidden);
		}
	});
	const reclaimable: Reclaimable[] = [...byPath].map(([path, hidden]) => ({path: absolute(path), ...hidden}));
	reclaimable.sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1));
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
