import type {Page} from 'playwright-core';
import {launchChromium} from '../../src/screenshots/chromium.js';

export type Browser = {
	/** A fresh page that records console errors, page errors and every request that is not the file itself. */
	open(file: string, viewport?: {width: number; height: number}): Promise<LoadedPage>;
	close(): Promise<void>;
};

export type LoadedPage = {readonly page: Page; readonly errors: string[]; readonly requests: string[]};

/** The system Chromium (fresh profile, DevTools on 127.0.0.1), ended by its PID on `close`. */
export async function startBrowser(): Promise<Browser> {
	const running = await launchChromium();
	const context = running.browser.contexts()[0] ?? (await running.browser.newContext());
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
		close: () => running.close(),
	};
}
