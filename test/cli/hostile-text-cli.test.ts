import {readFileSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import path from 'node:path';
import {beforeAll, describe, expect, test} from 'vitest';
import {displayText} from '../../src/format/display-text.js';
import {hostileImage, hostileNames, hostileTag, shownPath} from '../helpers/hostile-image.js';
import {buildImageArchive, dir, file} from '../helpers/image-builder.js';
import {errorLine, runCli, type CliRun} from '../helpers/run-cli.js';
import {tempDir} from '../helpers/temp-dir.js';
import {parseWorkflowCommands} from '../ci/validators.js';
import {runTool} from '../helpers/run-tool.js';

/** Controls but the newline, bidi and zero-width characters: nothing of the kind may reach a terminal or a CI log. */
const hidden = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

const work = tempDir('layerlens-hostile-text-');
const evilFile = 'evil\u001b]0;TITLE\u0007\u001b[2J\n::error::x.tar';
let image: string;
let multi: string;
beforeAll(async () => {
	image = path.join(work, 'image.tar');
	writeFileSync(image, await buildImageArchive(hostileImage, 'docker-oci'));
	multi = path.join(work, 'multi.tar');
	const other = {tags: ['b\u001b[2J\u202eexe:2'], layers: [{createdBy: 'y', entries: [file('b', 'b')]}]};
	writeFileSync(multi, await buildImageArchive([hostileImage, other], 'docker-oci'));
	writeFileSync(path.join(work, evilFile), readFileSync(image));
});

/** The one-line error contract, with the line shown safely. */
function expectErrorLine(run: CliRun, input: string): string {
	expect(run.code, run.stderr).toBe(2);
	expect(run.stderr).not.toMatch(hidden);
	const lines = run.stderr.split('\n').filter(line => line !== '');
	expect(lines, run.stderr).toHaveLength(1);
	expect(lines[0]!.startsWith(`layerlens: ${displayText(input)}: `)).toBe(true);
	return lines[0]!;
}

describe('hostile text on the terminal and in CI logs', () => {
	test('an error quoting the archive\'s tags stays one line and holds no escape sequence', async () => {
		const line = expectErrorLine(await runCli(['-q', '--json', '-', multi]), multi);
		expect(line).toContain(displayText(hostileTag));
		const named = expectErrorLine(await runCli(['-q', '--json', '-', '--image', 'zz\u001b[2J', multi]), multi);
		expect(named).toContain('no image named zz\uFFFD[2J');
	});

	test('the input\'s own name: the progress lines and an error show it, do not obey it', async () => {
		const loaded = await runCli(['--json', path.join(work, 'out.json'), path.join(work, evilFile)]);
		expect(loaded.code, loaded.stderr).toBe(0);
		expect(loaded.stderr).not.toMatch(hidden);
		expect(loaded.stderr.split('\n').filter(Boolean).every(line => line.startsWith(`Loading ${displayText(path.join(work, evilFile))}: `))).toBe(true);
		const missing = path.join(work, 'missing\u001b]52;c;ZXZpbA==\u0007.tar');
		expectErrorLine(await runCli(['-q', '--json', '-', missing]), missing);
	});

	test('an unknown option is echoed safely', async () => {
		const run = await runCli(['--bogus\u001b[2J\n::error::x', image]);
		expect(run.code).toBe(2);
		expect(run.stderr).not.toMatch(hidden);
		expect(run.stderr.split('\n')[0]).toContain('--bogus\uFFFD[2J\uFFFD::error::x');
		const build = await runCli(['build', '--engine', 'x\u001b]0;T\u0007\n::error::y', '.']);
		expect(errorLine(build)).toBe('layerlens: build: unknown --engine x\uFFFD]0;T\uFFFD\uFFFD::error::y (docker or podman)');
		expect(build.code).toBe(2);
	});

	test('under GitHub Actions: every `::` line on stdout is one of layerlens\'s annotations; the summary renders as text', async () => {
		const summary = path.join(work, 'summary.md');
		writeFileSync(summary, '');
		writeFileSync(path.join(work, '.layerlens.yaml'), "ci:\n  deny: ['/h/*']\n");
		const run = await runCli(['--ci', image], {cwd: work, env: {CI: 'true', GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary}});
		expect(run.code, run.stderr).toBe(1);
		expect(run.stdout).not.toMatch(hidden);
		expect(run.stderr).not.toMatch(hidden);
		const commands = parseWorkflowCommands(run.stdout.split('\n').filter(line => line.startsWith('::')).join('\n'));
		expect(commands.map(command => `${command.command} ${command.properties['title']}`).sort()).toEqual(
			['error layerlens deny:/h/*', 'error layerlens highestUserWastedPercent', 'error layerlens lowestEfficiency'],
		);
		for (const name of hostileNames) expect(run.stdout).toContain(`          ${shownPath(name)}  (10 B, layer 1)\n`);
		const html = runTool('cmark-gfm', ['--unsafe', '-e', 'table', '-e', 'autolink', '-e', 'strikethrough'], readFileSync(summary));
		expect(html).not.toMatch(/<(a|img|script)\b/);
		expect(html).not.toMatch(hidden);
	});
});

test('diff: names, link targets and commands of both images are shown, never obeyed', async () => {
	const base = path.join(work, 'base.tar');
	writeFileSync(base, await buildImageArchive({tags: ['base:1'], layers: [{createdBy: 'base', entries: [dir('h'), dir('h2')]}]}, 'docker-oci'));
	const run = await runCli(['diff', '-q', base, image]);
	expect(run.code, run.stderr).toBe(0);
	expect(run.stdout).not.toMatch(hidden);
	expect(run.stdout).toContain(displayText(hostileImage.layers[0]!.createdBy).slice(0, 40));
	expect(run.stdout).toContain(`symlink → ${displayText('\u001b]8;;javascript:alert(1)\u0007</script>\u202e')}`);
	for (const name of hostileNames) expect(run.stdout).toContain(`  + ${shownPath(name).slice(0, 40)}`);
});

test('a registry\'s error body is quoted on one safe line', async () => {
	// A registry of our own on 127.0.0.1 (plain HTTP is allowed there) that answers every request with a hostile error.
	const message = 'denied\u001b]52;c;ZXZpbA==\u0007\n::error::forged\u202e';
	const server = createServer((_request, response) => {
		response.writeHead(403, {'content-type': 'application/json'});
		response.end(JSON.stringify({errors: [{code: 'DENIED\u001b[2J', message}]}));
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	try {
		const input = `registry://127.0.0.1:${(server.address() as AddressInfo).port}/repo:tag`;
		const line = expectErrorLine(await runCli(['-q', '--json', '-', input]), input);
		expect(line).toContain(displayText(`DENIED\u001b[2J: ${message}`));
	} finally {
		await new Promise(resolve => server.close(resolve));
	}
});
