import {readdirSync} from 'node:fs';
import {expect, test} from 'vitest';
import {analyze} from '../../src/core/analyze.js';
import {describeWithFixtures, fixturePath, haveFixtures} from '../helpers/fixtures.js';
import {loadPath} from '../helpers/load-fixture.js';

const archives = [
	...(haveFixtures ? readdirSync(fixturePath('dive')) : []).filter(name => name.startsWith('test-') && name.endsWith('.tar')).map(name => `dive/${name}`),
	'real/small-app.docker-archive.tar',
	'real/small-app.containerd-export.gzip.tar',
	'real/small-app.oci-archive.zstd.tar',
];

describeWithFixtures('the seekable fast path and the one-pass stream read the same image', () => {
	for (const archive of archives) {
		test(archive, async () => {
			const fast = analyze((await loadPath(archive)).model);
			const stream = analyze((await loadPath(archive, {streaming: true})).model);
			const {model: fastModel, ...fastRest} = fast;
			const {model: streamModel, ...streamRest} = stream;
			expect(fastRest).toEqual(streamRest);
			// Entries agree field for field; only content digests differ (the fast path hashes repeated paths only).
			const strip = (model: typeof fastModel) => model.layers.map(layer => layer.entries.map(({digest: _d, ...entry}) => entry));
			expect(strip(fastModel)).toEqual(strip(streamModel));
		});
	}
});
