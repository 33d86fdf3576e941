import {describe, expect, test} from 'vitest';
import {progressReporter} from '../../src/cli/progress.js';

const sink = (isTTY: boolean) => {
	const written: string[] = [];
	return {isTTY, written, write: (text: string) => written.push(text)};
};

describe('the loading line on stderr', () => {
	test('plain lines every 10% with "layer k of n", and the final 100% line', () => {
		const out = sink(false);
		const progress = progressReporter(out, 'app.tar', false);
		for (let read = 0; read <= 1000; read += 50) progress.update({bytesRead: read, totalBytes: 1000, layersRead: Math.floor(read / 250), layersTotal: 4});
		progress.done();
		expect(out.written).toHaveLength(11);
		expect(out.written[0]).toBe('Loading app.tar: 0% (0 B of 1 kB), layer 0 of 4\n');
		expect(out.written.at(-1)).toBe('Loading app.tar: 100% (1 kB of 1 kB), layer 4 of 4\n');
	});

	test('a bar redrawn in place on a terminal, cleared at the end', () => {
		const out = sink(true);
		const progress = progressReporter(out, 'app.tar', false);
		progress.update({bytesRead: 500, totalBytes: 1000, layersRead: 2, layersTotal: 4});
		progress.done();
		expect(out.written[0]).toMatch(/^\r\u001B\[2KLoading app\.tar █{12}░{12}  50%  500 B \/ 1 kB  layer 2 of 4$/);
		expect(out.written.at(-1)).toBe('\r\u001B[2K');
	});

	test('without a total (stdin), bytes and layers so far; nothing at all with --quiet', () => {
		const out = sink(false);
		const progress = progressReporter(out, 'stdin', false);
		progress.update({bytesRead: 2048, totalBytes: undefined, layersRead: 1, layersTotal: undefined});
		expect(out.written).toEqual(['Loading stdin: 2.05 kB, 1 layer read\n']);
		const quiet = sink(false);
		const silent = progressReporter(quiet, 'x', true);
		silent.update({bytesRead: 1, totalBytes: 2, layersRead: 0, layersTotal: 1});
		silent.done();
		expect(quiet.written).toEqual([]);
	});
});
