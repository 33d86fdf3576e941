import {beforeAll, describe, expect, test} from 'vitest';
import type {Analysis} from '../../src/core/analysis-types.js';
import {buildCompareTree, buildCompareTreeSteps} from '../../src/core/compare-tree.js';
import {nextAggregatedTreeSteps, nextLayerTree, nextLayerTreeSteps} from '../../src/core/next-layer-tree.js';
import type {Steps} from '../../src/core/steps.js';
import {initialState} from '../../src/ui/state/ui-state.js';
import {TreeBuilder} from '../../src/ui/tree/tree-builder.js';
import {TreeCache} from '../../src/ui/tree/tree-cache.js';
import {TreeRows} from '../../src/ui/tree/tree-rows.js';
import {noneHidden, Visibility} from '../../src/ui/tree/visibility.js';
import {createReadingCaches} from '../../src/ui/app/reading-model.js';
import {buildImageArchive, dir, file, whiteout, type ImageDescription} from '../helpers/image-builder.js';
import {analyzeBuffer} from '../helpers/load-fixture.js';
import {countingTreeCache} from '../helpers/tree-builder.js';

/** Three layers of a few thousand paths: big enough that a tree takes several steps (about 2,000 nodes each). */
const wide: ImageDescription = {
	tags: ['wide:test'],
	layers: [
		{createdBy: 'base', entries: [...Array.from({length: 30}, (_, d) => [dir(`d${d}/`), ...Array.from({length: 100}, (_, f) => file(`d${d}/f${f}`, 'x'.repeat(f)))]).flat()]},
		{createdBy: 'touch some, remove some', entries: [dir('d3/'), ...Array.from({length: 100}, (_, f) => file(`d3/f${f}`, 'y')), whiteout('d7'), dir('new/'), ...Array.from({length: 2500}, (_, f) => file(`new/n${f}`, 'z'))]},
		{createdBy: 'more', entries: [dir('d9/'), file('d9/extra', 'w'), whiteout('d3')]},
	],
};

let analysis: Analysis;
beforeAll(async () => {
	analysis = await analyzeBuffer(await buildImageArchive(wide, 'docker-oci'));
}, 120_000);

function dump(cache: TreeCache, layer: number, mode: 'layer' | 'aggregated'): string[] {
	cache.tree(layer, mode);
	const rows = cache.rows(layer, mode, initialState().tree, '');
	return rows.rows(0, rows.count).map(row => `${row.node.path} ${row.node.diff} ${row.size} ${row.lastAt.join('')}`);
}

function countSteps<T>(steps: Steps<T>): number {
	let count = 0;
	while (!steps.next().done) count++;
	return count;
}

describe('trees built a slice at a time', () => {
	test('the stepped builders pause along the way (about every 2,000 changes or nodes)', async () => {
		expect(countSteps(buildCompareTreeSteps(analysis, 1, 'aggregated'))).toBeGreaterThan(2);
		// Layer 1 changes about 2,600 paths: one pause.
		expect(countSteps(nextLayerTreeSteps(analysis, buildCompareTree(analysis, 0, 'layer'), 1))).toBeGreaterThan(0);
	});

	test('advance builds a tree over many slices, and its rows are those of a tree built at once', async () => {
		const sliced = new TreeCache(analysis);
		const whole = new TreeCache(analysis, buildCompareTree, nextLayerTree);
		for (const [layer, mode] of [[0, 'layer'], [1, 'layer'], [2, 'layer'], [2, 'aggregated']] as const) {
			let slices = 1;
			// A slice that is over at once: one step per call.
			while (!sliced.advance(layer, mode, () => true)) slices++;
			expect(slices, `layer ${layer} ${mode}`).toBeGreaterThan(1);
			expect(sliced.has(layer, mode)).toBe(true);
			expect(dump(sliced, layer, mode), `layer ${layer} ${mode}`).toEqual(dump(whole, layer, mode));
		}
	});

	test('the explorer\'s caches (which keep the trees built while an image is read) build a slice at a time too', async () => {
		const whole = new TreeCache(analysis, buildCompareTree, nextLayerTree);
		for (const reading of [true, false]) {
			const cache = createReadingCaches()(analysis, reading);
			for (const [layer, mode] of [[0, 'layer'], [1, 'layer'], [2, 'aggregated']] as const) {
				let slices = 1;
				while (!cache.advance(layer, mode, () => true)) slices++;
				expect(slices, `layer ${layer} ${mode}`).toBeGreaterThan(1);
				expect(dump(cache, layer, mode), `layer ${layer} ${mode}`).toEqual(dump(whole, layer, mode));
			}
		}
	});

	test('rows counted a slice at a time are the rows counted at once', async () => {
		const cache = new TreeCache(analysis);
		const tree = initialState().tree;
		cache.tree(1, 'layer');
		let slices = 1;
		while (!cache.countRows(1, 'layer', tree, '', () => true)) slices++;
		expect(slices).toBeGreaterThan(1);
		const fresh = new TreeCache(analysis);
		expect(cache.rows(1, 'layer', tree, '').count).toBe(fresh.rows(1, 'layer', tree, '').count);
		expect(dump(cache, 1, 'layer')).toEqual(dump(fresh, 1, 'layer'));
	});
});

/** A cache with the stepped builders, recording each one it starts (`build 2 layer`, `derive 1`). */
function recordingCache(of: Analysis, calls: string[]): TreeCache {
	return new TreeCache(of, undefined, undefined, {
		build: (a, layer, mode) => {
			calls.push(`build ${layer} ${mode}`);
			return buildCompareTreeSteps(a, layer, mode);
		},
		derive: (a, below, layer) => {
			calls.push(`derive ${layer}`);
			return nextLayerTreeSteps(a, below, layer);
		},
		deriveAggregated: (a, below, base, layer) => {
			calls.push(`derive ${layer} aggregated`);
			return nextAggregatedTreeSteps(a, below, base, layer);
		},
	});
}

describe('TreeCache jobs and budget', () => {
	test('a full build left half done is dropped for a derivation once the tree below is built', () => {
		const calls: string[] = [];
		const cache = recordingCache(analysis, calls);
		expect(cache.advance(2, 'layer', () => true)).toBe(false);
		cache.tree(0, 'layer');
		cache.tree(1, 'layer');
		expect(cache.advance(2, 'layer', () => false)).toBe(true);
		expect(calls).toEqual(['build 2 layer', 'build 0 layer', 'derive 1', 'derive 2']);
	});

	test('layer 0\'s half-done build is kept while other unfinished builds push each other out', () => {
		const calls: string[] = [];
		const cache = recordingCache(analysis, calls);
		for (const [layer, mode] of [[0, 'layer'], [1, 'aggregated'], [2, 'layer'], [2, 'aggregated'], [1, 'aggregated']] as const) {
			expect(cache.advance(layer, mode, () => true)).toBe(false);
		}
		expect(cache.advance(0, 'layer', () => false)).toBe(true);
		// Layer 1's aggregated build was pushed out by the fourth job and started again; layer 0's was resumed.
		expect(calls).toEqual(['build 0 layer', 'build 1 aggregated', 'build 2 layer', 'build 2 aggregated', 'build 1 aggregated']);
	});

	test('layer 0\'s tree is never dropped to make room', async () => {
		const many = await analyzeBuffer(
			await buildImageArchive({tags: ['many-layers:test'], layers: Array.from({length: 18}, (_, index) => ({createdBy: `layer ${index}`, entries: [file(`f${index}`, 'x')]}))}, 'docker-oci'),
		);
		const cache = new TreeCache(many);
		for (let layer = 0; layer < 18; layer++) cache.tree(layer, 'layer');
		// At most 16 trees are kept: the oldest after layer 0's go.
		expect([...Array(18).keys()].filter(layer => cache.has(layer, 'layer'))).toEqual([0, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
	});
});

describe('rows of trees that share subtrees', () => {
	const list = (rows: TreeRows) => rows.rows(0, rows.count).map(row => `${row.node.path} ${row.node.diff} ${row.size} ${row.collapsed} ${row.lastAt.join('')}`);

	for (const [what, settings] of [
		['nothing hidden or collapsed', initialState().tree],
		['a directory collapsed and unmodified nodes hidden', {...initialState().tree, collapse: {all: false, except: new Set(['/d9'])}, hidden: {...noneHidden, unmodified: true}}],
	] as const) {
		test(`a derived tree's rows share the caches of the rows below and list what rows counted alone list (${what})`, () => {
			const cache = new TreeCache(analysis);
			const below = cache.rows(1, 'layer', settings, '');
			void below.count;
			const rows = cache.rows(2, 'layer', settings, '');
			const alone = new TreeRows(new Visibility(cache.tree(2, 'layer'), settings.hidden, undefined), settings.sort, settings.collapse);
			expect(list(rows)).toEqual(list(alone));
			expect(rows.cached).toBe(below.cached);
			expect(rows.cached).toBeGreaterThan(alone.cached);
		});
	}

	test('rows under other settings share nothing', () => {
		const cache = new TreeCache(analysis);
		const {tree} = initialState();
		const below = cache.rows(1, 'layer', tree, '');
		void below.count;
		const collapsed = cache.rows(2, 'layer', {...tree, collapse: {all: true, except: new Set()}}, '');
		void collapsed.count;
		expect(collapsed.cached).toBe(1);
		expect(below.sharesWith(collapsed.visibility, 'name', tree.collapse)).toBe(true);
		expect(below.sharesWith(collapsed.visibility, 'size', tree.collapse)).toBe(false);
		expect(below.sharesWith(new Visibility(cache.tree(2, 'layer'), {...noneHidden, added: true}, undefined), 'name', tree.collapse)).toBe(false);
		expect(below.sharesWith(below.visibility, 'name', tree.collapse)).toBe(false);
	});
});

describe('TreeBuilder', () => {
	test('builds the wanted tree, says so, then builds the other layers ahead, deriving upwards from the layer below', async () => {
		const calls: string[] = [];
		const cache = countingTreeCache(analysis, calls);
		const builder = new TreeBuilder(cache, {sliceMs: 1, idleMs: 5});
		const ready = new Promise<void>(resolve => {
			builder.want({wanted: {layer: 0, mode: 'layer'}, ahead: [{layer: 2, mode: 'layer'}, {layer: 1, mode: 'layer'}], tree: initialState().tree, pattern: '', onReady: resolve});
		});
		await ready;
		expect(cache.has(0, 'layer')).toBe(true);
		const start = Date.now();
		while (!(cache.has(1, 'layer') && cache.has(2, 'layer')) && Date.now() - start < 10_000) await new Promise(resolve => setTimeout(resolve, 5));
		builder.stop();
		// Layer 2 is asked for first, but layer 1 comes first so that both are derived.
		expect(calls).toEqual(['build 0 layer', 'derive 1', 'derive 2']);
	});

	test('a wanted tree is derived up from the nearest built layer below when that costs less than building it, else built', async () => {
		const calls: string[] = [];
		const counting = () => countingTreeCache(analysis, calls);
		const wait = (cache: TreeCache, layer: number) => {
			const builder = new TreeBuilder(cache, {sliceMs: 1, idleMs: 10_000});
			return new Promise<void>(resolve => builder.want({wanted: {layer, mode: 'layer'}, ahead: [], tree: initialState().tree, pattern: '', onReady: resolve})).then(() => builder.stop());
		};
		// Layer 0 built: deriving 1 then 2 visits ~5,500 changes, building 2 replays ~5,800.
		const warm = counting();
		warm.tree(0, 'layer');
		calls.length = 0;
		await wait(warm, 2);
		expect(calls).toEqual(['derive 1', 'derive 2']);
		expect(warm.has(2, 'layer')).toBe(true);
		// Nothing built: layer 0's tree (the first screen, where every chain starts) comes first, then the chain up.
		const cold = counting();
		calls.length = 0;
		await wait(cold, 2);
		expect(calls).toEqual(['build 0 layer', 'derive 1', 'derive 2']);
	});

	test('a wanted aggregated tree is derived up from layer 0\'s tree, and its rows are those of a full build', async () => {
		const calls: string[] = [];
		const cache = recordingCache(analysis, calls);
		const builder = new TreeBuilder(cache, {sliceMs: 1, idleMs: 10_000});
		await new Promise<void>(resolve => builder.want({wanted: {layer: 2, mode: 'aggregated'}, ahead: [], tree: initialState().tree, pattern: '', onReady: resolve}));
		builder.stop();
		// Aggregated layer 1 is layer 1's own tree marked against layer 0: the layer-mode derivation makes it.
		expect(calls).toEqual(['build 0 layer', 'derive 1', 'derive 2 aggregated']);
		expect(dump(cache, 2, 'aggregated')).toEqual(dump(new TreeCache(analysis, buildCompareTree, nextLayerTree), 2, 'aggregated'));
	});

	test('a key between slices is read: the work waits in timers, never in one long run', async () => {
		const cache = new TreeCache(analysis);
		const builder = new TreeBuilder(cache, {sliceMs: 0, idleMs: 0});
		let slices = 0;
		const ready = new Promise<void>(resolve => {
			builder.want({wanted: {layer: 2, mode: 'aggregated'}, ahead: [], tree: initialState().tree, pattern: '', onReady: resolve});
		});
		// Counts the event-loop turns the build leaves free while it runs.
		let done = false;
		void ready.then(() => (done = true));
		while (!done) {
			await new Promise(resolve => setImmediate(resolve));
			slices++;
		}
		builder.stop();
		expect(slices).toBeGreaterThan(2);
		expect(cache.has(2, 'aggregated')).toBe(true);
	});
});
