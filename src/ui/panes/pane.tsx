import {Box} from 'ink';
import type {ReactNode} from 'react';
import {fitPath} from '../view/details-view.js';
import {displayWidth, seg, type Line} from '../view/line.js';
import type {Theme} from '../view/theme.js';
import {LineView} from './lines-view.js';

/**
dive's pane header: `│ Title ├────` and, focused, `┃ ● Title ┣━━━━` (the dot marks focus without colour). When space
runs out the note (a counter) stays whole and the title is cut at its start, so a path keeps its file name.
*/
export function paneTitle(title: string, focused: boolean, width: number, theme: Theme, note = ''): Line {
	const lead = focused ? '┃ ● ' : '│ ';
	let tail = note ? ` ${note} ` : '';
	// At least one rule character between the title and the note.
	if (displayWidth(lead) + 2 + displayWidth(tail) + 1 > width) tail = '';
	const room = width - displayWidth(lead) - displayWidth(tail) - 2;
	const head = `${lead}${fitPath(title, Math.max(1, room))} `;
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
			<LineView line={paneTitle(title, focused, width, theme, note)} width={width} />
			{children}
		</Box>
	);
}
