import type {Analysis} from '../../core/analysis-types.js';
import {buildCompareTree, type TreeNode} from '../../core/compare-tree.js';
import {compressedSize} from '../../core/compressed-size.js';
import {packTree, type PackedTree, type TreeItem} from './packed-tree.js';
import type {ReportInput} from './report-input.js';

/** Nodes a treemap keeps before merging small files: enough detail to explore, small enough to draw at once. */
export const defaultTreemapBudget = 6_000;

/** What the page reads: plain JSON, every number exact. */
export type ReportData = {
	/** `compressedBytes`: the stored layer blobs, when the archive tells; `archiveBytes`: the file read, when given. */
	readonly image: Analysis['image'] & {readonly compressedBytes: number | null; readonly archiveBytes: number | null};
	readonly layers: ReadonlyArray<{
		readonly index: number;
		readonly id: string;
		readonly command: string;
		readonly createdBy: string;
		readonly sizeBytes: number;
		readonly reclaimableBytes: number;
		readonly compression: string;
		readonly entryCount: number;
		readonly added: {count: number; bytes: number};
		readonly modified: {count: number; bytes: number};
		readonly removed: {count: number; bytes: number};
	}>;
	/** The final filesystem: files (and links, devices) where the last layer left them. */
	readonly files: PackedTree;
	/** Every hidden copy at its path, coloured by the layer that stores it. */
	readonly waste: PackedTree;
	/** dive's inefficient files: [path, count, cumulative bytes]. */
	readonly inefficiencies: ReadonlyArray<readonly [string, number, number]>;
	/** layerlens's reclaimable list: [path, hidden copies, bytes]. */
	readonly reclaimable: ReadonlyArray<readonly [string, number, number]>;
	readonly ci: ReportInput['ci'] | null;
	readonly hints: ReportInput['hints'] | null;
	readonly diff: ReportInput['diff'] | null;
	readonly generator: string;
};

export function reportData(input: ReportInput, budget = defaultTreemapBudget): ReportData {
	const {analysis} = input;
	const compressed = compressedSize(analysis.model);
	return {
		image: {...analysis.image, compressedBytes: 'bytes' in compressed ? compressed.bytes : null, archiveBytes: input.archiveBytes ?? null},
		layers: analysis.layers.map(layer => ({
			index: layer.index,
			id: layer.id,
			command: layer.command,
			createdBy: layer.createdBy,
			sizeBytes: layer.sizeBytes,
			reclaimableBytes: layer.reclaimableBytes,
			compression: layer.compression,
			entryCount: layer.entryCount,
			added: {...layer.added},
			modified: {...layer.modified},
			removed: {...layer.removed},
		})),
		files: packTree(finalFiles(analysis), budget),
		waste: packTree(hiddenCopies(analysis), budget),
		inefficiencies: analysis.inefficiencies.map(item => [item.path, item.count, item.cumulativeBytes] as const),
		reclaimable: analysis.reclaimable.map(item => [item.path, item.copies, item.bytes] as const),
		ci: input.ci ?? null,
		hints: input.hints ?? null,
		diff: input.diff ?? null,
		generator: input.generator ?? 'layerlens',
	};
}

/** Every non-directory path of the final filesystem with its size and the layer that last wrote it. */
export function* finalFiles(analysis: Analysis): Generator<TreeItem> {
	if (analysis.layers.length === 0) return;
	const root = buildCompareTree(analysis, analysis.layers.length - 1, 'layer');
	const stack: TreeNode[] = [root];
	while (stack.length > 0) {
		const node = stack.pop()!;
		if (node.diff === 'removed') continue;
		if (node.type !== 'dir') yield {path: node.path, bytes: node.size, layer: node.layer};
		for (const child of node.children) stack.push(child);
	}
}

function* hiddenCopies(analysis: Analysis): Generator<TreeItem> {
	for (const layer of analysis.layers) {
		for (const copy of layer.hidden) yield {path: copy.path, bytes: copy.bytes, layer: layer.index};
	}
}
