import {describe, expect, test} from 'vitest';
import {buildImageArchive, file} from '../helpers/image-builder.js';
import {analyzeBuffer} from '../helpers/load-fixture.js';

// One layer lists `a/b/c`, then `a` as a file (which drops everything below `a`), then `a/b/d`. The last entry must
// find no `a/b` and make `a` a directory again with a new `a/b` below it; a parent remembered from `a/b/c` (the
// stacked filesystem keeps the parent of the last path it added, to skip a lookup for siblings) is detached by then.
describe('an ancestor replaced by a file between two entries below it, in one layer', async () => {
	const analysis = await analyzeBuffer(
		await buildImageArchive(
			{layers: [{createdBy: 'odd order', entries: [file('a/b/c', 'c'.repeat(10)), file('a', 'a'.repeat(20)), file('a/b/d', 'd'.repeat(30))]}]},
			'docker-oci',
		),
	);

	test('the final filesystem holds a, a/b and a/b/d, and not a/b/c', () => {
		const paths = [...analysis.final.paths].sort();
		expect(paths).toEqual(['a', 'a/b', 'a/b/d']);
		expect(analysis.final.types[analysis.final.paths.indexOf('a')]).toBe('dir');
		expect(analysis.final.sizes[analysis.final.paths.indexOf('a/b/d')]).toBe(30);
	});
});
