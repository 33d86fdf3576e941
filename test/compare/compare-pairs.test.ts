import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {analyze} from '../../src/core/analyze.js';
import {compareImages} from '../../src/core/compare/compare-images.js';
import {finalFiles} from '../../src/core/compare/final-files.js';
import {hashNeeds} from '../../src/core/compare/hash-needs.js';
import {compareLoaded} from '../../src/cli/compare-inputs.js';
import {writeTempImage} from '../helpers/image-builder.js';
import {loadPath} from '../helpers/load-fixture.js';
import {newImage, oldImage} from './pairs.js';

type Temp = Awaited<ReturnType<typeof writeTempImage>>;

describe('comparing a constructed pair: one change of each kind over a shared base layer', () => {
	const temps: Temp[] = [];
	const paths: Record<string, {old: string; new: string}> = {};
	beforeAll(async () => {
		for (const compression of ['none', 'gzip'] as const) {
			const before = await writeTempImage(oldImage, 'docker-oci', {compression});
			const after = await writeTempImage(newImage, 'oci-archive', {compression});
			temps.push(before, after);
			paths[compression] = {old: before.path, new: after.path};
		}
	});
	afterAll(async () => {
		for (const temp of temps) await temp.cleanup();
	});

	for (const compression of ['none', 'gzip'] as const) {
		test(`every change kind is named (${compression} layers)`, async () => {
			const before = await loadPath(paths[compression]!.old);
			const after = await loadPath(paths[compression]!.new);
			const {comparison} = await compareLoaded({loaded: before, spec: 'old'}, {loaded: after, spec: 'new'}, 3);
			const summary = comparison.files.map(diff => `${diff.kind} ${diff.path}${diff.fields ? ` ${diff.fields.join(',')}` : ''}`);
			expect(summary).toEqual([
				'changed /app/data.txt content',
				'changed /app/link type,size,mode',
				'changed /app/mode.sh mode',
				'added /app/newdir',
				'added /app/newdir/big.bin',
				'removed /app/olddir',
				'removed /app/olddir/a.txt',
				'removed /app/olddir/b.txt',
				'changed /app/owner.txt owner',
			]);
			expect(comparison.layers.shared.map(layer => [layer.oldIndex, layer.newIndex])).toEqual([[0, 0]]);
			expect(comparison.layers.added.map(layer => layer.command)).toEqual(['install app 1.5']);
			expect(comparison.layers.removed.map(layer => layer.command)).toEqual(['install app 1.4']);
			expect(comparison.fileTotals).toEqual({added: 2, removed: 3, changed: 4, addedBytes: 5000, removedBytes: 3});
			expect(comparison.differ).toBe(true);
			const app = comparison.growth.find(dir => dir.path === '/app')!;
			// Old /app files: data 4 + same 10 + mode 10 + owner 5 + link 10 = 39; new: 4 + 10 + 10 + 5 = 29.
			expect(app).toMatchObject({oldBytes: 39, newBytes: 29, delta: -10, changed: 4});
			expect(comparison.growth[0]).toMatchObject({path: '/app/newdir', delta: 5000, added: 1});
		});
	}

	test('only same-size copies from unshared layers need hashing; the shared base layer is never read', async () => {
		const before = await loadPath(paths['none']!.old);
		const after = await loadPath(paths['none']!.new);
		const needs = hashNeeds(before.model, finalFiles(before.model), after.model, finalFiles(after.model));
		const names = (list: typeof needs.old) => list.map(need => `${need.layer}:${need.path}`).sort();
		expect(names(needs.old)).toEqual(['1:app/data.txt', '1:app/mode.sh', '1:app/owner.txt', '1:app/same.txt']);
		expect(names(needs.new)).toEqual(['1:app/data.txt', '1:app/mode.sh', '1:app/owner.txt', '1:app/same.txt']);
	});

	test('comparing without the digests a same-size pair needs refuses instead of guessing', async () => {
		const before = await loadPath(paths['none']!.old);
		const after = await loadPath(paths['none']!.new);
		const side = (model: typeof before.model) => ({analysis: analyze(model), files: finalFiles(model)});
		expect(() => compareImages(side(before.model), side(after.model))).toThrow(/no content digest for \/app\/data.txt/);
	});

	test('an image compared with itself has no differences and shares every layer', async () => {
		const before = await loadPath(paths['none']!.new);
		const after = await loadPath(paths['gzip']!.new);
		const {comparison} = await compareLoaded({loaded: before, spec: 'a'}, {loaded: after, spec: 'b'}, 3);
		expect(comparison.files).toEqual([]);
		expect(comparison.layers.shared).toHaveLength(2);
		expect(comparison.differ).toBe(false);
	});
});
