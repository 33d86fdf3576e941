import type {Analysis, Change, ChangeTotals, LayerAnalysis, Reclaimable} from './analysis-types.js';
import {applyLayer} from './apply-layer.js';
import {createEfficiencyTracker, efficiencyResult, visitLayer} from './efficiency.js';
import {createRoot, lookup, walk, type FsNode} from './fs-tree.js';
import {effectiveEntries} from './layer-entries.js';
import type {ImageModel} from './model.js';
import {absolute, parseWhiteout} from './paths.js';

type Stored = {copies: number; bytes: number; userBytes: number};

/** The aggregator: one pass over the layers in order, building the stacked filesystem incrementally (O(L·N)). */
export function analyze(model: ImageModel): Analysis {
	const root = createRoot();
	const tracker = createEfficiencyTracker();
	const stored = new Map<string, Stored>();

	const layers: LayerAnalysis[] = model.layers.map(layer => {
		const entries = effectiveEntries(layer.entries);
		visitLayer(tracker, entries, root);
		for (const entry of entries) {
			if (entry.type !== 'file' || entry.size === 0 || parseWhiteout(entry.path)) continue;
			const copy = stored.get(entry.path) ?? {copies: 0, bytes: 0, userBytes: 0};
			copy.copies++;
			copy.bytes += entry.size;
			if (layer.index > 0) copy.userBytes += entry.size;
			stored.set(entry.path, copy);
		}
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
	const {reclaimable, userReclaimableBytes} = hiddenCopies(stored, root);
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
		layers,
		inefficiencies: efficiency.inefficiencies,
		reclaimable,
		model,
	};
}

/** Every stored copy of a path except the one the final filesystem shows. */
function hiddenCopies(stored: Map<string, Stored>, root: FsNode) {
	const reclaimable: Reclaimable[] = [];
	let userReclaimableBytes = 0;
	for (const [path, copy] of stored) {
		const survivor = lookup(root, path);
		const visible = survivor?.entry.type === 'file' && survivor.entry.size > 0 ? survivor : undefined;
		const bytes = copy.bytes - (visible?.entry.size ?? 0);
		userReclaimableBytes += copy.userBytes - (visible && visible.layer > 0 ? visible.entry.size : 0);
		if (bytes > 0) reclaimable.push({path: absolute(path), copies: copy.copies - (visible ? 1 : 0), bytes});
	}
	reclaimable.sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1));
	return {reclaimable, userReclaimableBytes};
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
