import {cleanup, render} from 'ink-testing-library';
import {afterEach, expect, test} from 'vitest';
import {analyze} from '../../src/core/analyze.js';
import {InputError} from '../../src/loader/errors.js';
import {openInput} from '../../src/loader/input-source.js';
import {loadImage} from '../../src/loader/load-image.js';
import {createModel} from '../../src/ui/app/explorer-model.js';
import {ExplorerRoot} from '../../src/ui/app/explorer-root.js';
import {createProgressFeed, type LayersSoFar} from '../../src/ui/app/progress-feed.js';
import {contentWhileReading, createReadingCaches} from '../../src/ui/app/reading-model.js';
import {buildKeyMap} from '../../src/ui/keys/key-map.js';
import {initialState} from '../../src/ui/state/ui-state.js';
import {makeTheme} from '../../src/ui/view/theme.js';
import {keys, press, settle, waitForFrame} from '../helpers/press.js';
import {stalledSampleArchive} from '../helpers/stalled-stream.js';

afterEach(() => cleanup());

/** The explorer as `runExplorer` wires it, on a stream that delivers the manifest and layer 0, then stalls. */
async function explorerOnStalledStream() {
	const slow = await stalledSampleArchive();
	const feed = createProgressFeed();
	const keymap = buildKeyMap();
	const theme = makeTheme(false);
	const caches = createReadingCaches();
	const source = await openInput('-', slow.stream);
	const ready = loadImage(source, {onProgress: feed.report, onLayer: feed.layer}).then(loaded => {
		const analysis = feed.finish(loaded.model) ?? analyze(loaded.model);
		return createModel(analysis, loaded.content, keymap, theme, '/tmp', {cache: caches(analysis, false)});
	});
	ready.catch(() => {});
	const reading = (layers: LayersSoFar) => createModel(layers.analysis, contentWhileReading, keymap, theme, '/tmp', {reading: {layerCount: layers.layerCount}, cache: caches(layers.analysis)});
	const quits: boolean[] = [];
	const failures: unknown[] = [];
	const view = render(
		<ExplorerRoot
			name="slow.tar"
			ready={ready}
			progress={feed}
			initial={initialState()}
			theme={theme}
			env={{}}
			resolveDir={dir => dir}
			onQuit={whileLoading => quits.push(whileLoading)}
			onFail={error => failures.push(error)}
			reading={reading}
		/>,
	);
	const frame = () => view.lastFrame() ?? '';
	const waitFor = (predicate: (text: string) => boolean) => waitForFrame(view.lastFrame, predicate, 20_000);
	return {slow, view, frame, waitFor, quits, failures};
}

const layerRows = (frame: string) => frame.split('\n').filter(line => /^│?[▶ ][●○ ] +\d+ /.test(line));

test('layer 0 of a stalled stream is browsed while the rest has not arrived; the figures say reading… until every layer is read', async () => {
	const {slow, frame, waitFor, view, quits} = await explorerOnStalledStream();
	slow.start();
	let screen = await waitFor(text => text.includes('busybox'));
	// The panes are up with layer 0 only, its files in the tree.
	expect(screen).toMatch(/├── group/);
	expect(screen).toContain('Layers');
	expect(screen).toContain(`1/1 of ${slow.layerCount}`);
	expect(layerRows(screen)).toHaveLength(1);
	// Whole-image figures wait, and the reading progress is on screen.
	expect(screen).toMatch(/Efficiency: reading…/);
	expect(screen).toMatch(/Reclaimable: reading…/);
	expect(screen).toContain(`Reading… 1 of ${slow.layerCount} layers read`);
	expect(screen).not.toContain('Most reclaimable');
	// Browse: the tree takes the focus and its cursor moves; the layer's details are there.
	await settle(); // The explorer's key handler is attached after its first frame.
	await press(view.stdin, keys.tab);
	screen = frame();
	expect(screen).toMatch(/┃ ● Current Layer Contents/);
	expect(screen).toContain('Layer 0 details');
	await press(view.stdin, keys.down, keys.down);
	expect(frame()).not.toBe(screen);
	// The hints need every layer.
	await press(view.stdin, 'w');
	expect(frame()).toContain(`The hints need every layer of the image; 1 of ${slow.layerCount} layers have been read so far.`);
	// The reading progress stays on screen under the full-screen views too.
	expect(frame()).toContain(`Reading… 1 of ${slow.layerCount} layers read`);
	await press(view.stdin, keys.escape);
	// Still stalled: nothing more is shown.
	expect(layerRows(frame())).toHaveLength(1);

	slow.release();
	screen = await waitFor(text => text.includes('Most reclaimable'));
	expect(layerRows(screen)).toHaveLength(slow.layerCount);
	expect(screen).not.toContain('reading…');
	expect(screen).not.toContain('Reading…');
	expect(screen).toMatch(/Efficiency: \d+\.\d\d %/);
	expect(screen).toMatch(/Wasted: [\d.]+ [kM]B \(every copy\)/);
	expect(screen).toMatch(/Reclaimable: (none|[\d.]+ [kM]?B)/);
	expect(quits).toEqual([]);
	// What was set while reading carries over: the tree still has the focus.
	expect(screen).toMatch(/┃ ● Current Layer Contents/);
	await press(view.stdin, 'q');
	expect(quits).toEqual([false]);
}, 60_000);

test('q while the rest of the image is still on its way quits as leaving a load', async () => {
	const {slow, waitFor, view, quits} = await explorerOnStalledStream();
	slow.start();
	await waitFor(text => text.includes('busybox'));
	await settle();
	await press(view.stdin, 'q');
	expect(quits).toEqual([true]);
	slow.stream.destroy();
}, 60_000);

test('Ctrl+C while reading quits too', async () => {
	const {slow, waitFor, view, quits} = await explorerOnStalledStream();
	slow.start();
	await waitFor(text => text.includes('busybox'));
	await settle();
	await press(view.stdin, keys.ctrl('c'));
	expect(quits).toEqual([true]);
	slow.stream.destroy();
}, 60_000);

test('an archive that turns out truncated after the panes appeared fails the explorer with the load error', async () => {
	const {slow, waitFor, failures} = await explorerOnStalledStream();
	slow.start();
	await waitFor(text => text.includes('busybox'));
	slow.truncate();
	for (let i = 0; i < 400 && failures.length === 0; i++) await new Promise(resolve => setTimeout(resolve, 25));
	expect(failures).toHaveLength(1);
	expect(failures[0]).toBeInstanceOf(InputError);
	expect(String((failures[0] as Error).message)).toMatch(/truncated/);
}, 60_000);
