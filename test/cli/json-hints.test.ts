import {afterAll, beforeAll, expect, test} from 'vitest';
import {writeTempImage} from '../helpers/image-builder.js';
import {runCli} from '../helpers/run-cli.js';
import {pemKey, wasteImage} from '../core/hints/waste-image.js';

let image: Awaited<ReturnType<typeof writeTempImage>>;
beforeAll(async () => {
	image = await writeTempImage(wasteImage, 'docker-oci');
});
afterAll(async () => image.cleanup());

test('--json - carries the hints and their totals at the top level', async () => {
	const run = await runCli(['--json', '-', image.path]);
	expect(run.code).toBe(0);
	const doc = JSON.parse(run.stdout) as {hints: Array<Record<string, unknown>>; hintTotals: Record<string, number>; hintSavableBytes: number};
	expect(doc.hintTotals).toEqual({
		secret: pemKey.length + doc.hints.filter(hint => hint['kind'] === 'secret' && (hint['paths'] as string[])[0] !== '/root/.ssh/id_rsa').reduce((sum, hint) => sum + (hint['bytes'] as number), 0),
		'deleted-later': pemKey.length + 10000,
		overwritten: 3000,
		'metadata-rewrite': 6000,
		'duplicate-content': 9096,
		'package-cache': 4000,
	});
	const key = doc.hints.find(hint => hint['kind'] === 'secret' && (hint['paths'] as string[])[0] === '/root/.ssh/id_rsa');
	expect(key).toMatchObject({severity: 'high', layer: 4, layers: [4, 5], count: 1, bytes: pemKey.length});
	expect(String(key!['message'])).toContain('layer 5 deletes it');
	expect(String(key!['fix'])).toContain('--mount=type=secret');
});

test('LAYERLENS_NO_HINTS=1 (the bench\'s baseline for the hint cost) drops only the hints: every other byte of the export is the same', async () => {
	const withHints = await runCli(['--json', '-', image.path]);
	const without = await runCli(['--json', '-', image.path], {env: {LAYERLENS_NO_HINTS: '1'}});
	expect(without.code).toBe(0);
	const a = JSON.parse(withHints.stdout) as Record<string, unknown>;
	const b = JSON.parse(without.stdout) as Record<string, unknown>;
	expect((a['hints'] as unknown[]).length).toBeGreaterThan(0);
	expect(b['hints']).toEqual([]);
	expect(Object.values(b['hintTotals'] as Record<string, number>).every(bytes => bytes === 0)).toBe(true);
	expect(b['hintSavableBytes']).toBe(0);
	for (const key of ['hints', 'hintTotals', 'hintSavableBytes']) {
		delete a[key];
		delete b[key];
	}
	expect(b).toEqual(a);
});
