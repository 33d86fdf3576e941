import type {Inefficiency} from './analysis-types.js';
import {lookup, sortedChildren, subtreeBytes, type FsNode} from './fs-tree.js';
import type {LayerEntry} from './model.js';
import {absolute, parentOf, parseWhiteout} from './paths.js';
import {compareTreeOrder} from './layer-entries.js';

type PathRecord = {path: string; count: number; cumulative: number; min: number};

/**
dive's efficiency (filetree/efficiency.go), layer by layer: every leaf of a layer's own tree adds its size to its
path's cumulative size and keeps the smallest size seen; a whiteout counts as the size of what it deletes (a
directory: everything below it; a file: 0). Paths seen in two or more layers are dive's inefficiencies.
Two of dive's bugs are fixed: a whiteout of an absent path is skipped instead of ending the layer's visit and
costing the score a byte, and an opaque directory counts as a whiteout of each lower child it hides.
*/
export type EfficiencyTracker = {
	readonly records: Map<string, PathRecord>;
	readonly inefficient: PathRecord[];
};

export function createEfficiencyTracker(): EfficiencyTracker {
	return {records: new Map(), inefficient: []};
}

/** Visits one layer's effective entries; `lower` must be the filesystem stacked from the layers below. */
export function visitLayer(tracker: EfficiencyTracker, entries: readonly LayerEntry[], lower: FsNode): void {
	const own = new Set<string>();
	const inner = new Set<string>();
	const opaqueDirs: string[] = [];
	for (const entry of entries) {
		const whiteout = parseWhiteout(entry.path);
		if (whiteout?.kind === 'opaque') {
			opaqueDirs.push(whiteout.dir);
			continue;
		}
		own.add(entry.path);
		for (let dir = parentOf(entry.path); dir !== '' && !inner.has(dir); dir = parentOf(dir)) inner.add(dir);
	}

	const leaves = entries.filter(entry => own.has(entry.path) && !inner.has(entry.path));
	leaves.sort((a, b) => compareTreeOrder(a.path, b.path));
	for (const leaf of leaves) {
		const whiteout = parseWhiteout(leaf.path);
		if (whiteout?.kind === 'whiteout') {
			const hidden = lookup(lower, whiteout.target);
			if (hidden) record(tracker, whiteout.target, hiddenSize(hidden));
		} else {
			record(tracker, leaf.path, leaf.size);
		}
	}

	for (const dir of opaqueDirs) {
		const node = lookup(lower, dir);
		for (const child of node ? sortedChildren(node) : []) {
			if (!own.has(child.path)) record(tracker, child.path, hiddenSize(child));
		}
	}
}

function hiddenSize(node: FsNode): number {
	return node.entry.type === 'dir' ? subtreeBytes(node) : 0;
}

function record(tracker: EfficiencyTracker, path: string, size: number): void {
	let data = tracker.records.get(path);
	if (!data) {
		data = {path: absolute(path), count: 0, cumulative: 0, min: size};
		tracker.records.set(path, data);
	}
	data.cumulative += size;
	data.min = Math.min(data.min, size);
	data.count++;
	if (data.count === 2) tracker.inefficient.push(data);
}

export type EfficiencyResult = {
	readonly score: number;
	readonly wastedBytes: number;
	readonly inefficiencies: Inefficiency[];
};

export function efficiencyResult(tracker: EfficiencyTracker): EfficiencyResult {
	let minimum = 0;
	let cumulative = 0;
	for (const data of tracker.records.values()) {
		minimum += data.min;
		cumulative += data.cumulative;
	}
	// dive sorts ascending (stable for small lists) and reads from the end: descending, ties in reverse insertion order.
	const ordered = tracker.inefficient
		.map((data, order) => ({data, order}))
		.sort((a, b) => a.data.cumulative - b.data.cumulative || a.order - b.order)
		.reverse();
	const inefficiencies = ordered.map(({data}) => ({
		path: data.path,
		count: data.count,
		cumulativeBytes: data.cumulative,
	}));
	return {
		score: cumulative === 0 ? 1 : minimum / cumulative,
		wastedBytes: inefficiencies.reduce((sum, item) => sum + item.cumulativeBytes, 0),
		inefficiencies,
	};
}
