import {describe, expect, test} from 'vitest';
import {buildKeyMap, bindingsFor, scopeChain} from '../../src/ui/keys/key-map.js';
import {initialState} from '../../src/ui/state/ui-state.js';
import {TreeRows, nothingCollapsed} from '../../src/ui/tree/tree-rows.js';
import {noneHidden, Visibility} from '../../src/ui/tree/visibility.js';
import {compareRange} from '../../src/ui/view/layers-view.js';
import {lineText, wrap} from '../../src/ui/view/line.js';
import {statusLine} from '../../src/ui/view/status-view.js';
import {makeTheme} from '../../src/ui/view/theme.js';
import {treeLines} from '../../src/ui/view/tree-view.js';
import {fitPath} from '../../src/ui/view/details-view.js';
import {displayCommand} from '../../src/ui/format/command.js';
import {tree} from '../helpers/tree-builder.js';

const theme = makeTheme(false);

describe('view-models', () => {
	test('names from the archive never reach the terminal as escape sequences', () => {
		const root = tree({'\u001B]52;c;ZXZpbA==\u0007evil': {size: 1}, 'tab\there': {size: 1, type: 'symlink', linkTarget: '\u001B[2J'}});
		const rows = new TreeRows(new Visibility(root, noneHidden, undefined), 'name', nothingCollapsed);
		const lines = treeLines(rows, initialState().tree, 'full', 10, true, theme).map(lineText);
		for (const line of lines) expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
		const text = lines.join('\n');
		expect(text).toContain('\uFFFD]52;c;ZXZpbA==\uFFFDevil');
		expect(text).toContain('tab    here → \uFFFD[2J');
	});

	test('bidi controls and zero-width characters in a name are shown, so two names never look alike', () => {
		// Trojan Source: RLO makes `safe\u202Egpj.exe` read `safeexe.jpg`; a zero-width space makes `zw\u200Bsp` read `zwsp`;
		// isolates and a tag character hide; a C1 CSI (U+009B) and U+2028 would move the cursor or break the line.
		const names = ['safe\u202Egpj.exe', 'zw\u200Bsp', '\u2066iso\u2069', 'tag\u{E0041}x', 'c1\u009B31m', 'ls\u2028x', 'zwj\u200Dx'];
		const root = tree(Object.fromEntries(names.map(name => [name, {size: 1}])));
		const rows = new TreeRows(new Visibility(root, noneHidden, undefined), 'name', nothingCollapsed);
		const text = treeLines(rows, initialState().tree, 'full', 20, true, theme).map(lineText).join('\n');
		for (const shown of ['safe\uFFFDgpj.exe', 'zw\uFFFDsp', '\uFFFDiso\uFFFD', 'tag\uFFFDx', 'c1\uFFFD31m', 'ls\uFFFDx', 'zwj\uFFFDx']) expect(text).toContain(shown);
		expect(text).not.toMatch(/[\u009b\u200b-\u200f\u2028\u202a-\u202e\u2066-\u2069\u{E0000}-\u{E007F}]/u);
		// Ordinary non-ASCII names are untouched.
		expect(treeLines(new TreeRows(new Visibility(tree({'café 日本.txt': {size: 1}}), noneHidden, undefined), 'name', nothingCollapsed), initialState().tree, 'full', 5, true, theme).map(lineText).join('\n')).toContain('café 日本.txt');
	});

	test('tree rows carry a text marker per diff kind and the selection mark', () => {
		const root = tree({a: {size: 1, diff: 'added'}, m: {size: 1, diff: 'modified'}, r: {size: 1, diff: 'removed'}, u: {size: 1}});
		const rows = new TreeRows(new Visibility(root, noneHidden, undefined), 'name', nothingCollapsed);
		const lines = treeLines(rows, {...initialState().tree, cursor: 2}, 'none', 10, true, theme).map(lineText);
		expect(lines.map(line => line.slice(0, 2))).toEqual([' +', ' ~', '▶-', ' ·']);
	});

	test('dive’s compare ranges (GetCompareIndexes with start 0)', () => {
		expect(compareRange(0, 'layer')).toEqual({base: [0, 0], top: [0, 0]});
		expect(compareRange(3, 'layer')).toEqual({base: [0, 2], top: [3, 3]});
		expect(compareRange(4, 'aggregated')).toEqual({base: [0, 0], top: [1, 4]});
	});

	test('the status bar fits the width, keeps the most important keys, and marks toggles', () => {
		const keymap = buildKeyMap();
		const state = {...initialState(), focus: 'tree' as const, tree: {...initialState().tree, hidden: {...noneHidden, removed: true}}};
		const bindings = bindingsFor(keymap, scopeChain('tree', false));
		const narrow = lineText(statusLine(bindings, state, 80, theme));
		expect([...narrow].length).toBeLessThanOrEqual(80);
		expect(narrow).toContain('q Quit');
		expect(narrow).toContain('? Help');
		const wide = lineText(statusLine(bindings, state, 300, theme));
		expect(wide).toContain('^R ○Removed');
		expect(wide).toContain('^A ●Added');
		expect(wide).toContain('s Sort:name');
		expect(lineText(statusLine(bindings, {...state, message: {text: 'Copied /x', tone: 'info'}}, 80, theme))).toBe('Copied /x');
		// While the filter is typed into, the bar shows the input's keys.
		const typing = {...state, filter: {...state.filter, open: true, editing: true}};
		expect(lineText(statusLine(bindings, typing, 80, theme))).toBe('▏Enter Keep ▏Esc Drop filter ▏^U Clear text ▏^W Delete word ');
	});

	test('wrapping and path fitting', () => {
		expect(wrap('apt-get update && apt-get install -y curl', 16)).toEqual(['apt-get update', '&& apt-get', 'install -y curl']);
		expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
		expect(fitPath('/root/example/somefile1.txt', 16)).toBe('…e/somefile1.txt');
		expect(fitPath('/a', 16)).toBe('/a');
	});

	test('BuildKit commands read as the Dockerfile line in the layers pane', () => {
		expect(displayCommand('RUN /bin/sh -c apk add --no-cache curl # buildkit')).toBe('RUN apk add --no-cache curl');
		expect(displayCommand('COPY app/ /srv/app/ # buildkit')).toBe('COPY app/ /srv/app/');
		expect(displayCommand('RUN |2 VERSION=1.2 MODE=fast /bin/sh -c make # buildkit')).toBe('RUN |2 VERSION=1.2 MODE=fast make');
		// The classic builder's text is already without the shell (the loader strips it) and keeps dive's #(nop).
		expect(displayCommand('#(nop) ADD file:abc in / ')).toBe('#(nop) ADD file:abc in / ');
		expect(displayCommand('echo "# buildkit is great"')).toBe('echo "# buildkit is great"');
		// A heredoc RUN's own line breaks read as spaces, as in the reports; other hidden characters as U+FFFD.
		expect(displayCommand('RUN /bin/sh -c <<EOF\n  apt-get update\r\n\tapt-get install -y curl\nEOF # buildkit')).toBe('RUN <<EOF apt-get update apt-get install -y curl EOF');
		expect(displayCommand('RUN echo \u001b]0;x\u0007')).toBe('RUN echo \ufffd]0;x\ufffd');
	});
});
