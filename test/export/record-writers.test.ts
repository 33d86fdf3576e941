import {describe, expect, it} from 'vitest';
import type {Change} from '../../src/core/analysis-types.js';
import type {EntryType, LayerEntry} from '../../src/core/model.js';
import {changeAt, changeCode, changedFieldMask, type ChangeList} from '../../src/core/change-list.js';
import {changeListWriter, changesWriter, exportChange} from '../../src/export/changes-writer.js';
import {diveFileList} from '../../src/export/dive-file-list.js';
import {fileListWriter} from '../../src/export/file-list-writer.js';
import {JsonBytes} from '../../src/export/json-bytes.js';
import {marshalIndent, marshalIndentBuffers, selfWritten} from '../../src/export/marshal-indent.js';
import {goJsonString} from '../../src/format/go-json.js';

const flags: Record<EntryType, string> = {file: '0', hardlink: '1', symlink: '2', char: '3', block: '4', dir: '5', fifo: '6'};

function entry(path: string, type: EntryType, mode: number, extra: Partial<LayerEntry> = {}): LayerEntry {
	return {path, type, typeFlag: flags[type].charCodeAt(0), size: 0, mode, uid: 0, gid: 0, linkTarget: '', digest: '', ...extra};
}

function change(path: string, kind: Change['kind'], extra: Partial<Change> = {}): Change {
	return {path, kind, type: 'file', size: 0, mode: 0o644, uid: 0, gid: 0, linkTarget: '', ...extra};
}

/** The fileList as the writer writes it, inside a layer record (the export's own nesting). */
const written = (entries: readonly LayerEntry[]) => marshalIndent({layer: [{index: 0, fileList: selfWritten(() => diveFileList(entries), fileListWriter(entries)), after: true}]});
/** The same records as plain objects, through the general writer. */
const general = (entries: readonly LayerEntry[]) => marshalIndent({layer: [{index: 0, fileList: [...diveFileList(entries)], after: true}]});

const writtenChanges = (changes: readonly Change[]) => marshalIndent({layer: [{changes: selfWritten(() => changes.map(exportChange), changesWriter(changes))}]});
const generalChanges = (changes: readonly Change[]) => marshalIndent({layer: [{changes: changes.map(exportChange)}]});

/** Names Go escapes or that are not ASCII: HTML characters, quotes, controls, DEL, line separators, surrogates. */
const trickyNames = ['a<b>&c', 'q"uote', 'back\\slash', 'tab\there', 'nl\nx', 'del\u007f', 'ls\u2028ps\u2029', 'caf\u00e9', 'emoji\u{1F600}', 'lone\ud800', 'low\udc00x', 'ctl\u0001', 'plain'];

describe('fileListWriter (a layer fileList written straight from its entries)', () => {
	it('writes what MarshalIndent writes for those records, by hand', () => {
		const entries = [entry('a', 'dir', 0o755), entry('a/b<', 'file', 0o644, {size: 3, uid: 1, gid: 2}), entry('x/l', 'symlink', 0o777, {linkTarget: '../a'})];
		const item = '        ';
		const key = '          ';
		const record = (fields: string) => `${item}{\n${fields.split('|').map(field => key + field).join(',\n')}\n${item}}`;
		expect(written(entries)).toBe(
			[
				'{\n  "layer": [\n    {\n      "index": 0,\n      "fileList": [',
				[
					record('"path": "a/b\\u003c"|"typeFlag": 48|"linkName": ""|"size": 3|"fileMode": 420|"uid": 1|"gid": 2|"isDir": false'),
					record('"path": "a"|"typeFlag": 53|"linkName": ""|"size": 0|"fileMode": 2147484141|"uid": 0|"gid": 0|"isDir": true'),
					record('"path": "x/l"|"typeFlag": 50|"linkName": "../a"|"size": 0|"fileMode": 134218239|"uid": 0|"gid": 0|"isDir": false'),
					record('"path": ""|"typeFlag": 0|"linkName": ""|"size": 0|"fileMode": 0|"uid": 0|"gid": 0|"isDir": false'),
				].join(',\n'),
				'      ],\n      "after": true\n    }\n  ]\n}',
			].join('\n'),
		);
	});

	it('matches the general writer on escapes, non-ASCII, implicit parents, opaque markers, odd paths and an empty list', () => {
		const entries = [
			...trickyNames.map((name, n) => entry(`dir/${name}`, n % 2 ? 'file' : 'symlink', 0o644, {size: n * 1000003, linkTarget: name, uid: 2 ** 31 + n, gid: n})),
			entry('deep/er/.wh..wh..opq', 'file', 0),
			entry('deep/.wh.gone', 'file', 0),
			entry('dup', 'file', 0o600, {size: 1}),
			entry('dup', 'file', 0o640, {size: 2}),
			entry('d', 'dir', 0o755, {typeFlag: 0}),
			entry('big', 'file', 0o644, {size: 2 ** 40 + 1}),
			entry('owner/negative-zero', 'file', 0o644, {uid: -0}),
			entry('owner/group-only', 'dir', 0o755, {gid: 5}),
			entry('owner/user-only', 'file', 0o644, {uid: 5}),
		];
		expect(written(entries)).toBe(general(entries));
		// Paths that are not plain (empty components) take the tree; a surrogate pair sorts by UTF-8 bytes.
		const odd = [entry('/abs', 'file', 0o644), entry('a//b', 'file', 0o644), entry('trail/', 'dir', 0o755), entry('\u{1F600}', 'file', 0o644), entry('\uffff', 'file', 0o644)];
		expect(written(odd)).toBe(general(odd));
		expect(written([])).toBe(general([]));
		expect(written([entry('', 'dir', 0o755)])).toBe(general([]));
		expect(JSON.parse(written(entries)).layer[0].fileList).toEqual([...diveFileList(entries)].map(record => ({...record, path: record.path.replace(/[\ud800-\udfff]/gu, '\ufffd'), linkName: record.linkName.replace(/[\ud800-\udfff]/gu, '\ufffd')})));
	});

	it('writes an entry that lacks a value the general way (the key left out)', () => {
		const odd = {...entry('f', 'file', 0o644), linkTarget: undefined} as unknown as LayerEntry;
		const text = written([odd, entry('g', 'file', 0o644)]);
		expect(text).toBe(general([odd, entry('g', 'file', 0o644)]));
		expect(Object.keys(JSON.parse(text).layer[0].fileList[0])).toEqual(['path', 'typeFlag', 'size', 'fileMode', 'uid', 'gid', 'isDir']);
	});

	it('still lists its records when iterated', () => {
		const entries = [entry('a/b', 'file', 0o644)];
		expect([...selfWritten(() => diveFileList(entries), fileListWriter(entries))]).toEqual([...diveFileList(entries)]);
	});
});

describe('changesWriter (a layer changes list written straight from the analysis)', () => {
	it('writes what MarshalIndent writes for those records, by hand', () => {
		const text = writtenChanges([
			change('/a&b', 'added', {size: 5}),
			change('/m', 'modified', {fields: ['content', 'mode'], uid: 3}),
			change('/n', 'modified'),
			change('/r', 'removed', {type: 'symlink', linkTarget: 'x', fields: ['content']}),
		]);
		const key = '          ';
		const record = (fields: string) => `        {\n${fields.split('|').map(field => key + field).join(',\n')}\n        }`;
		expect(text).toBe(
			[
				'{\n  "layer": [\n    {\n      "changes": [',
				[
					record('"path": "/a\\u0026b"|"kind": "added"|"type": "file"|"size": 5|"mode": 420|"uid": 0|"gid": 0|"linkTarget": ""'),
					record(`"path": "/m"|"kind": "modified"|"type": "file"|"size": 0|"mode": 420|"uid": 3|"gid": 0|"linkTarget": ""|"fields": [\n${key}  "content",\n${key}  "mode"\n${key}]`),
					record('"path": "/n"|"kind": "modified"|"type": "file"|"size": 0|"mode": 420|"uid": 0|"gid": 0|"linkTarget": ""|"fields": []'),
					record('"path": "/r"|"kind": "removed"|"type": "symlink"|"size": 0|"mode": 420|"uid": 0|"gid": 0|"linkTarget": "x"'),
				].join(',\n'),
				'      ]\n    }\n  ]\n}',
			].join('\n'),
		);
	});

	it('matches the general writer on escapes, non-ASCII, large and negative numbers, odd records and an empty list', () => {
		const changes = [
			...trickyNames.map((name, n) => change(`/${name}`, n % 3 === 0 ? 'modified' : n % 3 === 1 ? 'added' : 'removed', {linkTarget: name, size: 2 ** 33 + n, mode: n, fields: n % 2 ? ['owner'] : undefined})),
			change('/neg', 'added', {uid: -1, size: 0.5}),
			change('/negative-zero', 'added', {gid: -0}),
			change('/group-only', 'added', {gid: 5}),
			change('/link-only', 'added', {linkTarget: 'x'}),
			{...change('/odd', 'added'), linkTarget: undefined} as unknown as Change,
		];
		expect(writtenChanges(changes)).toBe(generalChanges(changes));
		expect(writtenChanges([])).toBe(generalChanges([]));
		expect(() => writtenChanges([change('/nan', 'added', {size: Number.NaN})])).toThrow(TypeError);
	});

	it('leaves the change paths as they are (ropes are not flattened into the analysis: it writes a copy)', () => {
		const changes = [change(`/${'x'.repeat(40)}`, 'added')];
		expect(JSON.parse(writtenChanges(changes)).layer[0].changes[0].path).toBe(changes[0]!.path);
	});
});

describe('changeListWriter (a layer changes list written from the analysis\'s change list, no records made)', () => {
	const list = (pairs: ReadonlyArray<readonly [LayerEntry, number]>): ChangeList => ({entries: pairs.map(([e]) => e), codes: Uint8Array.from(pairs.map(([, code]) => code)), records: undefined});
	const fromList = (changes: ChangeList) => marshalIndent({layer: [{changes: selfWritten(() => [], changeListWriter(changes))}]});
	const records = (changes: ChangeList) => changes.codes.reduce<Change[]>((all, _code, i) => [...all, changeAt(changes, i)], []);

	it('writes what MarshalIndent writes for those changes, by hand', () => {
		const lower = entry('m', 'file', 0o644, {size: 1});
		const upper = entry('m', 'file', 0o600, {size: 2, uid: 3});
		const text = fromList(list([
			[entry('a&b', 'file', 0o100644, {size: 5}), changeCode('added')],
			[upper, changeCode('modified', changedFieldMask(lower, upper))],
			[entry('n', 'file', 0o644), changeCode('modified')],
			[entry('r', 'symlink', 0o777, {linkTarget: 'x'}), changeCode('removed')],
			[entry('h', 'hardlink', 0o644, {linkTarget: './usr//bin/x'}), changeCode('added')],
		]));
		const key = '          ';
		const record = (fields: string) => `        {\n${fields.split('|').map(field => key + field).join(',\n')}\n        }`;
		expect(text).toBe(
			[
				'{\n  "layer": [\n    {\n      "changes": [',
				[
					record('"path": "/a\\u0026b"|"kind": "added"|"type": "file"|"size": 5|"mode": 420|"uid": 0|"gid": 0|"linkTarget": ""'),
					record(`"path": "/m"|"kind": "modified"|"type": "file"|"size": 2|"mode": 384|"uid": 3|"gid": 0|"linkTarget": ""|"fields": [\n${key}  "content",\n${key}  "mode",\n${key}  "owner"\n${key}]`),
					record('"path": "/n"|"kind": "modified"|"type": "file"|"size": 0|"mode": 420|"uid": 0|"gid": 0|"linkTarget": ""|"fields": []'),
					record('"path": "/r"|"kind": "removed"|"type": "symlink"|"size": 0|"mode": 511|"uid": 0|"gid": 0|"linkTarget": "x"'),
					record('"path": "/h"|"kind": "added"|"type": "hardlink"|"size": 0|"mode": 420|"uid": 0|"gid": 0|"linkTarget": "/usr/bin/x"'),
				].join(',\n'),
				'      ]\n    }\n  ]\n}',
			].join('\n'),
		);
	});

	it('matches the records the analysis makes (changeAt) written by changesWriter and by the general writer', () => {
		const changes = list([
			...trickyNames.map((name, n) => [entry(`dir/${name}`, n % 2 ? 'file' : 'symlink', 0o644 | n << 12, {size: 2 ** 33 + n, linkTarget: name, uid: 2 ** 31 + n, gid: n}), changeCode(n % 3 === 0 ? 'modified' : n % 3 === 1 ? 'added' : 'removed', n % 32)] as const),
			[entry('hard', 'hardlink', 0o644, {linkTarget: 'a/../b<'}), changeCode('removed')],
			[entry('negative-zero', 'file', 0o644, {uid: -0}), changeCode('added')],
			[entry('negative', 'file', 0o644, {uid: -1, size: 0.5}), changeCode('added')],
			[entry('group-only', 'dir', 0o755, {gid: 5}), changeCode('modified', 16)],
			[{...entry('odd', 'file', 0o644), linkTarget: undefined} as unknown as LayerEntry, changeCode('added')],
			[{...entry('odd-size', 'file', 0o644), size: undefined} as unknown as LayerEntry, changeCode('modified', 2)],
		]);
		expect(fromList(changes)).toBe(writtenChanges(records(changes)));
		expect(fromList(changes)).toBe(generalChanges(records(changes)));
		expect(fromList(list([]))).toBe(generalChanges([]));
	});

	it('makes no change records (the list keeps none) and leaves the entries\' paths as they are', () => {
		const path = 'x'.repeat(40);
		const changes = list([[entry(path, 'file', 0o644), changeCode('added')]]);
		expect(JSON.parse(fromList(changes)).layer[0].changes[0].path).toBe(`/${path}`);
		expect(changes.records).toBeUndefined();
	});
});

describe('JsonBytes', () => {
	const text = (write: (out: JsonBytes) => void, capacity = 1 << 20) => {
		const out = new JsonBytes(capacity);
		write(out);
		const buffers = out.takeAll();
		// Every buffer is whole UTF-8 on its own.
		for (const buffer of buffers) expect(Buffer.from(buffer.toString('utf8'), 'utf8').equals(buffer)).toBe(true);
		return Buffer.concat(buffers).toString('utf8');
	};

	it('writes strings as goJsonString does', () => {
		for (const s of [...trickyNames, '', '\u0000\u001f ~', '<script>', 'x'.repeat(5000)]) expect(text(out => out.string(s))).toBe(goJsonString(s));
		expect(text(out => out.string('a<b'))).toBe('"a\\u003cb"');
		expect(text(out => out.string('\u2028'))).toBe('"\\u2028"');
		expect(text(out => out.string('\ud800'))).toBe('"\\ufffd"');
	});

	it('writes every character as goJsonString does, in short and long strings and in absolute paths', () => {
		const characters = Array.from({length: 0x180}, (_, code) => String.fromCharCode(code)).concat(['\u2028', '\u2029', '\ud800', '\udc00', '\u{1F600}', '\uffff']);
		for (const ch of characters) {
			for (const s of [ch, `ab${ch}`, `${'p'.repeat(20)}${ch}`, `${ch}${'q'.repeat(30)}`, `${'r'.repeat(15)}${ch}`]) {
				expect(text(out => out.string(s))).toBe(goJsonString(s));
				expect(text(out => out.absolutePath(s))).toBe(goJsonString(`/${s}`));
			}
		}
		// Long plain paths right at a buffer's end: the piece moves on whole.
		const long = 'usr/lib/x86_64-linux-gnu/libexample.so.1';
		expect(text(out => {
			for (let i = 0; i < 10; i++) out.absolutePath(long);
		}, 50)).toBe(goJsonString(`/${long}`).repeat(10));
	});

	it('writes numbers as Go does', () => {
		const cases: Array<[number, string]> = [[0, '0'], [-0, '-0'], [7, '7'], [10, '10'], [2147483647, '2147483647'], [2147483648, '2147483648'], [-5, '-5'], [1.5, '1.5'], [1e21, '1e+21'], [1e-7, '1e-7']];
		for (const [n, expected] of cases) expect(text(out => out.number(n))).toBe(expected);
		expect(() => text(out => out.number(Number.NaN))).toThrow(TypeError);
		expect(() => text(out => out.number(Infinity))).toThrow(TypeError);
	});

	it('moves to a new buffer without cutting a piece, and makes one large enough for a long piece', () => {
		const pieces = ['\u00e9\u00e9\u00e9', 'abcdefgh', '\u{1F600}', 'x'.repeat(100)];
		const joined = text(out => {
			for (const piece of pieces) out.string(piece);
		}, 8);
		expect(joined).toBe(pieces.map(piece => goJsonString(piece)).join(''));
		const out = new JsonBytes(16);
		out.string('0123456789');
		expect(out.hasReady).toBe(false);
		out.string('0123456789');
		expect(out.hasReady).toBe(true);
		expect(out.takeReady().map(buffer => buffer.toString())).toEqual(['"0123456789"']);
	});

	it('yields the whole document in buffers of about the size asked for', () => {
		const entries = Array.from({length: 3000}, (_, n) => entry(`usr/lib/pkg-${n % 40}/file-${n}`, 'file', 0o644, {size: n}));
		const value = {fileList: selfWritten(() => diveFileList(entries), fileListWriter(entries))};
		const buffers = [...marshalIndentBuffers(value, 4096, '\n')];
		expect(buffers.length).toBeGreaterThan(50);
		for (const buffer of buffers) expect(buffer.length).toBeLessThanOrEqual(4096);
		expect(Buffer.concat(buffers).toString('utf8')).toBe(`${marshalIndent({fileList: [...diveFileList(entries)]})}\n`);
	});
});
