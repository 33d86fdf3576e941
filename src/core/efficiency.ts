import type {Inefficiency} from './analysis-types.js';
import {createPathTable, lookup, pathId, pathNumber, sortedChildren, subtreeBytes, type FsNode, type PathTable} from './fs-tree.js';
import {opaqueMarker, type LayerEntry} from './model.js';
import {absolute, baseName, hasNamePrefix, parentOf, parseWhiteout} from './paths.js';
import {compareTreeOrder, isAufsMetadata} from './layer-entries.js';

/**
One record per path, kept in parallel arrays indexed by the path's record number (a million-entry layer would
otherwise make a million objects for the collector to trace): its copies so far, their cumulative and smallest
size. `paths` are relative (made absolute only for the few that become inefficiencies); `visit` and `start` are
scratch for visitLayer.
*/
type PathRecords = {
	/** Numbers every path (shared with the analysis's tree, which may number paths no record has: see `recordOf`). */
	readonly table: PathTable;
	readonly paths: string[];
	count: Int32Array;
	cumulative: Float64Array;
	min: Float64Array;
	visit: Int32Array;
	start: Int32Array;
	/** For `effectiveLayer`: the last layer (1-based) that listed the path, and where in that layer's effective entries. */
	listedIn: Int32Array;
	position: Int32Array;
};

function createRecords(table: PathTable): PathRecords {
	const capacity = 1024;
	return {
		table,
		paths: table.paths,
		count: new Int32Array(capacity),
		cumulative: new Float64Array(capacity),
		min: new Float64Array(capacity),
		visit: new Int32Array(capacity),
		start: new Int32Array(capacity),
		listedIn: new Int32Array(capacity),
		position: new Int32Array(capacity),
	};
}

/**
The record number of `path`, a new record (no copies yet) if it has none. A path the tree numbered first has a
number past the columns' end until it is asked for here: they grow then. Past the end, every column reads as 0.
*/
function recordOf(records: PathRecords, path: string): number {
	const id = pathNumber(records.table, path);
	while (id >= records.count.length) grow(records);
	return id;
}

function grow(records: PathRecords, need = 0): void {
	const capacity = Math.max(records.count.length * 2, need);
	const widen = <T extends Int32Array | Float64Array>(old: T, make: (n: number) => T): T => {
		const bigger = make(capacity);
		bigger.set(old);
		return bigger;
	};
	records.count = widen(records.count, n => new Int32Array(n));
	records.cumulative = widen(records.cumulative, n => new Float64Array(n));
	records.min = widen(records.min, n => new Float64Array(n));
	records.visit = widen(records.visit, n => new Int32Array(n));
	records.start = widen(records.start, n => new Int32Array(n));
	records.listedIn = widen(records.listedIn, n => new Int32Array(n));
	records.position = widen(records.position, n => new Int32Array(n));
}

/**
What visitLayer asks of a layer's listing: whether it lists a path, and every path it lists; `ids` (from
`effectiveLayer`), the tracker's record number of each of the entries visited, in their order, so that they are not
looked up again.
*/
export type ListedPaths = {has(path: string): boolean; keys(): Iterable<string>; readonly ids?: ArrayLike<number>};

/**
`effectiveByPath` (the root entry and AUFS metadata dropped, a path listed twice keeping its last copy at the position
of its first), made with the tracker's path numbers instead of a map of its own: one hash lookup per entry for both.
Call once per layer, in order, before `visitLayer` (whose `listed` it returns).
*/
export function effectiveLayer(tracker: EfficiencyTracker, entries: readonly LayerEntry[]): {entries: LayerEntry[]; listed: ListedPaths} {
	const records = tracker.records;
	const mark = ++tracker.listings;
	// Room for every path the layer may number, at once: doubling column by column left a trail of copies.
	const need = records.paths.length + entries.length;
	if (need > records.count.length) grow(records, need);
	// At most one per entry: made at that length and cut to what was used (push-grown lists left copies behind).
	const effective = new Array<LayerEntry>(entries.length);
	const ids = new Int32Array(entries.length);
	let count = 0;
	// Indexed loops over entries here and below: a for-of in a function called once per layer made an iterator
	// result per entry (it is not optimized by then).
	for (let i = 0; i < entries.length; i++) {
		const entry = entries[i]!;
		if (entry.path === '' || isAufsMetadata(entry.path)) continue;
		const id = recordOf(records, entry.path);
		if (records.listedIn[id] === mark) {
			effective[records.position[id]!] = entry;
			continue;
		}
		records.listedIn[id] = mark;
		records.position[id] = count;
		effective[count] = entry;
		ids[count++] = id;
	}
	effective.length = count;
	const listed: ListedPaths = {
		ids: ids.subarray(0, count),
		has: path => {
			const id = pathId(records.table, path);
			return id !== -1 && records.listedIn[id] === mark;
		},
		*keys() {
			for (const entry of effective) yield entry.path;
		},
	};
	return {entries: effective, listed};
}

/**
dive's efficiency (filetree/efficiency.go), layer by layer: every leaf of a layer's own tree adds its size to its
path's cumulative size and keeps the smallest size seen; a whiteout counts as the size of what it deletes (a
directory: everything below it; a file: 0). Paths seen in two or more layers are dive's inefficiencies.
Two of dive's bugs are fixed: a whiteout of an absent path is skipped instead of ending the layer's visit and
costing the score a byte, and an opaque directory counts as a whiteout of each lower child it hides.
*/
export type EfficiencyTracker = {
	readonly records: PathRecords;
	/** Record numbers, in the order they reached two copies. */
	readonly inefficient: number[];
	/**
	Directories whose latest layer touched them only implicitly (listed a path below them, not them). dive stacks
	every node of a layer's tree, implicit parents with their zero FileInfo included (IsDir=false), so a whiteout
	of such a directory counts 0 bytes, not what it holds. A layer that lists the path itself clears it. Marks of
	paths that have since been deleted may linger: they are only read for paths present in the lower filesystem,
	and the layer that (re)created one touched it, setting its mark anew.
	*/
	readonly implicit: Set<string>;
	/** Layers visited so far (tells visitLayer which records the current layer already touched). */
	visits: number;
	/** Layers listed so far by `effectiveLayer`. */
	listings: number;
};

/** A tracker that numbers its paths in `table` (pass the analysis tree's: `pathTableOf`), a new table by default. */
export function createEfficiencyTracker(table: PathTable = createPathTable()): EfficiencyTracker {
	return {records: createRecords(table), inefficient: [], implicit: new Set(), visits: 0, listings: 0};
}

/**
Visits one layer's effective entries; `lower` must be the filesystem stacked from the layers below. `listed` may
give the same entries keyed by path (the analysis has that map already; built here otherwise).
*/
export function visitLayer(tracker: EfficiencyTracker, entries: readonly LayerEntry[], lower: FsNode, listed?: ListedPaths): void {
	const paths: ListedPaths = listed ?? new Set(entries.map(entry => entry.path));
	/** Whether this layer lists `path` (its opaque markers aside). */
	const own = (path: string) => paths.has(path) && !isOpaqueMarker(path);
	const inner = new Set<string>();
	const opaqueDirs: string[] = [];
	let lastParent = '';
	for (let i = 0; i < entries.length; i++) {
		const {path} = entries[i]!;
		const whiteout = parseWhiteout(path);
		if (whiteout?.kind === 'opaque') {
			opaqueDirs.push(whiteout.dir);
			continue;
		}
		// Tar order lists siblings together: a path under the directory just seen adds no new ancestors.
		const slash = path.lastIndexOf('/');
		if (slash === lastParent.length && slash > 0 && path.startsWith(lastParent)) continue;
		lastParent = slash === -1 ? '' : path.slice(0, slash);
		for (let dir = lastParent; dir !== '' && !inner.has(dir); dir = parentOf(dir)) inner.add(dir);
	}

	// dive visits a layer's leaves in tree order. Sums do not depend on the order; only the order in which paths join
	// the inefficient list does, so leaves are recorded in tar order and only the paths that reach two copies in this
	// layer are replayed in tree order (sorting every leaf of a million-entry layer cost seconds).
	const visit = ++tracker.visits;
	// The leaves that took a record from fewer than two copies (by their position in `entries`), and those records.
	const touchedLeaves = new Int32Array(entries.length);
	const touchedRecords = new Int32Array(entries.length);
	let touched = 0;
	const touch = (leaf: number, id: number, size: number) => {
		addCopy(tracker.records, id, size, visit);
		if (tracker.records.start[id]! < 2) {
			touchedLeaves[touched] = leaf;
			touchedRecords[touched++] = id;
		}
	};
	const ids = listed?.ids;
	for (let i = 0; i < entries.length; i++) {
		const leaf = entries[i]!;
		if (inner.has(leaf.path)) continue;
		const whiteout = parseWhiteout(leaf.path);
		if (whiteout?.kind === 'opaque') continue;
		if (whiteout?.kind === 'whiteout') {
			const hidden = lookup(lower, whiteout.target);
			if (hidden) touch(i, recordOf(tracker.records, whiteout.target), hiddenSize(tracker, hidden));
		} else {
			touch(i, ids ? ids[i]! : recordOf(tracker.records, leaf.path), leaf.size);
		}
	}
	joinInefficientInTreeOrder(tracker, entries, touchedLeaves.subarray(0, touched), touchedRecords.subarray(0, touched));

	for (const dir of opaqueDirs) {
		const node = lookup(lower, dir);
		for (const child of node ? sortedChildren(node) : []) {
			if (!own(child.path)) record(tracker, child.path, hiddenSize(tracker, child));
		}
	}

	rememberImplicit(tracker, paths.keys(), own, inner, opaqueDirs);
}

/**
Appends to the inefficient list, in the tree order of the leaves that recorded them, the records this layer took
from fewer than two copies to two or more: the order dive's sorted visit would have added them in.
*/
function joinInefficientInTreeOrder(tracker: EfficiencyTracker, entries: readonly LayerEntry[], leaves: Int32Array, ids: Int32Array): void {
	const {count: counts, start} = tracker.records;
	const order: number[] = [];
	for (let i = 0; i < ids.length; i++) if (counts[ids[i]!]! >= 2) order.push(i);
	if (order.length === 0) return;
	order.sort((a, b) => compareTreeOrder(entries[leaves[a]!]!.path, entries[leaves[b]!]!.path));
	const running = new Map<number, number>();
	for (const i of order) {
		const id = ids[i]!;
		const count = (running.get(id) ?? start[id]!) + 1;
		running.set(id, count);
		if (count === 2) tracker.inefficient.push(id);
	}
}

/**
What stacking this layer does to dive's IsDir of the directories it touches. `inner` holds every ancestor of a
listed path (whiteouts included: dive's tree has their parents too); an opaque marker's directory and its
ancestors are nodes of dive's tree as well (AddPath creates them before it drops the marker).
*/
function rememberImplicit(
	tracker: EfficiencyTracker,
	listed: Iterable<string>,
	own: (path: string) => boolean,
	inner: Set<string>,
	opaqueDirs: readonly string[],
): void {
	const {implicit} = tracker;
	// Every listed path is the layer's own but for its opaque markers: no need to ask `own` (a lookup per entry).
	if (implicit.size > 0) for (const path of listed) if (!isOpaqueMarker(path)) implicit.delete(path);
	for (const dir of inner) if (!own(dir)) implicit.add(dir);
	for (const dir of opaqueDirs) {
		// `inner` is closed under parents and every parent of a listed path is in it: stop at the first of either.
		for (let path = dir; path !== '' && !own(path) && !inner.has(path); path = parentOf(path)) implicit.add(path);
	}
}

function isOpaqueMarker(path: string): boolean {
	return hasNamePrefix(path, opaqueMarker) && baseName(path) === opaqueMarker;
}

/** dive's size of a deleted path: `prev.IsDir ? Σ sizes of prev and everything below : 0`. */
function hiddenSize(tracker: EfficiencyTracker, node: FsNode): number {
	return isDiveDir(node.entry) && !tracker.implicit.has(node.path) ? subtreeBytes(node) : 0;
}

/** Go's FileInfo IsDir: a directory typeflag, or the header mode's type bits saying directory (`mode &^ 07777`). */
function isDiveDir(entry: LayerEntry): boolean {
	return entry.type === 'dir' || ((entry.mode >>> 0) & ~0o7777) >>> 0 === 0o040000;
}

/**
Adds one copy of `path` to its record and returns the record's number; `start` keeps the count the record had
before layer `visit` touched it.
*/
function add(tracker: EfficiencyTracker, path: string, size: number, visit: number): number {
	const id = recordOf(tracker.records, path);
	addCopy(tracker.records, id, size, visit);
	return id;
}

function addCopy(records: PathRecords, id: number, size: number, visit: number): void {
	if (records.count[id] === 0) {
		records.min[id] = size;
		records.visit[id] = visit;
		records.start[id] = 0;
	} else if (records.visit[id] !== visit) {
		records.visit[id] = visit;
		records.start[id] = records.count[id]!;
	}
	records.cumulative[id] = records.cumulative[id]! + size;
	records.min[id] = Math.min(records.min[id]!, size);
	records.count[id] = records.count[id]! + 1;
}

function record(tracker: EfficiencyTracker, path: string, size: number): void {
	const id = add(tracker, path, size, tracker.visits);
	if (tracker.records.count[id] === 2) tracker.inefficient.push(id);
}

export type EfficiencyResult = {
	readonly score: number;
	readonly wastedBytes: number;
	readonly inefficiencies: Inefficiency[];
};

export function efficiencyResult(tracker: EfficiencyTracker): EfficiencyResult {
	const records = tracker.records;
	let minimum = 0;
	let cumulative = 0;
	// Numbers past the columns' end (paths only the tree numbered) have no copies.
	for (let id = 0; id < records.paths.length && id < records.count.length; id++) {
		minimum += records.min[id]!;
		cumulative += records.cumulative[id]!;
	}
	// dive sorts ascending (stable for small lists) and reads from the end: descending, ties in reverse insertion order.
	// Positions in the inefficient list, sorted so (no object per position).
	const {inefficient} = tracker;
	const ordered = new Array<number>(inefficient.length);
	for (let i = 0; i < ordered.length; i++) ordered[i] = i;
	ordered.sort((a, b) => records.cumulative[inefficient[b]!]! - records.cumulative[inefficient[a]!]! || b - a);
	const inefficiencies = new Array<Inefficiency>(ordered.length);
	let wastedBytes = 0;
	for (let i = 0; i < ordered.length; i++) {
		const id = inefficient[ordered[i]!]!;
		inefficiencies[i] = {path: absolute(records.paths[id]!), count: records.count[id]!, cumulativeBytes: records.cumulative[id]!};
		wastedBytes += records.cumulative[id]!;
	}
	return {score: cumulative === 0 ? 1 : minimum / cumulative, wastedBytes, inefficiencies};
}
