import {spawn, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {chromium, type Browser as CdpBrowser, type Page} from 'playwright-core';

/** Debian's chromium: `.ci/run` installs it when missing; nothing is downloaded by the tests. */
export const chromiumPath = process.env['LAYERLENS_CHROMIUM'] ?? '/usr/bin/chromium';

const flags = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export type Browser = {
	/** A fresh page that records console errors, page errors and every request that is not the file itself. */
	open(file: string, viewport?: {width: number; height: number}): Promise<LoadedPage>;
	close(): Promise<void>;
};

export type LoadedPage = {readonly page: Page; readonly errors: string[]; readonly requests: string[]};

/**
Starts the system Chromium with a fresh profile directory and DevTools on 127.0.0.1 (port 0: the system picks a
free one), and drives it over CDP. `close` disconnects, ends the process by its PID and removes the profile.
*/
export async function startBrowser(): Promise<Browser> {
	const profile = await mkdtemp(path.join(tmpdir(), 'layerlens-chromium-'));
	const child = spawn(
		chromiumPath,
		[...flags, `--user-data-dir=${profile}`, '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0', 'about:blank'],
		{stdio: ['ignore', 'ignore', 'pipe']},
	);
	const stop = async () => {
		if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
			const exited = once(child, 'exit');
			process.kill(child.pid, 'SIGKILL');
			await exited;
		}
		await rm(profile, {recursive: true, force: true});
	};
	let browser: CdpBrowser;
	try {
		browser = await chromium.connectOverCDP(await devtoolsUrl(child));
	} catch (error) {
		await stop();
		throw error;
	}
	const context = browser.contexts()[0] ?? (await browser.newContext());
	return {
		async open(file, viewport = {width: 1280, height: 900}) {
			const page = await context.newPage();
			await page.setViewportSize(viewport);
			const errors: string[] = [];
			const requests: string[] = [];
			const url = `file://${file}`;
			page.on('console', message => {
				if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
			});
			page.on('pageerror', error => errors.push(error.message));
			page.on('request', request => {
				if (request.url() !== url) requests.push(request.url());
			});
			await page.goto(url);
			await page.waitForSelector('body[data-ready="true"]', {timeout: 30_000});
			return {page, errors, requests};
		},
		async close() {
			await browser.close().catch(() => {});
			await stop();
		},
	};
}

/** Chromium prints `DevTools listening on ws://…` on stderr once it is ready. */
function devtoolsUrl(child: ChildProcess): Promise<string> {
	return new Promise((resolve, reject) => {
		let text = '';
		const timer = setTimeout(() => reject(new Error(`chromium did not start in 30 s: ${text.slice(-500)}`)), 30_000);
		child.stderr!.on('data', (chunk: Buffer) => {
			text += chunk.toString('utf8');
			const match = /DevTools listening on (ws:\/\/\S+)/.exec(text);
			if (match) {
				clearTimeout(timer);
				resolve(match[1]!);
			}
		});
		child.on('error', error => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('exit', code => {
			clearTimeout(timer);
			reject(new Error(`chromium exited with code ${code}: ${text.slice(-500)}`));
		});
	});
}
