import type {LayerEntry} from '../core/model.js';
import {compareBytewise} from '../core/compare-bytewise.js';
import {compareTreeOrder, sortInTreeOrder} from '../core/layer-entries.js';
import {goFileMode, goModeIsDir} from '../format/file-mode.js';
import {cursorItems, cursorOf, endOfList, type Cursor} from './cursor.js';

/** dive's `filetree.FileInfo` as its export writes it, in Go struct field order. */
export type DiveFileInfo = {
	/** The cleaned tar name (`root/.wh.example`); '' for a parent directory that has no entry of its own. */
	readonly path: string;
	readonly typeFlag: number;
	readonly linkName: string;
	readonly size: number;
	/** Go's `os.FileMode` (type bits above the permission bits). */
	readonly fileMode: number;
	readonly uid: number;
	readonly gid: number;
	readonly isDir: boolean;
};

const implicitParent: DiveFileInfo = {path: '', typeFlag: 0, linkName: '', size: 0, fileMode: 0, uid: 0, gid: 0, isDir: false};

type TreeNode = {entry: LayerEntry | undefined; children: Map<string, TreeNode> | undefined};

const regularFlag = 0x30;
const dirFlag = 0x35;

/** The typeflag dive reports: Go's tar reader turns the old NUL typeflag into '0' ('5' for a name ending in '/', i.e. a directory). */
export function diveTypeFlag(entry: LayerEntry): number {
	return entry.typeFlag === 0 ? (entry.type === 'dir' ? dirFlag : regularFlag) : entry.typeFlag;
}

/** dive's record of an entry. */
export function fileInfo(entry: LayerEntry): DiveFileInfo {
	const typeFlag = diveTypeFlag(entry);
	const fileMode = goFileMode(entry.mode, typeFlag);
	return {
		path: entry.path,
		typeFlag,
		linkName: entry.linkTarget,
		size: entry.size,
		fileMode,
		uid: entry.uid,
		gid: entry.gid,
		isDir: goModeIsDir(fileMode),
	};
}

/** The directory node the previous path went to, by its path (nodes are never removed, so it stays valid). */
type ParentCache = {path: string; node: TreeNode | undefined};

/**
dive's `AddPath`: missing parents become zero records; a new `.wh..wh.*` component (opaque marker) is dropped. A path
in the same directory as the one before (tar order lists siblings together) takes that directory's node from `cache`
instead of walking down from the root: one name cut out per entry, not every component.
*/
function add(root: TreeNode, entry: LayerEntry, cache: ParentCache): void {
	const {path} = entry;
	if (path === '') return; // `.` and `/`: dive skips or ignores them
	const slash = path.lastIndexOf('/');
	let parent: TreeNode | undefined;
	if (cache.node !== undefined && slash === cache.path.length && path.startsWith(cache.path)) parent = cache.node;
	else {
		const parentPath = slash === -1 ? '' : path.slice(0, slash);
		parent = walkDown(root, parentPath);
		if (parent === undefined) return;
		cache.path = parentPath;
		cache.node = parent;
	}
	const name = path.slice(slash + 1);
	if (name === '') {
		parent.entry = entry; // a trailing `/`: the path names its parent
		return;
	}
	const child = childFor(parent, name);
	if (child !== undefined) child.entry = entry;
}

/** The node at `path`, made on the way; undefined when a new component is an opaque marker (the path is dropped). */
function walkDown(root: TreeNode, path: string): TreeNode | undefined {
	let node: TreeNode | undefined = root;
	for (const name of path === '' ? [] : path.split('/')) {
		if (name === '') continue;
		node = childFor(node, name);
		if (node === undefined) return undefined;
	}
	return node;
}

function childFor(node: TreeNode, name: string): TreeNode | undefined {
	node.children ??= new Map();
	let child = node.children.get(name);
	if (child === undefined) {
		if (name.startsWith('.wh..wh..')) return undefined;
		child = {entry: undefined, children: undefined};
		node.children.set(name, child);
	}
	return child;
}

/**
dive's export `fileList` of one layer: every node of the layer's own tree (entries in tar order, a later entry for
the same path replacing the earlier one, implicit parents as zero records), visited children first, children
ordered bytewise, the root left out. A generator: each record exists only while the export writes it.
*/
export function* diveFileList(entries: readonly LayerEntry[]): Generator<DiveFileInfo> {
	for (const entry of fileListEntries(entries)) yield entry ? fileInfo(entry) : implicitParent;
}

/**
The entries behind `diveFileList`'s records, in its order; undefined for an implicit parent. Made from the layer's
paths sorted in tree order when they are plain (see `plainInTreeOrder`), with no tree: a million-entry layer's tree
cost some 100 MB at the export's peak. Otherwise from the tree (`diveFileListByTree`).
*/
export function fileListEntries(entries: readonly LayerEntry[]): Iterable<LayerEntry | undefined> {
	return cursorItems(fileListCursor(entries));
}

/** `fileListEntries` one at a time (see `Cursor`). */
export function fileListCursor(entries: readonly LayerEntry[]): Cursor<LayerEntry | undefined> {
	const sorted = plainInTreeOrder(entries);
	return sorted === undefined ? cursorOf(entriesByTree(entries)) : new PostOrder(sorted);
}

/** A path that only makes its parents: everything from its first opaque-marker component on is dropped. */
type ParentsOnly = {readonly path: string; readonly parentsOnly: true};
type Listed = LayerEntry | ParentsOnly;

const opaqueName = '.wh..wh..';

/** No empty component (a leading, trailing or doubled `/`) and no surrogate: one pass over the characters. */
function isPlainPath(path: string): boolean {
	let previous = 47;
	for (let i = 0; i < path.length; i++) {
		const code = path.charCodeAt(i);
		if (code === 47 ? previous === 47 : code >= 0xd800 && code <= 0xdfff) return false;
		previous = code;
	}
	return previous !== 47;
}

/**
The paths of `entries` (the root entry left out, a path with an opaque-marker component cut before it) stably
sorted in `compareTreeOrder`, which is the order of a name-sorted walk of their tree: or undefined when a path is not
plain (a leading, trailing or doubled `/`: empty components, which the tree skips; a surrogate pair, which sorts
differently by UTF-8 bytes than by UTF-16 units).
*/
function plainInTreeOrder(entries: readonly LayerEntry[]): Listed[] | undefined {
	// Made at the layer's length and cut to what it holds: grown by push, a million-entry list left a trail of copies.
	const listed = new Array<Listed>(entries.length);
	let count = 0;
	// Indexed: a for-of made an iterator result per entry (10 MB on the 235k-file image) while this ran unoptimised.
	for (let i = 0; i < entries.length; i++) {
		const entry = entries[i]!;
		const {path} = entry;
		if (path === '') continue;
		if (!isPlainPath(path)) return undefined;
		const marker = opaqueComponent(path);
		if (marker === -1) listed[count++] = entry;
		else if (marker > 0) listed[count++] = {path: path.slice(0, marker - 1), parentsOnly: true};
	}
	listed.length = count;
	return inTreeOrder(listed);
}

const byCodeUnits = (a: Listed, b: Listed) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/**
`listed` stably sorted in tree order. A list out of that order is sorted by code units first (V8's own comparison):
that order differs from tree order only where a name continues with a character below `/` (`lib.so` against
`lib/`), so what is left for the character-by-character comparator of `sortInTreeOrder` is a few short runs out
of place, not the sibling directories of a whole tar listed in creation order (`pkg-10` after `pkg-9`).
*/
function inTreeOrder(listed: Listed[]): Listed[] {
	for (let i = 1; i < listed.length; i++) {
		if (compareTreeOrder(listed[i - 1]!.path, listed[i]!.path) > 0) {
			listed.sort(byCodeUnits);
			return codeUnitsAreTreeOrder(listed) ? listed : sortInTreeOrder(listed);
		}
	}
	return listed;
}

/**
Whether a list sorted by code units is in tree order too. Two neighbours `a` < `b` are out of tree order only when
the first character where they differ is a `/` in `b` (tree order puts `/` below every character), so only the
positions of `b`'s slashes need a look: where `a` holds a character below `/` there, the two are compared whole.
*/
function codeUnitsAreTreeOrder(listed: readonly Listed[]): boolean {
	for (let i = 1; i < listed.length; i++) {
		const a = listed[i - 1]!.path;
		const b = listed[i]!.path;
		for (let slash = b.indexOf('/'); slash !== -1 && slash < a.length; slash = b.indexOf('/', slash + 1)) {
			if (a.charCodeAt(slash) < 47 && compareTreeOrder(a, b) > 0) return false;
		}
	}
	return true;
}

/** Where the first component that starts with `.wh..wh..` begins, or -1. */
function opaqueComponent(path: string): number {
	for (let at = path.indexOf(opaqueName); at !== -1; at = path.indexOf(opaqueName, at + 1)) {
		if (at === 0 || path.charCodeAt(at - 1) === 47) return at;
	}
	return -1;
}

/**
The entries of paths sorted in tree order: a node is listed when the walk leaves it, its missing parents are made.
`open` holds the path of every node the walk is in (each an ancestor of the next), `openEntries` their entries.
*/
class PostOrder implements Cursor<LayerEntry | undefined> {
	private readonly open: string[] = [];
	private readonly openEntries: Array<LayerEntry | undefined> = [];
	/** The next position in `sorted`. */
	private next = 0;
	/** The path the walk goes to next, once the nodes it is not under are left; undefined when none is chosen. */
	private path: string | undefined;
	private entry: LayerEntry | undefined;

	constructor(private readonly sorted: readonly Listed[]) {}

	take(): LayerEntry | undefined | typeof endOfList {
		const {open, openEntries, sorted} = this;
		for (;;) {
			let {path} = this;
			if (path === undefined) {
				let i = this.next;
				if (i === sorted.length) {
					if (open.length === 0) return endOfList;
					open.pop();
					return openEntries.pop();
				}
				path = sorted[i]!.path;
				let entry = entryOf(sorted[i]!);
				// The same path again (sorted next to each other, in listing order): the last entry wins.
				while (i + 1 < sorted.length && sorted[i + 1]!.path === path) entry = entryOf(sorted[++i]!) ?? entry;
				this.next = i + 1;
				this.path = path;
				this.entry = entry;
			}
			if (open.length > 0 && !isAncestor(open[open.length - 1]!, path)) {
				open.pop();
				return openEntries.pop();
			}
			const from = open.length > 0 ? open[open.length - 1]!.length + 1 : 0;
			for (let slash = path.indexOf('/', from); slash !== -1; slash = path.indexOf('/', slash + 1)) {
				open.push(path.slice(0, slash));
				openEntries.push(undefined);
			}
			open.push(path);
			openEntries.push(this.entry);
			this.path = undefined;
		}
	}
}

function entryOf(listed: Listed): LayerEntry | undefined {
	return 'parentsOnly' in listed ? undefined : listed;
}

function isAncestor(directory: string, path: string): boolean {
	return path.length > directory.length && path.charCodeAt(directory.length) === 47 && path.startsWith(directory);
}

/** `diveFileList` made the way dive makes it: a tree of the layer's paths, walked children first in byte order. */
export function* diveFileListByTree(entries: readonly LayerEntry[]): Generator<DiveFileInfo> {
	for (const entry of entriesByTree(entries)) yield entry ? fileInfo(entry) : implicitParent;
}

function* entriesByTree(entries: readonly LayerEntry[]): Generator<LayerEntry | undefined> {
	const root: TreeNode = {entry: undefined, children: undefined};
	const cache: ParentCache = {path: '', node: undefined};
	for (const entry of entries) add(root, entry, cache);
	// Iterative post-order, so that very deep paths cannot overflow the stack.
	type Frame = {node: TreeNode; children: TreeNode[]; next: number};
	const frameOf = (node: TreeNode): Frame => {
		const names = node.children ? [...node.children.keys()].sort(compareBytewise) : [];
		return {node, children: names.map(name => node.children!.get(name)!), next: 0};
	};
	const stack: Frame[] = [frameOf(root)];
	while (stack.length > 0) {
		const frame = stack[stack.length - 1]!;
		const child = frame.children[frame.next++];
		if (child !== undefined) {
			stack.push(frameOf(child));
			continue;
		}
		stack.pop();
		if (stack.length > 0) yield frame.node.entry;
	}
}
