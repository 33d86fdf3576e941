import type {LayerEntry} from '../core/model.js';
import {compareBytewise} from '../core/compare-bytewise.js';
import {goFileMode, goModeIsDir} from '../format/file-mode.js';

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

function fileInfo(entry: LayerEntry): DiveFileInfo {
	// Go's tar reader turns the old NUL typeflag into '0' ('5' for a name ending in '/', i.e. a directory).
	const typeFlag = entry.typeFlag === 0 ? (entry.type === 'dir' ? dirFlag : regularFlag) : entry.typeFlag;
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

/** dive's `AddPath`: missing parents become zero records; a new `.wh..wh.*` component (opaque marker) is dropped. */
function add(root: TreeNode, entry: LayerEntry): void {
	if (entry.path === '') return; // `.` and `/`: dive skips or ignores them
	const names = entry.path.split('/');
	let node = root;
	for (const name of names) {
		if (name === '') continue;
		node.children ??= new Map();
		let child = node.children.get(name);
		if (child === undefined) {
			if (name.startsWith('.wh..wh..')) return;
			child = {entry: undefined, children: undefined};
			node.children.set(name, child);
		}
		node = child;
	}
	node.entry = entry;
}

/**
dive's export `fileList` of one layer: every node of the layer's own tree (entries in tar order, a later entry for
the same path replacing the earlier one, implicit parents as zero records), visited children first, children
ordered bytewise, the root left out. A generator: each record exists only while the export writes it.
*/
export function* diveFileList(entries: readonly LayerEntry[]): Generator<DiveFileInfo> {
	const root: TreeNode = {entry: undefined, children: undefined};
	for (const entry of entries) add(root, entry);
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
		if (stack.length > 0) yield frame.node.entry ? fileInfo(frame.node.entry) : implicitParent;
	}
}
