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
	/**
	Directories whose latest layer touched them only implicitly (listed a path below them, not them). dive stacks
	every node of a layer's tree, implicit parents with their zero FileInfo included (IsDir=false), so a whiteout
	of such a directory counts 0 bytes, not what it holds. A layer that lists the path itself clears it. Marks of
	paths that have since been deleted may linger: they are only read for paths present in the lower filesystem,
	and the layer that (re)created one touched it, setting its mark anew.
	*/
	readonly implicit: Set<string>;
};

export function createEfficiencyTracker(): EfficiencyTracker {
	return {records: new Map(), inefficient: [], implicit: new Set()};
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
			if (hidden) record(tracker, whiteout.target, hiddenSize(tracker, hidden));
		} else {
			record(tracker, leaf.path, leaf.size);
		}
	}

	for (const dir of opaqueDirs) {
		const node = lookup(lower, dir);
		for (const child of node ? sortedChildren(node) : []) {
			if (!own.has(child.path)) record(tracker, child.path, hiddenSize(tracker, child));
		}
	}

	rememberImplicit(tracker, own, inner, opaqueDirs);
}

/**
What stacking this layer does to dive's IsDir of the directories it touches. `inner` holds every ancestor of a
listed path (whiteouts included: dive's tree has their parents too); an opaque marker's directory and its
ancestors are nodes of dive's tree as well (AddPath creates them before it drops the marker).
*/
function rememberImplicit(tracker: EfficiencyTracker, own: Set<string>, inner: Set<string>, opaqueDirs: readonly string[]): void {
	const {implicit} = tracker;
	if (implicit.size > 0) for (const path of own) implicit.delete(path);
	for (const dir of inner) if (!own.has(dir)) implicit.add(dir);
	for (const dir of opaqueDirs) {
		// `inner` is closed under parents and every parent of a listed path is in it: stop at the first of either.
		for (let path = dir; path !== '' && !own.has(path) && !inner.has(path); path = parentOf(path)) implicit.add(path);
	}
}

/** dive's size of a deleted path: `prev.IsDir ? Σ sizes of prev and everything below : 0`. */
function hiddenSize(tracker: EfficiencyTracker, node: FsNode): number {
	return isDiveDir(node.entry) && !tracker.implicit.has(node.path) ? subtreeBytes(node) : 0;
}

/** Go's FileInfo IsDir: a directory typeflag, or the header mode's type bits saying directory (`mode &^ 07777`). */
function isDiveDir(entry: LayerEntry): boolean {
	return entry.type === 'dir' || ((entry.mode >>> 0) & ~0o7777) >>> 0 === 0o040000;
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
