import {spawn, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {Browser} from 'playwright-core';

/** Debian's chromium (`apt-get install chromium`); playwright-core only drives it, it downloads no browser. */
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

export type RunningChromium = {readonly browser: Browser; close(): Promise<void>};

/**
Starts the system Chromium with a fresh profile directory and DevTools on 127.0.0.1 (port 0: the system picks a free
one) and connects over CDP. `close` disconnects, ends the process by its PID and removes the profile.
*/
export async function launchChromium(): Promise<RunningChromium> {
	const {chromium} = await import('playwright-core');
	const profile = await mkdtemp(path.join(tmpdir(), 'layerlens-chromium-'));
	const child = spawn(
		chromiumPath,
		[...flags, `--user-data-dir=${profile}`, '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0', 'about:blank'],
		// Its own process group, so that stopping it also stops the helpers it forks (zygote, renderers, crashpad),
		// which otherwise keep writing into the profile while it is removed.
		{stdio: ['ignore', 'ignore', 'pipe'], detached: true},
	);
	const stop = async () => {
		if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
			const exited = once(child, 'exit');
			process.kill(-child.pid, 'SIGKILL');
			await exited;
		} else if (child.pid !== undefined) {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				// The group is gone already.
			}
		}
		// A helper killed with the group may still be closing a file in the profile: retry the removal briefly.
		await rm(profile, {recursive: true, force: true, maxRetries: 10, retryDelay: 100});
	};
	try {
		const browser = await chromium.connectOverCDP(await devtoolsUrl(child));
		return {
			browser,
			async close() {
				await browser.close().catch(() => {});
				await stop();
			},
		};
	} catch (error) {
		await stop();
		throw error;
	}
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
			reject(new Error(`cannot start ${chromiumPath}: ${error.message} (apt-get install chromium)`));
		});
		child.on('exit', code => {
			clearTimeout(timer);
			reject(new Error(`chromium exited with code ${code}: ${text.slice(-500)}`));
		});
	});
}
