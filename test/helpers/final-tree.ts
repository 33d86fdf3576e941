import type {Analysis, Change} from '../../src/core/analysis-types.js';

const typeLetters: Record<Change['type'], string> = {
	file: 'f',
	dir: 'd',
	symlink: 'l',
	hardlink: 'h',
	char: 'c',
	block: 'b',
	fifo: 'p',
};

/**
Replays every layer's `changes` onto an empty filesystem and lists the result in the `*.final-tree.tsv` format
of the shared fixtures (written by a real OCI unpacker), so the two can be compared line by line.
*/
export function finalTreeFromChanges(analysis: Analysis): string[] {
	const files = new Map<string, Change>();
	for (const layer of analysis.layers) {
		for (const change of layer.changes) {
			if (change.kind === 'removed') {
				for (const path of [...files.keys()]) {
					if (path === change.path || path.startsWith(`${change.path}/`)) files.delete(path);
				}
			} else {
				files.set(change.path, change);
			}
		}
	}
	const paths = [...files.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
	// Hard links: every name of one inode is grouped under the regular file they share.
	const inodeOf = (path: string): string => {
		let current = path;
		for (let hops = 0; hops < 32; hops++) {
			const change = files.get(current);
			if (change?.type !== 'hardlink') return current;
			current = change.linkTarget;
		}
		return current;
	};
	const firstName = new Map<string, string>();
	return paths.map(path => {
		const change = files.get(path)!;
		const mode = change.mode.toString(8).padStart(4, '0');
		let type = typeLetters[change.type];
		let size = change.type === 'file' ? String(change.size) : '-';
		let target = change.type === 'symlink' ? change.linkTarget : '-';
		if (change.type === 'file' || change.type === 'hardlink') {
			const inode = inodeOf(path);
			const first = firstName.get(inode);
			const content = files.get(inode);
			size = String(content?.size ?? 0);
			if (first === undefined) {
				firstName.set(inode, path);
				type = 'f';
			} else {
				type = 'h';
				target = first;
			}
		}
		return [path, type, mode, change.uid, change.gid, size, target].join('\t');
	});
}
