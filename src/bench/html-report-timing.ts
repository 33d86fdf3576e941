import {spawnSync} from 'node:child_process';
import {mkdtemp, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {writeSampleArchive} from '../sample/sample-image.js';
import {launchChromium} from '../screenshots/chromium.js';

/**
`node build/bench/html-report-timing.js <archive> [runs]`: writes the HTML report of the archive and of the bundled
sample image, opens each in the system Chromium `runs` times, and prints the file sizes and the time from navigation
to the page's script having drawn everything (`data-ready-ms`, performance.now() in the page), median and best. The
sample's figure is the floor measured in the same run: what any page costs on this machine.
*/
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function main(): Promise<void> {
	const [archive, runsText] = process.argv.slice(2);
	if (!archive) throw new Error('usage: html-report-timing <archive> [runs]');
	const runs = Number(runsText ?? 5);
	const work = await mkdtemp(path.join(tmpdir(), 'layerlens-html-timing-'));
	const chromium = await launchChromium();
	try {
		const sample = path.join(work, 'sample.tar');
		await writeSampleArchive(sample, work);
		const context = chromium.browser.contexts()[0] ?? (await chromium.browser.newContext());
		for (const [name, image] of [['sample', sample], ['archive', archive]] as const) {
			const report = path.join(work, `${name}.html`);
			const started = Date.now();
			const run = spawnSync(process.execPath, [path.join(repoRoot, 'bin/layerlens.js'), '-q', '--html', report, image], {stdio: 'inherit'});
			if (run.status !== 0) throw new Error(`layerlens exited with ${run.status}`);
			const writeMs = Date.now() - started;
			const times: number[] = [];
			let rects = 0;
			for (let i = 0; i < runs; i++) {
				const page = await context.newPage();
				await page.setViewportSize({width: 1280, height: 900});
				await page.goto(`file://${report}`);
				await page.waitForSelector('body[data-ready="true"]', {timeout: 120_000});
				times.push(Number(await page.getAttribute('body', 'data-ready-ms')));
				rects = await page.locator('#treemap rect').count();
				await page.close();
			}
			times.sort((a, b) => a - b);
			const size = (await stat(report)).size;
			console.log(
				`${name}: ${image}\n  report ${size} bytes (${(size / 1e6).toFixed(2)} MB), written in ${writeMs} ms\n` +
					`  opened and drawn in ${times[Math.floor(times.length / 2)]} ms median, ${times[0]} ms best of ${runs}; ${rects} rectangles`,
			);
		}
	} finally {
		await chromium.close();
		await rm(work, {recursive: true, force: true});
	}
}

main().catch((error: unknown) => {
	console.error(`html-report-timing: ${error instanceof Error ? error.message : String(error)}`);
	process.exitCode = 1;
});
