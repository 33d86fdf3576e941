import {Writable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import type {ExportDocument} from '../../src/export/export-types.js';
import {marshalIndent} from '../../src/export/marshal-indent.js';
import {writeExport} from '../../src/export/write-export.js';

function bigDocument(files: number): ExportDocument {
	const fileList = Array.from({length: files}, (_, i) => ({
		path: `usr/share/doc/pkg-${i}/README`,
		typeFlag: 48,
		linkName: '',
		size: i,
		fileMode: 420,
		uid: 0,
		gid: 0,
		isDir: false,
	}));
	return {schemaVersion: 1, layer: [{fileList}], image: {}} as unknown as ExportDocument;
}

/** A slow sink with a small buffer, so that writes have to wait for drain. */
function slowSink(): {sink: Writable; text: () => string; writes: () => number} {
	const parts: string[] = [];
	const sink = new Writable({
		highWaterMark: 1024,
		write(chunk: Buffer, _encoding, callback) {
			parts.push(chunk.toString('utf8'));
			setImmediate(callback);
		},
	});
	return {sink, text: () => parts.join(''), writes: () => parts.length};
}

describe('writeExport', () => {
	it('streams the MarshalIndent text in chunks, then one newline, waiting for drain', async () => {
		const doc = bigDocument(5000);
		const {sink, text, writes} = slowSink();
		let drains = 0;
		sink.on('drain', () => drains++);
		await writeExport(doc, sink, 4096);
		expect(text()).toBe(`${marshalIndent(doc)}\n`);
		expect(writes()).toBeGreaterThan(50);
		expect(drains).toBeGreaterThan(50);
		expect(sink.writableEnded).toBe(false); // the caller ends it
	});

	it('rejects when the output fails midway', async () => {
		const sink = new Writable({
			highWaterMark: 1024,
			write(_chunk, _encoding, callback) {
				setImmediate(() => callback(new Error('EPIPE: broken pipe')));
			},
		});
		await expect(writeExport(bigDocument(5000), sink, 4096)).rejects.toThrow('EPIPE');
	});

	it('rejects when the output is already closed', async () => {
		const {sink} = slowSink();
		sink.destroy();
		await expect(writeExport(bigDocument(10), sink)).rejects.toThrow('output closed');
	});
});
