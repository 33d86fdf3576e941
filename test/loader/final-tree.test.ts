import {readFileSync} from 'node:fs';
import {expect, test} from 'vitest';
import {describeWithFixtures, fixturePath} from '../helpers/fixtures.js';
import {finalTreeFromChanges} from '../helpers/final-tree.js';
import {analyzePath} from '../helpers/load-fixture.js';

const smallApp = [
	'small-app.docker-archive.tar',
	'small-app.docker-save.tar',
	'small-app.containerd-export.uncompressed.tar',
	'small-app.containerd-export.gzip.tar',
	'small-app.oci-archive.gzip.tar',
	'small-app.oci-archive.uncompressed.tar',
	'small-app.oci-archive.zstd.tar',
	'small-app.docker-archive.tar.gz',
];

const cases: Array<{archive: string; truth: string; image?: string; platform?: string}> = [
	...smallApp.map(archive => ({archive, truth: 'small-app.final-tree.tsv'})),
	{archive: 'small-multiarch.oci-archive.tar', truth: 'small-multiarch.linux-amd64.final-tree.tsv', platform: 'linux/amd64'},
	{archive: 'small-multiarch.oci-archive.tar', truth: 'small-multiarch.linux-arm64.final-tree.tsv', platform: 'linux/arm64'},
	...['multi-image.docker-archive.tar', 'multi-image.docker-save.tar'].flatMap(archive => [
		{archive, truth: 'multi-image.multi-a.final-tree.tsv', image: 'localhost/fixtures/multi-a:latest'},
		{archive, truth: 'multi-image.multi-b.final-tree.tsv', image: 'multi-b:1.0'},
	]),
];

function truthLines(name: string): string[] {
	return readFileSync(fixturePath(`real/${name}`), 'utf8')
		.split('\n')
		.filter(line => line !== '' && !line.startsWith('#'));
}

describeWithFixtures('final filesystem rebuilt from each layer\'s changes equals a real OCI unpacker\'s', () => {
	for (const {archive, truth, image, platform} of cases) {
		test(`${archive}${image ? ` (${image})` : ''}${platform ? ` [${platform}]` : ''}`, async () => {
			const analysis = await analyzePath(`real/${archive}`, {
				...(image ? {image} : {}),
				...(platform ? {platform} : {}),
			});
			expect(finalTreeFromChanges(analysis)).toEqual(truthLines(truth));
		});
	}

	test('every small-app format gives the same analysis', async () => {
		const analyses = await Promise.all(smallApp.map(archive => analyzePath(`real/${archive}`)));
		const comparable = analyses.map(({model: _model, image, layers, ...rest}) => ({
			...rest,
			image: {...image, format: undefined, name: undefined},
			layers: layers.map(({id: _id, blob: _blob, compression: _compression, ...layer}) => layer),
		}));
		for (const other of comparable.slice(1)) expect(other).toEqual(comparable[0]);
	});
});
