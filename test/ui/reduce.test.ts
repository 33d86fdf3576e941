import {describe, expect, test} from 'vitest';
import {compilePathFilter} from '../../src/ui/tree/path-filter.js';
import type {TreeNode} from '../../src/core/compare-tree.js';
import {buildKeyMap} from '../../src/ui/keys/key-map.js';
import type {ActionId} from '../../src/ui/keys/key-table.js';
import {reduce} from '../../src/ui/state/reduce.js';
import type {ReduceEnv} from '../../src/ui/state/reduce-env.js';
import type {UiAction} from '../../src/ui/state/ui-action.js';
import {initialState, type UiState} from '../../src/ui/state/ui-state.js';
import {TreeRows} from '../../src/ui/tree/tree-rows.js';
import {Visibility} from '../../src/ui/tree/visibility.js';
import {tree} from '../helpers/tree-builder.js';

/** Layer 0 has /a with 30 files; layer 1 adds /b/deep/x.txt. */
function layers(): TreeNode[] {
	const files: Record<string, {size: number}> = {};
	for (let i = 0; i < 30; i++) files[`f${String(i).padStart(2, '0')}`] = {size: i};
	return [tree({a: {children: files}}), tree({a: {children: files}, b: {diff: 'added', children: {deep: {diff: 'added', children: {'x.txt': {size: 9, diff: 'added'}}}}}})];
}

function makeEnv(roots: TreeNode[], built: (layer: number) => boolean = () => true): ReduceEnv {
	return {
		treeReady: layer => built(layer),
		keymap: buildKeyMap(),
		layerCount: roots.length,
		layerOrder: () => roots.map((_, index) => index),
		worstLayer: 0,
		attributesFit: true,
		wastedCount: 2,
		viewport: {layers: 5, layerDetails: 4, wasted: 2, tree: 10, overlay: 10},
		extractDir: '/home/me',
		resolveDir: dir => (dir.startsWith('/') ? dir : `/work/${dir}`),
		contentUnavailable: '',
		removedBy: () => undefined,
		rows: state => new TreeRows(new Visibility(roots[state.layers.cursor]!, state.tree.hidden, state.filter.pattern ? compilePathFilter(state.filter.pattern).filter : undefined), state.tree.sort, state.tree.collapse),
		wastedPath: index => ['/b/deep/x.txt', '/a/f01'][index],
		// Layer 0 stores three files later layers hide, listed on lines 4-6 of its 12 detail lines; layer 1 none.
		layerDetails: layer => (layer === 0 ? {lines: 12, hiddenStart: 4, hiddenRows: 3} : {lines: 9, hiddenStart: 4, hiddenRows: 0}),
		hiddenPath: (layer, index) => (layer === 0 ? ['/a/f05', '/a/f03', '/a/f01'][index] : undefined),
		overlayLines: () => 40,
		// Three hints, two listed at once: the first names a file of layer 1, the others files of layer 0.
		hintCount: 3,
		hintRows: 2,
		hintTarget: index => [{path: '/b/deep/x.txt', layer: 1}, {path: '/a/f03', layer: 0}, {path: '/a/f07', layer: 0}][index],
	};
}

function run(state: UiState, env: ReduceEnv, ...actions: (ActionId | UiAction)[]): UiState {
	return actions.reduce<UiState>((current, action) => reduce(current, typeof action === 'string' ? {type: 'key', id: action} : action, env), state);
}

const press = (name: string | undefined, text = name ?? ''): UiAction => ({type: 'press', name, text});

const selected = (state: UiState, env: ReduceEnv) => env.rows(state).rowAt(state.tree.cursor)?.node.path;

describe('reduce', () => {
	const env = makeEnv(layers());
	const inTree = () => ({...initialState(), focus: 'tree' as const});

	test('cursor moves are clamped and scroll the least needed; paging moves the window', () => {
		let state = run(inTree(), env, 'up');
		expect(state.tree).toMatchObject({cursor: 0, top: 0});
		state = run(state, env, 'page-down');
		expect(state.tree).toMatchObject({cursor: 10, top: 10});
		state = run(state, env, 'end');
		expect(state.tree).toMatchObject({cursor: 30, top: 21});
		state = run(state, env, 'down', 'page-down');
		expect(state.tree.cursor).toBe(30);
		state = run(state, env, 'home');
		expect(state.tree).toMatchObject({cursor: 0, top: 0});
	});

	test('layers: moving selects the layer and keeps the tree on the same path; page down stays in bounds', () => {
		let state = run(inTree(), env, 'down', 'down', 'down');
		expect(selected(state, env)).toBe('/a/f02');
		state = run({...state, focus: 'layers'}, env, 'down');
		expect(state.layers.cursor).toBe(1);
		expect(selected(state, env)).toBe('/a/f02');
		state = run(state, env, 'page-down', 'page-down');
		expect(state.layers.cursor).toBe(1);
	});

	test('a layer whose tree is not built yet: the selection moves at once, the tree follows on tree-ready', () => {
		const built = new Set([0]);
		const lazy = makeEnv(layers(), layer => built.has(layer));
		let state = run(inTree(), lazy, 'down', 'down');
		state = run({...state, focus: 'layers'}, lazy, 'down');
		expect(state.layers.cursor).toBe(1);
		expect(state.pendingTree).toEqual({path: '/a/f01', offset: 2});
		// Going back and forth while pending keeps the first anchor.
		state = run(state, lazy, 'up', 'down');
		expect(state.pendingTree?.path).toBe('/a/f01');
		built.add(1);
		state = run(state, lazy, {type: 'tree-ready'});
		expect(state.pendingTree).toBeUndefined();
		expect(selected(state, lazy)).toBe('/a/f01');
		// Any other key settles a pending tree first, so it acts on the new tree.
		built.delete(1);
		state = run(state, lazy, 'up', 'down');
		expect(state.pendingTree?.path).toBe('/a/f01');
		state = run(state, lazy, 'toggle-view');
		expect(state.pendingTree).toBeUndefined();
		state = run(state, lazy, 'down');
		expect(selected(state, lazy)).toBe('/a/f02');
	});

	test('compare modes', () => {
		expect(run(initialState(), env, 'compare-all').mode).toBe('aggregated');
		expect(run(initialState(), env, 'compare-all', 'compare-layer').mode).toBe('layer');
		expect(run(initialState(), env, 'toggle-compare').mode).toBe('aggregated');
	});

	test('collapse, expand into the first child, parent, collapse all keeps the selection visible', () => {
		let state = run(inTree(), env, 'toggle-collapse');
		expect(env.rows(state).count).toBe(1);
		state = run(state, env, 'expand');
		expect(selected(state, env)).toBe('/a/f00');
		state = run(state, env, 'down', 'parent');
		expect(selected(state, env)).toBe('/a');
		state = run(state, env, 'down', 'down', 'toggle-collapse-all');
		expect(selected(state, env)).toBe('/a');
		state = run(state, env, 'toggle-collapse-all');
		expect(env.rows(state).count).toBe(31);
	});

	test('filter: typing filters, an invalid pattern keeps the last good one, Esc clears', () => {
		let state = run(inTree(), env, 'filter', {type: 'text', text: 'f1'});
		expect(state.filter).toMatchObject({open: true, editing: true, pattern: 'f1', error: ''});
		expect(env.rows(state).count).toBe(11);
		state = run(state, env, {type: 'text', text: '['});
		expect(state.filter.pattern).toBe('f1');
		expect(state.filter.error).not.toBe('');
		expect(env.rows(state).count).toBe(11);
		state = run(state, env, {type: 'erase'}, {type: 'accept'});
		expect(state.filter).toMatchObject({open: true, editing: false, text: 'f1', error: ''});
		state = run(state, env, 'close-filter');
		expect(state.filter).toMatchObject({open: false, text: '', pattern: ''});
		expect(env.rows(state).count).toBe(31);
	});

	test('sort and hide keep the cursor on its path', () => {
		let state = run(inTree(), env, 'down', 'down', 'down');
		state = run(state, env, 'toggle-sort');
		expect(state.tree.sort).toBe('size');
		expect(selected(state, env)).toBe('/a/f02');
		expect(env.rows(state).rowAt(1)!.node.path).toBe('/a/f29');
		state = run(state, env, 'toggle-unmodified');
		expect(env.rows(state).count).toBe(0);
		state = run(state, env, 'toggle-unmodified', 'toggle-attributes');
		expect(state.tree.attributes).toBe(false);
	});

	test('jumping to a wasted file reveals it, switching to a layer that has it', () => {
		let state = run({...initialState(), focus: 'image-details'}, env, 'jump-to-file');
		expect(state.focus).toBe('tree');
		expect(state.layers.cursor).toBe(1);
		expect(selected(state, env)).toBe('/b/deep/x.txt');
		expect(state.message?.text).toMatch(/not in layer 0/);
		state = run({...state, focus: 'image-details', tree: {...state.tree, collapse: {all: true, except: new Set()}}}, env, 'down', 'jump-to-file');
		expect(selected(state, env)).toBe('/a/f01');
		expect(state.message).toBeUndefined();
	});

	test('w opens the Hints view from any pane; ↑/↓ pick a hint, Enter shows its path at its layer, Esc closes', () => {
		let state = run(initialState(), env, press('w'));
		expect(state.overlay).toEqual({kind: 'hints', cursor: 0, top: 0});
		// Enter in the Hints view is its jump (not the overlay's close), and lands on the hint's layer.
		state = run(state, env, press('enter'));
		expect(state.overlay.kind).toBe('none');
		expect(state.focus).toBe('tree');
		expect(state.layers.cursor).toBe(1);
		expect(selected(state, env)).toBe('/b/deep/x.txt');
		// Two hints fit: moving to the third scrolls the list; the jump goes back to layer 0.
		state = run({...state, focus: 'tree'}, env, press('w'), press('j'), press('j'), press('j'));
		expect(state.overlay).toEqual({kind: 'hints', cursor: 2, top: 1});
		state = run(state, env, press('k'), press('enter'));
		expect(state.layers.cursor).toBe(0);
		expect(selected(state, env)).toBe('/a/f03');
		expect(run(run(initialState(), env, press('w')), env, press('esc')).overlay.kind).toBe('none');
		expect(run(run(initialState(), env, press('w')), env, press('q')).overlay.kind).toBe('none');
		expect(run(run(initialState(), env, press('w')), env, press('ctrl+c')).effects.map(effect => effect.kind)).toEqual(['quit']);
	});

	test('layer details: ↓ scrolls to the hidden files, then moves between them; Enter jumps the tree to the selected one', () => {
		let state = run({...initialState(), focus: 'layer-details'}, env, 'jump-to-file');
		// Lines 0-3 are in view (4 rows), the list starts at line 4: nothing is picked yet.
		expect(state.focus).toBe('layer-details');
		expect(state.message?.text).toMatch(/Scroll to the hidden files/);
		state = run(state, env, 'down');
		expect(state.layerDetails).toEqual({cursor: 0, top: 1});
		state = run(state, env, 'down');
		expect(state.layerDetails).toEqual({cursor: 1, top: 2});
		state = run(state, env, 'jump-to-file');
		expect(state.focus).toBe('tree');
		expect(selected(state, env)).toBe('/a/f03');
		expect(state.layers.cursor).toBe(0);
		// Another layer starts at its top again; one without hidden files says so.
		state = run({...state, focus: 'layers'}, env, 'down');
		expect(state.layerDetails).toEqual({cursor: 0, top: 0});
		state = run({...state, focus: 'layer-details'}, env, 'jump-to-file');
		expect(state.message?.text).toBe('Layer 1 stores nothing that a later layer hides');
	});

	test('side effects leave as data: copy, view, quit; taken ones are dropped', () => {
		let state = run(inTree(), env, 'down', 'copy-path', 'view-file', 'quit');
		expect(state.effects.map(effect => effect.kind)).toEqual(['copy', 'read-file', 'quit']);
		expect(state.effects[0]).toMatchObject({text: '/a/f00'});
		expect(state.overlay).toMatchObject({kind: 'file', path: '/a/f00', preview: {kind: 'loading'}});
		state = run(state, env, {type: 'effects-taken', upTo: state.effects[1]!.id});
		expect(state.effects.map(effect => effect.kind)).toEqual(['quit']);
		state = run(state, env, {type: 'file-read', path: '/a/f00', layer: 0, preview: {kind: 'binary', size: 3, description: 'data'}});
		expect(state.overlay).toMatchObject({preview: {kind: 'binary'}});
		state = run(state, env, 'close');
		expect(state.overlay.kind).toBe('none');
	});

	test('extract prompts for a directory: the configured one is the placeholder, typing starts a new path', () => {
		let state = run(inTree(), env, 'extract');
		expect(state.overlay).toMatchObject({kind: 'extract', path: '/a', input: '', placeholder: '/home/me'});
		expect(run(state, env, {type: 'accept'}).effects.at(-1)).toMatchObject({kind: 'extract', target: '/home/me'});
		state = run(state, env, {type: 'text', text: '/tmp/out/dir'}, {type: 'erase', unit: 'word'});
		expect(state.overlay).toMatchObject({input: '/tmp/out/'});
		state = run(state, env, {type: 'erase', unit: 'word'}, {type: 'text', text: 'you'}, {type: 'erase'}, {type: 'accept'});
		expect(state.effects.at(-1)).toMatchObject({kind: 'extract', path: '/a', layer: 0, target: '/tmp/yo'});
		expect(state.overlay).toMatchObject({running: true});
		state = run(state, env, {type: 'extract-done', message: {text: 'done', tone: 'info'}});
		expect(state.overlay.kind).toBe('none');
		expect(state.message?.text).toBe('done');
	});

	test('a running extract shows its progress; Esc asks it to stop (once), other keys do nothing', () => {
		const press = (name: string): UiAction => ({type: 'press', name, text: name.length === 1 ? name : ''});
		let state = run(inTree(), env, 'extract', {type: 'accept'});
		expect(state.overlay).toMatchObject({running: true});
		state = run(state, env, {type: 'extract-progress', done: 40, total: 200000});
		expect(state.overlay).toMatchObject({running: true, progress: {done: 40, total: 200000}});
		expect(run(state, env, press('q')).overlay).toEqual(state.overlay);
		const effects = state.effects.length;
		state = run(state, env, press('esc'));
		expect(state.overlay).toMatchObject({kind: 'extract', running: true, cancelling: true});
		expect(state.effects.slice(effects)).toEqual([expect.objectContaining({kind: 'cancel-extract'})]);
		expect(run(state, env, press('esc')).effects.length).toBe(state.effects.length);
		state = run(state, env, {type: 'extract-done', message: {text: 'Extract of /a cancelled after 40 of 200000 items', tone: 'error'}});
		expect(state.overlay.kind).toBe('none');
	});

	test('keys that need a selected path say so on an empty tree; extract says at once when content cannot be read', () => {
		const empty = run(inTree(), env, 'filter', {type: 'text', text: 'nothing-matches'}, {type: 'accept'});
		expect(env.rows(empty).count).toBe(0);
		for (const id of ['view-file', 'extract', 'history', 'copy-path'] as const) {
			const state = run(empty, env, id);
			expect(state.message).toMatchObject({text: expect.stringMatching(/^Nothing is selected/), tone: 'error'});
			expect(state.overlay.kind).toBe('none');
			expect(state.effects).toEqual([]);
		}
		const streamed = {...env, contentUnavailable: 'file content cannot be read back from - (it was streamed once)'};
		const state = run(inTree(), streamed, 'extract');
		expect(state.overlay.kind).toBe('none');
		expect(state.message).toEqual({text: 'Cannot extract: file content cannot be read back from - (it was streamed once)', tone: 'error'});
	});

	test('left column panes cycle; Tab goes between the layers and the tree', () => {
		expect(run(initialState(), env, 'pane-next').focus).toBe('layer-details');
		expect(run(initialState(), env, 'pane-prev').focus).toBe('image-details');
		expect(run(initialState(), env, 'toggle-view').focus).toBe('tree');
		expect(run({...initialState(), focus: 'image-details'}, env, 'toggle-view').focus).toBe('layers');
	});

	test('presses are routed by the state they meet: text inputs first, then the key table', () => {
		// In the filter, q and j are text; Enter keeps the filter; then j moves.
		let state = run(inTree(), env, press('/'), press('q'), press('j'), press(undefined, 'x|f0'), press('backspace'));
		expect(state.filter).toMatchObject({editing: true, text: 'qjx|f'});
		expect(state.effects).toEqual([]);
		state = run(state, env, press('enter'), press('j'));
		expect(state.filter.editing).toBe(false);
		expect(state.tree.cursor).toBe(1);
		// Several characters at once outside a text input are several keys.
		state = run(inTree(), env, press(undefined, 'jjj'));
		expect(state.tree.cursor).toBe(3);
		state = run(initialState(), env, press('tab'), press('/'), press(undefined, 'f2'), press('esc'));
		expect(state.focus).toBe('tree');
		expect(state.filter.open).toBe(false);
		// While the extract prompt is open nothing else reacts, except Ctrl+C; Ctrl+U clears it, Ctrl+W takes a word.
		state = run(inTree(), env, press('x'), press('tab'), press('q'), press(undefined, '/a/b'));
		expect(state.overlay).toMatchObject({kind: 'extract', input: 'q/a/b'});
		expect(run(state, env, press('ctrl+w')).overlay).toMatchObject({input: 'q/a/'});
		expect(run(state, env, press('ctrl+u')).overlay).toMatchObject({input: ''});
		expect(run(state, env, press('ctrl+c')).effects.at(-1)).toMatchObject({kind: 'quit'});
		// The same keys edit the filter (Ctrl+U is not "hide unmodified" while typing there).
		state = run(inTree(), env, press('/'), press(undefined, 'a/f1'), press('ctrl+w'));
		expect(state.filter).toMatchObject({text: 'a/', editing: true});
		state = run(state, env, press('ctrl+u'));
		expect(state.filter).toMatchObject({text: '', pattern: ''});
		expect(state.tree.hidden.unmodified).toBe(false);
	});
});

describe('an image without layers', () => {
	test('the explorer model shows an empty tree instead of failing', async () => {
		const {TreeCache} = await import('../../src/ui/tree/tree-cache.js');
		const analysis = {layers: [], image: {finalFileCount: 0}} as unknown as ConstructorParameters<typeof TreeCache>[0];
		const cache = new TreeCache(analysis);
		expect(cache.rows(0, 'layer', initialState().tree, '').count).toBe(0);
	});
});
