import {copyFileSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {expect, test} from 'vitest';
import {tempDir} from '../helpers/temp-dir.js';
import {describeWithFixtures, fixturePath} from '../helpers/fixtures.js';
import {runCli} from '../helpers/run-cli.js';
import {diveFixtureReport} from '../ci/dive-numbers.js';

describeWithFixtures('CI mode through the CLI', () => {
	const image = fixturePath('dive/test-docker-image.tar');
	const cwd = tempDir('layerlens-ci-');

	test('the report equals dive\'s, byte for byte, and the gate passes', async () => {
		const run = await runCli(['--ci', '--lowestEfficiency', '0.9', '--highestWastedBytes', '20MB', '--highestUserWastedPercent', '0.90', image], {cwd});
		expect(run.stdout).toBe(`${diveFixtureReport}\n`);
		expect(run.code).toBe(0);
	});

	test('dive\'s defaults fail this image on highestUserWastedPercent (exit 1); CI=true alone turns CI mode on', async () => {
		const run = await runCli([image], {cwd, env: {CI: 'true'}});
		expect(run.code).toBe(1);
		expect(run.stdout).toContain('FAIL  highestUserWastedPercent (too many bytes wasted, relative to the user bytes added (%-user-wasted-bytes=0.48 > threshold=0.1))');
		expect(run.stdout.trim().split('\n').at(-1)).toBe('FAIL [pass:1 fail:1 skip:1]');
	});

	test('./.dive-ci is found in the working directory; a flag wins over it (dive lets the file win)', async () => {
		const dir = tempDir('layerlens-diveci-');
		copyFileSync(fixturePath('dive/dive-ci.yaml'), path.join(dir, '.dive-ci'));
		// The file's rules (0.95 / 20Mb / 0.5) pass this image; with dive's defaults it would fail (see above).
		const fromFile = await runCli(['--ci', image], {cwd: dir});
		expect(fromFile.stdout).toContain('PASS  lowestEfficiency (0.95)');
		expect(fromFile.stdout).toContain('PASS  highestWastedBytes (20Mb)');
		expect(fromFile.stdout).toContain('PASS  highestUserWastedPercent (0.5)');
		expect(fromFile.code).toBe(0);
		const flagWins = await runCli(['--ci', '--lowestEfficiency', '0.99', image], {cwd: dir});
		expect(flagWins.stdout).toContain('FAIL  lowestEfficiency (image efficiency is too low (efficiency=0.98 < threshold=0.99))');
		expect(flagWins.stdout).toContain('PASS  highestWastedBytes (20Mb)');
		expect(flagWins.code).toBe(1);
	});

	test('--ci-config names another file; a missing one is an error, not silence', async () => {
		const rules = path.join(cwd, 'rules.yaml');
		writeFileSync(rules, 'rules:\n  highestWastedBytes: 1B\n  lowestEfficiency: disabled\n  highestUserWastedPercent: off\n');
		const run = await runCli(['--ci', '--ci-config', rules, image], {cwd});
		expect(run.stdout).toContain('FAIL  highestWastedBytes (too many bytes wasted (wasted-bytes=32025 > threshold=1))');
		expect(run.stdout.trim().split('\n').at(-1)).toBe('FAIL [fail:1 skip:2]');
		const missing = await runCli(['--ci', '--ci-config', path.join(cwd, 'nope.yaml'), image], {cwd});
		expect(missing.code).toBe(2);
		expect(missing.stderr).toMatch(/^layerlens: .*nope\.yaml: /m);
	});

	test('a misconfigured rule fails before the image is read, with dive\'s message', async () => {
		const run = await runCli(['--ci', '--lowestEfficiency', '1.1', path.join(cwd, 'does-not-exist.tar')], {cwd});
		expect(run.code).toBe(2);
		expect(run.stderr.trim()).toBe("layerlens: --lowestEfficiency: lowestEfficiency config value is outside allowed range (0-1), given '1.100000'");
	});

	test('--json with --ci writes the JSON and still evaluates (dive skips the rules); CI=true alone with --json does not', async () => {
		const out = path.join(cwd, 'out.json');
		const both = await runCli(['--json', out, '--ci', '--highestWastedBytes', '1B', image], {cwd});
		expect(both.code).toBe(1);
		expect(both.stdout).toContain('FAIL  highestWastedBytes');
		expect(JSON.parse(readFileSync(out, 'utf8')).image.inefficientBytes).toBe(32025);
		const envOnly = await runCli(['--json', out, image], {cwd, env: {CI: 'true'}});
		expect(envOnly.code).toBe(0);
		expect(envOnly.stdout).toBe('');
	});

	test('--quiet prints nothing; the exit code still tells', async () => {
		const run = await runCli(['--ci', '-q', image], {cwd});
		expect(run.stdout).toBe('');
		expect(run.stderr).toBe('');
		expect(run.code).toBe(1);
	});
});
