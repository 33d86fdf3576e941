import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {writeTempImage} from '../helpers/image-builder.js';
import {errorLine, runCli} from '../helpers/run-cli.js';
import {newImage, oldImage} from '../compare/pairs.js';
import {gateReportErrors, parseJunit, parseWorkflowCommands, sarifErrors} from './validators.js';

type Temp = Awaited<ReturnType<typeof writeTempImage>>;

// The pair: old = base 30 + app 42 content bytes = 72; new = base 30 + app 5029 = 5059. Growth 4987 bytes, all in
// the one layer the baseline lacks (5029 bytes); 2 new paths (/app/newdir, /app/newdir/big.bin); no waste in either.
const off = ['--lowestEfficiency', 'disabled', '--highestUserWastedPercent', 'disabled'];

describe('baseline gate: growth rules against a saved analysis or an image', () => {
	let dir = '';
	const temps: Temp[] = [];
	let oldTar = '';
	let newTar = '';
	let saved = '';
	beforeAll(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'layerlens-baseline-'));
		const before = await writeTempImage(oldImage, 'docker-oci');
		const after = await writeTempImage(newImage, 'docker-oci');
		temps.push(before, after);
		oldTar = before.path;
		newTar = after.path;
		saved = path.join(dir, 'main.lla');
		const run = await runCli(['-q', '--save', saved, oldTar]);
		expect(run.code).toBe(0);
	});
	afterAll(async () => {
		for (const temp of temps) await temp.cleanup();
		await rm(dir, {recursive: true, force: true});
	});

	test('maxGrowth fails over an absolute budget and lists the top growing paths; the saved analysis and the image give the same verdict', async () => {
		for (const baseline of [saved, oldTar]) {
			const run = await runCli(['--ci', ...off, '--baseline', baseline, '--max-growth', '1kB', newTar]);
			expect(run.code, run.stderr).toBe(1);
			expect(run.stdout).toContain('FAIL  maxGrowth (the image changed by +5.0 kB (4987 bytes) against the baseline, over 1kB; grew most in /app/newdir +5.0 kB)');
			expect(run.stdout).toContain('/app/newdir/big.bin  (5.0 kB, layer 1)');
		}
		const pass = await runCli(['--ci', ...off, '--baseline', saved, '--max-growth', '5kB', newTar]);
		expect(pass.code).toBe(0);
		expect(pass.stdout).toContain('PASS  maxGrowth');
	});

	test('relative budgets are a percentage of the baseline', async () => {
		const fail = await runCli(['--ci', ...off, '--baseline', saved, '--max-growth', '5%', newTar]);
		expect(fail.code).toBe(1);
		expect(fail.stdout).toContain("over 5% of the baseline's 72 B, 3 B");
		const pass = await runCli(['--ci', ...off, '--baseline', saved, '--max-growth', '8000%', newTar]);
		expect(pass.code).toBe(0);
	});

	test('maxLayerGrowth, maxWastedGrowth and maxNewFiles', async () => {
		const fail = await runCli(['--ci', ...off, '--baseline', saved, '--max-layer-growth', '5kB', '--max-wasted-growth', '0', '--max-new-files', '1', newTar]);
		expect(fail.code).toBe(1);
		expect(fail.stdout).toContain('FAIL  maxLayerGrowth (the layers not in the baseline hold +5.0 kB (5029 bytes) against the baseline, over 5kB; grew most in /app/newdir +5.0 kB)');
		expect(fail.stdout).toContain('PASS  maxWastedGrowth');
		expect(fail.stdout).toContain('FAIL  maxNewFiles (2 paths not in the baseline, over 1)');
		const pass = await runCli(['--ci', ...off, '--baseline', saved, '--max-layer-growth', '6kB', '--max-new-files', '2', newTar]);
		expect(pass.code).toBe(0);
	});

	test('configured in the ci: section of .layerlens.yaml; without --baseline the rules are skipped, saying why', async () => {
		const project = await mkdtemp(path.join(dir, 'project-'));
		await writeFile(path.join(project, '.layerlens.yaml'), 'ci:\n  lowestEfficiency: disabled\n  highestUserWastedPercent: disabled\n  maxGrowth: 1kB\n');
		const fail = await runCli(['--ci', '--baseline', saved, newTar], {cwd: project});
		expect(fail.code).toBe(1);
		expect(fail.stdout).toContain('FAIL  maxGrowth');
		const skipped = await runCli(['--ci', newTar], {cwd: project});
		expect(skipped.code).toBe(0);
		expect(skipped.stdout).toContain('SKIP  maxGrowth (no baseline to compare with (give --baseline PATH))');
	});

	test('every report format carries the growth rules and passes its validator', async () => {
		const out = (name: string) => path.join(dir, name);
		const args = ['--ci', ...off, '--baseline', saved, '--max-growth', '1kB', '--max-new-files', '5', '--report', `json=${out('r.json')}`, '--report', `sarif=${out('r.sarif')}`, '--report', `junit=${out('r.xml')}`, '--report', `markdown=${out('r.md')}`, '--report', 'github', newTar];
		const run = await runCli(args);
		expect(run.code).toBe(1);
		const json = JSON.parse(await readFile(out('r.json'), 'utf8'));
		expect(gateReportErrors(json)).toEqual([]);
		const growth = json.rules.find((result: {name: string}) => result.name === 'maxGrowth');
		expect(growth).toMatchObject({status: 'fail', actual: 4987, threshold: 1000, paths: [{path: '/app/newdir/big.bin', bytes: 5000, layer: 1}], pathCount: 1});
		expect(json.rules.find((result: {name: string}) => result.name === 'maxNewFiles')).toMatchObject({status: 'pass', actual: 2});
		const sarif = JSON.parse(await readFile(out('r.sarif'), 'utf8'));
		expect(sarifErrors(sarif)).toEqual([]);
		expect(JSON.stringify(sarif)).toContain('maxGrowth');
		const junit = parseJunit(await readFile(out('r.xml'), 'utf8'));
		const cases = junit.testsuites.testsuite.flatMap(suite => suite.testcase);
		expect(cases.find(testcase => testcase.name.includes('maxGrowth'))?.failure).toBeDefined();
		expect(await readFile(out('r.md'), 'utf8')).toContain('/app/newdir/big.bin');
		const commands = parseWorkflowCommands(run.stdout);
		expect(commands.some(command => command.command === 'error' && command.properties['title'] === 'layerlens maxGrowth' && command.message.includes('/app/newdir/big.bin'))).toBe(true);
	});

	test('bad values and --baseline without --ci: one line, exit 2', async () => {
		const bad = await runCli(['--ci', '--baseline', saved, '--max-growth', 'lots', newTar]);
		expect(bad.code).toBe(2);
		expect(errorLine(bad)).toMatch(/^layerlens: --max-growth: invalid maxGrowth value, given "lots"/);
		const noCi = await runCli(['--json', '/dev/null', '--baseline', saved, newTar]);
		expect(noCi.code).toBe(2);
		expect(errorLine(noCi)).toBe('layerlens: --baseline: works with --ci (the growth rules compare with it)');
		const missing = await runCli(['--ci', ...off, '--baseline', path.join(dir, 'nope.lla'), '--max-growth', '1kB', newTar]);
		expect(missing.code).toBe(2);
		expect(errorLine(missing)).toBe(`layerlens: ${path.join(dir, 'nope.lla')}: no such file or directory`);
	});
});
