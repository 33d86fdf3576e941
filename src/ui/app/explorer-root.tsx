import {useInput} from 'ink';
import {useEffect, useRef, useState} from 'react';
import type {LoadProgress} from '../../loader/load-image.js';
import {useTerminalSize} from '../hooks/use-terminal-size.js';
import {keyNameOf} from '../keys/key-names.js';
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
};

/** Shows the loading view until the model is ready, then the explorer. */
export function ExplorerRoot(props: ExplorerRootProps) {
	const {ready, progress: feed} = props;
	const [model, setModel] = useState<ExplorerModel | undefined>(ready instanceof Promise ? undefined : ready);
	const [progress, setProgress] = useState<LoadProgress | undefined>(undefined);
	const latest = useRef<LoadProgress | undefined>(undefined);
	const size = useTerminalSize();

	useEffect(() => {
		if (!(ready instanceof Promise)) return;
		let live = true;
		ready.then(
			loaded => live && setModel(loaded),
			(error: unknown) => live && props.onFail(error),
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
		},
		{isActive: model === undefined},
	);

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
