import {spawnSync} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {writeSampleArchive} from '../sample/sample-image.js';
import {launchChromium} from './chromium.js';

/**
Screenshots of the HTML report of the bundled sample image, taken in the system Chromium: the summary with the
layers (one expanded), the treemap with a hovered file, and the waste tables.
*/
export async function takeReportScreenshots(repoRoot: string, outDir: string): Promise<string[]> {
	const work = await mkdtemp(path.join(tmpdir(), 'layerlens-report-shots-'));
	const chromium = await launchChromium();
	try {
		const sample = path.join(work, 'sample.tar');
		await writeSampleArchive(sample, work);
		const report = path.join(work, 'report.html');
		// --ci as well, so the summary shows the rules; the sample fails dive's efficiency rule (exit code 1).
		const run = spawnSync(process.execPath, [path.join(repoRoot, 'bin/layerlens.js'), '-q', '--ci', '--html', report, sample], {stdio: 'ignore', env: {...process.env, CI: ''}});
		if (run.status !== 0 && run.status !== 1) throw new Error(`layerlens --html exited with ${run.status}`);
		const context = chromium.browser.contexts()[0] ?? (await chromium.browser.newContext());
		const page = await context.newPage();
		await page.setViewportSize({width: 1200, height: 900});
		await page.goto(`file://${report}`);
		await page.waitForSelector('body[data-ready="true"]');
		const written: string[] = [];
		const shoot = async (name: string, selector: string) => {
			const file = path.join(outDir, `${name}.png`);
			await page.locator(selector).screenshot({path: file});
			written.push(file);
		};
		await page.click('.layer[data-layer="1"] .bar');
		// The header, the summary and the layers: one clip from the top of the page to the end of the layer list.
		const end = await page.locator('#layers').boundingBox();
		const summary = path.join(outDir, 'report-summary.png');
		await page.screenshot({path: summary, fullPage: true, clip: {x: 0, y: 0, width: 1200, height: Math.ceil(end!.y + end!.height)}});
		written.push(summary);
		await page.click('.layer[data-layer="1"] .bar');
		const rect = page.locator('#treemap rect.leaf').first();
		await rect.hover();
		await shoot('report-treemap', '#treemap-section');
		await page.click('#mode button[data-mode="waste"]');
		await page.locator('#treemap rect.leaf').first().hover();
		await shoot('report-treemap-waste', '#treemap-section');
		await page.mouse.move(0, 0);
		await shoot('report-waste-tables', '#waste');
		return written;
	} finally {
		await chromium.close();
		await rm(work, {recursive: true, force: true});
	}
}
