import {describe, expect, test} from 'vitest';
import {buildCompareTree} from '../../src/core/compare-tree.js';
import {sampleImage} from '../../src/sample/sample-image.js';
import {TreeCache} from '../../src/ui/tree/tree-cache.js';
import {initialState} from '../../src/ui/state/ui-state.js';
import {buildImageArchive} from '../helpers/image-builder.js';
import {analyzeBuffer} from '../helpers/load-fixture.js';
import {countingTreeCache} from '../helpers/tree-builder.js';

describe('TreeCache', () => {
	test('steps to the next layer by deriving its tree from the one below; jumps and aggregated views are built', async () => {
		const analysis = await analyzeBuffer(await buildImageArchive(sampleImage, 'docker-oci'));
		const calls: string[] = [];
		const cache = countingTreeCache(analysis, calls);
		const last = analysis.layers.length - 1;
		for (let layer = 0; layer <= last; layer++) cache.tree(layer, 'layer');
		cache.tree(last, 'aggregated');
		expect(calls).toEqual(['build 0 layer', ...Array.from({length: last}, (_, i) => `derive ${i + 1}`), `build ${last} aggregated`]);
		const rows = (layer: number) => {
			const list = cache.rows(layer, 'layer', initialState().tree, '');
			return list.rows(0, list.count).map(row => `${row.node.path} ${row.node.diff} ${row.size}`);
		};
		const fresh = new TreeCache(analysis, buildCompareTree, () => {
			throw new Error('not used');
		});
		const freshRows = (layer: number) => {
			fresh.tree(layer, 'layer');
			const list = fresh.rows(layer, 'layer', initialState().tree, '');
			return list.rows(0, list.count).map(row => `${row.node.path} ${row.node.diff} ${row.size}`);
		};
		expect(rows(last)).toEqual(freshRows(last));
	});

	test('keeps the view of layer 0 however many other views were used since (Home back to the first layer)', async () => {
		const analysis = await analyzeBuffer(await buildImageArchive(sampleImage, 'docker-oci'));
		const cache = new TreeCache(analysis);
		const settings = initialState().tree;
		const base = cache.rows(0, 'layer', settings, '');
		// Eight views of another tree (a filter each), more than the cache keeps of the recently used.
		for (const pattern of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) cache.rows(1, 'layer', settings, pattern);
		expect(cache.rows(0, 'layer', settings, '')).toBe(base);
		// The others are still dropped, oldest first.
		const first = cache.rows(1, 'layer', settings, 'a');
		for (const pattern of ['b', 'c', 'd', 'e', 'f', 'g', 'h']) cache.rows(1, 'layer', settings, pattern);
		expect(cache.rows(1, 'layer', settings, 'a')).not.toBe(first);
	});
});
