import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {keys, press, waitForFrame} from '../helpers/press.js';
import {dir, file, whiteout, writeTempImage} from '../helpers/image-builder.js';
import {renderExplorer} from './render-explorer.js';

/**
Eleven layers, as the real image this screen was designed on. Layer 2 writes a 3,000-byte file that layer 5 overwrites; layer 8 writes a 60,000-byte download that
layer 10 deletes, so layer 8 is the worst (60 kB reclaimable) and sits below where a 5-row Layers pane would end.
*/
const layers = [
	{createdBy: 'ADD rootfs.tar /', entries: [dir('etc'), file('etc/os-release', 'ID=test\n'), dir('app')]},
	...Array.from({length: 10}, (_, at) => {
		const index = at + 1;
		// Every layer lists /app again, unchanged, as real layer tars list the parents of what they write.
		const entries = [dir('app'), file(`app/step-${index}.txt`, `step ${index}\n`)];
		if (index === 2 || index === 5) entries.push(file('app/config.json', index === 2 ? 'a'.repeat(3000) : 'b'.repeat(3000)));
		if (index === 8) entries.push(dir('tmp'), file('tmp/download.tar.gz', 'x'.repeat(60_000)));
		if (index === 10) entries.push(whiteout('tmp/download.tar.gz'));
		return {createdBy: `/bin/sh -c step ${index}`, entries};
	}),
];

let image: Awaited<ReturnType<typeof writeTempImage>>;

beforeAll(async () => {
	image = await writeTempImage({tags: ['first-screen:1'], layers}, 'docker-legacy');
});

afterAll(async () => {
	cleanup();
	await image.cleanup();
});

const layerRow = (frame: string, index: number) => frame.split('\n').find(line => new RegExp(`^[▶ ][●○ ] +${index} `).test(line));

describe('the first screen at 80x24', () => {
	test('shows every layer of an 11-layer image and the one-line answer, without a keypress', async () => {
		const {frame} = await renderExplorer(image.path, {size: {columns: 80, rows: 24}});
		const lines = frame().split('\n');
		expect(lines.length).toBeLessThanOrEqual(23);
		for (let index = 0; index < 11; index++) expect(layerRow(frame(), index), `layer ${index}`).toBeDefined();
		// The worst layer's row shows its reclaimable bytes in the Reclaim column.
		expect(layerRow(frame(), 8)).toMatch(/^ {2} +8 +60 kB +60 kB +/);
		expect(lines).toContain('Most reclaimable: layer 8, 60 kB (of 63 kB) · r go there');
		// The answer sits right above the status bar.
		expect(lines.at(-2)).toMatch(/^Most reclaimable:/);
		expect(lines.at(-1)).toMatch(/^▏q Quit/);
	});

	test('r selects the worst layer; s lists the layers by reclaimable bytes and back', async () => {
		const {stdin, frame} = await renderExplorer(image.path, {size: {columns: 80, rows: 24}});
		await press(stdin, 'r');
		expect(layerRow(frame(), 8)).toMatch(/^▶/);
		expect(frame()).toContain('Layer 8 details');
		expect(frame()).toMatch(/Reclaimable: 60 kB in 1 file/);
		await press(stdin, 's');
		const order = () => frame().split('\n').slice(2, 13).map(line => Number(/^[▶ ][●○ ] +(\d+) /.exec(line)?.[1]));
		expect(order().slice(0, 3)).toEqual([8, 2, 0]);
		expect(frame()).toContain('by reclaim 1/11');
		// The cursor stays on layer 8, first in this order; moving down goes to the next worst.
		await press(stdin, keys.down);
		expect(frame()).toContain('Layer 2 details');
		await press(stdin, 's');
		expect(order()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		expect(layerRow(frame(), 2)).toMatch(/^▶/);
	});

	test('the waste figures say what they count, and the help spells them out', async () => {
		const {stdin, frame} = await renderExplorer(image.path, {size: {columns: 120, rows: 40}});
		expect(frame()).toMatch(/Wasted: 66 kB \(every copy\)/);
		expect(frame()).toMatch(/Reclaimable: 63 kB \(savable\)/);
		await press(stdin, '?', keys.end);
		expect(frame()).toMatch(/Wasted +dive's figure: every copy/);
		expect(frame()).toMatch(/Reclaimable +what you can get back/);
	});
});

describe('the file lists of the left column act on their selected file', () => {
	test('in Layer details, v shows the hidden file in the tree and its content, i its history, y copies its path', async () => {
		const {stdin, frame} = await renderExplorer(image.path, {size: {columns: 120, rows: 40}});
		await press(stdin, 'r', 'l', 'i');
		expect(frame()).toContain('History of /tmp/download.tar.gz');
		expect(frame()).toMatch(/\+ +8 +added +60 kB/);
		expect(frame()).toMatch(/- +10 +removed/);
		await press(stdin, keys.escape, 'y');
		expect(frame()).toContain('Copy of /tmp/download.tar.gz not confirmed');
		await press(stdin, 'v');
		expect(frame()).toContain('/tmp/download.tar.gz as of layer 8');
		await waitForFrame(frame, text => text.includes('xxxxxxxxxx'));
	});

	test('in Layers, v says where to pick a file instead of doing nothing', async () => {
		const {stdin, frame} = await renderExplorer(image.path, {size: {columns: 120, rows: 40}});
		await press(stdin, 'v');
		expect(frame()).toContain('Pick a file in the tree (Tab), the layer details or the image details first');
	});

	test('a jump that has to drop the filter says so', async () => {
		const {stdin, frame} = await renderExplorer(image.path, {size: {columns: 120, rows: 40}});
		await press(stdin, '/', 'step-1', keys.enter, keys.tab, 'r', 'l', keys.enter);
		expect(frame()).toMatch(/The filter \/step-1\/ hid it and is cleared/);
		expect(frame()).not.toContain('Path filter');
	});

	test('the history of a directory lists the layers that store it again unchanged, as dive counts them', async () => {
		const {stdin, frame} = await renderExplorer(image.path, {size: {columns: 120, rows: 40}});
		await press(stdin, keys.tab, 'i');
		expect(frame()).toContain('History of /app');
		expect(frame()).toMatch(/\+ +0 +added/);
		for (let layer = 1; layer <= 10; layer++) expect(frame()).toMatch(new RegExp(`· +${layer} +listed +.*listed again, unchanged`));
	});
});
