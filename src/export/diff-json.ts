import type {FileDiff, ImageComparison} from '../core/compare/compare-types.js';

export const diffSchemaVersion = 1;

/** `layerlens diff --json`: the comparison as a document (see the README's schema). Pure mapping, no formatting. */
export function toDiffDocument(comparison: ImageComparison, inputs: {readonly old: string; readonly new: string}) {
	const {fileTotals} = comparison;
	return {
		schemaVersion: diffSchemaVersion,
		differ: comparison.differ,
		old: {input: inputs.old, ...comparison.old},
		new: {input: inputs.new, ...comparison.new},
		delta: comparison.delta,
		layers: {
			shared: comparison.layers.shared,
			added: comparison.layers.added,
			removed: comparison.layers.removed,
		},
		files: {
			added: fileTotals.added,
			removed: fileTotals.removed,
			changed: fileTotals.changed,
			addedBytes: fileTotals.addedBytes,
			removedBytes: fileTotals.removedBytes,
			list: comparison.files.map(fileRecord),
		},
		growth: {depth: comparison.depth, directories: comparison.growth},
	};
}

function fileRecord(diff: FileDiff) {
	return {
		path: diff.path,
		kind: diff.kind,
		fields: diff.fields ?? [],
		byteDelta: diff.byteDelta,
		old: diff.old ?? null,
		new: diff.new ?? null,
	};
}
