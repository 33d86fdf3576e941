import {Box, Text} from 'ink';
import {memo} from 'react';
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

const sameStyle = (a: Style | undefined, b: Style | undefined) =>
	a === b ||
	(a !== undefined && b !== undefined && a.color === b.color && a.backgroundColor === b.backgroundColor && !a.bold === !b.bold && !a.inverse === !b.inverse && !a.dim === !b.dim);

/** Joins neighbouring segments of the same style: fewer Ink text nodes to lay out and draw. */
function merged(line: Line): Line {
	const out: {text: string; style?: Style}[] = [];
	for (const segment of line) {
		if (segment.text === '') continue;
		const last = out.at(-1);
		if (last && sameStyle(last.style, segment.style)) last.text += segment.text;
		else out.push({...segment});
	}
	return out;
}

/** Whether two lines draw the same: same texts in the same styles. */
function sameLine(a: Line, b: Line): boolean {
	if (a === b) return true;
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) {
		const x = a[i]!;
		const y = b[i]!;
		if (x.text !== y.text || !sameStyle(x.style, y.style)) return false;
	}
	return true;
}

/**
One styled line, cut at the box edge. A line that draws as before is not rendered again: a key that moves the tree
cursor changes two rows of the screen, and the other rows' elements stay as they were.
*/
export const LineView = memo(function LineView({line}: {readonly line: Line}) {
	const parts = merged(line);
	if (parts.length === 0) return <Text> </Text>;
	if (parts.length === 1) {
		return (
			<Text wrap="truncate-end" {...textProps(parts[0]!.style)}>
				{parts[0]!.text}
			</Text>
		);
	}
	return (
		<Text wrap="truncate-end">
			{parts.map((segment, i) => (
				<Text key={i} {...textProps(segment.style)}>
					{segment.text}
				</Text>
			))}
		</Text>
	);
}, (before, after) => sameLine(before.line, after.line));

export type LinesViewProps = {readonly lines: readonly Line[]; readonly width: number; readonly height: number};

/** A fixed-size block of lines (extra lines are not drawn; missing ones stay blank). */
export function LinesView({lines, width, height}: LinesViewProps) {
	return (
		<Box flexDirection="column" width={width} height={height}>
			{lines.slice(0, height).map((line, i) => (
				<LineView key={i} line={line} />
			))}
		</Box>
	);
}
