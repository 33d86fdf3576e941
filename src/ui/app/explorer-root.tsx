import {useInput} from 'ink';
import {useEffect, useRef, useState} from 'react';
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
import type {ProgressFeed} from './progress-feed.js';

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
};

/** Shows the loading view until the model is ready, then the explorer. */
export function ExplorerRoot(props: ExplorerRootProps) {
	const {progress: feed} = props;
	const [ready, setReady] = useState(props.ready);
	const [choices, setChoices] = useState<readonly ImageChoice[] | undefined>(undefined);
	// Keys that arrive together (Down then Enter) must see each other's moves: the cursor lives in a ref.
	const choice = useRef(0);
	const [, redraw] = useState(0);
	const [model, setModel] = useState<ExplorerModel | undefined>(ready instanceof Promise ? undefined : ready);
	const [progress, setProgress] = useState<LoadProgress | undefined>(undefined);
	const latest = useRef<LoadProgress | undefined>(undefined);
	const size = useTerminalSize();

	useEffect(() => {
		if (!(ready instanceof Promise)) return;
		let live = true;
		ready.then(
			loaded => live && setModel(loaded),
			(error: unknown) => {
				if (!live) return;
				// Several images and a way to load one: offer them instead of failing.
				if (error instanceof ChoiceError && props.reload && error.choices.length > 0) setChoices(error.choices);
				else props.onFail(error);
			},
		);
		return () => {
			live = false;
		};
	}, [ready]);

	useEffect(() => {
		if (model || !feed) return;
		const unsubscribe = feed.subscribe(event => (latest.current = event));
		const timer = setInterval(() => setProgress(latest.current), 100);
		return () => {
			unsubscribe();
			clearInterval(timer);
		};
	}, [feed, model]);

	useInput(
		(input, key) => {
			const name = keyNameOf(input, key);
			if (name === 'q' || name === 'ctrl+c' || name === 'esc') props.onQuit(true);
			if (!choices || !props.reload) return;
			const move = (to: number) => {
				choice.current = Math.max(0, Math.min(choices.length - 1, to));
				redraw(count => count + 1);
			};
			if (name === 'up' || name === 'k') move(choice.current - 1);
			if (name === 'down' || name === 'j') move(choice.current + 1);
			if (name === 'enter') {
				setChoices(undefined);
				setReady(props.reload(choices[choice.current]!));
			}
		},
		{isActive: model === undefined},
	);

	if (!model && choices) return <ChoiceView name={props.name} choices={choices} cursor={choice.current} size={size} theme={props.theme} />;
	if (!model) return <LoadingView name={props.name} progress={progress ?? latest.current} size={size} theme={props.theme} />;
	return (
		<App
			model={model}
			initial={props.initial}
			env={props.env}
			resolveDir={props.resolveDir}
			onQuit={() => props.onQuit(false)}
			{...(props.onSuspend ? {onSuspend: props.onSuspend} : {})}
		/>
	);
}
