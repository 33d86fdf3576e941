import chalk from 'chalk';
import {Box, Text, Transform} from 'ink';
import {memo} from 'react';
import {displayWidth, type Line, type Style} from '../view/line.js';

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
A segment's text with its style as escape codes, made exactly as Ink's `<Text>` makes them (the same chalk, the same
order: dim, colour, background, bold, inverse), so a line drawn from these codes draws the same cells.
*/
function styled(text: string, style: Style | undefined): string {
	if (!style) return text;
	let out = text;
	if (style.dim) out = chalk.dim(out);
	if (style.color) out = chalk[style.color](out);
	if (style.backgroundColor) out = chalk[backgroundOf[style.backgroundColor]](out);
	if (style.bold) out = chalk.bold(out);
	if (style.inverse) out = chalk.inverse(out);
	return out;
}

const backgroundOf = {green: 'bgGreen', red: 'bgRed', yellow: 'bgYellow', magenta: 'bgMagenta', cyan: 'bgCyan', blue: 'bgBlue', gray: 'bgGray'} as const;

const blanks: string[] = [];
/** `width` spaces (kept: a pane draws the same few widths on every frame). */
function blank(width: number): string {
	return (blanks[width] ??= ' '.repeat(width));
}

/**
One styled line, cut at the box edge. A line that draws as before is not rendered again: a key that moves the tree
cursor changes two rows of the screen, and the other rows' elements stay as they were.

With `width` (the box's), a line that fits is laid out by Ink as that many spaces and drawn through `<Transform>` as
its styled text. Ink measures every text node's width on every frame; for a line with box-drawing or other
non-ASCII characters that takes string-width's slow path (a grapheme segmenter and an emoji test per character), which
was the largest single cost of a frame. Spaces measure at once, and the cells drawn are the same.
*/
export const LineView = memo(function LineView({line, width}: {readonly line: Line; readonly width?: number}) {
	const parts = merged(line);
	if (parts.length === 0) return <Text> </Text>;
	if (width !== undefined) {
		let columns = 0;
		for (const segment of parts) columns += displayWidth(segment.text);
		if (columns <= width) {
			const text = parts.map(segment => styled(segment.text, segment.style)).join('');
			return (
				<Transform transform={() => text} accessibilityLabel={parts.map(segment => segment.text).join('')}>
					{blank(columns)}
				</Transform>
			);
		}
	}
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
}, (before, after) => before.width === after.width && sameLine(before.line, after.line));

export type LinesViewProps = {readonly lines: readonly Line[]; readonly width: number; readonly height: number};

/** A fixed-size block of lines (extra lines are not drawn; missing ones stay blank). */
export function LinesView({lines, width, height}: LinesViewProps) {
	return (
		<Box flexDirection="column" width={width} height={height}>
			{lines.slice(0, height).map((line, i) => (
				<LineView key={i} line={line} width={width} />
			))}
		</Box>
	);
}
