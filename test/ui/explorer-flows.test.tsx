import {afterEach, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {readFileSync} from 'node:fs';
import {mkdtemp, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describeWithFixtures, fixturePath} from '../helpers/fixtures.js';
import {keys, press, until, waitForFrame} from '../helpers/press.js';
import {renderExplorer, treeLine} from './render-explorer.js';

const fixture = 'dive/test-docker-image.tar';

afterEach(() => cleanup());

/** Types a filter and keeps it. */
async function filter(stdin: {write(data: string): void}, text: string) {
	await press(stdin, '/', text, keys.enter);
}

describeWithFixtures('explorer on test-docker-image.tar', () => {
	test('opens on layer 0 with the layers, details, image and tree panes', async () => {
		const {frame} = await renderExplorer(fixture);
		const text = frame();
		expect(text).toContain('┃ ● Layers');
		expect(text).toContain('Layer 0 details');
		expect(text).toContain('Image dive-test:latest');
		expect(text).toContain('Current Layer Contents');
		expect(text).toMatch(/▶● +0 +1\.2 MB/);
		expect(treeLine(text, 'bin')).toMatch(/^▶· drwxr-xr-x +0:0 +1\.2 MB  ├── bin$/);
	});

	test('selecting layer 4 marks somefile1.txt modified (the chmod 444)', async () => {
		const {stdin, frame} = await renderExplorer(fixture);
		await press(stdin, keys.down, keys.down, keys.down, keys.down);
		expect(frame()).toContain('Layer 4 details');
		await press(stdin, keys.tab);
		await filter(stdin, 'somefile1');
		const line = treeLine(frame(), 'somefile1.txt');
		expect(line).toMatch(/^.~ -r--r--r-- /);
		expect(treeLine(frame(), 'example')).toMatch(/^.~ d/);
	});

	test('aggregated mode at the last layer keeps /root/example, marked removed', async () => {
		const {stdin, frame} = await renderExplorer(fixture);
		await press(stdin, keys.end, keys.ctrl('a'));
		expect(frame()).toContain('Aggregated Layer Contents');
		expect(frame()).toContain('Layer 13 details');
		await press(stdin, keys.tab);
		await filter(stdin, '^/root/example$');
		expect(treeLine(frame(), 'example')).toMatch(/^.- drwxr-xr-x /);
		// In layer mode at the same layer the removed directory is gone.
		await press(stdin, keys.tab, keys.ctrl('l'), keys.tab);
		expect(treeLine(frame(), 'example')).toBeUndefined();
	});

	test('sort by size puts the biggest entry of a directory first, and the bar shows the order', async () => {
		const {stdin, frame} = await renderExplorer(fixture);
		await press(stdin, keys.tab, keys.space);
		expect(frame()).toContain('Sort:name');
		const byName = frame().split('\n').findIndex(line => line.includes('── group'));
		expect(frame().split('\n').findIndex(line => line.includes('── passwd'))).toBeGreaterThan(byName);
		await press(stdin, 's');
		expect(frame()).toContain('Sort:size');
		expect(frame()).toContain('by size');
		const lines = frame().split('\n');
		const etc = lines.findIndex(line => line.includes('├── etc'));
		// /etc's children by size (dive's snapshot sizes): passwd 340 B, group 307 B, shadow 243 B, localtime 127 B.
		expect(lines[etc + 1]).toContain('── passwd');
		expect(lines[etc + 2]).toContain('── group');
		expect(lines[etc + 3]).toContain('── shadow');
		expect(lines[etc + 4]).toContain('── localtime');
	});

	test('hide added/removed/modified/unmodified and only-changed', async () => {
		const {stdin, frame} = await renderExplorer(fixture);
		await press(stdin, keys.end, keys.ctrl('a'), keys.tab);
		await press(stdin, 'c');
		expect(frame()).toContain('●Only changed');
		expect(treeLine(frame(), 'bin')).toBeUndefined();
		expect(treeLine(frame(), 'saved.txt')).toBeDefined();
		await press(stdin, keys.ctrl('r'));
		expect(frame()).toContain('○Removed');
		expect(treeLine(frame(), 'example')).toBeUndefined();
		await press(stdin, keys.ctrl('a'));
		expect(treeLine(frame(), 'saved.again1.txt')).toBeUndefined();
		// From a mixed setting `c` goes to "only changed" again, and from there back to showing everything.
		await press(stdin, 'c');
		expect(frame()).toContain('●Only changed');
		expect(treeLine(frame(), 'saved.again1.txt')).toBeDefined();
		await press(stdin, 'c');
		expect(frame()).toContain('○Only changed');
		// Everything is shown again: as many rows as dive's aggregated snapshot (with /bin collapsed) plus /bin's children.
		const snapshot = (name: string) => readFileSync(fixturePath(`dive/expected/tree-render/${name}.txt`), 'utf8').trimEnd().split('\n');
		const goCase = snapshot('TestFileTreeGoCase');
		const binChildren = goCase.findIndex(line => line.endsWith('├── dev')) - goCase.findIndex(line => line.endsWith('├── bin')) - 1;
		const expected = snapshot('TestFileShowAggregateChanges').length + binChildren;
		expect(frame()).toMatch(new RegExp(` \\d+/${expected} ?$`, 'm'));
	});

	test('an invalid regex shows an error and the last good filter stays', async () => {
		const {stdin, frame} = await renderExplorer(fixture);
		await press(stdin, '/', 'passw');
		expect(treeLine(frame(), 'passwd')).toBeDefined();
		expect(treeLine(frame(), 'group')).toBeUndefined();
		await press(stdin, '(');
		expect(frame()).toMatch(/✗ .*still filtering by \/passw\//);
		expect(treeLine(frame(), 'passwd')).toBeDefined();
		await press(stdin, keys.escape);
		await waitForFrame(frame, text => !text.includes('Path filter'));
		expect(frame()).toMatch(/ 1\/415$/m);
	});

	test('selecting a wasted file jumps the tree to it', async () => {
		const {stdin, frame} = await renderExplorer(fixture);
		await press(stdin, 'l', 'l', keys.down);
		expect(frame()).toContain('┃ ● Image');
		await press(stdin, keys.enter);
		const text = frame();
		// Focus moved to the tree, which now shows the aggregated view; the Image details pane lost it.
		expect(text).toContain('┃ ● Aggregated Layer Contents');
		expect(text).not.toContain('┃ ● Image');
		const selected = text.split('\n').map(line => [...line].slice(49).join('')).find(line => line.startsWith('▶'));
		expect(selected).toMatch(/── somefile1\.txt$/);
		expect(text).toContain('Aggregated Layer Contents');
	});

	test('each layer’s reclaimable bytes: the Reclaim column adds up to the image’s Reclaimable figure', async () => {
		const {frame} = await renderExplorer(fixture);
		const lines = frame().split('\n');
		expect(lines[1]).toMatch(/#\s+Size\s+Reclaim\s+Command/);
		// Layers 3-7 each store a copy of dive's README (6,405 B) that a later layer hides (chmod, rm -rf, mv, chmod +x).
		const column = (index: number) => lines.find(line => new RegExp(`^.. +${index} `).test(line))!.slice(15, 23).trim();
		expect([3, 4, 5, 6, 7].map(column)).toEqual(['6.4 kB', '6.4 kB', '6.4 kB', '6.4 kB', '6.4 kB']);
		expect([0, 1, 2, 8, 9, 13].map(column)).toEqual(['', '', '', '', '', '']);
		expect(frame()).toMatch(/Reclaimable: 32 kB/);
	});

	test('layer details list the files a later layer hides; Enter jumps the tree to the selected one', async () => {
		const {stdin, frame} = await renderExplorer(fixture);
		await press(stdin, keys.down, keys.down, keys.down, 'l');
		const text = frame();
		expect(text).toContain('┃ ● Layer 3 details');
		// Layer 3 copies the README to somefile1.txt; layer 4's chmod writes it again.
		expect(text).toContain('Reclaimable: 6.4 kB in 1 file hidden later');
		expect(text).toMatch(/▶ +6\.4 kB +\/root\/example\/somefile1\.txt → layer 4/);
		expect(text).toContain('▏Enter Show in tree');
		await press(stdin, keys.enter);
		expect(frame()).toContain('Current Layer Contents');
		expect(frame()).toContain('Layer 3 details');
		const selected = frame().split('\n').map(line => [...line].slice(49).join('')).find(line => line.startsWith('▶'));
		expect(selected).toMatch(/^▶\+ .*── somefile1\.txt$/);
	});

	test('layer details: the full command, id and digest wrap instead of being cut', async () => {
		const {stdin, frame} = await renderExplorer(fixture);
		await press(stdin, keys.down, keys.down, 'l', keys.end);
		const left = frame().split('\n').map(line => [...line].slice(0, 48).join('').trimEnd());
		const at = (label: string) => left.findIndex(line => line === label);
		expect(at('Id:')).toBeGreaterThan(0);
		expect(at('Digest:')).toBeGreaterThan(at('Id:'));
		// A layer id and a sha256 digest are 64 hex digits (71 characters with `sha256:`): on 47 columns two lines.
		expect(left.slice(at('Id:') + 1, at('Digest:')).join('')).toMatch(/^(sha256:)?[0-9a-f]{64}$/);
		expect(left.slice(at('Digest:') + 1, at('Digest:') + 3).join('')).toMatch(/^sha256:[0-9a-f]{64}$/);
		// The details keep the recorded command (the classic builder's `/bin/sh -c` included).
		expect(left[at('Id:') - 1]).toBe('/bin/sh -c mkdir -p /root/example/really/nested');
	});

	test('collapse, expand all, parent jump, paging and home/end', async () => {
		const {stdin, frame} = await renderExplorer(fixture);
		await press(stdin, keys.tab, keys.down, keys.down);
		const selected = () => frame().split('\n').map(line => [...line].slice(49).join('')).find(line => line.startsWith('▶')) ?? '';
		expect(selected()).toContain('── [[');
		await press(stdin, keys.left);
		expect(selected()).toContain('── bin');
		await press(stdin, keys.space);
		expect(selected()).toContain('├─⊕ bin');
		await press(stdin, keys.right);
		expect(selected()).toContain('── [');
		await press(stdin, keys.ctrlSpace);
		expect(frame()).toContain('├─⊕ etc');
		await press(stdin, 'z', keys.end);
		expect(selected()).toContain('└── www');
		await press(stdin, keys.home, keys.pageDown);
		// A 120x40 frame shows 34 tree rows (40 less the pane title, column header, path line, answer line, status bar and
		// Ink's last line):
		// Home is row 1, one page down is row 35.
		expect(frame()).toMatch(/ 35\/415$/m);
		expect(selected()).not.toContain('── bin');
	});

	test('file history lists every layer that touched the path', async () => {
		const {stdin, frame} = await renderExplorer(fixture);
		await press(stdin, keys.end, keys.ctrl('a'), keys.tab);
		await filter(stdin, 'somefile1');
		await press(stdin, keys.down, keys.down, keys.down, 'i');
		const text = frame();
		expect(text).toContain('History of /root/example/somefile1.txt');
		expect(text).toMatch(/\+ +3 +added +6\.4 kB/);
		expect(text).toMatch(/~ +4 +modified +6\.4 kB +-r--r--r-- +0:0 +mode/);
		expect(text).toMatch(/- +9 +removed/);
		expect(text).toContain('chmod 444 /root/example/somefile1.txt');
		await press(stdin, keys.escape);
		expect(frame()).toContain('Aggregated Layer Contents');
	});

	test('view file shows the text as of the layer, read from the archive', async () => {
		const {stdin, frame} = await renderExplorer(fixture);
		await press(stdin, keys.down, keys.tab);
		await filter(stdin, 'somefile');
		await press(stdin, keys.down, 'v');
		const text = await waitForFrame(frame, f => f.includes('# dive'));
		// The Dockerfile ADDs dive's README.md as /somefile.txt.
		expect(text).toContain('/somefile.txt as of layer 1');
		expect(text).toContain('A tool for exploring a docker image');
	});

	test('a removed file shows its last copy, and says which layer wrote it', async () => {
		const {stdin, frame} = await renderExplorer(fixture);
		await press(stdin, keys.end, keys.ctrl('a'), keys.tab);
		await filter(stdin, 'somefile1');
		await press(stdin, keys.down, keys.down, keys.down, 'v');
		const text = await waitForFrame(frame, f => f.includes('# dive'));
		// Layer 4 chmod-ed it (a new copy), layer 9 removed its directory (`rm -rf /root/example/`).
		expect(text).toContain('Removed by layer 9; this is the last copy, written by layer 4.');
	});

	test('the status bar is drawn from the key table, per pane', async () => {
		const {stdin, frame} = await renderExplorer(fixture, {size: {columns: 200, rows: 40}});
		expect(frame()).toContain('▏^L ●Layer changes ▏^A ○Aggregated changes');
		await press(stdin, keys.tab);
		expect(frame()).toMatch(/▏Space Collapse .*▏s Sort:name .*▏\^A ●Added ▏\^R ●Removed ▏\^M ●Modified ▏\^U ●Unmodified/);
		await press(stdin, '?');
		expect(frame()).toMatch(/▏Esc Close/);
		await press(stdin, keys.pageDown);
		expect(frame()).toContain('Show/hide added files');
		await press(stdin, keys.end);
		expect(frame()).toContain('Esc, q, Enter');
		expect(frame()).toMatch(/\^W +Delete the last word of the input/);
	});

	test('copy path sends OSC 52 with the path', async () => {
		const {stdin, stdout, frame} = await renderExplorer(fixture);
		await press(stdin, keys.tab, 'y');
		await until(() => stdout.frames.some(chunk => chunk.includes('\u001B]52;c;')));
		const sent = stdout.frames.find(chunk => chunk.includes('\u001B]52;c;'));
		expect(sent).toContain(Buffer.from('/bin').toString('base64'));
		// Outside tmux nothing can confirm the terminal took it, and the message says so.
		expect(frame()).toContain('Copy of /bin not confirmed: sent with OSC 52');
	});

	test('extract writes the selected directory as of the selected layer into the named directory', async () => {
		const target = await mkdtemp(path.join(tmpdir(), 'layerlens-ui-extract-'));
		try {
			const {stdin, frame} = await renderExplorer(fixture, {extractDir: '/nonexistent-default'});
			await press(stdin, keys.down, keys.down, keys.down, keys.tab);
			await filter(stdin, '^/root/example$');
			await press(stdin, keys.down, 'x');
			// The default directory is a placeholder: the status bar shows the prompt's keys, not the tree's.
			expect(frame()).toContain('Extract /root/example (layer 3) into:  ▏/nonexistent-default (default)');
			expect(frame()).toMatch(/▏Enter Extract ▏Esc Cancel ▏\^U Clear ▏\^W Delete word/);
			expect(frame()).not.toContain('Sort:');
			// Typing starts a new path; Ctrl+W and Ctrl+U edit it.
			await press(stdin, '/wrong/path', keys.ctrl('w'));
			expect(frame()).toContain('into:  /wrong/▏');
			await press(stdin, keys.ctrl('u'), target, keys.enter);
			const text = await waitForFrame(frame, f => f.includes('Extracted /root/example'));
			expect(text).toMatch(/1 files, 3 dirs, 0 links, 6\.4 kB/);
			// Layer 3 is `cp /somefile.txt /root/example/somefile1.txt`: dive's README, 6405 bytes.
			expect((await stat(path.join(target, 'example', 'somefile1.txt'))).size).toBe(6405);
			expect((await stat(path.join(target, 'example', 'really', 'nested'))).isDirectory()).toBe(true);
		} finally {
			await rm(target, {recursive: true, force: true});
		}
	});

	test('q quits', async () => {
		const {stdin, quits} = await renderExplorer(fixture);
		await press(stdin, 'q');
		await until(() => quits() === 1);
	});

	test('at 80x24 the layer details show the changes and the reclaimable bytes without scrolling, and the top hidden file when focused', async () => {
		const {stdin, frame} = await renderExplorer(fixture, {size: {columns: 80, rows: 24}});
		await press(stdin, keys.down, keys.down, keys.down);
		const left = () => frame().split('\n').map(line => [...line].slice(0, 32).join('').trimEnd());
		const title = left().findIndex(line => line.startsWith('│ Layer 3 details'));
		expect(left().slice(title + 1, title + 5)).toEqual([
			'+ added    1 path, 6.4 kB',
			'~ modified 0 paths, 0 B',
			'- removed  0 paths, 0 B',
			'Reclaimable: 6.4 kB in 1 file',
		]);
		await press(stdin, 'l');
		// The path is cut in the middle: its top directory and its file name stay.
		expect(left()).toContainEqual('▶ 6.4 kB  /root/…efile1.txt → 4');
	});

	test('works at 80x24', async () => {
		const {stdin, frame} = await renderExplorer(fixture, {size: {columns: 80, rows: 24}});
		const lines = frame().split('\n');
		expect(lines.length).toBeLessThanOrEqual(23);
		expect(Math.max(...lines.map(line => [...line].length))).toBeLessThanOrEqual(80);
		// The Layers pane gets its rows first: 11 of the 14 layers, as many as leave the details panes their minimum
		// (5 and 3 rows); the answer line names the worst layer, and the wasted files show once Image details has focus.
		expect(lines.filter(line => /^[▶ ][●○ ] +\d+ /.test(line))).toHaveLength(11);
		expect(lines).toContain('Most reclaimable: layer 3, 6.4 kB (of 32 kB) · r go there');
		await press(stdin, 'l', 'l');
		expect(frame()).toContain('/root/saved.txt');
		await press(stdin, keys.tab);
		expect(frame()).toContain('▏q Quit');
	});
});

describeWithFixtures('explorer on a BuildKit image (test-oci-gzip-image.tar)', () => {
	test('the layers pane drops BuildKit’s “# buildkit” mark; the layer details keep the recorded command', async () => {
		// dive's OCI test image: one layer, `COPY README.md /README.md` built with BuildKit.
		const {frame} = await renderExplorer('dive/test-oci-gzip-image.tar', {size: {columns: 160, rows: 40}});
		const layerRow = [...(frame().split('\n').find(line => /^▶● +0 /.test(line)) ?? '')].slice(0, 64).join('').trimEnd();
		expect(layerRow).toMatch(/B {3,}COPY README\.md \/README\.md$/);
		expect(frame()).toContain('COPY README.md /README.md # buildkit');
	});
});
