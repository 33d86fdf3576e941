import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {writeSampleArchive} from '../../src/sample/sample-image.js';
import {press, keys} from '../helpers/press.js';
import {renderExplorer} from './render-explorer.js';

let dir = '';
let sample = '';
beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'layerlens-hints-ui-'));
	sample = path.join(dir, 'sample.tar');
	await writeSampleArchive(sample, dir);
});
afterAll(() => rm(dir, {recursive: true, force: true}));

describe('the Hints view on the sample image', () => {
	for (const size of [{columns: 80, rows: 24}, {columns: 120, rows: 40}]) {
		test(`at ${size.columns}x${size.rows}: w lists the hints by bytes with the selected one explained; Enter jumps to its path`, async () => {
			const {stdin, frame} = await renderExplorer(sample, {size});
			// The answer line above the status bar leads with the shipped secret at every size, naming the key.
			expect(frame().split('\n').at(-2)).toMatch(/^1 secret shipped! \(w\) {2}Most reclaimable: layer 1/);
			expect(frame()).toContain('w Hints');
			await press(stdin, 'w');
			const lines = frame().split('\n');
			expect(lines.length).toBeLessThanOrEqual(size.rows);
			expect(Math.max(...lines.map(line => [...line].length))).toBeLessThanOrEqual(size.columns);
			expect(frame()).toContain('10 hints');
			const rows = lines.filter(line => /^[▶ ] (HIGH|warn|info) /.test(line));
			expect(rows[0]).toMatch(/^▶ info deleted-later +332 kB +L1 +\/var\/cache\/apk\/APKINDEX\.tar\.gz \+2$/);
			expect(frame()).toContain('Fix: Delete them in the same RUN that creates them');
			expect(frame()).toContain('Enter Show in tree');
			// The secret is listed; pick it and jump: the tree shows /srv/app/.env at layer 2, where COPY stored it.
			const secretRow = rows.findIndex(line => line.includes('HIGH secret'));
			expect(secretRow).toBeGreaterThan(0);
			for (let i = 0; i < secretRow; i++) await press(stdin, keys.down);
			const flat = frame().split('\n').map(line => line.trim()).join(' ');
			expect(flat).toContain('/srv/app/.env (.env file with tokens) is stored in layer 2 (COPY app/ /srv/app/)');
			await press(stdin, keys.enter);
			expect(frame()).not.toContain('10 hints');
			expect(frame()).toMatch(/▶● 2 /);
			expect(frame().split('\n').find(line => line.includes('▶+'))).toContain('.env');
		});
	}

	test('a layer\'s details list the hints that concern it', async () => {
		const {stdin, frame} = await renderExplorer(sample, {size: {columns: 120, rows: 60}});
		await press(stdin, keys.down, keys.down, 'l');
		for (let i = 0; i < 12; i++) await press(stdin, keys.down);
		// Layer 2 (COPY app/) is part of six hints, listed after its hidden files, largest first.
		expect(frame()).toContain('Hints: metadata-rewrite 131 kB, duplicate-cont');
		expect(frame()).toContain('info metadata-rewrite 131 kB');
		expect(frame()).toContain('Layer 6 (RUN chown -R app:app /srv/app/data)');
		for (let i = 0; i < 40; i++) await press(stdin, keys.down);
		expect(frame()).toContain('HIGH secret 74 B');
	});
});
