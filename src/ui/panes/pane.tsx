import {Box} from 'ink';
import type {ReactNode} from 'react';
import {displayWidth, seg, type Line} from '../view/line.js';
import type {Theme} from '../view/theme.js';
import {LineView} from './lines-view.js';

/** dive's pane header: `│ Title ├────` and, focused, `┃ ● Title ┣━━━━` (the dot marks focus without colour). */
export function paneTitle(title: string, focused: boolean, width: number, theme: Theme, note = ''): Line {
	const head = focused ? `┃ ● ${title} ` : `│ ${title} `;
	const tail = note ? ` ${note} ` : '';
	const fill = Math.max(0, width - displayWidth(head) - displayWidth(tail) - 1);
	const rule = focused ? '┣' + '━'.repeat(fill) : '├' + '─'.repeat(fill);
	return [seg(head, focused ? theme.focusedTitle : theme.title), seg(rule, focused ? theme.focusedTitle : theme.dim), seg(tail, theme.dim)];
}

export type PaneProps = {
	readonly title: string;
	readonly note?: string;
	readonly focused: boolean;
	readonly width: number;
	readonly height: number;
	readonly theme: Theme;
	readonly children: ReactNode;
};

export function Pane({title, note, focused, width, height, theme, children}: PaneProps) {
	return (
		<Box flexDirection="column" width={width} height={height}>
			<LineView line={paneTitle(title, focused, width, theme, note)} />
			{children}
		</Box>
	);
}
