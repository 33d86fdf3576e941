import {useInput} from 'ink';
import {useCallback, useEffect, useState} from 'react';
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
	const {ready, progress: feed, onFail, onQuit} = props;
	const [model, setModel] = useState<ExplorerModel | undefined>(ready instanceof Promise ? undefined : ready);
	const [progress, setProgress] = useState<LoadProgress | undefined>(undefined);
	const size = useTerminalSize();

	useEffect(() => {
		if (!(ready instanceof Promise)) return;
		let live = true;
		ready.then(
			loaded => live && setModel(loaded),
			(error: unknown) => live && onFail(error),
		);
		return () => {
			live = false;
		};
	}, [ready, onFail]);

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

	useInput(
		(input, key) => {
			const name = keyNameOf(input, key);
			if (name === 'q' || name === 'ctrl+c' || name === 'esc') onQuit(true);
		},
		{isActive: model === undefined},
	);

	const quitLoaded = useCallback(() => onQuit(false), [onQuit]);
	if (!model) return <LoadingView name={props.name} progress={progress} size={size} theme={props.theme} />;
	return (
		<App
			model={model}
			initial={props.initial}
			env={props.env}
			resolveDir={props.resolveDir}
			onQuit={quitLoaded}
			{...(props.onSuspend ? {onSuspend: props.onSuspend} : {})}
		/>
	);
}
