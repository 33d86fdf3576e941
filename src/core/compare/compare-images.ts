import type {Analysis} from '../analysis-types.js';
import type {ImageModel} from '../model.js';
import {compareFiles, type ExtraDigests} from './compare-files.js';
import type {ImageComparison, OwnLayer, SharedLayer, SideSummary} from './compare-types.js';
import {layerDigest, type FinalFiles} from './final-files.js';
import {growthByDirectory} from './growth.js';

export type ComparedImage = {
	readonly analysis: Analysis;
	readonly files: FinalFiles;
	/** Content digests filled in for this comparison (see `hashNeeds`). */
	readonly digests?: ExtraDigests;
};

export const defaultGrowthDepth = 3;

/** The one comparison engine: summary, layers, files and growth of `after` against `before`. */
export function compareImages(before: ComparedImage, after: ComparedImage, depth = defaultGrowthDepth): ImageComparison {
	const files = compareFiles(sideOf(before), sideOf(after));
	const layers = compareLayers(before.analysis.model, after.analysis.model);
	const old = summary(before.analysis);
	const now = summary(after.analysis);
	let addedBytes = 0;
	let removedBytes = 0;
	const counts = {added: 0, removed: 0, changed: 0};
	for (const diff of files) {
		counts[diff.kind]++;
		if (diff.kind === 'added') addedBytes += diff.byteDelta;
		if (diff.kind === 'removed') removedBytes -= diff.byteDelta;
	}
	return {
		old,
		new: now,
		delta: {
			layerCount: now.layerCount - old.layerCount,
			sizeBytes: now.sizeBytes - old.sizeBytes,
			userSizeBytes: now.userSizeBytes - old.userSizeBytes,
			efficiencyScore: now.efficiencyScore - old.efficiencyScore,
			wastedBytes: now.wastedBytes - old.wastedBytes,
			reclaimableBytes: now.reclaimableBytes - old.reclaimableBytes,
			finalFileCount: now.finalFileCount - old.finalFileCount,
		},
		layers,
		files,
		fileTotals: {...counts, addedBytes, removedBytes},
		growth: growthByDirectory(before.files, after.files, files, depth),
		depth,
		differ: files.length > 0 || layers.added.length > 0 || layers.removed.length > 0,
	};
}

function sideOf(image: ComparedImage) {
	return {model: image.analysis.model, files: image.files, ...(image.digests ? {digests: image.digests} : {})};
}

function summary(analysis: Analysis): SideSummary {
	const {image} = analysis;
	return {
		name: image.name,
		layerCount: image.layerCount,
		sizeBytes: image.sizeBytes,
		userSizeBytes: image.userSizeBytes,
		efficiencyScore: image.efficiencyScore,
		wastedBytes: image.wastedBytes,
		reclaimableBytes: image.reclaimableBytes,
		finalFileCount: image.finalFileCount,
	};
}

/** Layers matched by digest; a digest listed twice in one image matches at most as many times in the other. */
export function compareLayers(before: ImageModel, after: ImageModel): ImageComparison['layers'] {
	const unmatched = new Map<string, number[]>();
	for (const layer of before.layers) {
		const digest = layerDigest(layer);
		const list = unmatched.get(digest);
		if (list) list.push(layer.index);
		else unmatched.set(digest, [layer.index]);
	}
	const shared: SharedLayer[] = [];
	const added: OwnLayer[] = [];
	for (const layer of after.layers) {
		const digest = layerDigest(layer);
		const ref = {digest, sizeBytes: layer.sizeBytes, command: layer.command};
		const oldIndex = unmatched.get(digest)?.shift();
		if (oldIndex === undefined) added.push({...ref, index: layer.index});
		else shared.push({...ref, oldIndex, newIndex: layer.index});
	}
	const removed: OwnLayer[] = [];
	for (const indexes of unmatched.values()) {
		for (const index of indexes) {
			const layer = before.layers[index]!;
			removed.push({digest: layerDigest(layer), sizeBytes: layer.sizeBytes, command: layer.command, index});
		}
	}
	removed.sort((a, b) => a.index - b.index);
	return {shared, added, removed};
}
