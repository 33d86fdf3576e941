import {Box, Text, useStdout} from 'ink';
import {useEffect, useMemo, useReducer, useState} from 'react';
import {useTerminalSize} from '../hooks/use-terminal-size.js';
import {bindingsFor, scopeChain} from '../keys/key-map.js';
import {BottomBars} from '../panes/bottom-bars.js';
import {ImageDetailsPane} from '../panes/image-details-pane.js';
import {LayerDetailsPane} from '../panes/layer-details-pane.js';
import {LayersPane} from '../panes/layers-pane.js';
import {LineView} from '../panes/lines-view.js';
import {OverlayPane} from '../panes/overlay-pane.js';
import {TreePane} from '../panes/tree-pane.js';
import {reduce} from '../state/reduce.js';
import type {ReduceEnv} from '../state/reduce-env.js';
import type {UiAction} from '../state/ui-action.js';
import type {UiState} from '../state/ui-state.js';
import type {LoadProgress} from '../../loader/load-image.js';
import {answerLine} from '../view/answer-view.js';
import {readingLine} from '../view/reading-view.js';
import {minSize, type Size} from '../view/layout.js';
import {envFor, firstState, hintKeyLabel, layoutFor, overlayBody, rowsFor, treeShown, type ExplorerModel} from './explorer-model.js';
import {runEffect} from './run-effects.js';
import {useKeyRouter} from './use-key-router.js';
import {TreeBuilder} from '../tree/tree-builder.js';

export type AppProps = {
	readonly model: ExplorerModel;
	readonly initial: UiState;
	/** A fixed size (tests, benchmarks); the terminal's size otherwise. */
	readonly size?: Size;
	readonly env?: Readonly<Record<string, string | undefined>>;
	/** Makes the extract prompt's answer absolute (relative to the directory layerlens started in). */
	readonly resolveDir?: (dir: string) => string;
	readonly onQuit: () => void;
	/** Ctrl+Z: gives the terminal back to the shell; resolves when the process is resumed. */
	readonly onSuspend?: () => Promise<void>;
	/** While the image is still being read (`model.reading`): how far the read has got. */
	readonly progress?: LoadProgress;
};

const noEnv: Readonly<Record<string, string | undefined>> = {};
const sameDir = (dir: string) => dir;

/** The reducer's state with the environment it reduces in (page sizes, rows); the env changes with the layout. */
type Held = {readonly ui: UiState; readonly env: ReduceEnv};
type HeldAction = UiAction | {readonly type: 'env'; readonly env: ReduceEnv};

function reduceHeld(held: Held, action: HeldAction): Held {
	if (action.type === 'env') return action.env === held.env ? held : {ui: held.ui, env: action.env};
	const ui = reduce(held.ui, action, held.env);
	return ui === held.ui ? held : {ui, env: held.env};
}

/** The other layers, nearest to `layer` in the listed order first (the one below it before the one above). */
function neighbours(order: readonly number[], layer: number): number[] {
	const at = order.indexOf(layer);
	if (at < 0) return [];
	const near: number[] = [];
	for (let distance = 1; distance < order.length; distance++) {
		for (const next of [order[at + distance], order[at - distance]]) if (next !== undefined) near.push(next);
	}
	return near;
}

const barOpen = (state: UiState) => state.overlay.kind === 'extract' || state.filter.open || state.filter.editing;

/** The explorer: dive's panes, one input router, one reducer; effects (file reads, extract, clipboard) run here. */
export function App({model, initial, size: fixedSize, env = noEnv, resolveDir = sameDir, onQuit, onSuspend, progress}: AppProps) {
	const terminal = useTerminalSize();
	const {columns, rows} = fixedSize ?? terminal;
	const {stdout} = useStdout();
	const [{ui: state}, dispatch] = useReducer(reduceHeld, undefined, (): Held => ({
		ui: firstState(model, initial),
		env: envFor(model, layoutFor(model, {columns, rows}, initial.focus, barOpen(initial))),
	}));
	const bar = barOpen(state);
	const size = useMemo(() => ({columns, rows}), [columns, rows]);
	// A full-screen view (help, hints, history, file) takes the answer line's row too.
	// While the image is read, that row shows the reading progress, under every view.
	const answer = state.overlay.kind === 'none' || state.overlay.kind === 'extract' || model.reading !== undefined;
	const layout = useMemo(() => layoutFor(model, size, state.focus, bar, answer), [model, size, state.focus, bar, answer]);
	const reduceEnv = useMemo(() => envFor(model, layout), [model, layout]);

	useKeyRouter(dispatch);

	useEffect(() => {
		dispatch({type: 'env', env: reduceEnv});
		dispatch({type: 'viewport'});
	}, [reduceEnv]);

	useEffect(() => {
		if (state.effects.length === 0) return;
		const effects = state.effects;
		dispatch({type: 'effects-taken', upTo: effects.at(-1)!.id});
		for (const effect of effects) {
			runEffect(effect, {model, dispatch, quit: onQuit, ...(onSuspend ? {suspend: onSuspend} : {}), write: data => stdout.write(data), env, resolveDir}).catch((error: unknown) => {
				dispatch({type: 'message', message: {text: error instanceof Error ? error.message : String(error), tone: 'error'}});
			});
		}
	}, [state.effects, model, onQuit, onSuspend, stdout, env, resolveDir]);

	// A layer or mode change on a big image draws the new selection first; its tree is built a slice at a time (keys
	// are read in between), then, while no key comes, the trees of the neighbouring layers.
	const builder = useMemo(() => new TreeBuilder(model.cache), [model]);
	// A saved analysis opened early reads the rest of itself after the first screen: trees are built once it has.
	const [completed, setCompleted] = useState<ExplorerModel | undefined>(undefined);
	const complete = model.complete === undefined || completed === model;
	useEffect(() => {
		if (!model.complete) return;
		let live = true;
		model.complete().then(
			() => live && setCompleted(model),
			// The explorer ends with the error (see runExplorer).
			() => {},
		);
		return () => {
			live = false;
		};
	}, [model]);
	useEffect(() => () => builder.stop(), [builder]);
	const waiting = state.pendingTree !== undefined;
	const layerSort = state.layerSort;
	const versus = state.versus && model.versus !== undefined;
	const {cursor: layer} = state.layers;
	const {mode, tree} = state;
	const {pattern} = state.filter;
	useEffect(() => {
		builder.want({
			wanted: waiting && complete ? {layer, mode} : undefined,
			// Both modes derive a neighbour from the tree below it (a fraction of a full build).
			ahead: versus || !complete ? [] : neighbours(model.layerOrder(layerSort), layer).slice(0, 8).map(next => ({layer: next, mode})),
			tree,
			pattern,
			onReady: () => dispatch({type: 'tree-ready'}),
		});
	}, [builder, waiting, complete, layer, mode, tree, pattern, layerSort, versus, model]);

	const answerText = useMemo(
		() => model.reading ? undefined : answerLine(model.analysis, model.keymap.bindings.find(binding => binding.id === 'worst-layer')?.label ?? '', layout.width, model.theme, hintKeyLabel(model)),
		[model, layout.width],
	);

	if (size.columns < minSize.columns || size.rows < minSize.rows) {
		return <Text>{`layerlens needs at least ${minSize.columns}x${minSize.rows} (this is ${size.columns}x${size.rows}); q quits`}</Text>;
	}
	const {analysis, theme} = model;
	const overlayOpen = state.overlay.kind !== 'none' && state.overlay.kind !== 'extract';
	const bindings = bindingsFor(model.keymap, scopeChain(state.focus, overlayOpen, state.overlay.kind === 'hints'));
	return (
		<Box flexDirection="column" width={layout.width} height={layout.height}>
			{overlayOpen ? (
				<OverlayPane overlay={state.overlay} body={overlayBody(model, state, {width: layout.width, rows: Math.max(1, layout.main - 1)})} width={layout.width} height={layout.main} theme={theme} />
			) : (
				<Box flexDirection="row" height={layout.main}>
					<Box flexDirection="column" width={layout.left.width}>
						<LayersPane
							analysis={analysis}
							list={state.layers}
							order={model.layerOrder(state.layerSort)}
							mode={state.mode}
							focused={state.focus === 'layers'}
							box={layout.layers}
							theme={theme}
							{...(model.reading ? {expected: model.reading.layerCount} : {})}
						/>
						<LayerDetailsPane
							layer={analysis.layers[state.layers.cursor]}
							hints={analysis.hints}
							list={state.layerDetails}
							focused={state.focus === 'layer-details'}
							box={layout.layerDetails}
							theme={theme}
							reading={model.reading !== undefined}
						/>
						<ImageDetailsPane
							analysis={analysis}
							hintKey={hintKeyLabel(model)}
							wasted={state.wasted}
							focused={state.focus === 'image-details'}
							box={layout.imageDetails}
							theme={theme}
							reading={model.reading !== undefined}
						/>
					</Box>
					<Box width={1} />
					<TreePane
						rows={treeShown(model, state) ? rowsFor(model, state) : undefined}
						tree={state.tree}
						mode={state.mode}
						{...(state.versus && model.versus ? {title: model.versus.title} : {})}
						focused={state.focus === 'tree'}
						box={layout.tree}
						theme={theme}
					/>
				</Box>
			)}
			{answer ? (
				<LineView line={model.reading ? readingLine(progress, analysis.layers.length, model.reading.layerCount, layout.width, theme) : answerText!} width={layout.width} />
			) : null}
			<BottomBars state={state} bindings={bindings} width={layout.width} theme={theme} />
		</Box>
	);
}
