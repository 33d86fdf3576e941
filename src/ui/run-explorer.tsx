// First, before anything loads React (so no JSX in this file: the JSX runtime import would come first).
import './production-mode.js';
import {restoreFetch} from './wasm-without-fetch.js';
import {colorEnabled} from '../format/color-enabled.js';
import {openSync} from 'node:fs';
import {homedir} from 'node:os';
import path from 'node:path';
import {ReadStream} from 'node:tty';
import {render} from 'ink';
import {createElement} from 'react';
import type {Analysis} from '../core/analysis-types.js';
import {InputError, type ImageChoice} from '../loader/errors.js';
import type {ContentSource} from '../loader/content-source.js';
import {createModel, type ExplorerModel, type VersusView} from './app/explorer-model.js';
import {ExplorerRoot} from './app/explorer-root.js';
import type {LayersSoFar, ProgressFeed} from './app/progress-feed.js';
import {contentWhileReading, createReadingCaches} from './app/reading-model.js';
import type {ExplorerConfig} from './config/explorer-config.js';
import {loadExplorerConfig} from './config/load-config.js';
import {buildKeyMap} from './keys/key-map.js';
import {initialState} from './state/ui-state.js';
import {makeTheme} from './view/theme.js';

export {createProgressFeed, type ProgressFeed} from './app/progress-feed.js';

// Ink (and with it yoga's WebAssembly) has loaded: see wasm-without-fetch.ts.
restoreFetch();

/** What the explorer shows: the analysis, and where file content is read back from. */
export type ExplorerInput = {
	readonly analysis: Analysis;
	readonly content: ContentSource;
	readonly versus?: VersusView;
	/**
	What the analysis still has to read (a saved analysis opened early): called after the first screen, trees are built
	once it has settled; a rejection ends the explorer with that error, as a failed load does.
	*/
	readonly complete?: () => Promise<void>;
};

export type RunExplorerOptions = {
	/** The input, or a promise of it while the archive streams in (the loading view shows meanwhile). */
	readonly input: ExplorerInput | Promise<ExplorerInput>;
	/** Loads one image of a multi-image archive, offered in the explorer when the input fails with the choices. */
	readonly reload?: (choice: ImageChoice) => Promise<ExplorerInput>;
	/** How the image is named while loading (the CLI's `<image>` argument). */
	readonly name: string;
	/** Load progress for the loading view, and the layers read so far for the explorer meanwhile; see `createProgressFeed`. */
	readonly progress?: ProgressFeed;
	/** Settings; read from the config files (dive's and ours) when absent. */
	readonly config?: ExplorerConfig;
	/** Keys come from here; default stdin when it is a terminal, else /dev/tty (so `docker save x | layerlens -` works). */
	readonly stdin?: NodeJS.ReadStream;
	/** Default process.stdout; must be a terminal. */
	readonly stdout?: NodeJS.WriteStream;
	readonly env?: Readonly<Record<string, string | undefined>>;
	readonly cwd?: string;
	readonly home?: string;
};

export type ExplorerExit = {
	/** `quit-while-loading`: the user left before the archive was read; the load may still be running. */
	readonly reason: 'quit' | 'quit-while-loading';
};

const enterScreen = '\u001B[?1049h\u001B[H\u001B[2J\u001B[?25l';
const leaveScreen = '\u001B[?25h\u001B[?1049l';

function openTerminalInput(): NodeJS.ReadStream {
	try {
		return new ReadStream(openSync('/dev/tty', 'r')) as unknown as NodeJS.ReadStream;
	} catch {
		throw new InputError('the explorer needs a terminal to read keys from (stdin is not one and /dev/tty cannot be opened); use --json or --ci');
	}
}

function expandHome(dir: string, home: string): string {
	return dir === '~' ? home : dir.startsWith('~/') ? path.join(home, dir.slice(2)) : dir;
}

/**
Runs the interactive explorer in the terminal until the user quits. It opens at once: with a promise as `input`
it shows a loading view fed by `progress`, then the layers read so far when `progress` reports them (a feed filled by
`loadImage`'s `onLayer`), then the whole analysis. The alternate screen is used and always restored (quit, load failure,
SIGTERM/SIGHUP/SIGINT). A failed load rejects with the load's error after the terminal is restored.
*/
export async function runExplorer(options: RunExplorerOptions): Promise<ExplorerExit> {
	const env = options.env ?? process.env;
	const cwd = options.cwd ?? process.cwd();
	const home = options.home ?? homedir();
	const stdout = options.stdout ?? process.stdout;
	if (!stdout.isTTY) throw new InputError('the explorer needs a terminal on stdout; use --json or --ci');
	const config = options.config ?? (await loadExplorerConfig({cwd, home, env}));
	const ownInput = options.stdin === undefined && !process.stdin.isTTY;
	const stdin = options.stdin ?? (process.stdin.isTTY ? process.stdin : openTerminalInput());

	const keymap = buildKeyMap(config.keys);
	const theme = makeTheme(colorEnabled(env));
	const extractDir = config.extractDir ? expandHome(config.extractDir, home) : cwd;
	const resolveDir = (dir: string) => path.resolve(cwd, expandHome(dir, home));
	// While the image is read, the explorer shows the layers read so far (when the progress feed reports them); the
	// trees built meanwhile serve the final analysis too when it finishes the same per-layer analysis.
	const readingCache = createReadingCaches();
	// The rest of a saved analysis that is damaged ends the explorer like a failed load.
	const completing = (complete: () => Promise<void>) => () =>
		complete().catch((error: unknown) => {
			settle.reject(error);
			throw error;
		});
	const makeModel = (input: ExplorerInput): ExplorerModel =>
		createModel(input.analysis, input.content, keymap, theme, extractDir, {
			...(input.versus ? {versus: input.versus} : {}),
			...(input.complete ? {complete: completing(input.complete)} : {}),
			resolveDir,
			cache: readingCache(input.analysis, false),
		});
	const ready = options.input instanceof Promise ? options.input.then(makeModel) : makeModel(options.input);
	const makeReading = (layers: LayersSoFar): ExplorerModel =>
		createModel(layers.analysis, contentWhileReading, keymap, theme, extractDir, {resolveDir, reading: {layerCount: layers.layerCount}, cache: readingCache(layers.analysis)});
	const initial = {
		...initialState({mode: config.mode, sort: config.sort, attributes: config.attributes, collapseAll: config.collapseAll, hidden: Object.fromEntries(config.hide.map(kind => [kind, true]))}),
		message: config.warnings.length > 0 ? {text: `${config.warnings[0]!}${config.warnings.length > 1 ? ` (+${config.warnings.length - 1} more)` : ''}`, tone: 'error' as const} : undefined,
	};

	stdout.write(enterScreen);
	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		stdout.write(leaveScreen);
	};
	const onSignal = (signal: NodeJS.Signals) => {
		instance.unmount();
		restore();
		process.kill(process.pid, signal);
	};
	const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT'];
	/** Ctrl+Z as a shell expects it: the terminal restored, the process stopped; on `fg`, the screen drawn again. */
	const suspend = () =>
		new Promise<void>(resolve => {
			stdout.write(leaveScreen);
			stdin.setRawMode?.(false);
			process.once('SIGCONT', () => {
				stdin.setRawMode?.(true);
				stdout.write(enterScreen);
				instance.clear();
				resolve();
			});
			process.kill(process.pid, 'SIGTSTP');
		});
	let settle: {resolve: (exit: ExplorerExit) => void; reject: (error: unknown) => void};
	const done = new Promise<ExplorerExit>((resolve, reject) => (settle = {resolve, reject}));
	const instance = render(
		createElement(ExplorerRoot, {
			name: options.name,
			ready,
			progress: options.progress,
			reading: makeReading,
			initial,
			theme,
			env,
			resolveDir,
			onQuit: whileLoading => settle.resolve({reason: whileLoading ? 'quit-while-loading' : 'quit'}),
			onFail: error => settle.reject(error),
			...(options.reload ? {reload: (choice: ImageChoice) => options.reload!(choice).then(makeModel)} : {}),
			...(process.platform === 'win32' ? {} : {onSuspend: suspend}),
		}),
		// Stray console output would tear the screen: Ink routes it above the frame (only for the real stdout).
		// Ink throttles frames to maxFps (leading and trailing edge). Measured through a real terminal on the 235k-file
		// image (npm run bench, terminal latency): 60 gave p50 24 ms / p95 33 ms, 1000 (every commit drawn at once) gave
		// p50 30 / p95 40 ms, as a key's several state updates each drew a full frame. The frame's own cost decides.
		// Not Ink's `incrementalRendering` (rewrite only the changed rows): with Ink 6.8 it left rows drawn one line off
		// in tmux after a few moves (test/e2e/explorer-tmux.test.ts compares screens reached by a long and a short path).
		{stdin, stdout, exitOnCtrlC: false, patchConsole: stdout === process.stdout, maxFps: 60},
	);
	// A render error makes Ink exit: surface it (after the terminal is restored) instead of waiting forever.
	instance.waitUntilExit().then(
		() => settle.resolve({reason: 'quit'}),
		(error: unknown) => settle.reject(error),
	);
	for (const signal of signals) process.once(signal, onSignal);
	try {
		return await done;
	} finally {
		for (const signal of signals) process.off(signal, onSignal);
		instance.unmount();
		instance.cleanup();
		restore();
		if (ownInput) stdin.destroy();
	}
}
