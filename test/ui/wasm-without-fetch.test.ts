import {spawnSync} from 'node:child_process';
import {readdirSync} from 'node:fs';
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {expect, test} from 'vitest';
import {repoRoot} from '../helpers/fixtures.js';

/** Loads `module` in a fresh Node and says whether Node's HTTP client (undici) loaded, and whether `fetch` is the original. */
function loadIn(module: string): {undici: boolean; sameFetch: boolean; yoga: number} {
	const script = `
		const before = globalThis.fetch;
		await import(${JSON.stringify(pathToFileURL(module).href)});
		const undici = process.moduleLoadList.some(name => name.includes('undici'));
		// Ink's layout engine works: a 7-wide node lays out 7 wide (the installed yoga; the bundle holds its own copy).
		const {default: Yoga} = await import(${JSON.stringify(pathToFileURL(path.join(repoRoot, 'node_modules/yoga-layout/dist/src/index.js')).href)});
		const node = Yoga.Node.create();
		node.setWidth(7);
		node.calculateLayout();
		console.log(JSON.stringify({undici, sameFetch: globalThis.fetch === before, yoga: node.getComputedWidth()}));`;
	const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {encoding: 'utf8', env: {...process.env, NODE_ENV: 'production'}});
	expect(run.stderr).toBe('');
	return JSON.parse(run.stdout) as {undici: boolean; sameFetch: boolean; yoga: number};
}

test('the explorer starts without loading Node\'s HTTP client for yoga\'s inlined wasm, and leaves fetch as it was', () => {
	const bundled = readdirSync(path.join(repoRoot, 'build/bundle')).find(name => /^run-explorer-.*\.js$/.test(name));
	expect(bundled).toBeDefined();
	// As built by tsc and as bundled (the bundle must keep the module order: the wrapper before Ink, restored after).
	for (const module of [path.join(repoRoot, 'build/ui/run-explorer.js'), path.join(repoRoot, 'build/bundle', bundled!)]) {
		expect(loadIn(module)).toEqual({undici: false, sameFetch: true, yoga: 7});
	}
	// What the wrapper avoids: yoga alone, with fetch there, loads undici.
	expect(loadIn(path.join(repoRoot, 'node_modules/ink/build/index.js')).undici).toBe(true);
});

test('while yoga loads, fetch refuses only data: URLs; other requests go through, and restoreFetch puts the original back', async () => {
	const original = globalThis.fetch;
	const {restoreFetch} = await import('../../src/ui/wasm-without-fetch.js');
	const server = createServer((_request, response) => response.end('through'));
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	try {
		expect(globalThis.fetch).not.toBe(original);
		await expect(fetch('data:application/octet-stream;base64,AAAA')).rejects.toThrow(TypeError);
		const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
		expect(await response.text()).toBe('through');
	} finally {
		restoreFetch();
		server.close();
	}
	expect(globalThis.fetch).toBe(original);
});
