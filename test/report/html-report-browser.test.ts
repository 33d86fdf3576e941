import {mkdtemp, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {Page} from 'playwright-core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Analysis} from '../../src/core/analysis-types.js';
import {renderHtmlReport} from '../../src/report/html/render-html.js';
import {readTreemapLibrarySync} from '../../src/report/html/treemap-library.js';
import {writeSampleArchive} from '../../src/sample/sample-image.js';
import {startBrowser, type Browser, type LoadedPage} from '../helpers/browser.js';
import {describeWithFixtures, fixturePath} from '../helpers/fixtures.js';
import {analyzePath} from '../helpers/load-fixture.js';
import {runCli} from '../helpers/run-cli.js';

type DrawnRect = {path: string; size: number; layer: number; kind: string; x: number; y: number; width: number; height: number};

/** Every leaf rectangle of the treemap as drawn (geometry from the SVG attributes the browser laid out). */
function leafRects(page: Page): Promise<DrawnRect[]> {
	return page.$$eval('#treemap rect.leaf', rects =>
		rects.map(rect => ({
			path: rect.getAttribute('data-path')!,
			size: Number(rect.getAttribute('data-size')),
			layer: Number(rect.getAttribute('data-layer')),
			kind: rect.getAttribute('data-kind')!,
			x: Number(rect.getAttribute('x')),
			y: Number(rect.getAttribute('y')),
			width: Number(rect.getAttribute('width')),
			height: Number(rect.getAttribute('height')),
		})),
	);
}

function viewBoxArea(page: Page): Promise<number> {
	return page.$eval('#treemap', svg => {
		const [, , width, height] = svg.getAttribute('viewBox')!.split(' ').map(Number);
		return width! * height!;
	});
}

/** Area is size: every rectangle's area over its size is the same ratio, the whole drawing over the total. */
function expectAreasProportional(rects: readonly DrawnRect[], area: number): void {
	const total = rects.reduce((sum, rect) => sum + rect.size, 0);
	expect(total).toBeGreaterThan(0);
	for (const rect of rects) {
		expect(rect.width * rect.height, rect.path).toBeCloseTo((rect.size / total) * area, 3);
		expect(rect.x).toBeGreaterThanOrEqual(-1e-6);
		expect(rect.y).toBeGreaterThanOrEqual(-1e-6);
	}
	expect(rects.reduce((sum, rect) => sum + rect.width * rect.height, 0)).toBeCloseTo(area, 2);
}

/** The final filesystem of small-app as a real OCI unpacker wrote it down: regular files with their sizes. */
async function smallAppFiles(): Promise<Map<string, number>> {
	const lines = (await readFile(fixturePath('real/small-app.final-tree.tsv'), 'utf8')).split('\n').slice(1);
	const files = new Map<string, number>();
	for (const line of lines) {
		const [file, type, , , , size] = line.split('\t');
		if (type === 'f') files.set(file!, Number(size));
	}
	return files;
}

/** The final filesystem replayed from the layers' changes: every non-directory path, its size and its last writer. */
function finalFiles(analysis: Analysis): Map<string, {layer: number; size: number}> {
	const owner = new Map<string, {layer: number; size: number}>();
	for (const current of analysis.layers) {
		for (const change of current.changes) {
			if (change.kind === 'removed') {
				for (const key of [...owner.keys()]) if (key === change.path || key.startsWith(`${change.path}/`)) owner.delete(key);
			} else if (change.type !== 'dir') {
				owner.set(change.path, {layer: current.index, size: change.size});
			} else {
				owner.delete(change.path);
			}
		}
	}
	return owner;
}

/** Paths of the final filesystem with content whose copy was written by `layer`. */
function writtenLast(analysis: Analysis, layer: number): Set<string> {
	return new Set([...finalFiles(analysis)].filter(([, value]) => value.layer === layer && value.size > 0).map(([key]) => key));
}

let browser: Browser;
let dir = '';

beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'layerlens-html-'));
	browser = await startBrowser();
}, 120_000);
afterAll(async () => {
	await browser?.close();
	await rm(dir, {recursive: true, force: true});
}, 120_000);

async function report(image: string, name: string, extra: readonly string[] = []): Promise<string> {
	const target = path.join(dir, `${name}.html`);
	const run = await runCli(['-q', '--html', target, ...extra, image], {timeoutMs: 60_000});
	expect(run.stderr).toBe('');
	expect([0, 1]).toContain(run.code);
	return target;
}

function expectClean(loaded: LoadedPage): void {
	expect(loaded.errors).toEqual([]);
	expect(loaded.requests).toEqual([]);
}

describe('the HTML report of the bundled sample image, in Chromium', () => {
	let loaded: LoadedPage;
	let analysis: Analysis;

	beforeAll(async () => {
		const sample = path.join(dir, 'sample.tar');
		await writeSampleArchive(sample, dir);
		analysis = await analyzePath(sample);
		const file = await report(sample, 'sample', ['--ci', '--lowestEfficiency', '0.9']);
		loaded = await browser.open(file);
	}, 120_000);

	it('loads with no console error and no network request, from file://', () => {
		expectClean(loaded);
	});

	it('shows the summary with exact numbers and the CI results that were evaluated', async () => {
		const {page} = loaded;
		expect(await page.textContent('#image-name')).toBe('localhost/layerlens/greeter:1.4.2');
		const exact = (card: string) => page.textContent(`[data-card="${card}"] .exact`);
		expect(await exact('total')).toBe(`${analysis.image.sizeBytes.toLocaleString('en-US')} bytes`);
		expect(await exact('reclaimable')).toBe(`${analysis.image.reclaimableBytes.toLocaleString('en-US')} bytes`);
		expect(await exact('wasted')).toContain(`${analysis.image.wastedBytes.toLocaleString('en-US')} bytes`);
		// The sample's efficiency is below 0.9, so dive's rule fails and the page says so.
		expect(analysis.image.efficiencyScore).toBeLessThan(0.9);
		expect(await page.textContent('#ci [data-rule="lowestEfficiency"]')).toContain('FAIL');
		expect(await page.textContent('#ci h2')).toContain('FAIL');
	});

	it('draws one bar per layer, with the reclaimable part and the command on expansion', async () => {
		const {page} = loaded;
		expect(await page.locator('.layer').count()).toBe(analysis.layers.length);
		const worst = [...analysis.layers].sort((a, b) => b.reclaimableBytes - a.reclaimableBytes)[0]!;
		expect(await page.locator(`.layer[data-layer="${worst.index}"] .waste`).count()).toBe(1);
		const clean = analysis.layers.find(layer => layer.reclaimableBytes === 0)!;
		expect(await page.locator(`.layer[data-layer="${clean.index}"] .waste`).count()).toBe(0);
		await page.click(`.layer[data-layer="${worst.index}"]`);
		expect(await page.textContent(`.layer[data-layer="${worst.index}"] .layer-details pre`)).toBe(worst.createdBy);
	});

	it('switches the treemap to where the wasted bytes sit: the hidden copies, reclaimable in all', async () => {
		const {page} = loaded;
		await page.click('#mode button[data-mode="waste"]');
		const rects = await leafRects(page);
		const hidden = analysis.layers.flatMap(layer => layer.hidden.map(copy => `${layer.index}:${copy.path}:${copy.bytes}`)).sort();
		expect(rects.map(rect => `${rect.layer}:${rect.path}:${rect.size}`).sort()).toEqual(hidden);
		expect(rects.reduce((sum, rect) => sum + rect.size, 0)).toBe(analysis.image.reclaimableBytes);
		expectAreasProportional(rects, await viewBoxArea(page));
		await page.click('#mode button[data-mode="files"]');
		expectClean(loaded);
	});
});

describeWithFixtures('the HTML report of real archives, in Chromium', () => {
	describe('small-app (docker save)', () => {
		let loaded: LoadedPage;
		let analysis: Analysis;
		let files: Map<string, number>;

		beforeAll(async () => {
			const image = fixturePath('real/small-app.docker-save.tar');
			analysis = await analyzePath(image);
			files = await smallAppFiles();
			loaded = await browser.open(await report(image, 'small-app'));
		}, 120_000);

		it('loads with no console error and no network request', () => {
			expectClean(loaded);
		});

		it('draws one rectangle per file with content, its area proportional to its size', async () => {
			const {page} = loaded;
			const rects = await leafRects(loaded.page);
			const withContent = [...files].filter(([, size]) => size > 0);
			expect(rects.map(rect => `${rect.path} ${rect.size}`).sort()).toEqual(withContent.map(([file, size]) => `${file} ${size}`).sort());
			expect(rects.every(rect => rect.kind === 'file')).toBe(true);
			expectAreasProportional(rects, await viewBoxArea(page));
		});

		it('highlights the files of a layer when the layer is clicked, and only those', async () => {
			const {page} = loaded;
			const layer = analysis.layers.findIndex((_, index) => index > 0 && writtenLast(analysis, index).size > 0);
			expect(layer).toBeGreaterThan(0);
			await page.click(`.layer[data-layer="${layer}"] .bar`);
			const highlighted = await page.$$eval('#treemap rect.leaf.hl', rects => rects.map(rect => rect.getAttribute('data-path')!));
			expect(new Set(highlighted)).toEqual(writtenLast(analysis, layer));
			const dimmed = await page.locator('#treemap rect.leaf.dim').count();
			expect(dimmed + highlighted.length).toBe(await page.locator('#treemap rect.leaf').count());
			expect(dimmed).toBeGreaterThan(0);
			await page.click(`.layer[data-layer="${layer}"] .bar`);
			expect(await page.locator('#treemap rect.leaf.hl, #treemap rect.leaf.dim').count()).toBe(0);
		});

		it('zooms into a directory on click and comes back with the breadcrumbs', async () => {
			const {page} = loaded;
			const everything = await page.locator('#treemap rect.leaf').count();
			// The largest top-level directory, from the unpacker's listing.
			const byTop = new Map<string, number>();
			for (const [file, size] of files) {
				const parts = file.split('/');
				if (parts.length > 2) byTop.set(parts[1]!, (byTop.get(parts[1]!) ?? 0) + size);
			}
			const [top, bytes] = [...byTop].sort((a, b) => b[1] - a[1])[0]!;
			const target = (await leafRects(page)).find(rect => rect.path.startsWith(`/${top}/`))!;
			await page.locator(`#treemap rect.leaf[data-path="${target.path}"]`).click();
			expect(await page.getAttribute('#treemap', 'data-zoom')).toBe(`/${top}`);
			const inside = await leafRects(page);
			expect(inside.length).toBeGreaterThan(0);
			expect(inside.every(rect => rect.path.startsWith(`/${top}/`))).toBe(true);
			expect(inside.reduce((sum, rect) => sum + rect.size, 0)).toBe(bytes);
			expect(inside.length).toBe([...files].filter(([file, size]) => file.startsWith(`/${top}/`) && size > 0).length);
			expectAreasProportional(inside, await viewBoxArea(page));
			expect(await page.textContent('#crumbs .current')).toContain(top);
			await page.click('#crumbs button[data-path="/"]');
			expect(await page.getAttribute('#treemap', 'data-zoom')).toBe('/');
			expect(await page.locator('#treemap rect.leaf').count()).toBe(everything);
		});

		it('narrows the reclaimable table to the rows whose path matches the filter, and sorts by a column', async () => {
			const {page} = loaded;
			const rows = () => page.$$eval('#reclaimable-table tbody tr', trs => trs.map(tr => tr.querySelector('td')!.textContent!));
			const all = await rows();
			expect(all.length).toBe(analysis.reclaimable.length);
			const word = analysis.reclaimable[0]!.path.split('/').at(-1)!.slice(0, 4);
			await page.fill('#reclaimable-table input', word);
			const narrowed = await rows();
			const expected = analysis.reclaimable.filter(item => item.path.toLowerCase().includes(word.toLowerCase())).map(item => item.path);
			expect(narrowed.sort()).toEqual(expected.sort());
			expect(narrowed.length).toBeLessThan(all.length);
			await page.fill('#reclaimable-table input', '');
			await page.click('#reclaimable-table th[data-column="0"]');
			const byPath = await rows();
			expect(byPath).toEqual([...all].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
			expectClean(loaded);
		});
	});

	for (const fixture of ['dive/test-docker-image.tar', 'real/small-app.oci-archive.zstd.tar', 'dive/test-kaniko-image.tar']) {
		it(`${fixture}: loads clean and draws every file with content at its size`, async () => {
			const analysis = await analyzePath(fixturePath(fixture));
			const file = await report(fixturePath(fixture), path.basename(fixture, '.tar'));
			expect((await stat(file)).size).toBeGreaterThan(0);
			const loaded = await browser.open(file);
			expectClean(loaded);
			const rects = await leafRects(loaded.page);
			const expected = [...finalFiles(analysis)].filter(([, value]) => value.size > 0);
			expect(expected.length).toBeGreaterThan(0);
			expect(rects.map(rect => `${rect.path} ${rect.size} L${rect.layer}`).sort()).toEqual(
				expected.map(([file, value]) => `${file} ${value.size} L${value.layer}`).sort(),
			);
			expectAreasProportional(rects, await viewBoxArea(loaded.page));
			await loaded.page.close();
		});
	}
});

describe('the HTML report through the CLI and with hints and a comparison', () => {
	let analysis: Analysis;
	let sample = '';

	beforeAll(async () => {
		sample = path.join(dir, 'sample-2.tar');
		await writeSampleArchive(sample, dir);
		analysis = await analyzePath(sample);
	}, 120_000);

	it('is a --report format: --report html=PATH writes the page with the gate results', async () => {
		const target = path.join(dir, 'gate.html');
		const run = await runCli(['-q', '--ci', '--report', `html=${target}`, sample], {timeoutMs: 60_000});
		expect(run.code).toBe(1);
		const loaded = await browser.open(target);
		expectClean(loaded);
		expect(await loaded.page.textContent('#ci [data-rule="lowestEfficiency"]')).toContain('FAIL');
		expect(await loaded.page.locator('#treemap rect.leaf').count()).toBe(writtenLastAll(analysis));
		await loaded.page.close();
	});

	it('combines with --json, and a path it cannot write is one line and exit code 2', async () => {
		const html = path.join(dir, 'with-json.html');
		const json = path.join(dir, 'with-json.json');
		const run = await runCli(['-q', '--json', json, '--html', html, sample], {timeoutMs: 60_000});
		expect(run.code).toBe(0);
		expect(JSON.parse(await readFile(json, 'utf8'))).toHaveProperty('image');
		expect((await readFile(html, 'utf8')).startsWith('<!doctype html>')).toBe(true);
		const bad = await runCli(['-q', '--html', path.join(dir, 'missing', 'r.html'), sample], {timeoutMs: 60_000});
		expect(bad.code).toBe(2);
		expect(bad.stderr).toBe(`layerlens: ${path.join(dir, 'missing', 'r.html')}: cannot write the HTML report (ENOENT)\n`);
		const stdout = await runCli(['-q', '--html', '-', sample], {timeoutMs: 60_000});
		expect(stdout.code).toBe(2);
		expect(stdout.stderr.split('\n')[0]).toBe('layerlens: --html needs a file path (the page is one file to open or attach)');
	});

	it('shows hints and a comparison when given, in the explorer\'s colours, and filters the compared paths', async () => {
		const target = path.join(dir, 'hints-diff.html');
		const html = [
			...renderHtmlReport(
				{
					analysis,
					hints: [
						{id: 'build-cache', title: 'Package cache left behind', message: 'rm -rf /var/cache/apk in the same RUN', bytes: 180_000, layer: 1, paths: ['/var/cache/apk/APKINDEX.tar.gz']},
						{id: 'late-delete', title: 'Deleted in a later layer', bytes: 150_000, paths: ['/tmp/build/python-3.12.tar.xz']},
					],
					diff: {
						baseName: 'greeter:1.4.1',
						targetName: 'greeter:1.4.2',
						summary: {sizeDeltaBytes: 2048, addedPaths: 1},
						entries: [
							{path: '/srv/app/new.py', kind: 'added', after: 2048},
							{path: '/srv/app/main.py', kind: 'modified', before: 600, after: 661},
							{path: '/srv/app/old.py', kind: 'removed', before: 90},
						],
					},
				},
				{treemapLibrary: readTreemapLibrarySync()},
			),
		].join('');
		await writeFile(target, html);
		const loaded = await browser.open(target);
		const {page} = loaded;
		expectClean(loaded);
		expect(await page.isVisible('#hints')).toBe(true);
		expect(await page.$$eval('#hints tbody tr', rows => rows.map(row => row.querySelector('td')!.textContent))).toEqual([
			'Package cache left behind',
			'Deleted in a later layer',
		]);
		const colour = (selector: string) => page.$eval(selector, node => (globalThis as unknown as {getComputedStyle(el: unknown): {color: string}}).getComputedStyle(node).color);
		expect(await colour('#diff tr.kind-added')).toBe('rgb(63, 185, 80)');
		expect(await colour('#diff tr.kind-removed')).toBe('rgb(248, 81, 73)');
		expect(await page.locator('#diff tbody tr').count()).toBe(3);
		await page.fill('#diff input', 'removed');
		expect(await page.$$eval('#diff tbody tr', rows => rows.map(row => row.querySelector('td')!.textContent))).toEqual(['/srv/app/old.py']);
		await page.close();
	});
});

/** How many files with content the final filesystem holds. */
function writtenLastAll(analysis: Analysis): number {
	return [...finalFiles(analysis).values()].filter(value => value.size > 0).length;
}
