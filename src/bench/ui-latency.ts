import '../ui/production-mode.js';
import {EventEmitter} from 'node:events';
import {PassThrough} from 'node:stream';
import {render} from 'ink';
import {createElement} from 'react';
import {analyze} from '../core/analyze.js';
import {openInput} from '../loader/input-source.js';
import {loadImage} from '../loader/load-image.js';
import {App, buildKeyMap, createModel, initialState, KeySource, makeTheme} from '../ui/explorer-api.js';

export type Latency = {readonly samples: number; readonly p50Ms: number; readonly p95Ms: number; readonly maxMs: number};

export type UiLatency = Latency & {
	/** Selecting another layer: the frame showing the new selection (its tree follows). */
	readonly layerSwitch: Latency;
	/** Selecting another layer until its tree is on screen (a first visit builds the tree). */
	readonly layerTree: Latency;
	/** From the explorer's mount to the first layer's tree drawn (on a big image it is built after the first screen). */
	readonly firstTreeMs: number;
	readonly treeRows: number;
};

const size = {columns: 160, rows: 48};

/** A terminal stand-in: Ink writes frames here; `next()` resolves at the next frame. */
class FrameSink extends EventEmitter {
	readonly columns = size.columns;
	readonly rows = size.rows;
	readonly isTTY = false;
	frames = 0;
	/**
	When the screen last changed: a frame equal to the one before it is not counted here. Ink in debug mode (as here)
	writes every render in full, where in a terminal it writes nothing for an unchanged frame: a re-render after a
	tree is built ahead, with nothing on screen to change, does not delay what the user sees.
	*/
	lastFrameAt = 0;
	private previous = '';
	private waiting: (() => void) | undefined;
	write = (frame: string): boolean => {
		this.frames++;
		if (frame !== this.previous) this.lastFrameAt = performance.now();
		this.previous = frame;
		const waiting = this.waiting;
		this.waiting = undefined;
		waiting?.();
		return true;
	};

	next(timeoutMs: number): Promise<boolean> {
		return new Promise(resolve => {
			const timer = setTimeout(() => {
				this.waiting = undefined;
				resolve(false);
			}, timeoutMs);
			this.waiting = () => {
				clearTimeout(timer);
				resolve(true);
			};
		});
	}
}

const keys = {home: '\u001B[H', down: '\u001B[B', up: '\u001B[A', pageDown: '\u001B[6~', pageUp: '\u001B[5~', tab: '\t', right: '\u001B[C', left: '\u001B[D'};

function stats(values: readonly number[]): Latency {
	const sorted = [...values].sort((a, b) => a - b);
	const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
	return {samples: sorted.length, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: sorted.at(-1) ?? Number.NaN};
}

/**
Keypress-to-frame time of the explorer on an image: the real App rendered by Ink (every frame drawn in full, as
ink-testing-library does), timed from the key reaching Ink's stdin to the frame being written. `npm run bench` runs this
module from its bundle (build/bench/bundle/, written by bin/bundle.js as the product's bundle is), so the frames are
made as in bin/layerlens.js: by our Output (src/ui/render/row-cached-output.ts), not Ink's. The tree keys run on
the last layer's tree (the whole filesystem): line and page moves, home/end, collapse and expand, parent, sort.
*/
export async function measureUiLatency(imagePath: string): Promise<UiLatency> {
	const {model, content} = await loadImage(await openInput(imagePath, new PassThrough()));
	const analysis = analyze(model);
	const explorer = createModel(analysis, content, buildKeyMap(), makeTheme(true), process.cwd());
	const stdout = new FrameSink();
	const stdin = new KeySource();
	const mounted = performance.now();
	const instance = render(
		createElement(App, {model: explorer, initial: initialState(), size, env: {}, onQuit: () => {}}),
		{stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, debug: true, exitOnCtrlC: false, patchConsole: false},
	);
	const time = async (key: string): Promise<number | undefined> => {
		await new Promise(resolve => setTimeout(resolve, 2));
		const frame = stdout.next(5000);
		const start = performance.now();
		stdin.press(key);
		const drawn = await frame;
		return drawn ? performance.now() - start : undefined;
	};
	/** From `start` to the last frame: once the tree of `layer` is built, no frame for 200 ms. */
	const settled = async (layer: number, start: number): Promise<number> => {
		for (;;) {
			await new Promise(resolve => setTimeout(resolve, 200));
			if (explorer.cache.has(layer, 'layer') && performance.now() - stdout.lastFrameAt >= 200) return stdout.lastFrameAt - start;
			if (performance.now() - start > 60_000) throw new Error(`the tree of layer ${layer} was not drawn within 60 s`);
		}
	};
	/**
	From the key to the last frame it caused: once the tree of `layer` is built, no frame for 200 ms. (Without waiting
	for the tree, a build longer than 200 ms ended the sample early, before the tree was drawn.)
	*/
	const timeUntilSettled = async (key: string, layer: number): Promise<number> => {
		await new Promise(resolve => setTimeout(resolve, 2));
		const start = performance.now();
		stdout.lastFrameAt = start;
		stdin.press(key);
		return settled(layer, start);
	};
	const collect = async (sequence: readonly string[], into: number[]) => {
		for (const key of sequence) {
			const ms = await time(key);
			if (ms !== undefined) into.push(ms);
		}
	};
	try {
		// The switches start from an opened explorer, its first tree drawn: that tree (built after the first screen on a
		// big image) is a figure of its own, not a layer switch's.
		const firstTreeMs = await settled(0, mounted);
		const layerSwitch: number[] = [];
		await collect([...Array(Math.max(0, analysis.layers.length - 1))].map(() => keys.down), layerSwitch);
		await collect([keys.up, keys.down], layerSwitch);
		const layerTree: number[] = [];
		// Home selects layer 0 (the Layers pane lists layers in index order), each down the next one.
		const treeKeys = [keys.home, ...Array(Math.max(0, analysis.layers.length - 1)).fill(keys.down)] as string[];
		for (const [layer, key] of treeKeys.entries()) layerTree.push(await timeUntilSettled(key, layer));
		const navigation: number[] = [];
		await collect([keys.tab], navigation);
		const line = (key: string, n: number) => [...Array(n)].map(() => key);
		await collect(
			[
				...line(keys.down, 60),
				...line(keys.pageDown, 30),
				'G',
				...line(keys.up, 20),
				...line(keys.pageUp, 10),
				'g',
				' ',
				' ',
				'z',
				'z',
				keys.down,
				keys.right,
				keys.right,
				keys.left,
				's',
				...line(keys.pageDown, 10),
				's',
				...line('j', 20),
			],
			navigation,
		);
		const treeRows = explorer.cache.rows(analysis.layers.length - 1, 'layer', initialState().tree, '').count;
		return {...stats(navigation), layerSwitch: stats(layerSwitch), layerTree: stats(layerTree), firstTreeMs, treeRows};
	} finally {
		instance.unmount();
		instance.cleanup();
	}
}
