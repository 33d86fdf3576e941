import {render} from 'ink-testing-library';
import {expect, test} from 'vitest';
import {ChoiceView} from '../../src/ui/panes/choice-view.js';
import {LoadingView} from '../../src/ui/panes/loading-view.js';
import {makeTheme} from '../../src/ui/view/theme.js';

/** What may not reach the terminal from archive text once Ink's own colour codes are taken out. */
const hidden = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/;
const withoutSgr = (frame: string) => frame.replace(/\u001b\[[0-9;]*m/g, '');

test('the image chooser draws tags from the archive printable: no escape sequence, no bidi reordering', () => {
	const choices = [{label: 'a\u001b]0;TITLE\u0007\u001b[2J:1 linux/amd64', image: 'a'}, {label: 'b\u202eexe.jpg:2 linux/amd64', image: 'b'}];
	const view = render(<ChoiceView name={'multi\u001b]52;c;ZXZpbA==\u0007.tar'} choices={choices} cursor={0} size={{columns: 80, rows: 24}} theme={makeTheme(false)} />);
	const frame = withoutSgr(view.lastFrame()!);
	view.unmount();
	expect(frame).not.toMatch(hidden);
	expect(frame).toContain('a\uFFFD]0;TITLE\uFFFD\uFFFD[2J:1 linux/amd64');
	expect(frame).toContain('b\uFFFDexe.jpg:2 linux/amd64');
	expect(frame).toContain('multi\uFFFD]52;c;ZXZpbA==\uFFFD.tar holds 2 images');
});

test('the loading view draws the input\'s name printable', () => {
	const view = render(<LoadingView name={'evil\u001b[2J\n::error::x.tar'} progress={undefined} size={{columns: 80, rows: 24}} theme={makeTheme(false)} />);
	const frame = withoutSgr(view.lastFrame()!);
	view.unmount();
	expect(frame).not.toMatch(hidden);
	expect(frame).toContain('Loading evil\uFFFD[2J\uFFFD::error::x.tar');
});
