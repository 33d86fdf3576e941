import {describe, expect, test} from 'vitest';
import {compilePathFilter} from '../../src/ui/tree/path-filter.js';
import {diveRowText} from '../../src/ui/tree/tree-line.js';
import {TreeRows, nothingCollapsed, type CollapseState} from '../../src/ui/tree/tree-rows.js';
import {noneHidden, Visibility} from '../../src/ui/tree/visibility.js';
import {tree} from '../helpers/tree-builder.js';

const sample = () =>
	tree({
		bin: {children: {sh: {size: 100}, ls: {size: 300}, cat: {size: 300}}},
		etc: {diff: 'modified', children: {passwd: {size: 10, diff: 'modified'}, hosts: {size: 5}, old: {size: 7, diff: 'removed'}}},
		tmp: {children: {}},
		'z.txt': {size: 1, diff: 'added'},
	});

const names = (rows: TreeRows) => rows.rows(0, rows.count).map(row => `${'  '.repeat(row.depth)}${row.node.name}`);

describe('tree rows', () => {
	test('flattens in name order, with dive’s guides, and finds rows by index and by path', () => {
		const rows = new TreeRows(new Visibility(sample(), noneHidden, undefined), 'name', nothingCollapsed);
		expect(names(rows)).toEqual(['bin', '  cat', '  ls', '  sh', 'etc', '  hosts', '  old', '  passwd', 'tmp', 'z.txt']);
		expect(rows.rows(0, rows.count).map(row => diveRowText(row, false))).toEqual([
			'├── bin',
			'│   ├── cat',
			'│   ├── ls',
			'│   └── sh',
			'├── etc',
			'│   ├── hosts',
			'│   ├── old',
			'│   └── passwd',
			'├── tmp',
			'└── z.txt',
		]);
		expect(rows.locate('/etc/passwd')).toEqual({index: 7, exact: true});
		expect(rows.locate('/etc/nope')).toEqual({index: 4, exact: false});
		expect(rows.parentIndex(7)).toBe(4);
		expect(rows.parentIndex(4)).toBe(-1);
		expect(rows.rowAt(10)).toBeUndefined();
		// Removed children do not count in a directory's size unless it is removed itself (dive §5.7).
		expect(rows.rowAt(4)!.size).toBe(15);
	});

	test('collapsing reuses the previous rows’ caches and agrees with a fresh build', () => {
		const visibility = new Visibility(sample(), noneHidden, undefined);
		const open = new TreeRows(visibility, 'name', nothingCollapsed);
		expect(open.count).toBe(10);
		const collapse: CollapseState = {all: false, except: new Set(['/bin'])};
		const incremental = new TreeRows(visibility, 'name', collapse, open);
		const fresh = new TreeRows(visibility, 'name', collapse);
		expect(names(incremental)).toEqual(names(fresh));
		expect(names(incremental)).toEqual(['bin', 'etc', '  hosts', '  old', '  passwd', 'tmp', 'z.txt']);
		expect(diveRowText(incremental.rowAt(0)!, false)).toBe('├─⊕ bin');
		// An empty directory shows no collapse mark.
		const all = new TreeRows(visibility, 'name', {all: true, except: new Set()}, incremental);
		expect(names(all)).toEqual(['bin', 'etc', 'tmp', 'z.txt']);
		expect(all.rows(0, 4).map(row => diveRowText(row, false))).toEqual(['├─⊕ bin', '├─⊕ etc', '├── tmp', '└── z.txt']);
		expect(all.locate('/etc/passwd')).toEqual({index: 1, exact: false});
	});

	test('a collapse change leaves no stale rows for another tree that shared the caches', () => {
		// Two trees of the same shape (as two layers' trees): the second's rows share the first's caches.
		const first = new Visibility(sample(), noneHidden, undefined);
		const second = new Visibility(sample(), noneHidden, undefined);
		const firstOpen = new TreeRows(first, 'name', nothingCollapsed);
		expect(firstOpen.count).toBe(10);
		const secondOpen = new TreeRows(second, 'name', nothingCollapsed, undefined, firstOpen);
		expect(secondOpen.count).toBe(10);
		// /bin collapsed in the first tree, then the second tree's rows made from those under the same collapse.
		const collapse: CollapseState = {all: false, except: new Set(['/bin'])};
		const firstCollapsed = new TreeRows(first, 'name', collapse, firstOpen);
		const secondCollapsed = new TreeRows(second, 'name', collapse, undefined, firstCollapsed);
		expect(secondCollapsed.count).toBe(7);
		expect(names(secondCollapsed)).toEqual(['bin', 'etc', '  hosts', '  old', '  passwd', 'tmp', 'z.txt']);
	});

	test('sort by size: biggest first per directory, ties by name', () => {
		const rows = new TreeRows(new Visibility(sample(), noneHidden, undefined), 'size', nothingCollapsed);
		expect(names(rows)).toEqual(['bin', '  cat', '  ls', '  sh', 'etc', '  passwd', '  old', '  hosts', 'z.txt', 'tmp']);
		expect(rows.locate('/etc/hosts')).toEqual({index: 7, exact: true});
	});

	test('hidden kinds and the filter follow dive: shown when a child shows, else when not hidden and matched', () => {
		const hideUnmodified = new TreeRows(new Visibility(sample(), {...noneHidden, unmodified: true}, undefined), 'name', nothingCollapsed);
		expect(names(hideUnmodified)).toEqual(['etc', '  old', '  passwd', 'z.txt']);
		// Sizes count only what is shown.
		expect(hideUnmodified.rowAt(0)!.size).toBe(10);
		const filtered = new TreeRows(new Visibility(sample(), noneHidden, compilePathFilter('ss').filter), 'name', nothingCollapsed);
		expect(names(filtered)).toEqual(['etc', '  passwd']);
		// A pattern that matches only the empty string shows nothing (dive: an empty match is no match).
		expect(new TreeRows(new Visibility(sample(), noneHidden, compilePathFilter('x*').filter), 'name', nothingCollapsed).count).toBe(0);
	});

	test('a 200,000-file tree answers a window of rows without listing them all', () => {
		const spec: Record<string, {children: Record<string, {size: number}>}> = {};
		for (let d = 0; d < 200; d++) {
			const files: Record<string, {size: number}> = {};
			for (let f = 0; f < 1000; f++) files[`f${String(f).padStart(4, '0')}`] = {size: f};
			spec[`d${String(d).padStart(3, '0')}`] = {children: files};
		}
		const root = tree(spec);
		const visibility = new Visibility(root, noneHidden, undefined);
		const rows = new TreeRows(visibility, 'name', nothingCollapsed);
		expect(rows.count).toBe(200_200);
		const window = rows.rows(150_000, 40);
		const collapsed = new TreeRows(visibility, 'name', {all: false, except: new Set(['/d100'])}, rows);
		const after = collapsed.rows(150_000, 40);
		expect(window[0]!.node.path).toBe('/d149/f0850');
		expect(collapsed.count).toBe(199_200);
		expect(after[0]!.node.path).toBe('/d150/f0849');
	});
});
