import {afterEach, expect, test} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {analyze} from '../../src/core/analyze.js';
import {App} from '../../src/ui/app/app.js';
import {createModel, firstState} from '../../src/ui/app/explorer-model.js';
import {buildKeyMap} from '../../src/ui/keys/key-map.js';
import {initialState} from '../../src/ui/state/ui-state.js';
import {makeTheme} from '../../src/ui/view/theme.js';
import {keys, press, until, waitForFrame} from '../helpers/press.js';
import {describeWithFixtures, fixturePath} from '../helpers/fixtures.js';
import {loadPath} from '../helpers/load-fixture.js';

const fixture = fixturePath('dive/test-docker-image.tar');
const size = {columns: 120, rows: 40};

async function explorer(deferTreeAt: number) {
	const {model, content} = await loadPath(fixture);
	const explorerModel = createModel(analyze(model), content, buildKeyMap(), makeTheme(false), process.cwd(), {deferTreeAt});
	const shown = render(<App model={explorerModel} initial={initialState()} size={size} env={{}} onQuit={() => {}} />);
	return {...shown, model: explorerModel};
}

afterEach(() => cleanup());

describeWithFixtures('a big first tree is built after the first screen', () => {
	test('the first frame shows the layers and a tree being built; the tree then fills in, as a screen that waited for it', async () => {
		const waited = await explorer(Number.POSITIVE_INFINITY);
		const waitedFrame = await waitForFrame(waited.lastFrame, frame => frame.includes('Current Layer Contents') && !frame.includes('Building the tree'));
		waited.unmount();

		const deferred = await explorer(1);
		const first = deferred.frames[0] ?? '';
		expect(first).toContain('Building the tree of this layer');
		// The rest of the screen is there already: the layers, the image's figures and the one-line answer.
		expect(first).toContain('Layer 0 details');
		expect(first).toContain('Efficiency: 98.44 %');
		expect(first).toContain('Most reclaimable: layer 3, 6.4 kB');
		const settled = await waitForFrame(deferred.lastFrame, frame => !frame.includes('Building the tree'));
		expect(settled).toBe(waitedFrame);
	});

	test('keys pressed while the first tree is built act on it once it is there', async () => {
		const deferred = await explorer(1);
		await press(deferred.stdin, keys.tab, keys.down, keys.down);
		const settled = await waitForFrame(deferred.lastFrame, frame => !frame.includes('Building the tree'));
		const waited = await explorer(Number.POSITIVE_INFINITY);
		await waitForFrame(waited.lastFrame, frame => frame.includes('Current Layer Contents') && !frame.includes('Building the tree'));
		await press(waited.stdin, keys.tab, keys.down, keys.down);
		expect(waited.lastFrame()).toBe(settled);
	});

	test('a saved analysis opened early: its first tree, however small, is built once the rest of the analysis is read', async () => {
		const {model, content} = await loadPath(fixture);
		let finish = () => {};
		const rest = new Promise<void>(resolve => (finish = resolve));
		let asked = 0;
		const complete = () => {
			asked++;
			return rest;
		};
		// No tree is big enough to be deferred for its size here.
		const explorerModel = createModel(analyze(model), content, buildKeyMap(), makeTheme(false), process.cwd(), {deferTreeAt: Number.POSITIVE_INFINITY, complete});
		const shown = render(<App model={explorerModel} initial={initialState()} size={size} env={{}} onQuit={() => {}} />);
		expect(shown.frames[0]).toContain('Building the tree of this layer');
		expect(shown.frames[0]).toContain('Efficiency: 98.44 %');
		await until(() => asked === 1);
		// Given time to build it, the builder still waits for the rest.
		await new Promise(resolve => setTimeout(resolve, 300));
		expect(explorerModel.cache.has(0, 'layer')).toBe(false);
		expect(shown.lastFrame()).toContain('Building the tree of this layer');
		finish();
		await waitForFrame(shown.lastFrame, frame => !frame.includes('Building the tree'));
		expect(explorerModel.cache.has(0, 'layer')).toBe(true);
		expect(asked).toBe(1);
	});

	test('only a first tree from at least the threshold\'s entries is deferred, and never one already built', async () => {
		const {model, content} = await loadPath(fixture);
		const analysis = analyze(model);
		const layer0 = analysis.layers[0]!.entryCount;
		const at = (deferTreeAt: number) => createModel(analysis, content, buildKeyMap(), makeTheme(false), process.cwd(), {deferTreeAt});
		expect(firstState(at(layer0), initialState()).pendingTree).toEqual({path: undefined, offset: 0});
		expect(firstState(at(layer0 + 1), initialState()).pendingTree).toBeUndefined();
		// Aggregated mode counts every layer up to the cursor (layer 0 here: the same entries).
		expect(firstState(at(layer0), initialState({mode: 'aggregated'})).pendingTree).toEqual({path: undefined, offset: 0});
		const built = at(1);
		built.cache.tree(0, 'layer');
		expect(firstState(built, initialState()).pendingTree).toBeUndefined();
	});
});
