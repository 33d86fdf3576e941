import {Box, Text} from 'ink';
import type {Line, Style} from '../view/line.js';

function textProps(style: Style | undefined) {
	if (!style) return {};
	return {
		...(style.color ? {color: style.color} : {}),
		...(style.backgroundColor ? {backgroundColor: style.backgroundColor} : {}),
		...(style.bold ? {bold: true} : {}),
		...(style.inverse ? {inverse: true} : {}),
		...(style.dim ? {dimColor: true} : {}),
	};
}

/** One styled line, cut at the box edge. */
export function LineView({line}: {readonly line: Line}) {
	if (line.every(segment => segment.text === '')) return <Text> </Text>;
	return (
		<Text wrap="truncate-end">
			{line.map((segment, i) => (
				<Text key={i} {...textProps(segment.style)}>
					{segment.text}
				</Text>
			))}
		</Text>
	);
}

export type LinesViewProps = {readonly lines: readonly Line[]; readonly width: number; readonly height: number};

/** A fixed-size block of lines (extra lines are not drawn; missing ones stay blank). */
export function LinesView({lines, width, height}: LinesViewProps) {
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			{lines.slice(0, height).map((line, i) => (
				<LineView key={i} line={line} />
			))}
		</Box>
	);
}
