import {describe, expect, it} from 'vitest';
import {marshalIndent, marshalIndentChunks, plainRecords} from '../../src/export/marshal-indent.js';

describe('marshalIndent (Go json.MarshalIndent with two spaces)', () => {
	it('lays out like JSON.stringify(v, null, 2) for plain ASCII data', () => {
		const value = {
			layer: [{index: 0, id: 'x', fileList: [], nested: {a: [1, 2, {b: null}], e: {}}}],
			image: {efficiencyScore: 0.9844212134184309, sizeBytes: 1220598, flag: true, off: false, list: [[]]},
		};
		expect(marshalIndent(value)).toBe(JSON.stringify(value, null, 2));
	});

	it('escapes strings and keys the way Go does', () => {
		expect(marshalIndent({'a<b': 'x&y>\u2028'})).toBe('{\n  "a\\u003cb": "x\\u0026y\\u003e\\u2028"\n}');
	});

	it('prints scalars at the top level and leaves out undefined properties', () => {
		expect(marshalIndent(1)).toBe('1');
		expect(marshalIndent('s')).toBe('"s"');
		expect(marshalIndent(null)).toBe('null');
		expect(marshalIndent({a: undefined, b: 1})).toBe('{\n  "b": 1\n}');
		expect(marshalIndent({a: undefined})).toBe('{}');
	});

	it('writes a list marked as plain records exactly as an unmarked one', () => {
		const records = [
			{path: 'a/b', typeFlag: 48, size: 0, isDir: false, none: null, gone: undefined},
			{path: 'quote " and \\ and \n', kind: 'modified', fields: ['content', 'mode'], empty: []},
			{},
			{gone: undefined},
			{nested: {a: 1}, list: [1, 'x']},
			7,
			'text',
			[['x']],
		];
		const value = {layer: [{fileList: plainRecords(records), after: 1}]};
		const expected = JSON.stringify({layer: [{fileList: records, after: 1}]}, null, 2);
		expect(marshalIndent(value)).toBe(expected);
		expect(marshalIndent({list: plainRecords([{a: 'x<y', b: -0, c: ['&']}])})).toBe(marshalIndent({list: [{a: 'x<y', b: -0, c: ['&']}]}));
		expect(marshalIndent({list: plainRecords([])})).toBe('{\n  "list": []\n}');
	});

	it('refuses what Go cannot encode', () => {
		expect(() => marshalIndent({x: Number.NaN})).toThrow(TypeError);
		expect(() => marshalIndent({x: Infinity})).toThrow(TypeError);
		expect(() => marshalIndent({x: () => 1})).toThrow(TypeError);
	});

	it('yields bounded chunks that join to the whole document', () => {
		const value = {items: Array.from({length: 2000}, (_, i) => ({i, name: `file-${i}`}))};
		const chunks = [...marshalIndentChunks(value, 1024)];
		expect(chunks.length).toBeGreaterThan(20);
		for (const chunk of chunks) expect(chunk.length).toBeLessThan(1024 + 200);
		expect(chunks.join('')).toBe(JSON.stringify(value, null, 2));
	});

	it('handles deep nesting', () => {
		let value: unknown = [];
		for (let i = 0; i < 3000; i++) value = [value]; // the text grows with depth squared (indentation), so not much deeper
		const text = marshalIndent(value);
		expect(text.startsWith('[\n  [\n    [')).toBe(true);
	});
});
