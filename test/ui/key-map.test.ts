import {describe, expect, test} from 'vitest';
import {buildKeyMap, bindingsFor, resolveKey, scopeChain} from '../../src/ui/keys/key-map.js';
import {displayKey, keyNameOf, parseKeyList, parseKeyName, type KeyFlags} from '../../src/ui/keys/key-names.js';

const none: KeyFlags = {
	upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageUp: false, pageDown: false, home: false, end: false,
	return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
};

describe('key names', () => {
	test.each([
		['k', {}, 'k'],
		['G', {shift: true}, 'G'],
		['/', {}, '/'],
		[' ', {}, 'space'],
		['a', {ctrl: true}, 'ctrl+a'],
		['`', {ctrl: true}, 'ctrl+space'],
		['\u001F', {}, 'ctrl+/'],
		['', {upArrow: true}, 'up'],
		['', {pageDown: true}, 'pgdn'],
		['', {return: true}, 'enter'],
		['', {escape: true, meta: true}, 'esc'],
		['', {tab: true, shift: true}, 'shift+tab'],
		['', {delete: true}, 'backspace'],
		['x', {meta: true}, 'alt+x'],
	] as const)('Ink (%j, %j) is %s', (input, flags, name) => {
		expect(keyNameOf(input, {...none, ...flags})).toBe(name);
	});

	test('pasted text has no key name', () => {
		expect(keyNameOf('hello', none)).toBeUndefined();
	});

	test.each([
		['ctrl+a', 'ctrl+a'],
		['Ctrl+A', 'ctrl+a'],
		['ctrl+slash', 'ctrl+/'],
		['ctrl+m', 'enter'],
		['ctrl+space', 'ctrl+space'],
		['pgdn', 'pgdn'],
		['PageUp', 'pgup'],
		['esc', 'esc'],
		['G', 'G'],
		['space', 'space'],
		['alt+X', 'alt+X'],
	])('config key %s is %s', (spec, name) => {
		expect(parseKeyName(spec)).toBe(name);
	});

	test('dive-style lists, unknown keys reported', () => {
		expect(parseKeyList('ctrl+f, ctrl+slash')).toEqual({keys: ['ctrl+f', 'ctrl+/'], unknown: []});
		expect(parseKeyList(['q', 'hyper+q'])).toEqual({keys: ['q'], unknown: ['hyper+q']});
	});

	test('display', () => {
		expect(['ctrl+a', 'tab', 'space', 'ctrl+space', 'pgdn', '/', 'ctrl+m'].map(displayKey)).toEqual(['^A', 'Tab', 'Space', '^Space', 'PgDn', '/', '^M']);
	});
});

describe('key resolution', () => {
	const map = buildKeyMap();
	const resolve = (name: string, focus: Parameters<typeof scopeChain>[0], overlay = false) => resolveKey(map, name, scopeChain(focus, overlay));

	test('dive defaults and plain keys, per pane', () => {
		expect(resolve('ctrl+c', 'tree')).toBe('quit');
		expect(resolve('q', 'layers')).toBe('quit');
		expect(resolve('tab', 'tree')).toBe('toggle-view');
		expect(resolve('ctrl+f', 'tree')).toBe('filter');
		expect(resolve('/', 'layers')).toBe('filter');
		expect(resolve('ctrl+/', 'tree')).toBe('filter');
		expect(resolve('?', 'tree')).toBe('help');
		expect(resolve('j', 'layers')).toBe('down');
		expect(resolve('down', 'tree')).toBe('down');
		expect(resolve('u', 'image-details')).toBe('page-up');
		// ctrl+a: aggregated mode in the layers pane, hide added files in the tree (dive's scoping).
		expect(resolve('ctrl+a', 'layers')).toBe('compare-all');
		expect(resolve('ctrl+a', 'tree')).toBe('toggle-added');
		expect(resolve('ctrl+l', 'layers')).toBe('compare-layer');
		expect(resolve('ctrl+l', 'tree')).toBeUndefined();
		// left/right cycle the left column's panes, but move in the tree.
		expect(resolve('l', 'layers')).toBe('pane-next');
		expect(resolve('left', 'image-details')).toBe('pane-prev');
		expect(resolve('h', 'tree')).toBe('parent');
		expect(resolve('right', 'tree')).toBe('expand');
		expect(resolve('space', 'tree')).toBe('toggle-collapse');
		expect(resolve('ctrl+space', 'tree')).toBe('toggle-collapse-all');
		expect(resolve('s', 'tree')).toBe('toggle-sort');
		expect(resolve('ctrl+o', 'tree')).toBe('toggle-sort');
		expect(resolve('enter', 'tree')).toBe('toggle-modified');
		expect(resolve('enter', 'image-details')).toBe('jump-to-file');
		expect(resolve('ctrl+e', 'tree')).toBe('extract');
		expect(resolve('ctrl+b', 'tree')).toBe('toggle-attributes');
		expect(resolve('x', 'layers')).toBeUndefined();
		expect(resolve('ctrl+z', 'layers')).toBe('suspend');
	});

	test('an overlay takes q, Esc and Enter, lets movement and Ctrl+C through, and nothing else', () => {
		expect(resolve('q', 'tree', true)).toBe('close');
		expect(resolve('esc', 'tree', true)).toBe('close');
		expect(resolve('ctrl+c', 'tree', true)).toBe('quit');
		expect(resolve('pgdn', 'tree', true)).toBe('page-down');
		expect(resolve('/', 'tree', true)).toBeUndefined();
		expect(resolve('s', 'tree', true)).toBeUndefined();
	});

	test('dive keybinding overrides replace dive’s keys and win over every other action', () => {
		const custom = buildKeyMap({dive: {'toggle-sort-order': ['ctrl+s'], quit: ['ctrl+q'], 'filter-files': ['s']}});
		const chain = scopeChain('tree', false);
		expect(resolveKey(custom, 'ctrl+s', chain)).toBe('toggle-sort');
		expect(resolveKey(custom, 'ctrl+o', chain)).toBeUndefined();
		expect(resolveKey(custom, 'ctrl+q', chain)).toBe('quit');
		expect(resolveKey(custom, 'q', chain)).toBe('quit');
		expect(resolveKey(custom, 's', chain)).toBe('filter');
	});

	test('action overrides replace all keys of the action', () => {
		const custom = buildKeyMap({actions: {quit: ['ctrl+q']}});
		expect(resolveKey(custom, 'q', scopeChain('tree', false))).toBeUndefined();
		expect(resolveKey(custom, 'ctrl+q', scopeChain('tree', false))).toBe('quit');
	});

	test('the status bindings say what a key does where it is shown', () => {
		const overlay = bindingsFor(map, scopeChain('tree', true));
		expect(overlay.find(b => b.id === 'quit')?.label).toBe('^C');
		expect(overlay.find(b => b.id === 'close')?.label).toBe('Esc');
		const tree = bindingsFor(map, scopeChain('tree', false));
		expect(tree.find(b => b.id === 'toggle-modified')?.label).toBe('^M');
		expect(tree.some(b => b.id === 'compare-all')).toBe(false);
	});
});
