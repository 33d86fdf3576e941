import chalk from 'chalk';
import {Box} from 'ink';
import {cleanup, render} from 'ink-testing-library';
import {afterEach, beforeEach, expect, test} from 'vitest';
import {LineView} from '../../src/ui/panes/lines-view.js';
import {seg, type Line, type Style} from '../../src/ui/view/line.js';
import {makeTheme} from '../../src/ui/view/theme.js';

/**
A line given its box width is drawn through Ink's `<Transform>` from its own escape codes; without the width, through
nested `<Text>` elements as Ink styles them. Both must put the same cells on screen: same characters, same colours
and attributes. Compared with colours on (the escape codes are part of the frame) and off.
*/
const level = chalk.level;
beforeEach(() => {
	chalk.level = 3;
});
afterEach(() => {
	chalk.level = level;
	cleanup();
});

const theme = makeTheme(true);
const styles: Array<Style | undefined> = [
	undefined,
	theme.selected,
	theme.title,
	theme.focusedTitle,
	theme.dim,
	theme.error,
	theme.keyOn,
	theme.keyOff,
	theme.diff('added'),
	theme.diff('removed'),
	theme.diff('modified'),
	{color: 'gray', backgroundColor: 'blue', bold: true, inverse: true, dim: true},
	{backgroundColor: 'yellow', dim: true},
	{color: 'magenta', dim: true, bold: true},
];
const texts = ['│   ├── ', 'bin', ' 1.2 MB ', '日本語のファイル.txt', 'cafe\u0301', '━━━━', '▶·', '  ', '📦 box', ''];

function lines(): Line[] {
	const out: Line[] = [];
	// Every style after every other, around wide, combining and box-drawing characters.
	for (const [i, a] of styles.entries()) {
		for (const [j, b] of styles.entries()) {
			const text = texts[(i + j) % texts.length]!;
			out.push([seg(`${i}:${j} `), seg(text, a), seg(texts[(i * 3 + j) % texts.length]!, b), seg(' tail ', a)]);
		}
	}
	out.push([seg('just text')], [seg('   leading and trailing   ', theme.selected)], [seg('')], []);
	return out;
}

/** The lines one under the other in a box 40 columns wide, each drawn with or without its box width. */
const frameOf = (shown: readonly Line[], width: number | undefined) => {
	const {lastFrame, unmount} = render(
		<Box flexDirection="column" width={40}>
			{shown.map((line, i) => (
				<LineView key={i} line={line} {...(width === undefined ? {} : {width})} />
			))}
		</Box>,
	);
	const frame = lastFrame() ?? '';
	unmount();
	return frame;
};

test('a line drawn through its own escape codes puts the same cells on screen as nested Text elements', () => {
	const shown = lines();
	const viaText = frameOf(shown, undefined).split('\n');
	expect(viaText).toHaveLength(shown.length);
	expect(frameOf(shown, 40).split('\n')).toEqual(viaText);
	// The comparison ran with colours on: most lines carry escape codes.
	expect(viaText.filter(row => row.includes('\u001B[')).length).toBeGreaterThan(150);
});

test('with colours off the frames are the same text', () => {
	chalk.level = 0;
	const frame = frameOf(lines(), undefined);
	expect(frame).not.toContain('\u001B[');
	expect(frameOf(lines(), 40)).toBe(frame);
});

test('a line wider than its box is cut with … as before', () => {
	const line = [seg('0123456789'.repeat(6), theme.selected)];
	expect(frameOf([line], 40)).toBe(frameOf([line], undefined));
	expect(frameOf([line], 40)).toContain('…');
});
