import {Box, Text} from 'ink';
import type {LoadProgress} from '../../loader/load-image.js';
import {progressBytes} from '../../format/progress-bytes.js';
import type {Size} from '../view/layout.js';
import {printable} from '../view/line.js';
import type {Theme} from '../view/theme.js';

export type LoadingViewProps = {
	readonly name: string;
	readonly progress: LoadProgress | undefined;
	readonly size: Size;
	readonly theme: Theme;
};

/** Shown at once while the archive streams in. */
export function LoadingView({name, progress, size, theme}: LoadingViewProps) {
	const width = Math.max(10, Math.min(50, size.columns - 30));
	const total = progress?.totalBytes;
	const fraction = total ? Math.min(1, progress.bytesRead / total) : undefined;
	const bar = fraction === undefined ? '' : '█'.repeat(Math.round(fraction * width)) + '░'.repeat(width - Math.round(fraction * width));
	const read = progress ? progressBytes(progress.bytesRead) : '0 B';
	const amount = total ? `${Math.floor((fraction ?? 0) * 100)}%  ${read} / ${progressBytes(total)}` : `${read} read`;
	const layers = progress ? `${progress.layersRead}${progress.layersTotal ? ` of ${progress.layersTotal}` : ''} layers read` : 'opening…';
	return (
		<Box flexDirection="column" width={size.columns} height={Math.max(1, size.rows - 1)} justifyContent="center" alignItems="center">
			<Text bold {...(theme.color ? {color: 'cyan'} : {})}>
				layerlens
			</Text>
			<Text wrap="truncate-end">{`Loading ${printable(name)}`}</Text>
			{bar ? <Text>{bar}</Text> : null}
			<Text>{`${amount} · ${layers}`}</Text>
			<Text dimColor>q quits</Text>
		</Box>
	);
}
