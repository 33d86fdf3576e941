import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {keys, press} from '../helpers/press.js';
import {dir, file, whiteout, writeTempImage} from '../helpers/image-builder.js';
import {hiddenRows} from '../../src/ui/view/layer-details-view.js';
import {renderExplorer} from './render-explorer.js';

/** Layer 1 installs 300 small files in two packages and a 50,000-byte blob; layer 2 deletes both directories. */
const small = (name: string) => file(name, 'm'.repeat(900));
const layers = [
	{createdBy: 'ADD rootfs.tar /', entries: [dir('etc'), file('etc/os-release', 'ID=test\n')]},
	{
		createdBy: '/bin/sh -c npm ci',
		entries: [
			dir('app'),
			dir('app/node_modules'),
			dir('app/node_modules/alpha'),
			...Array.from({length: 200}, (_, i) => small(`app/node_modules/alpha/f${i}.js`)),
			dir('app/node_modules/beta'),
			...Array.from({length: 100}, (_, i) => small(`app/node_modules/beta/g${i}.js`)),
			dir('cache'),
			file('cache/blob.bin', 'b'.repeat(50_000)),
		],
	},
	{createdBy: '/bin/sh -c rm -rf /app/node_modules /cache', entries: [whiteout('app/node_modules'), whiteout('cache')]},
];

let image: Awaited<ReturnType<typeof writeTempImage>>;
beforeAll(async () => {
	image = await writeTempImage({tags: ['groups:1'], layers}, 'docker-legacy');
});
afterAll(async () => {
	cleanup();
	await image.cleanup();
});

describe('a layer that hides hundreds of small files', () => {
	test('lists them grouped by directory, largest first, each group with its file count', async () => {
		const {stdin, frame, model} = await renderExplorer(image.path, {size: {columns: 120, rows: 40}});
		const rows = hiddenRows(model.analysis.layers[1]!);
		// 301 hidden files: a group per directory that holds several, the lone blob as itself.
		expect(rows.map(row => [row.path, row.bytes, row.files])).toEqual([
			['/app/node_modules/alpha', 180_000, 200],
			['/app/node_modules/beta', 90_000, 100],
			['/cache/blob.bin', 50_000, 1],
		]);
		await press(stdin, keys.down, 'l');
		const text = frame();
		expect(text).toContain('grouped by directory, largest first:');
		// At 47 columns a long directory keeps its top and its end: the cut is in the middle.
		expect(text).toMatch(/▶ +180 kB +\/app\/…es\/alpha\/ \(200 files\) → layer 2/);
		expect(text).toMatch(/ +90 kB +\/app\/…les\/beta\/ \(100 files\) → layer 2/);
		expect(text).toMatch(/ +50 kB +\/cache\/blob\.bin → layer 2/);
		// Enter on a group shows its directory in the tree.
		await press(stdin, keys.enter);
		const selected = frame().split('\n').map(line => [...line].slice(49).join('')).find(line => line.startsWith('▶'));
		expect(selected).toMatch(/── alpha$/);
	});
});
