import type {Layer, LayerEntry} from '../../src/core/model.js';

/** A model layer of uncompressed entries for core tests: ids, commands and size made from its index and entries. */
export const modelLayer = (index: number, entries: LayerEntry[]): Layer => ({
	index,
	blob: `b${index}`,
	id: `sha256:${index}`,
	diffId: '',
	command: `step ${index}`,
	createdBy: `step ${index}`,
	created: '',
	sizeBytes: entries.reduce((sum, item) => sum + item.size, 0),
	compression: 'none',
	entries,
});
