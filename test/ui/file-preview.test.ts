import {expect, test} from 'vitest';
import {classify, readFilePreview} from '../../src/ui/content/file-preview.js';
import {fakeContent} from '../extract/fake-content.js';

test('text, with the cut at the limit not breaking a UTF-8 sequence', () => {
	const text = Buffer.from('héllo\r\nwörld\n');
	expect(classify(text, text.length)).toEqual({kind: 'text', lines: ['héllo', 'wörld'], truncated: false, size: text.length, shownBytes: text.length});
	const cut = text.subarray(0, 2);
	expect(classify(cut, 100)).toMatchObject({kind: 'text', lines: ['h'], truncated: true});
});

test('binary by NUL byte or invalid UTF-8, described by its magic', () => {
	expect(classify(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), 5000)).toEqual({kind: 'binary', size: 5000, description: 'ELF executable or library'});
	expect(classify(Buffer.from([0x1f, 0x8b, 0x08, 0xff]), 4)).toMatchObject({kind: 'binary', description: 'gzip compressed data'});
	expect(classify(Buffer.from([0xff, 0xfe, 0x41]), 3)).toMatchObject({kind: 'binary', description: 'data'});
});

test('reads only the wanted entry, at most the limit; a hard link reads its target', async () => {
	const content = fakeContent({2: {'etc/big': 'x'.repeat(100_000), 'etc/other': 'no'}});
	const big = await readFilePreview(content, {path: '/etc/big', type: 'file', size: 100_000, layer: 2, linkTarget: ''}, 1024);
	expect(big).toMatchObject({kind: 'text', truncated: true, shownBytes: 1024, size: 100_000});
	const link = await readFilePreview(content, {path: '/etc/link', type: 'hardlink', size: 0, layer: 2, linkTarget: '/etc/other'});
	expect(link).toMatchObject({kind: 'text', lines: ['no']});
	const missing = await readFilePreview(content, {path: '/etc/none', type: 'file', size: 1, layer: 2, linkTarget: ''});
	expect(missing).toMatchObject({kind: 'none'});
	const unavailable = await readFilePreview({available: false, unavailableReason: 'read from stdin', forEachEntry: async () => {}}, {path: '/a', type: 'file', size: 1, layer: 0, linkTarget: ''});
	expect(unavailable).toEqual({kind: 'none', message: 'Cannot show file content: read from stdin'});
});
