import {describe, expect, it} from 'vitest';
import type {EntryType, LayerEntry} from '../../src/core/model.js';
import {diveFileListByTree, diveFileList as fileListRecords} from '../../src/export/dive-file-list.js';

/** The generator's records, all at once (small test inputs). */
const diveFileList = (...args: Parameters<typeof fileListRecords>) => [...fileListRecords(...args)];

const flags: Record<EntryType, string> = {file: '0', hardlink: '1', symlink: '2', char: '3', block: '4', dir: '5', fifo: '6'};

function entry(path: string, type: EntryType, mode: number, extra: Partial<LayerEntry> = {}): LayerEntry {
	return {path, type, typeFlag: flags[type].charCodeAt(0), size: 0, mode, uid: 0, gid: 0, linkTarget: '', digest: '', ...extra};
}

const zero = {path: '', typeFlag: 0, linkName: '', size: 0, fileMode: 0, uid: 0, gid: 0, isDir: false};

describe('diveFileList (dive layer tree, visited children first)', () => {
	it('lists children before their parent, siblings in byte order', () => {
		const list = diveFileList([
			entry('etc', 'dir', 0o755),
			entry('etc/passwd', 'file', 0o644, {size: 10}),
			entry('etc/group', 'file', 0o644, {size: 5}),
			entry('bin', 'dir', 0o755),
			entry('bin/sh', 'symlink', 0o777, {linkTarget: 'busybox'}),
		]);
		expect(list.map(item => item.path)).toEqual(['bin/sh', 'bin', 'etc/group', 'etc/passwd', 'etc']);
		expect(list[0]).toEqual({path: 'bin/sh', typeFlag: 50, linkName: 'busybox', size: 0, fileMode: 134218239, uid: 0, gid: 0, isDir: false});
		expect(list[1]).toMatchObject({fileMode: 2147484141, isDir: true, typeFlag: 53});
	});

	it('adds parents without an entry as all-zero records', () => {
		const list = diveFileList([entry('usr/local/bin/tool', 'file', 0o755, {size: 3, uid: 1000, gid: 1000})]);
		expect(list).toEqual([
			{path: 'usr/local/bin/tool', typeFlag: 48, linkName: '', size: 3, fileMode: 493, uid: 1000, gid: 1000, isDir: false},
			zero,
			zero,
			zero,
		]);
	});

	it('keeps whiteouts under their .wh. names and drops opaque markers (their parents stay)', () => {
		const list = diveFileList([
			entry('root/.wh.example', 'file', 0),
			entry('var/cache/.wh..wh..opq', 'file', 0),
		]);
		expect(list.map(item => item.path)).toEqual(['root/.wh.example', '', '', '']);
		expect(list[0]).toEqual({...zero, path: 'root/.wh.example', typeFlag: 48});
	});

	it('lets a later entry for the same path replace the earlier one and keep its children', () => {
		const list = diveFileList([
			entry('a/b', 'file', 0o600, {size: 1}),
			entry('a', 'dir', 0o700),
			entry('a', 'dir', 0o755, {uid: 5}),
		]);
		expect(list).toHaveLength(2);
		expect(list[1]).toMatchObject({path: 'a', fileMode: 2147484141, uid: 5});
	});

	it('sorts by UTF-8 bytes, not UTF-16 units, and upper case before lower', () => {
		const list = diveFileList(['\u{1F600}', '\uFF01', 'a', 'B', '.hidden'].map(name => entry(name, 'file', 0o644)));
		expect(list.map(item => item.path)).toEqual(['.hidden', 'B', 'a', '\uFF01', '\u{1F600}']);
	});

	it('maps the old NUL typeflag as Go tar does, and keeps special bits', () => {
		const list = diveFileList([
			{...entry('f', 'file', 0o4755), typeFlag: 0},
			{...entry('d', 'dir', 0o1777), typeFlag: 0},
			entry('dev/null', 'char', 0o666),
			entry('p', 'fifo', 0o644),
		]);
		expect(list.map(item => [item.path, item.typeFlag, item.fileMode, item.isDir])).toEqual([
			['d', 53, 2148532735, true],
			['dev/null', 51, 2 ** 26 + 2 ** 21 + 0o666, false],
			['', 0, 0, false],
			['f', 48, 2 ** 23 + 0o755, false],
			['p', 54, 2 ** 25 + 0o644, false],
		]);
	});

	it('skips the root entry and survives very deep paths', () => {
		expect(diveFileList([entry('', 'dir', 0o755)])).toEqual([]);
		const deep = Array.from({length: 20000}, (_, i) => `d${i}`).join('/');
		const list = diveFileList([entry(deep, 'file', 0o644)]);
		expect(list).toHaveLength(20000);
		expect(list[0]?.path).toBe(deep);
	});
	it('takes the directory of the path before only for a path in that same directory (empty components, a trailing `/`, dropped opaque markers)', () => {
		const paths = [
			'd/x',
			'd/y/',
			'd//z',
			'd/y/1',
			'd/.wh..wh..opq',
			'd/w',
			'e/.wh..wh..q/f',
			'e/.wh..wh..q/g',
			'e/h',
			'/top',
			'top2',
			'd/x/k',
		];
		const together = diveFileList(paths.map(path => entry(path, 'file', 0o644, {size: path.length})));
		expect(together.map(item => [item.path, item.size])).toEqual([
			['d/w', 3],
			['d/x/k', 5],
			['d/x', 3],
			['d/y/1', 5],
			['d/y/', 4], // `d/y/` names d/y
			['d//z', 4],
			['', 0], // d; its opaque marker dropped
			// e/.wh..wh..q and everything below it dropped
			['e/h', 3],
			['', 0],
			['/top', 4], // the empty first component skipped
			['top2', 4],
		]);
	});
	it('gives, from the sorted paths, the records the tree gives (duplicates, opaque markers, implicit parents, any order)', () => {
		let state = 7;
		const next = () => {
			state = (state * 1103515245 + 12345) % 2147483648;
			return state / 2147483648;
		};
		const names = ['a', 'b', 'a-b', 'a.b', 'a b', 'file-10', 'file-9', 'Z', '.wh..wh..opq', '.wh.a', '\uf000', '\u00e9'];
		const randomPath = () => Array.from({length: 1 + Math.floor(next() * 4)}, () => names[Math.floor(next() * names.length)]!).join('/');
		for (let round = 0; round < 200; round++) {
			const entries = Array.from({length: 1 + Math.floor(next() * 40)}, (_, n) => entry(randomPath(), next() < 0.3 ? 'dir' : 'file', 0o644, {size: n}));
			expect(diveFileList(entries)).toEqual([...diveFileListByTree(entries)]);
		}
	});

	it('lists the parents of a path cut at an opaque marker, and lets a later entry for a parent fill it in', () => {
		const list = diveFileList([entry('x/y/.wh..wh..opq', 'file', 0), entry('x/.wh..wh..plnk/q', 'file', 0), entry('x', 'dir', 0o755, {uid: 7})]);
		expect(list).toEqual([zero, {path: 'x', typeFlag: 53, linkName: '', size: 0, fileMode: 2147484141, uid: 7, gid: 0, isDir: true}]);
	});
});
