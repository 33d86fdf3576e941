import {Readable} from 'node:stream';
import type {DiffKind} from '../../src/core/analysis-types.js';
import type {TreeNode} from '../../src/core/compare-tree.js';
import type {EntryType, LayerEntry} from '../../src/core/model.js';
import type {ContentSource} from '../../src/loader/content-source.js';

/** A content source over in-memory layers: layer index → (relative path → bytes). */
export function fakeContent(layers: Record<number, Record<string, string | Buffer>>): ContentSource & {reads: number[]} {
	const reads: number[] = [];
	return {
		available: true,
		unavailableReason: '',
		reads,
		async forEachEntry(layer, want, onEntry) {
			reads.push(layer);
			for (const [path, data] of Object.entries(layers[layer] ?? {})) {
				if (!want(path)) continue;
				const bytes = Buffer.from(data);
				const entry: LayerEntry = {path, type: 'file', typeFlag: 48, size: bytes.length, mode: 0o644, uid: 0, gid: 0, linkTarget: '', digest: ''};
				await onEntry(entry, Readable.from([bytes]));
			}
		},
	};
}

type Spec = {
	readonly type?: EntryType;
	readonly size?: number;
	readonly mode?: number;
	readonly layer?: number;
	readonly diff?: DiffKind;
	readonly linkTarget?: string;
	readonly children?: Record<string, Spec>;
};

/** Builds a TreeNode tree by hand (names are taken as given, hostile ones included). */
export function tree(children: Record<string, Spec>): TreeNode {
	const make = (name: string, path: string, spec: Spec, parent: TreeNode | undefined): TreeNode => {
		const node: TreeNode = {
			name,
			path,
			type: spec.type ?? (spec.children ? 'dir' : 'file'),
			size: spec.size ?? 0,
			mode: spec.mode ?? (spec.children ? 0o755 : 0o644),
			uid: 0,
			gid: 0,
			linkTarget: spec.linkTarget ?? '',
			diff: spec.diff ?? 'unmodified',
			totalSize: spec.size ?? 0,
			layer: spec.layer ?? 0,
			children: [],
			parent,
		};
		node.children = Object.entries(spec.children ?? {})
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
			.map(([childName, child]) => make(childName, path === '/' ? `/${childName}` : `${path}/${childName}`, child, node));
		return node;
	};
	const root = make('', '/', {children}, undefined);
	root.layer = -1;
	return root;
}

export function child(root: TreeNode, path: string): TreeNode {
	let node = root;
	for (const name of path.split('/').filter(Boolean)) node = node.children.find(candidate => candidate.name === name)!;
	return node;
}
