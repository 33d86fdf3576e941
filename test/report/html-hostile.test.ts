import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {displayCommandLine, displayText} from '../../src/format/display-text.js';
import {startBrowser, type Browser, type LoadedPage} from '../helpers/browser.js';
import {hostileCommand, hostileImage, hostileNames, hostileTag, shownPath} from '../helpers/hostile-image.js';
import {buildImageArchive} from '../helpers/image-builder.js';
import {runCli} from '../helpers/run-cli.js';

/** Controls, bidi and zero-width characters: what the page must never draw as is. */
const hidden = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

let browser: Browser;
let dir = '';
let loaded: LoadedPage;
const dialogs: string[] = [];

beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'layerlens-html-hostile-'));
	const image = path.join(dir, 'image.tar');
	await writeFile(image, await buildImageArchive(hostileImage, 'docker-oci'));
	await writeFile(path.join(dir, '.layerlens.yaml'), "ci:\n  deny: ['/h/*']\n");
	const target = path.join(dir, 'report.html');
	const run = await runCli(['-q', '--ci', '--report', `html=${target}`, image], {cwd: dir, timeoutMs: 60_000});
	expect(run.code, run.stderr).toBe(1);
	browser = await startBrowser();
	loaded = await browser.open(target);
	loaded.page.on('dialog', dialog => {
		dialogs.push(dialog.message());
		void dialog.dismiss();
	});
}, 120_000);
afterAll(async () => {
	await browser?.close();
	await rm(dir, {recursive: true, force: true});
}, 120_000);

describe('the HTML report of an image whose names, command, tag and labels are markup and escapes, in Chromium', () => {
	it('runs none of it: no global set, no dialog, no request, no console error, only the page\'s own four scripts', async () => {
		// Hover and click through the page so lazy parts (tooltips, the layer list) are drawn too.
		await loaded.page.locator('#layer-list .layer').first().click();
		await loaded.page.locator('[data-mode="waste"]').click();
		await loaded.page.locator('#treemap rect.leaf').first().hover();
		const globals = await loaded.page.evaluate("['__pwned', '__pw0', '__p2', '__pw3', '__pw4'].filter(name => name in window)");
		expect(globals).toEqual([]);
		expect(dialogs).toEqual([]);
		expect(loaded.errors).toEqual([]);
		expect(loaded.requests).toEqual([]);
		expect(await loaded.page.locator('script').count()).toBe(4);
		expect(await loaded.page.locator('img, iframe, object, embed').count()).toBe(0);
		const hrefs = await loaded.page.$$eval('[href], [src], [xlink\\:href]', nodes => nodes.map(node => node.outerHTML));
		expect(hrefs).toEqual([]);
	});

	it('shows every name as text, its hidden characters as U+FFFD, in both tables of wasted files', async () => {
		const cells = await loaded.page.$$eval('#inefficient-table td.path', nodes => nodes.map(node => node.textContent));
		expect([...cells].sort()).toEqual(hostileNames.map(shownPath).sort());
		const reclaimable = await loaded.page.$$eval('#reclaimable-table td.path', nodes => nodes.map(node => node.textContent));
		expect([...reclaimable].sort()).toEqual(hostileNames.map(shownPath).sort());
		expect(await loaded.page.textContent('#ci [data-rule="deny:/h/*"]')).toContain('FAIL');
	});

	it('shows the tag and the command as text, with nothing that reorders, hides or breaks a line', async () => {
		expect(await loaded.page.textContent('#image-name')).toBe(displayText(hostileTag));
		expect(await loaded.page.title()).toBe(`layerlens report: ${displayText(hostileTag)}`);
		const commands = await loaded.page.$$eval('#layer-list .cmd', nodes => nodes.map(node => node.textContent));
		expect(commands).toContain(displayCommandLine(hostileCommand));
		const body = await loaded.page.evaluate<string>("document.body.innerText + document.title + [...document.querySelectorAll('[title]')].map(node => node.getAttribute('title').replaceAll('\\n', ' ')).join('')");
		expect(body.replaceAll('\n', ' ').replaceAll('\t', ' ')).not.toMatch(hidden);
	});
});
