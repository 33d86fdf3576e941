import {useInput} from 'ink';
import {useCallback, useEffect, useRef, useState} from 'react';
import type {LoadProgress} from '../../loader/load-image.js';
import {useTerminalSize} from '../hooks/use-terminal-size.js';
import {keyNameOf} from '../keys/key-names.js';
import {ChoiceError, type ImageChoice} from '../../loader/errors.js';
import {ChoiceView} from '../panes/choice-view.js';
import {LoadingView} from '../panes/loading-view.js';
import type {UiState} from '../state/ui-state.js';
import type {Theme} from '../view/theme.js';
import {App} from './app.js';
import type {ExplorerModel} from './explorer-model.js';
import type {LayersSoFar, ProgressFeed} from './progress-feed.js';

export type ExplorerRootProps = {
	readonly name: string;
	/** The model once the archive is read (undefined while loading). */
	readonly ready: Promise<ExplorerModel> | ExplorerModel;
	readonly progress: ProgressFeed | undefined;
	readonly initial: UiState;
	readonly theme: Theme;
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly resolveDir: (dir: string) => string;
	readonly onQuit: (whileLoading: boolean) => void;
	readonly onSuspend?: () => Promise<void>;
	readonly onFail: (error: unknown) => void;
	/** Loads one image of an archive that holds several (the load failed with the choices); absent: no chooser. */
	readonly reload?: (choice: ImageChoice) => Promise<ExplorerModel>;
	/** The explorer's model of the layers read so far (`progress` reports them); absent: the panes wait for the whole image. */
	readonly reading?: (layers: LayersSoFar) => ExplorerModel;
};

/** New layers show at most this often while the image is read (each shows a new snapshot of the analysis). */
const layersEveryMs = 250;

/**
Shows the loading view until the first layer has been read, then the explorer on the layers read so far (it grows as
more arrive; the figures that need every layer say so), then the explorer on the whole analysis.
*/
export function ExplorerRoot(props: ExplorerRootProps) {
	const {progress: feed, onFail, onQuit, reload, reading} = props;
	const [ready, setReady] = useState(props.ready);
	const [choices, setChoices] = useState<readonly ImageChoice[] | undefined>(undefined);
	// Keys that arrive together (Down then Enter) must see each other's moves: the cursor is kept in a ref too.
	const choice = useRef(0);
	const [cursor, setCursor] = useState(0);
	const [model, setModel] = useState<ExplorerModel | undefined>(ready instanceof Promise ? undefined : ready);
	const [partial, setPartial] = useState<ExplorerModel | undefined>(undefined);
	const [progress, setProgress] = useState<LoadProgress | undefined>(undefined);
	const size = useTerminalSize();

	useEffect(() => {
		if (!(ready instanceof Promise)) return;
		let live = true;
		ready.then(
			loaded => {
				if (!live) return;
				setModel(loaded);
				setPartial(undefined);
			},
			(error: unknown) => {
				if (!live) return;
				// Several images and a way to load one: offer them instead of failing.
				if (error instanceof ChoiceError && reload && error.choices.length > 0) setChoices(error.choices);
				else onFail(error);
			},
		);
		return () => {
			live = false;
		};
	}, [ready, onFail, reload]);

	useEffect(() => {
		if (model || !feed) return;
		// The first event shows at once, later ones at most every 100 ms.
		let latest: LoadProgress | undefined;
		let shown = false;
		const unsubscribe = feed.subscribe(event => {
			latest = event;
			if (!shown) setProgress(event);
			shown = true;
		});
		const timer = setInterval(() => setProgress(latest), 100);
		return () => {
			unsubscribe();
			clearInterval(timer);
		};
	}, [feed, model]);

	useEffect(() => {
		if (model || !feed?.subscribeLayers || !feed.layersSoFar || !reading) return;
		const layersSoFar = feed.layersSoFar.bind(feed);
		// The first layer shows at once, later ones at most every `layersEveryMs`.
		let shown = false;
		let dirty = false;
		const show = () => {
			const layers = layersSoFar();
			if (layers) setPartial(reading(layers));
		};
		const unsubscribe = feed.subscribeLayers(() => {
			if (shown) {
				dirty = true;
				return;
			}
			shown = true;
			show();
		});
		const timer = setInterval(() => {
			if (!dirty) return;
			dirty = false;
			show();
		}, layersEveryMs);
		return () => {
			unsubscribe();
			clearInterval(timer);
		};
	}, [feed, model, reading]);

	useInput(
		(input, key) => {
			const name = keyNameOf(input, key);
			if (name === 'q' || name === 'ctrl+c' || name === 'esc') onQuit(true);
			if (!choices || !reload) return;
			const move = (to: number) => {
				choice.current = Math.max(0, Math.min(choices.length - 1, to));
				setCursor(choice.current);
			};
			if (name === 'up' || name === 'k') move(choice.current - 1);
			if (name === 'down' || name === 'j') move(choice.current + 1);
			if (name === 'enter') {
				setChoices(undefined);
				setReady(reload(choices[choice.current]!));
			}
		},
		{isActive: model === undefined && partial === undefined},
	);

	const quitLoaded = useCallback(() => onQuit(false), [onQuit]);
	const quitReading = useCallback(() => onQuit(true), [onQuit]);
	const shown = model ?? partial;
	if (!shown && choices) return <ChoiceView name={props.name} choices={choices} cursor={cursor} size={size} theme={props.theme} />;
	if (!shown) return <LoadingView name={props.name} progress={progress} size={size} theme={props.theme} />;
	// The same App element for the layers so far and for the whole image: the cursor, focus and settings carry over.
	return (
		<App
			model={shown}
			initial={props.initial}
			env={props.env}
			resolveDir={props.resolveDir}
			onQuit={model ? quitLoaded : quitReading}
			{...(props.onSuspend ? {onSuspend: props.onSuspend} : {})}
			{...(!model && progress ? {progress} : {})}
		/>
	);
}
